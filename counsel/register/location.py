"""Where the register lives: a SQLite file on one machine, or an office's PostgreSQL database."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.office import Office

DATA_DIR_ENV = "COUNSEL_DATA_DIR"
"""Overrides the user data directory (tests, and the TUI's drafts use the same variable)."""
REGISTER_FILE = "register.sqlite3"
POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 10
"""libpq's connect_timeout unless the URL sets one: an unreachable server is an error in
seconds, not a hang."""

_CREDENTIALS_FIX = (
    "remove it and give the password through the environment (PGPASSWORD), ~/.pgpass, or a "
    "libpq service file (`?service=NAME`, PGSERVICEFILE): an office profile is shared and "
    "copied, so a password in it is no secret"
)


class RegisterError(UsageError):
    """The register cannot be opened or used where it is; the message says why and the fix.
    The CLI adds the `--register` flag, the TUI its own words."""


@dataclass(frozen=True)
class Location:
    """A register's place: `kind` says which back end; `url` never holds a password."""

    kind: Literal["sqlite", "postgresql"]
    url: str
    """The SQLAlchemy URL (sqlite:///PATH or postgresql+psycopg://...)."""
    path: Path | None
    """The SQLite file (None for PostgreSQL)."""
    display: str
    """What messages name: the file path, or the URL as written (no password: refused)."""


def data_dir() -> Path:
    """The user data directory (COUNSEL_DATA_DIR overrides it), not yet created."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("counsel", appauthor=False))


def default_register_path(office: Office | None = None) -> Path:
    """The SQLite file used when no URL is given: the profile's `register_path`, else the data
    directory's register.sqlite3."""
    if office is not None and office.register_path.strip():
        return Path(office.register_path.strip()).expanduser()
    return data_dir() / REGISTER_FILE


def is_url(value: str) -> bool:
    return "://" in value


def postgres_location(raw: str, field: str | None = None) -> Location:
    """Check a `postgresql://` URL and return its Location.

    A password in the URL (user:password@ or ?password=) is refused, naming where it goes
    instead; the error never repeats the URL. Everything else is libpq's: host, port,
    dbname, `service`, `sslmode` and the PG* environment variables work as in psql. Errors
    are RegisterError, or a UsageError naming `field` (the office profile's key).
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    def refuse(message: str) -> UsageError:
        return RegisterError(message) if field is None else UsageError(f"{field}: {message}")

    text = raw.strip()
    scheme = text.split("://", 1)[0].lower()
    if scheme not in POSTGRES_SCHEMES:
        raise refuse(
            "only postgresql:// URLs name a register (a SQLite register is a file path, not a URL)"
        )
    try:
        url = make_url(text)
    except ArgumentError:
        raise refuse(
            "not a valid URL; write postgresql://[user@]host[:port]/dbname or "
            "postgresql:///dbname?service=NAME"
        ) from None
    if url.password is not None or "password" in url.query:
        raise refuse(f"the URL holds a password; {_CREDENTIALS_FIX}")
    url = url.set(drivername="postgresql+psycopg")
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    display = text if scheme != "postgresql+psycopg" else "postgresql://" + text.split("://", 1)[1]
    return Location(
        kind="postgresql",
        url=url.render_as_string(hide_password=False),
        path=None,
        display=display,
    )


def sqlite_location(path: Path) -> Location:
    return Location(kind="sqlite", url=f"sqlite:///{path}", path=path, display=str(path))


def locate(target: Path | str | None = None, office: Office | None = None) -> Location:
    """The register to open: `target` (a path or a postgresql:// URL, from --register), else
    the office profile's `register_url`, else its `register_path`, else the data directory."""
    if target is not None and str(target).strip():
        text = str(target).strip()
        if is_url(text):
            return postgres_location(text)
        if re.match(r"(?i)(postgres|postgresql)(\+\w+)?:/", text):
            # A URL that went through pathlib.Path lost a slash: never make a file of it.
            raise RegisterError(
                "a postgresql URL was given as a file path (one slash after the scheme); pass "
                "the URL as text: postgresql://host/dbname"
            )
        return sqlite_location(Path(text).expanduser())
    if office is not None and office.register_url.strip():
        return postgres_location(office.register_url, "office profile: register_url")
    return sqlite_location(default_register_path(office))
