"""Where the register lives and how rows are stored: an append-only SQLite log, for audit."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from counsel.errors import NotFoundError, UsageError
from counsel.fsutil import UnsafePathError, ensure_private_file, private_dir
from counsel.register.model import (
    Entry,
    IssuedFile,
    answers_hash,
    answers_snapshot,
    current_user,
    office_snapshot,
)

if TYPE_CHECKING:
    from counsel.office import Office

DATA_DIR_ENV = "COUNSEL_DATA_DIR"
"""Overrides the user data directory (tests, and the TUI's drafts use the same variable)."""
REGISTER_FILE = "register.sqlite3"
SOURCES = ("tui", "render", "batch", "verify", "test")
SCHEMA_VERSION = 1

# Two batch processes may append at once: SQLite serialises writers, and a writer that finds
# the database locked waits (busy_timeout) and then retries the whole transaction.
_BUSY_TIMEOUT_MS = 30_000
_RETRIES = 8

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issued_at TEXT NOT NULL,           -- UTC, ISO 8601
    source TEXT NOT NULL,              -- tui | render | batch | ...
    interview TEXT NOT NULL,
    case_number TEXT NOT NULL,
    user_name TEXT NOT NULL,
    document_date TEXT NOT NULL,       -- the as-of date the documents were rendered for
    statute_snapshot TEXT NOT NULL,
    answers_hash TEXT NOT NULL,
    answers_json TEXT NOT NULL,        -- answers snapshot (private data) so verify can re-render
    office_json TEXT NOT NULL          -- office profile snapshot, same reason
);
CREATE INDEX IF NOT EXISTS issue_case ON issue (case_number);
CREATE INDEX IF NOT EXISTS issue_when ON issue (issued_at);
CREATE TABLE IF NOT EXISTS issued_file (
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    position INTEGER NOT NULL,
    document TEXT NOT NULL,            -- the document's output stem (documents.toml name)
    template TEXT NOT NULL,            -- template file name
    template_hash TEXT NOT NULL,
    format TEXT NOT NULL,              -- pdf | docx | ...
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (issue_id, position)
);
"""


def data_dir() -> Path:
    """The user data directory (COUNSEL_DATA_DIR overrides it), not yet created."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("counsel", appauthor=False))


def default_register_path(office: Office | None = None) -> Path:
    """Where the register lives: the office profile's `register_path`, else the data dir."""
    if office is not None and office.register_path.strip():
        return Path(office.register_path.strip()).expanduser()
    return data_dir() / REGISTER_FILE


class RegisterError(UsageError):
    """The register cannot be opened or used at its path; the message says why and the fix.
    The CLI adds the `--register` flag, the TUI its own words."""


