"""Fixtures for the statute store tests: the shared folder and a store over the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.law import Store, get_store

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    # CI clones main with shared/ beside it; the data tests need it and must not skip.
    assert (SHARED / "seeds").is_dir(), f"../shared not found at {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def store() -> Store:
    return get_store()
