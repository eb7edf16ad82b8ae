"""The TUI tests' fixtures, for the review's tests that drive the conversation."""

from __future__ import annotations

from tests.tui.conftest import drafts_folder, make_app

__all__ = ["drafts_folder", "make_app"]
