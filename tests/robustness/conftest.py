"""Robustness suite: its fuzz examples count in the shared tally (tests/security/tally.py,
printed by tests/conftest.py)."""

from __future__ import annotations
