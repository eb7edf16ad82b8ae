"""Shared fixtures: paths to the repository's examples and test data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from tests.postgres import PostgresServer

ROOT = Path(__file__).resolve().parent.parent

# CI runs every property test on the same examples (HYPOTHESIS_PROFILE=ci in .ci/run), so a
# landing that was green stays green there; a developer's run draws new examples each time,
# and a failure it finds prints the seed and blob to reproduce it.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server per test process (xdist worker), started on first use.

    As root (CI) the server runs as the `postgres` system user; see tests/postgres.py.
    """
    from tests.postgres import running_server

    with running_server() as server:
        yield server


@pytest.fixture()
def pg_database(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the test server; dropped after the test."""
    name = pg_server.create_database()
    try:
        yield name
    finally:
        pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def register_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh register lives, once per back end: a SQLite path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "reg.sqlite3")
    server: PostgresServer = request.getfixturevalue("pg_server")
    name: str = request.getfixturevalue("pg_database")
    return server.url(name)


@dataclass(frozen=True)
class TwoIssuers:
    """One register, and where two people open it: "me" and a colleague.

    SQLite: the same file, the colleague's rows carrying another OS user (`colleague_user`).
    PostgreSQL: two login roles with the grants `counsel register grants` prints, on the same
    OS user (`colleague_user` None): there the role tells them apart."""

    me: str
    colleague: str
    colleague_user: str | None


@pytest.fixture()
def two_issuers(request: pytest.FixtureRequest, register_target: str) -> TwoIssuers:
    """`register_target` (both back ends) shared by two people who issue documents."""
    if not register_target.startswith("postgresql"):
        return TwoIssuers(register_target, register_target, "colleague")
    from counsel.register import Register
    from counsel.register.grants import grant_sql

    server: PostgresServer = request.getfixturevalue("pg_server")
    database: str = request.getfixturevalue("pg_database")
    with Register.open(register_target):  # the owner creates the tables
        pass
    suffix = database[-6:]
    group, me, colleague = f"spec_{suffix}", f"alice_{suffix}", f"bob_{suffix}"
    server.execute(f"CREATE ROLE {group} NOLOGIN")
    for role in (me, colleague):
        server.execute(f"CREATE ROLE {role} LOGIN IN ROLE {group}")
    server.execute(grant_sql(group, database), dbname=database)
    return TwoIssuers(server.url(database, me), server.url(database, colleague), None)


# The security/robustness tally (tests/security/tally.py). Under pytest-xdist the counts
# live in the worker processes: each worker sends its own back with its session's end,
# the controller adds them up and prints the total once.
_TALLY_KEY = "counsel_security_tally"


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests.security import tally

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker
        workeroutput[_TALLY_KEY] = dict(tally.COUNTS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    from tests.security import tally

    tally.COUNTS.update(getattr(node, "workeroutput", {}).get(_TALLY_KEY, {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.security import tally

    line = tally.summary_once()
    if line:
        terminalreporter.write_line(line)
