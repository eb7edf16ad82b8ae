"""bench/tui.py waits for words on the terminal (the home screen's heading, the picker, the
conversation's count, the form's section): each is on the screen it waits for, so a renamed
heading breaks this test, not the benchmark run by hand later (it did: home's new heading)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from counsel.tui.screens.conversation import ConversationScreen
from counsel.tui.screens.interview import InterviewScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "tui.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_tui", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _screen_text(app: Any) -> str:
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(seg.text for strip in line for seg in strip) for line in update.strips)


async def test_the_benchmark_waits_for_words_the_screens_show(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    bench = _bench()
    source = BENCH.read_text(encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: bench.READY.decode() in _screen_text(app))
        assert b'term.send(b"n")' in source.encode()
        await pilot.press("n")
        await settle(pilot, lambda: "Start a new interview" in _screen_text(app))
        assert b'read_until(b"Start a new interview")' in source.encode()
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await settle(pilot, lambda: "questions left" in _screen_text(app))
        assert b'read_until(b"questions left")' in source.encode()
        await pilot.press("f4")
        await settle(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await settle(pilot, lambda: "section 1 of" in _screen_text(app))
        assert b'read_until(b"section 1 of")' in source.encode()
