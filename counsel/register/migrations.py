"""Numbered schema migrations, applied in one locked transaction on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

LATEST = 4
"""The schema version this counsel reads and writes."""

# pg_advisory_xact_lock key: two counsel processes opening a new register at once take turns.
_PG_LOCK = 0x636F756E73656C  # "counsel"

Step = Callable[[sa.Connection], None]


def _run(conn: sa.Connection, script: str) -> None:
    # One statement per ";" at a line's end (a function body keeps its ";" mid-line).
    for statement in script.split(";\n"):
        if statement.strip():
            conn.exec_driver_sql(statement)


# -- version 1: the register as counsel first wrote it (SQLite only then) ---------------------

_V1_SQLITE = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issued_at TEXT NOT NULL,
    source TEXT NOT NULL,
    interview TEXT NOT NULL,
    case_number TEXT NOT NULL,
    user_name TEXT NOT NULL,
    document_date TEXT NOT NULL,
    statute_snapshot TEXT NOT NULL,
    answers_hash TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    office_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issue_case ON issue (case_number);
CREATE INDEX IF NOT EXISTS issue_when ON issue (issued_at);
CREATE TABLE IF NOT EXISTS issued_file (
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    template TEXT NOT NULL,
    template_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (issue_id, position)
)
"""

_V1_POSTGRES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE issue (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issued_at TIMESTAMPTZ NOT NULL,
    source TEXT NOT NULL,
    interview TEXT NOT NULL,
    case_number TEXT NOT NULL,
    user_name TEXT NOT NULL,
    document_date DATE NOT NULL,
    statute_snapshot TEXT NOT NULL,
    answers_hash TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    office_json TEXT NOT NULL
);
CREATE INDEX issue_case ON issue (case_number);
CREATE INDEX issue_when ON issue (issued_at);
CREATE TABLE issued_file (
    issue_id BIGINT NOT NULL REFERENCES issue (id),
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    template TEXT NOT NULL,
    template_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (issue_id, position)
)
"""


def _v1(conn: sa.Connection) -> None:
    _run(conn, _V1_SQLITE if conn.dialect.name == "sqlite" else _V1_POSTGRES)


# -- version 2: who issued (database role, host), an idempotency uid, events, the docket -------

_V2_SQLITE = """
ALTER TABLE issue ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
ALTER TABLE issue ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE issue ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX issue_uid ON issue (uid);
CREATE TABLE event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT UNIQUE,
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    kind TEXT NOT NULL,
    event_date TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    db_role TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    voids INTEGER REFERENCES event (id)
);
CREATE INDEX event_issue ON event (issue_id, id);
CREATE TABLE deadline (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    generation INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    case_number TEXT NOT NULL,
    state TEXT NOT NULL,
    starts_on TEXT,
    nominal TEXT,
    started_by TEXT NOT NULL,
    waiting_for TEXT NOT NULL,
    closed_by INTEGER REFERENCES event (id),
    UNIQUE (issue_id, generation, key)
);
CREATE INDEX deadline_due ON deadline (state, nominal);
CREATE INDEX deadline_case ON deadline (case_number)
"""

# The database role is stamped by a trigger from session_user (the role that logged in), so a
# client cannot write another role's name; the GRANTs in SECURITY.md leave rows append-only.
_V2_POSTGRES = """
ALTER TABLE issue ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
ALTER TABLE issue ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE issue ADD COLUMN uid TEXT UNIQUE;
CREATE TABLE event (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid TEXT UNIQUE,
    issue_id BIGINT NOT NULL REFERENCES issue (id),
    kind TEXT NOT NULL,
    event_date DATE NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    user_name TEXT NOT NULL,
    db_role TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    voids BIGINT REFERENCES event (id)
);
CREATE INDEX event_issue ON event (issue_id, id);
CREATE TABLE deadline (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issue_id BIGINT NOT NULL REFERENCES issue (id),
    generation BIGINT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    case_number TEXT NOT NULL,
    state TEXT NOT NULL,
    starts_on DATE,
    nominal DATE,
    started_by TEXT NOT NULL,
    waiting_for TEXT NOT NULL,
    closed_by BIGINT REFERENCES event (id),
    UNIQUE (issue_id, generation, key)
);
CREATE INDEX deadline_due ON deadline (state, nominal);
CREATE INDEX deadline_case ON deadline (case_number);
CREATE FUNCTION counsel_stamp_role() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN NEW.db_role := session_user; RETURN NEW; END $$;
CREATE TRIGGER issue_stamp_role BEFORE INSERT ON issue
    FOR EACH ROW EXECUTE FUNCTION counsel_stamp_role();
CREATE TRIGGER event_stamp_role BEFORE INSERT ON event
    FOR EACH ROW EXECUTE FUNCTION counsel_stamp_role()
"""


def _v2(conn: sa.Connection) -> None:
    _run(conn, _V2_SQLITE if conn.dialect.name == "sqlite" else _V2_POSTGRES)


# -- version 3: what a clock's law turns on besides its start (a lien's target) ---------------


def _v3(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE deadline ADD COLUMN variant TEXT NOT NULL DEFAULT ''")


# -- version 4: whose documents (`counsel docket --mine`, home's "yours") by an index ------------

# The identity a person's documents are picked by (counsel/register/who.py): the database role
# on PostgreSQL, the OS user on SQLite. With the entry id after it, "my newest documents" reads
# the index backwards and stops at the limit, and "has anyone else issued here" is its first
# and last key.
_V4_SQLITE = "CREATE INDEX issue_user ON issue (user_name, id)"
_V4_POSTGRES = "CREATE INDEX issue_role ON issue (db_role, id)"


def _v4(conn: sa.Connection) -> None:
    conn.exec_driver_sql(_V4_SQLITE if conn.dialect.name == "sqlite" else _V4_POSTGRES)


STEPS: dict[int, Step] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}
"""Step N brings a register from version N-1 to N. Never edit a released step: add one."""

REBUILDS_DOCKET = {2, 3}
"""Steps after which every document's deadlines are computed again (as a new generation),
once, after the last step, by this counsel's code against the final schema (a step's own code
would write the columns of its day): 2, registers from before the docket; 3, a lien's hearing
deadline cites the subsection for its target (160.70(f)(2)(C) for an account or lump sum)."""


def current_version(conn: sa.Connection) -> int:
    """The register's schema version; 0 for an empty database."""
    tables = set(sa.inspect(conn).get_table_names())
    if "meta" not in tables:
        return 0
    row = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row is not None else 0


def lock(conn: sa.Connection) -> None:
    """Serialise migrations: SQLite's BEGIN IMMEDIATE already holds the write lock."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")


def upgrade(conn: sa.Connection, to: int = LATEST) -> tuple[int, int]:
    """Apply every step after the register's version, inside the caller's transaction.

    Returns (version before, version after). The caller has begun a write transaction; DDL is
    transactional on both back ends, so a failed step leaves the register as it was.
    """
    lock(conn)
    before = current_version(conn)
    applied = range(before + 1, to + 1)
    for version in applied:
        STEPS[version](conn)
        if version == 1:
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
        else:
            conn.exec_driver_sql(
                f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'"
            )
    if before >= 1 and REBUILDS_DOCKET.intersection(applied):
        from counsel.register.docket import rebuild

        rebuild(conn)
    return before, max(before, to)