def _has_case(entry: Entry, case: str) -> bool:
    from counsel.case.identity import case_numbers

    return entry.case_number == case or case in case_numbers(entry.answers)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (SQLite gives -wal/-shm the same
    mode); an existing one, and its -wal/-shm, must be the user's own regular files that no
    one else may read: no symlink is followed (fsutil.ensure_private_file)."""
    ensure_private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        ensure_private_file(path.with_name(path.name + suffix), create=False)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class Register:
    """The register database. Use `Register.open(path)`; close it (or use `with`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    @classmethod
    def open(cls, path: Path | str | None = None, *, office: Office | None = None) -> Register:
        """Open (creating if needed) the register at `path`, else the default location.

        A new default data folder is created 0700; the database file is created 0600 (it
        holds the answers snapshots, which are private data).
        """
        if path is None or str(path).strip() == "":
            target = default_register_path(office)
            if target.parent == data_dir():
                try:
                    private_dir(target.parent)
                except UnsafePathError as exc:
                    raise RegisterError(str(exc)) from None
        else:
            target = Path(path).expanduser()
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
                f"cannot create {target} ({exc.strerror}); check the folder's "
                "permissions or give another path"
            ) from None
        try:
            conn = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise RegisterError(f"cannot open {target} ({exc})") from None
        reg = cls(target, conn)
        try:
            reg._setup()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise RegisterError(
                f"cannot use {target} ({exc}); check the file's and folder's "
                "permissions or give another path"
            ) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise RegisterError(
                f"{target} is not a counsel register ({exc}); give another path"
            ) from None
        return reg

    def _setup(self) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # WAL lets readers (`register list`) run while a batch is writing; it persists in the file.
        self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a recorded issue survives a power loss too (NORMAL in WAL mode may drop the
        # last commits); one fsync per render is cheap next to writing the PDF.
        conn.execute("PRAGMA synchronous = FULL")

        def create() -> None:
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )

        self._retry(create)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock up front, so two writers never both read,
        # then fail to upgrade (which SQLite reports as busy without waiting).
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _retry(self, work: Any) -> Any:
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == _RETRIES - 1:
                    raise
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")

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
        """Append one render to the register and return its id.

        `answers` are the typed answers the documents were rendered from (dates, Decimals,
        lists of dicts); they are stored as a snapshot so `verify` can re-render.
        """
        if source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)}")
        when = (issued_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        snapshot = json.dumps(answers_snapshot(answers), sort_keys=True)
        row = (
            when.isoformat(timespec="microseconds"),
            source,
            interview,
            case_number,
            user_name if user_name is not None else current_user(),
            on.isoformat(),
            statute_snapshot,
            answers_hash(answers),
            snapshot,
            json.dumps(office_snapshot(office), sort_keys=True),
        )

        def write() -> int:
            with self._transaction():
                cur = self._conn.execute(
                    "INSERT INTO issue (issued_at, source, interview, case_number, user_name,"
                    " document_date, statute_snapshot, answers_hash, answers_json, office_json)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                issue_id = cur.lastrowid
                assert issue_id is not None
                self._conn.executemany(
                    "INSERT INTO issued_file (issue_id, position, document, template,"
                    " template_hash, format, path, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            issue_id,
                            i,
                            f.document,
                            f.template,
                            f.template_hash,
                            f.format,
                            f.path,
                            f.sha256,
                        )
                        for i, f in enumerate(files)
                    ],
                )
            return int(issue_id)

        result: int = self._retry(write)
        return result

    def list(self, case: str | None = None, since: dt.date | None = None) -> list[Entry]:
        """Entries oldest first, optionally only one case number and/or on or after a UTC date."""
        where: list[str] = []
        params: list[str] = []
        if case is not None:
            # A case is found by either of its numbers: rows name it by one (the IV-D number
            # first, counsel.case.case_identifier; rows before that, the court number first),
            # and the answers snapshot holds both. instr() narrows; _has_case decides.
            where.append("(case_number = ? OR instr(answers_json, ?) > 0)")
            params += [case, json.dumps(case)]
        if since is not None:
            where.append("issued_at >= ?")
            params.append(dt.datetime.combine(since, dt.time(), dt.UTC).isoformat())
        sql = "SELECT * FROM issue"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        entries = self._entries(sql, params)
        if case is None:
            return entries
        return [e for e in entries if _has_case(e, case)]

    def get(self, entry_id: int) -> Entry:
        """One entry by id; NotFoundError if there is none."""
        found = self._entries("SELECT * FROM issue WHERE id = ?", [entry_id])
        if not found:
            raise NotFoundError(
                f"register: no entry with id {entry_id} in {self.path}; "
                "run `counsel register list` to see the ids"
            )
        return found[0]

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM issue").fetchone()[0])

    def _entries(self, sql: str, params: Sequence[Any]) -> builtins.list[Entry]:
        self._conn.row_factory = sqlite3.Row
        try:
            rows = self._conn.execute(sql, params).fetchall()
            if not rows:
                return []
            ids = [row["id"] for row in rows]
            marks = ",".join("?" * len(ids))
            files: dict[int, builtins.list[IssuedFile]] = {i: [] for i in ids}
            for f in self._conn.execute(
                f"SELECT * FROM issued_file WHERE issue_id IN ({marks})"
                " ORDER BY issue_id, position",
                ids,
            ):
                files[f["issue_id"]].append(
                    IssuedFile(
                        document=f["document"],
                        template=f["template"],
                        template_hash=f["template_hash"],
                        format=f["format"],
                        path=f["path"],
                        sha256=f["sha256"],
                    )
                )
        finally:
            self._conn.row_factory = None
        return [
            Entry(
                id=row["id"],
                issued_at=dt.datetime.fromisoformat(row["issued_at"]),
                source=row["source"],
                interview=row["interview"],
                case_number=row["case_number"],
                user_name=row["user_name"],
                document_date=dt.date.fromisoformat(row["document_date"]),
                statute_snapshot=row["statute_snapshot"],
                answers_hash=row["answers_hash"],
                answers=json.loads(row["answers_json"]),
                office=json.loads(row["office_json"]),
                files=tuple(files[row["id"]]),
            )
            for row in rows
        ]
