"""The register's storage: one SQLAlchemy Core implementation over SQLite and PostgreSQL."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from counsel.errors import CounselError, NotFoundError, UsageError
from counsel.fsutil import UnsafePathError, ensure_private_file, private_dir
from counsel.register import migrations
from counsel.register.location import (
    DATA_DIR_ENV,
    REGISTER_FILE,
    Location,
    RegisterError,
    data_dir,
    default_register_path,
    locate,
)
from counsel.register.model import (
    Entry,
    Event,
    IssuedFile,
    answers_hash,
    answers_snapshot,
    current_host,
    current_user,
    office_snapshot,
)
from counsel.register.schema import event, issue, issued_file
from counsel.register.who import Issuer

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.register.docket import DocketItem

__all__ = [
    "DATA_DIR_ENV",
    "REGISTER_FILE",
    "SCHEMA_VERSION",
    "SOURCES",
    "Register",
    "RegisterError",
    "RegisterUnavailable",
    "data_dir",
    "default_register_path",
    "open_existing",
]

SOURCES = ("tui", "render", "batch", "verify", "test")
SCHEMA_VERSION = migrations.LATEST

# SQLite serialises writers: a writer that finds the file locked waits (busy_timeout), then
# retries the whole transaction. PostgreSQL takes concurrent writers without waiting; there a
# retry follows only a lost connection.
_BUSY_TIMEOUT_MS = 30_000
_RETRIES = 8
_RECONNECTS = 4
WAITING_DAYS = 180
"""The docket lists the deadlines waiting for an event of documents dated this many days back
(older ones are counted); a case's docket lists all of its own."""

T = TypeVar("T")


