"""Counts of attack inputs and fuzz examples run by tests/security and tests/robustness."""

from __future__ import annotations

from collections import Counter

COUNTS: Counter[str] = Counter()
"""`attack`: hostile inputs fed to counsel (one per parametrized case or generated value);
`fuzz`: hypothesis examples executed (each test body call counts once)."""

_reported = False


def attack(n: int = 1) -> None:
    COUNTS["attack"] += n


def fuzz(n: int = 1) -> None:
    COUNTS["fuzz"] += n


def summary_once() -> str | None:
    """The summary line, the first time it is asked for (both conftests ask)."""
    global _reported
    if _reported or not COUNTS:
        return None
    _reported = True
    return (
        f"security/robustness: {COUNTS['attack']} attack inputs, {COUNTS['fuzz']} fuzz examples ran"
    )
