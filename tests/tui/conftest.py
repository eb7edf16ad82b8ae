"""Apps for Pilot and snapshot tests: a private drafts folder and a fixed 'today'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from counsel.office import load_office
from counsel.tui.app import CounselApp

TODAY = dt.date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

MakeApp = Callable[..., CounselApp]


@pytest.fixture
def drafts_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "drafts"
    # Anything that falls back to the default folder still stays inside the test's tmp dir.
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    # The render screen's default folder is under the home folder: keep it in tmp too.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return folder


@pytest.fixture
def make_app(drafts_folder: Path) -> MakeApp:
    office = load_office(EXAMPLES / "office.toml")

    def make(theme: str = "textual-dark") -> CounselApp:
        return CounselApp(office, drafts_folder=drafts_folder, today=TODAY, theme=theme)

    return make
