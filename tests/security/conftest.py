"""Fixtures for the security suite: the example office, rendered examples, canary answers."""

from __future__ import annotations

from typing import Any

from tests.security import tally


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = tally.summary_once()
    if line:
        terminalreporter.write_line(line)
