"""The register of issued documents: an append-only SQLite log of every render, for audit."""

from __future__ import annotations

import builtins
import datetime as dt
import getpass
import hashlib
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from counsel.errors import NotFoundError, UsageError
from counsel.fsutil import FILE_MODE, private_dir

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
    document TEXT NOT NULL,            -- document id from the templates manifest
    template TEXT NOT NULL,            -- template file name
    template_hash TEXT NOT NULL,
    format TEXT NOT NULL,              -- pdf | docx | ...
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (issue_id, position)
);
"""


@dataclass(frozen=True)
class IssuedFile:
    """One output file of a render, with the template that produced it."""

    document: str
    """Document id (the templates manifest's name for it)."""
    template: str
    """Template file name, e.g. "administrative_order.html.j2"."""
    template_hash: str
    """sha256 of the template source when it was rendered."""
    format: str
    """Output format: "pdf", "docx", ..."""
    path: str
    """Where the file was written (absolute)."""
    sha256: str
    """sha256 of the file's bytes."""

    def to_json(self) -> dict[str, str]:
        return {
            "document": self.document,
            "template": self.template,
            "template_hash": self.template_hash,
            "format": self.format,
            "path": self.path,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class Entry:
    """One row of the register: a render of one interview's documents."""

    id: int
    issued_at: dt.datetime
    """When the documents were recorded (UTC, timezone-aware)."""
    source: str
    """Which front end rendered them: "tui", "render", "batch"."""
    interview: str
    case_number: str
    user_name: str
    """The operating-system user of the session that rendered them."""
    document_date: dt.date
    """The as-of date the documents were rendered for (statute versions, deadlines)."""
    statute_snapshot: str
    answers_hash: str
    answers: dict[str, Any]
    """Answers snapshot (JSON-native: dates and money as strings); private data."""
    office: dict[str, Any]
    """Office profile snapshot, in the office TOML's shape."""
    files: tuple[IssuedFile, ...]

    def summary(self) -> dict[str, Any]:
        """The entry without the private answers snapshot (for lists and JSON output)."""
        return {
            "id": self.id,
            "issued_at": self.issued_at.isoformat(),
            "source": self.source,
            "interview": self.interview,
            "case_number": self.case_number,
            "user_name": self.user_name,
            "document_date": self.document_date.isoformat(),
            "statute_snapshot": self.statute_snapshot,
            "answers_hash": self.answers_hash,
            "files": [f.to_json() for f in self.files],
        }


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


def answers_snapshot(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as JSON-native values (dates ISO, money as strings) that validate() accepts."""
    loaded: dict[str, Any] = json.loads(json.dumps(dict(answers), default=_json_default))
    return loaded


def answers_hash(answers: Mapping[str, Any]) -> str:
    """sha256 of the answers in canonical form: the same hash the renderer's provenance holds."""
    from counsel.render.provenance import answers_hash as provenance_hash

    return provenance_hash(answers)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def office_snapshot(office: Office | None) -> dict[str, Any]:
    """The office profile as a dict `counsel.office.parse_office` reads back."""
    if office is None:
        return {}
    data: dict[str, Any] = {
        "county": office.county,
        "circuit": office.circuit,
        "state_attorney": office.state_attorney,
        "office_name": office.office_name,
        "address": list(office.address),
        "phone": office.phone,
        "email": office.email,
        "attorneys": [
            {"name": a.name, "email": a.email, "phone": a.phone, "ardc": a.ardc, "title": a.title}
            for a in office.attorneys
        ],
        "closures": [{"date": c.date.isoformat(), "name": c.name} for c in office.closures],
        "older_child_age": office.older_child_age,
        "register_path": office.register_path,
    }
    if office.review_date is not None:
        data["review_date"] = office.review_date.isoformat()
    return data


def office_from_snapshot(data: Mapping[str, Any]) -> Office:
    """Rebuild the office profile recorded with an entry (dates were stored as ISO text)."""
    from counsel.office import parse_office

    raw = dict(data)
    raw["closures"] = [
        {"date": dt.date.fromisoformat(c["date"]), "name": c["name"]}
        for c in raw.get("closures", [])
    ]
    if "review_date" in raw:
        raw["review_date"] = dt.date.fromisoformat(raw["review_date"])
    return parse_office(raw, "recorded office profile")


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


def case_number_of(answers: Mapping[str, Any]) -> str:
    """The case number a register row is filed under: the court's, else the IV-D number."""
    for key in ("court_case_number", "iv_d_case_number", "case_number"):
        value = answers.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (containers without a passwd entry)
        return f"uid-{os.getuid()}"


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it; SQLite gives -wal/-shm the same."""
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return  # another process created it first
    os.close(fd)


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
                private_dir(target.parent)
        else:
            target = Path(path).expanduser()
        if target.is_dir():
            raise UsageError(f"--register: {target} is a folder; give a file path ending .sqlite3")
        try:
            if not target.parent.exists():
                private_dir(target.parent)
            _create_private(target)
        except OSError as exc:
            raise UsageError(
                f"--register: cannot create {target} ({exc.strerror}); check the folder's "
                "permissions or give another path"
            ) from None
        try:
            conn = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise UsageError(f"--register: cannot open {target} ({exc})") from None
        reg = cls(target, conn)
        try:
            reg._setup()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise UsageError(
                f"--register: cannot use {target} ({exc}); check the file's and folder's "
                "permissions or give another path"
            ) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise UsageError(
                f"--register: {target} is not a counsel register ({exc}); give another path"
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
            where.append("case_number = ?")
            params.append(case)
        if since is not None:
            where.append("issued_at >= ?")
            params.append(dt.datetime.combine(since, dt.time(), dt.UTC).isoformat())
        sql = "SELECT * FROM issue"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return self._entries(sql, params)

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


# -- the one call render, batch and the TUI make after writing files --------------------------


def issued_files(result: Any) -> list[IssuedFile]:
    """The PDF/DOCX files of a `counsel.render.RenderResult`, hashed, for `Register.record`."""
    by_name = {Path(p).name: Path(p) for p in result.paths}
    files: list[IssuedFile] = []
    for built in result.documents:
        for fmt in ("pdf", "docx"):
            path = by_name.get(f"{built.stem}.{fmt}")
            if path is None:
                continue
            files.append(
                IssuedFile(
                    document=built.stem,
                    template=built.provenance.template_id,
                    template_hash=built.provenance.template_hash,
                    format=fmt,
                    path=str(path.resolve()),
                    sha256=file_sha256(path),
                )
            )
    return files


def record_render(
    result: Any,
    *,
    interview: str,
    answers: Mapping[str, Any],
    office: Office,
    on: dt.date,
    source: str = "render",
    register_path: Path | str | None = None,
) -> int:
    """Append a render (a `RenderResult`) to the register and return the entry id.

    `register_path` None means the office profile's register, else the user data directory.
    """
    documents = list(result.documents)
    snapshot = documents[0].provenance.statute_snapshot if documents else _statute_snapshot()
    with Register.open(register_path, office=office) as reg:
        return reg.record(
            interview=interview,
            answers=answers,
            files=issued_files(result),
            statute_snapshot=snapshot,
            on=on,
            case_number=case_number_of(answers),
            source=source,
            office=office,
        )


# -- verify: re-render an entry from its snapshot and compare -------------------------------


@dataclass(frozen=True)
class FileVerdict:
    """One recorded file: the file on disk now, and the same document re-rendered now."""

    document: str
    format: str
    path: str
    recorded_sha256: str
    on_disk: str
    """"unchanged", "modified" or "missing": the issued file as it is now."""
    rerendered_sha256: str
    """sha256 of the document re-rendered now ("" when it could not be)."""

    @property
    def matches(self) -> bool:
        return self.rerendered_sha256 == self.recorded_sha256

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "format": self.format,
            "path": self.path,
            "recorded_sha256": self.recorded_sha256,
            "rerendered_sha256": self.rerendered_sha256,
            "matches": self.matches,
            "on_disk": self.on_disk,
        }


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on one register entry; `causes` names why any document differs."""

    entry_id: int
    files: tuple[FileVerdict, ...]
    causes: tuple[str, ...]
    problems: tuple[str, ...] = ()
    """Why the entry could not be re-rendered at all (answers no longer valid, render error)."""

    @property
    def ok(self) -> bool:
        return not self.problems and all(f.matches for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "ok": self.ok,
            "files": [f.to_json() for f in self.files],
            "causes": list(self.causes),
            "problems": list(self.problems),
        }

    def human(self) -> str:
        head = f"Entry {self.entry_id}: " + (
            "verified: every document re-renders to the recorded hash"
            if self.ok
            else "DIFFERS from what was issued"
        )
        lines = [head]
        for f in self.files:
            state = "same" if f.matches else "different" if f.rerendered_sha256 else "not rendered"
            lines.append(
                f"  {f.document} ({f.format}): re-render {state}; file on disk {f.on_disk}"
            )
        lines += [f"  cause: {c}" for c in self.causes]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)


def _on_disk(f: IssuedFile) -> str:
    path = Path(f.path)
    if not path.is_file():
        return "missing"
    return "unchanged" if file_sha256(path) == f.sha256 else "modified"


def verify_entry(entry: Entry, renderer: Any = None) -> VerifyResult:
    """Re-render the entry's documents from its answers and office snapshots, on its document
    date, and compare each file's sha256 with the recorded one.

    A difference is explained by what changed since: a template's hash (the template, a partial
    or the stylesheet), the statute snapshot, or the answers as the interview reads them now;
    if none of these changed, the renderer itself did. `renderer` defaults to a new
    `counsel.render.core.Renderer` (tests pass one with a changed template).
    """
    from counsel.errors import CounselError
    from counsel.interviewer import load_interview

    if renderer is None:
        from counsel.render.core import Renderer

        renderer = Renderer()
    problems: list[str] = []
    causes: list[str] = []
    built_by_stem: dict[str, Any] = {}
    try:
        office = office_from_snapshot(entry.office)
        result = load_interview(entry.interview).validate(entry.answers)
        if result.errors:
            fields = ", ".join(e.field for e in result.errors[:5])
            problems.append(
                f"the recorded answers no longer validate under the {entry.interview} "
                f"interview (fields: {fields}): the interview definition changed"
            )
        else:
            answers = dict(result.answers)
            if answers_hash(answers) != entry.answers_hash:
                causes.append(
                    "the answers read back from the snapshot hash differently: the "
                    f"{entry.interview} interview's definition changed since the entry"
                )
            built = renderer.build(entry.interview, answers, office, entry.document_date)
            built_by_stem = {b.stem: b for b in built}
    except CounselError as exc:
        problems.append(f"re-render failed: {exc}")

    verdicts: list[FileVerdict] = []
    changed_templates: dict[str, tuple[str, str]] = {}
    for f in entry.files:
        new_sha = ""
        b = _match(f, built_by_stem)
        if b is not None and f.format in ("pdf", "docx"):
            blob = renderer.to_pdf(b) if f.format == "pdf" else renderer.to_docx(b)
            new_sha = hashlib.sha256(blob).hexdigest()
        elif not problems:
            problems.append(f"{f.document} ({f.format}): the document was not re-rendered")
        verdicts.append(FileVerdict(f.document, f.format, f.path, f.sha256, _on_disk(f), new_sha))
        now_hash = renderer.template_hash(f.template) if f.template else ""
        if f.template and now_hash != f.template_hash:
            changed_templates[f.template] = (f.template_hash, now_hash)
    if any(not v.matches for v in verdicts) or problems:
        for template, (old, new) in sorted(changed_templates.items()):
            causes.append(
                f"template {template} changed since the entry (hash {old[:12]} then, "
                f"{new[:12]} now; it covers the template, its partials and the stylesheet)"
            )
        snapshot = _statute_snapshot()
        if snapshot != entry.statute_snapshot:
            causes.append(
                f"the statute snapshot changed since the entry ({entry.statute_snapshot[:12]} "
                f"then, {snapshot[:12]} now): a section's text or version differs"
            )
        if not causes and not problems:
            causes.append(
                "templates, statute snapshot and answers are unchanged: the renderer or its "
                "libraries (WeasyPrint, python-docx, fonts) changed"
            )
    return VerifyResult(entry.id, tuple(verdicts), tuple(causes), tuple(problems))


def _match(f: IssuedFile, built_by_stem: Mapping[str, Any]) -> Any:
    """The re-rendered document a recorded file is: by its file name (`<stem>.<format>`, as
    the renderer writes it), else by the recorded document name (the stem, or a manifest id
    when that id names exactly one document)."""
    name = Path(f.path).name
    for stem, built in built_by_stem.items():
        if name == f"{stem}.{f.format}":
            return built
    if f.document in built_by_stem:
        return built_by_stem[f.document]
    by_id = [b for b in built_by_stem.values() if b.spec.id == f.document]
    return by_id[0] if len(by_id) == 1 else None


def _statute_snapshot() -> str:
    from counsel.law import get_store

    return str(get_store().snapshot_hash())
