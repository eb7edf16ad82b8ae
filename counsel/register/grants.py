"""The SQL an office's database administrator runs: specialists add and read, never rewrite."""

from __future__ import annotations

import re

from counsel.errors import UsageError

TABLES_APPENDED = ("issue", "issued_file", "event", "deadline")
"""Tables a specialist appends to (and reads)."""
TABLES_READ = ("meta",)
"""Tables a specialist only reads."""

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _identifier(value: str, field: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        named = "a PostgreSQL role" if field == "role" else "the register's database name"
        raise UsageError(
            f"{named} here is lower-case letters, digits and _ (at most 63, not starting "
            "with a digit)",
            what=field if field == "role" else "",
        )
    return value


def grant_sql(role: str = "counsel_specialist", database: str | None = None) -> str:
    """GRANTs that let members of `role` add rows and read them, and nothing else.

    No UPDATE, DELETE or TRUNCATE is granted on any table, so a recorded issue, file or event
    cannot be rewritten or removed by a specialist; corrections are new rows (an event that
    voids an earlier one). The tables' owner (who ran `counsel register upgrade`) keeps every
    right: that role belongs to the database administrator, not to a specialist.
    """
    role = _identifier(role, "role")
    lines = [
        "-- Run as the owner of the register's tables, after `counsel register upgrade`.",
        f"-- Each specialist logs in as their own role: CREATE ROLE jdoe LOGIN IN ROLE {role};",
        f"-- (create the group once: CREATE ROLE {role} NOLOGIN;)",
        "BEGIN;",
    ]
    if database is not None:
        lines.append(f"GRANT CONNECT ON DATABASE {_identifier(database, 'database')} TO {role};")
    lines += [
        f"REVOKE ALL ON {', '.join((*TABLES_READ, *TABLES_APPENDED))} FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA public TO {role};",
        f"GRANT SELECT ON {', '.join(TABLES_READ)} TO {role};",
        f"GRANT SELECT, INSERT ON {', '.join(TABLES_APPENDED)} TO {role};",
        "COMMIT;",
    ]
    return "\n".join(lines) + "\n"
