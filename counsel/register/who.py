"""Who issued a document, and whose documents `--mine` and home's "yours" pick."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# Which identity names a person. On PostgreSQL the database role: the server stamps it from
# the login (session_user, by a trigger a client cannot get around), it is the same on every
# machine the specialist uses, and the office's administrator gives each specialist their
# own (SECURITY.md). The OS user is what the client says (getpass reads LOGNAME/USER), and the
# same person may log in as `jdoe` at one desk and `john.doe` at another. On SQLite there is
# no role: the OS user is all a row holds (on a single machine's own register every row is
# the user's anyway).


@dataclass(frozen=True)
class IssuedBy:
    """Who issued one register entry: the OS user and, on PostgreSQL, the database role."""

    entry: int
    user: str
    role: str
    """"" on SQLite."""

    def to_json(self) -> dict[str, Any]:
        return {"entry": self.entry, "user": self.user, "role": self.role or None}


@dataclass(frozen=True)
class Issuer:
    """The person asking, as the register tells its rows apart: `by` "role" (PostgreSQL,
    session_user) or "user" (SQLite, the OS user), and the name."""

    by: Literal["role", "user"]
    name: str

    def issued(self, who: IssuedBy) -> bool:
        return (who.role if self.by == "role" else who.user) == self.name

    def describe(self) -> str:
        """`database role jdoe` / `user jdoe`: whose documents a list shows."""
        return f"{'database role' if self.by == 'role' else 'user'} {self.name}"

    def to_json(self) -> dict[str, str]:
        return {"by": self.by, "name": self.name}
