"""A crash inside the terminal UI: Textual would print a traceback with every frame's local
variables (answers, SSNs). counsel's App prints the exception class and frame only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from counsel.tui.app import CounselApp
from tests.security import canary, helpers, tally


def _crash_holding_private_locals() -> None:
    ssn = canary.CANARY_SSN
    answers = {"obligor_name": "Canary Tuiname Zq", "obligor_ssn": ssn}
    raise ValueError(f"cannot use {len(answers)} answers")


@pytest.mark.parametrize("debug", [False, True])
async def test_tui_crash_prints_no_locals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    printed: list[str] = []
    from rich.console import Console

    def keep(self: CounselApp) -> None:
        # What Textual prints to stderr on exit, recorded as text.
        console = Console(width=200, record=True, file=io.StringIO())
        for renderable in self._exit_renderables:
            console.print(renderable)
        printed.append(console.export_text())
        self._exit_renderables.clear()

    monkeypatch.setattr(CounselApp, "_print_error_renderables", keep)
    tally.attack()
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    if debug:
        monkeypatch.setenv("COUNSEL_DEBUG", "1")
    else:
        monkeypatch.delenv("COUNSEL_DEBUG", raising=False)
    app = CounselApp(helpers.office(), drafts_folder=tmp_path / "drafts")
    with pytest.raises(ValueError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(_crash_holding_private_locals)
            await pilot.pause()
    text = "".join(printed)
    assert text
    if debug:
        # Control: Textual's own traceback does show the locals (what counsel prevents).
        assert canary.hits(text)
    else:
        assert "internal error: ValueError" in text
        assert canary.hits(text) == []