class RegisterUnavailable(CounselError):
    """The register's database cannot be reached (server down, network, credentials)."""

    exit_code = 75  # EX_TEMPFAIL: try again later

    def __init__(self, message: str, written: Sequence[str] = (), *, fix_with: str = "") -> None:
        self.reason = message
        """What went wrong, without the list of files written."""
        self.written = tuple(written)
        if self.written:
            message += (
                ". These files were written and are NOT in the register: "
                + ", ".join(self.written)
                + ". Once the register is reachable, issue them again, replacing these files "
                "(the same inputs give the same files), so they are recorded"
            )
            fix_with = fix_with or "force"
        super().__init__(message, fix_with=fix_with)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (SQLite gives -wal/-shm the same
    mode); an existing one, and its -wal/-shm, must be the user's own regular files that no
    one else may read: no symlink is followed (fsutil.ensure_private_file)."""
    ensure_private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        ensure_private_file(path.with_name(path.name + suffix), create=False)


def _is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


def _is_disconnect(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, sa_exc.OperationalError) and not _is_busy(exc)


def _sqlstate(exc: BaseException) -> str:
    return str(getattr(getattr(exc, "orig", None), "sqlstate", "") or "")


def _reason(exc: BaseException) -> str:
    """The driver's first line (libpq names the host and the cause; no answers are in it)."""
    text = str(getattr(exc, "orig", exc)).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def _sqlite_engine(location: Location) -> sa.Engine:
    engine = sa.create_engine(location.url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # counsel emits BEGIN itself (below): pysqlite's own transaction handling would
        # start a deferred transaction that a second writer cannot upgrade without failing.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a recorded issue survives a power loss too (NORMAL in WAL mode may drop the
        # last commits); one fsync per render is cheap next to writing the PDF.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # BEGIN IMMEDIATE takes the write lock up front, so two writers never both read, then
        # fail to upgrade (which SQLite reports as busy without waiting). Readers stay deferred
        # so `register list` runs while a batch writes.
        write = conn.get_execution_options().get("counsel_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Register:
    """The register of issued documents. Use `Register.open(...)`; close it (or use `with`)."""

    def __init__(self, location: Location, engine: sa.Engine) -> None:
        self.location = location
        self.path = location.path
        """The SQLite file (None for a PostgreSQL register)."""
        self._engine = engine
        self._me: Issuer | None = None

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    @classmethod
    def open(
        cls,
        target: Path | str | None = None,
        *,
        office: Office | None = None,
        upgrade: bool = True,
        check_schema: bool = True,
    ) -> Register:
        """Open the register: `target` (a path, or a postgresql:// URL), else the office
        profile's `register_url`, else its `register_path`, else the user data directory.

        A SQLite file and its folder are created owner-only (0600, 0700: the answers snapshots
        are private data) and upgraded in place to the current schema. A PostgreSQL register
        is created or upgraded only if the role may (its owner); otherwise the error names
        `counsel register upgrade` for the office's database administrator. `upgrade=False`
        refuses an outdated schema; `check_schema=False` leaves it to the caller (`upgrade`).
        """
        location = locate(target, office)
        if location.kind == "sqlite":
            assert location.path is not None
            _prepare_file(location.path, default=target is None or not str(target).strip())
            engine = _sqlite_engine(location)
        else:
            engine = sa.create_engine(location.url)
        reg = cls(location, engine)
        try:
            if check_schema:
                reg._ensure_schema(upgrade)
        except BaseException:
            engine.dispose()
            raise
        return reg

    # -- schema --------------------------------------------------------------------------

    def _ensure_schema(self, upgrade: bool) -> None:
        if self.location.kind == "sqlite":
            # WAL lets readers (`register list`) run while a batch is writing; it persists in
            # the file, and switching needs no transaction.
            def wal() -> None:
                with self._engine.connect() as conn:
                    # On the driver's connection: SQLAlchemy would begin a transaction first.
                    raw = conn.connection.driver_connection
                    assert raw is not None
                    raw.execute("PRAGMA journal_mode = WAL").fetchone()

            self._guard(lambda: self._retry(wal))
        version = self._guard(lambda: self._read(migrations.current_version))
        if version > migrations.LATEST:
            raise RegisterError(
                f"{self.location.display} was written by a newer counsel (schema version "
                f"{version}; this one knows up to {migrations.LATEST}): upgrade counsel"
            )
        if version == migrations.LATEST:
            return
        if not upgrade:
            raise RegisterError(self._needs_upgrade(version))
        try:
            self._guard(lambda: self._write(migrations.upgrade))
        except sa_exc.ProgrammingError as exc:
            if _sqlstate(exc) == "42501":  # insufficient_privilege
                raise RegisterError(self._needs_upgrade(version)) from None
            raise

    def _needs_upgrade(self, version: int) -> str:
        state = "has no counsel tables yet" if version == 0 else f"is at schema version {version}"
        return (
            f"{self.location.display} {state}, and this counsel needs version "
            f"{migrations.LATEST}; its owner runs `counsel register upgrade --register "
            f"{self.location.display}` (the office's database administrator: see SECURITY.md)"
        )

    def upgrade(self) -> tuple[int, int]:
        """Bring the schema to the latest version (as its owner); (before, after)."""
        result: tuple[int, int] = self._guard(lambda: self._write(migrations.upgrade))
        return result

    def schema_version(self) -> int:
        version: int = self._guard(lambda: self._read(migrations.current_version))
        return version

    # -- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self, work: Callable[[sa.Connection], T]) -> T:
        with self._engine.connect() as conn, conn.begin():
            return work(conn)

    def _write(self, work: Callable[[sa.Connection], T]) -> T:
        with self._engine.connect() as conn:
            conn = conn.execution_options(counsel_write=True)
            with conn.begin():
                return work(conn)

    def _retry(self, work: Callable[[], T]) -> T:
        """Run `work` again while SQLite reports the database locked (other writers)."""
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                return work()
            except (sa_exc.OperationalError, sqlite3.OperationalError) as exc:
                if not _is_busy(exc) or attempt == _RETRIES - 1:
                    raise
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")

    def _guard(self, work: Callable[[], T]) -> T:
        """Translate a database failure into the error a user can act on."""
        try:
            return work()
        except sqlite3.DatabaseError as exc:  # from the driver's connection (journal mode)
            raise RegisterError(
                f"{self.location.display} is not a counsel register ({_reason(exc)}); give "
                "another path"
            ) from None
        except sa_exc.DBAPIError as exc:
            if self.location.kind == "sqlite":
                if isinstance(exc, sa_exc.OperationalError):
                    raise RegisterError(
                        f"cannot use {self.location.display} ({_reason(exc)}); check the "
                        "file's and folder's permissions or give another path"
                    ) from None
                raise RegisterError(
                    f"{self.location.display} is not a counsel register ({_reason(exc)}); "
                    "give another path"
                ) from None
            if _sqlstate(exc) == "42501":
                raise
            if _is_disconnect(exc):
                raise RegisterUnavailable(
                    f"the register: cannot reach {self.location.display} ({_reason(exc)}); check "
                    "that the server is up and reachable, and the credentials (PGPASSWORD, "
                    "~/.pgpass or the libpq service file)"
                ) from None
            raise

    def _idempotent_write(
        self, uid: str, table: sa.Table, work: Callable[[sa.Connection], T]
    ) -> T | int:
        """Run a write that inserts a row carrying `uid`; on a lost connection, look the uid
        up (the commit may have reached the server) before trying again, so a row is never
        recorded twice nor half."""
        last: BaseException | None = None
        for attempt in range(_RECONNECTS):
            try:
                return self._retry(lambda: self._write(work))
            except sa_exc.DBAPIError as exc:
                if self.location.kind == "sqlite" or not _is_disconnect(exc):
                    raise
                last = exc
            time.sleep(0.2 * 2**attempt)
            try:
                found = self._read(
                    lambda c: c.execute(sa.select(table.c.id).where(table.c.uid == uid)).scalar()
                )
            except sa_exc.DBAPIError as exc:
                last = exc
                continue
            if found is not None:
                return int(found)
        assert last is not None
        raise RegisterUnavailable(
            f"the register: the connection to {self.location.display} was lost and could not be "
            f"restored ({_reason(last)}); nothing was recorded (a transaction the server did "
            "not commit leaves no row)"
        )

    # -- issues ----------------------------------------------------------------------------

    def record(
        self,
        *,
        interview: str,
        answers: Mapping[str, Any],
        files: Sequence[IssuedFile],
        statute_snapshot: str,
        on: dt.date,
        case_number: str = "",
        source: str = "render",
        office: Office | None = None,
        user_name: str | None = None,
        issued_at: dt.datetime | None = None,
    ) -> int:
        """Append one render to the register, with the deadlines its documents start; return
        its id.

        `answers` are the typed answers the documents were rendered from (dates, Decimals,
        lists of dicts); they are stored as a snapshot so `verify` can re-render.
        """
        from counsel.register.docket import plan_rows

        if source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)}")
        when = (issued_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        snapshot = answers_snapshot(answers)
        uid = uuid.uuid4().hex
        row = {
            "issued_at": when,
            "source": source,
            "interview": interview,
            "case_number": case_number,
            "user_name": user_name if user_name is not None else current_user(),
            "document_date": on,
            "statute_snapshot": statute_snapshot,
            "answers_hash": answers_hash(answers),
            "answers_json": json.dumps(snapshot, sort_keys=True),
            "office_json": json.dumps(office_snapshot(office), sort_keys=True),
            "db_role": "",
            "host": current_host(),
            "uid": uid,
        }
        file_rows = [
            {
                "position": i,
                "document": f.document,
                "template": f.template,
                "template_hash": f.template_hash,
                "format": f.format,
                "path": f.path,
                "sha256": f.sha256,
            }
            for i, f in enumerate(files)
        ]
        # Computed before the transaction: the docket's rules read the statute store.
        clocks = plan_rows(interview, [f.document for f in files], snapshot, case_number, ())

        def write(conn: sa.Connection) -> int:
            issue_id = _new_id(conn.execute(sa.insert(issue).values(row)))
            if file_rows:
                conn.execute(
                    sa.insert(issued_file), [dict(r, issue_id=issue_id) for r in file_rows]
                )
            from counsel.register.docket import insert_clocks

            insert_clocks(conn, issue_id, 0, clocks)
            return issue_id

        return int(self._guard(lambda: self._idempotent_write(uid, issue, write)))

    def list(self, case: str | None = None, since: dt.date | None = None) -> list[Entry]:
        """Entries oldest first, optionally only one case number and/or on or after a UTC date."""
        query = sa.select(issue).order_by(issue.c.id)
        if case is not None:
            query = query.where(_may_be_case(case))
        if since is not None:
            query = query.where(issue.c.issued_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
        entries = self._guard(lambda: self._read(lambda c: _entries(c, query)))
        if case is None:
            return entries
        return [e for e in entries if has_case(e.case_number, e.answers, case)]

    def latest(self, limit: int, *, mine: bool = False) -> builtins.list[Entry]:
        """The newest entry of each case (by the row's case number; a row without one stands
        alone), newest first, at most `limit`: what a screen listing recent cases reads.
        `mine`: only the documents the person asking issued (`me`), each case's newest of
        those.

        Read from the newest row back, each checked against the case-number index for a
        newer row of its case, so the cost follows `limit`, not the register's size (a
        county's shared register holds years of documents); `mine` reads the issuer index
        (schema version 4) the same way."""
        newer = issue.alias("newer")
        probe = [
            newer.c.case_number == issue.c.case_number,
            newer.c.id > issue.c.id,
            issue.c.case_number != "",
        ]
        query = sa.select(issue)
        if mine:
            me = self.me()
            probe.append(_issuer_column(newer, me) == me.name)
            query = query.where(_issuer_column(issue, me) == me.name)
        superseded = sa.select(newer.c.id).where(*probe).exists()
        query = query.where(~superseded).order_by(issue.c.id.desc()).limit(limit)
        return self._guard(lambda: self._read(lambda c: _entries(c, query)))

    # -- who ---------------------------------------------------------------------------------

    def me(self) -> Issuer:
        """The person asking, as this register tells issuers apart (counsel/register/who.py):
        on PostgreSQL the database role logged in (session_user, what the server stamps on
        each row), on SQLite the OS user."""
        if self._me is None:
            if self.location.kind == "sqlite":
                self._me = Issuer("user", current_user())
            else:
                query = sa.select(sa.func.session_user())
                role = self._guard(lambda: self._read(lambda c: c.execute(query).scalar_one()))
                self._me = Issuer("role", str(role))
        return self._me

    def others_issued(self) -> bool:
        """True when the register holds documents someone else issued (a shared register):
        then "mine" and "the whole register" differ. The first and last key of the issuer
        index, so it costs two index probes whatever the register's size."""
        me = self.me()
        column = _issuer_column(issue, me)
        query = sa.select(
            sa.select(sa.func.min(column)).scalar_subquery(),
            sa.select(sa.func.max(column)).scalar_subquery(),
        )
        low, high = self._guard(lambda: self._read(lambda c: c.execute(query).one()))
        return low is not None and (low != me.name or high != me.name)

    def get(self, entry_id: int) -> Entry:
        """One entry by id; NotFoundError if there is none."""
        query = sa.select(issue).where(issue.c.id == entry_id)
        found = self._guard(lambda: self._read(lambda c: _entries(c, query)))
        if not found:
            raise NotFoundError(
                f"the register: no entry with id {entry_id} in {self.location.display}; "
                "run `counsel register list` to see the ids"
            )
        return found[0]

    def count(self) -> int:
        query = sa.select(sa.func.count()).select_from(issue)
        return int(self._guard(lambda: self._read(lambda c: c.execute(query).scalar_one())))

    # -- events ----------------------------------------------------------------------------

    def add_event(
        self,
        entry_id: int,
        kind: str,
        on: dt.date,
        *,
        voids: int | None = None,
        user_name: str | None = None,
        recorded_at: dt.datetime | None = None,
    ) -> Event:
        """Record what happened to an issued document, and recompute its deadlines.

        `kind` is one of `counsel.rules.docket.EVENT_KINDS`; `voids` withdraws an earlier
        event of the same entry recorded in error (the register is append-only: nothing is
        rewritten). The deadlines are recomputed from every event still standing and stored
        as a new generation in the same transaction.
        """
        from counsel.register.docket import recompute
        from counsel.rules.docket import EVENT_KINDS

        if voids is None and kind not in EVENT_KINDS:
            raise UsageError(f"event kind: must be one of {', '.join(EVENT_KINDS)}")
        kind = "voided" if voids is not None else kind
        when = (recorded_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        uid = uuid.uuid4().hex
        row = {
            "uid": uid,
            "issue_id": entry_id,
            "kind": kind,
            "event_date": on,
            "recorded_at": when,
            "user_name": user_name if user_name is not None else current_user(),
            "db_role": "",
            "host": current_host(),
            "voids": voids,
        }

        def write(conn: sa.Connection) -> int:
            lock_entry(conn, entry_id)
            if conn.execute(sa.select(issue.c.id).where(issue.c.id == entry_id)).first() is None:
                raise NotFoundError(
                    f"the register: no entry with id {entry_id} in {self.location.display}; "
                    "run `counsel register list` to see the ids"
                )
            if voids is not None:
                target = conn.execute(
                    sa.select(event.c.issue_id, event.c.kind).where(event.c.id == voids)
                ).first()
                if target is None or target.issue_id != entry_id or target.kind == "voided":
                    raise UsageError(
                        f"event {voids} is not a standing event of entry {entry_id}; see "
                        f"`counsel register show {entry_id}` for its events"
                    )
            event_id = _new_id(conn.execute(sa.insert(event).values(row)))
            recompute(conn, entry_id)
            return event_id

        event_id = int(self._guard(lambda: self._idempotent_write(uid, event, write)))
        return next(e for e in self.events(entry_id) if e.id == event_id)

    def events(self, entry_id: int) -> builtins.list[Event]:
        """The entry's events in the order they were recorded (voided ones included)."""
        query = sa.select(event).where(event.c.issue_id == entry_id).order_by(event.c.id)

        def read(conn: sa.Connection) -> builtins.list[Event]:
            return [
                Event(
                    id=r.id,
                    issue_id=r.issue_id,
                    kind=r.kind,
                    date=r.event_date,
                    recorded_at=r.recorded_at,
                    user_name=r.user_name,
                    db_role=r.db_role,
                    host=r.host,
                    voids=r.voids,
                )
                for r in conn.execute(query)
            ]

        return self._guard(lambda: self._read(read))

    # -- the docket --------------------------------------------------------------------------

    def docket(
        self,
        today: dt.date,
        *,
        within: int = 14,
        past: int = 30,
        case: str | None = None,
        entry: int | None = None,
        closures: Mapping[dt.date, str] | None = None,
        waiting: int | None = WAITING_DAYS,
        mine: bool = False,
    ) -> builtins.list[DocketItem]:
        """Running deadlines whose last day is within `past` days before `today` to `within`
        days after it, counted with the office's `closures`, and the deadlines waiting for an
        event of documents dated in the last `waiting` days (None, or a case or entry given:
        all of them); overdue first (see counsel.register.docket). `mine`: only those of
        documents the person asking issued (`me`)."""
        from counsel.register.docket import docket_rows, items, reach_back

        hi = today + dt.timedelta(days=within)
        lo = reach_back(today - dt.timedelta(days=past), closures or {})
        since = None
        if waiting is not None and case is None and entry is None:
            since = today - dt.timedelta(days=waiting)
        issuer = self.me() if mine else None
        rows = self._guard(
            lambda: self._read(lambda c: docket_rows(c, lo, hi, case, entry, since, issuer))
        )
        return items(rows, today, within, past, closures or {})

    def waiting_before(self, day: dt.date, *, mine: bool = False) -> int:
        """Documents dated before `day` with a deadline still waiting for an event (`mine`:
        of those the person asking issued)."""
        from counsel.register.docket import waiting_before

        issuer = self.me() if mine else None
        count: int = self._guard(lambda: self._read(lambda c: waiting_before(c, day, issuer)))
        return count

    def clocks(self, entry_id: int) -> builtins.list[Any]:
        """The entry's stored deadline rows of the current generation (every state)."""
        from counsel.register.docket import current_clocks

        return self._guard(lambda: self._read(lambda c: current_clocks(c, entry_id)))

    def rebuild_docket(self) -> int:
        """Recompute every entry's deadlines with this counsel's rules (after the rules or the
        statute store's periods change); returns the number of entries."""
        from counsel.register.docket import rebuild

        count: int = self._guard(lambda: self._retry(lambda: self._write(rebuild)))
        return count


# PostgreSQL advisory locks (SQLite's BEGIN IMMEDIATE already serialises every writer): two
# specialists recording events on one document take turns, so each new generation of its
# deadlines sees every event before it; a docket rebuild takes every document at once.
_ENTRY_LOCK = 1
_ALL_ENTRIES_LOCK = 2


def lock_entry(conn: sa.Connection, entry_id: int) -> None:
    if conn.dialect.name == "postgresql":
        shared = sa.text("SELECT pg_advisory_xact_lock_shared(:a, 0)")
        conn.execute(shared, {"a": _ALL_ENTRIES_LOCK})
        lock = sa.text("SELECT pg_advisory_xact_lock(:a, :k)")
        conn.execute(lock, {"a": _ENTRY_LOCK, "k": entry_id % 2**31})


def lock_all_entries(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:a, 0)"), {"a": _ALL_ENTRIES_LOCK})


def _issuer_column(table: sa.FromClause, me: Issuer) -> sa.ColumnElement[str]:
    column: sa.ColumnElement[str] = table.c.db_role if me.by == "role" else table.c.user_name
    return column


def _may_be_case(case: str) -> sa.ColumnElement[bool]:
    # A case is found by either of its numbers: rows name it by one (the IV-D number first,
    # counsel.case.case_identifier; rows before that, the court number first), and the
    # answers snapshot holds both. The text search narrows; has_case decides.
    return (issue.c.case_number == case) | issue.c.answers_json.contains(
        json.dumps(case), autoescape=True
    )


def has_case(case_number: str, answers: Mapping[str, Any], case: str) -> bool:
    from counsel.case.identity import case_numbers

    return case_number == case or case in case_numbers(answers)


def _new_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def open_existing(
    target: Path | str | None = None, *, office: Office | None = None
) -> Register | None:
    """The register to read, or None when it is a SQLite file that does not exist yet (a
    screen that only lists never creates one). A PostgreSQL register is always opened."""
    location = locate(target, office)
    if location.kind == "sqlite" and location.path is not None and not location.path.exists():
        return None
    return Register.open(target, office=office)


def _prepare_file(target: Path, *, default: bool) -> None:
    try:
        if default and target.parent == data_dir():
            private_dir(target.parent)
    except UnsafePathError as exc:
        raise RegisterError(str(exc)) from None
    if target.is_dir():
        raise RegisterError(f"{target} is a folder; give a file path ending .sqlite3")
    try:
        if not target.parent.exists():
            private_dir(target.parent)
        _create_private(target)
    except UnsafePathError as exc:  # a symlink, another user's file, one others may read
        raise RegisterError(str(exc)) from None
    except OSError as exc:
        raise RegisterError(
            f"cannot create {target} ({exc.strerror}); check the folder's permissions or give "
            "another path"
        ) from None


def _entries(conn: sa.Connection, query: sa.Select[Any]) -> builtins.list[Entry]:
    rows = conn.execute(query).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    files: dict[int, builtins.list[IssuedFile]] = {i: [] for i in ids}
    # In chunks: SQLite allows 32766 parameters a statement, PostgreSQL 65535.
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        for f in conn.execute(
            sa.select(issued_file)
            .where(issued_file.c.issue_id.in_(chunk))
            .order_by(issued_file.c.issue_id, issued_file.c.position)
        ):
            files[f.issue_id].append(
                IssuedFile(
                    document=f.document,
                    template=f.template,
                    template_hash=f.template_hash,
                    format=f.format,
                    path=f.path,
                    sha256=f.sha256,
                )
            )
    return [
        Entry(
            id=row.id,
            issued_at=row.issued_at,
            source=row.source,
            interview=row.interview,
            case_number=row.case_number,
            user_name=row.user_name,
            document_date=row.document_date,
            statute_snapshot=row.statute_snapshot,
            answers_hash=row.answers_hash,
            answers=json.loads(row.answers_json),
            office=json.loads(row.office_json),
            files=tuple(files[row.id]),
            db_role=row.db_role,
            host=row.host,
        )
        for row in rows
    ]
