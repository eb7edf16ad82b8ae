"""Shared fixtures: paths to the repository's examples and test data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


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
