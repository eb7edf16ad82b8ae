"""Text a user or a file typed is shown as text on every screen of the TUI (issue 16 item 2).

A name like "Jordan [/] Madeup", once in the register, made every later launch print
"internal error: MarkupError" and exit 0; "[link=...]" in a name became a clickable link;
escape sequences would reach the terminal. Here hostile values go into the register and a
draft, and every screen is opened on them: each shows the value literally, no span of any
rendered line carries a link, no control character is drawn, and a crash exits non-zero.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment

from counsel import drafts
from counsel.tui.app import CounselApp
from tests.security import helpers, tally

HOSTILE = {
    "obligor_name": "Jordan [/] Madeup",
    "obligee_name": "[link=https://evil.example/x]Click me[/link] [b]Pat",
    "court_case_number": "2026-F-1\x1b[2J\x1b]52;c;ZXZpbA==\x07",
    "obligor_address": "[@click=app.quit]8 Street[/]\nSpringfield \u202eLI",
    "iv_d_case_number": "IVD-[red]1",
}
"""Markup, a link, an action, a screen clear, an OSC 52 clipboard write, a bidi override."""


def _lines(app: CounselApp) -> list[list[Segment]]:
    """Every line of the screen as drawn (the compositor's output, styles included)."""
    update = app.screen._compositor.render_full_update()
    return [[seg for strip in line for seg in strip] for line in update.strips]


def _screen_text(app: CounselApp) -> str:
    return "\n".join("".join(seg.text for seg in line) for line in _lines(app))


def _assert_inert(app: CounselApp) -> None:
    for line in _lines(app):
        for segment in line:
            style = segment.style
            assert style is None or not style.link, "a typed value became a terminal link"
            assert "\x1b" not in segment.text and "\u202e" not in segment.text
            assert "\x07" not in segment.text


def _record(app: CounselApp) -> None:
    from counsel.register import Register

    answers = dict(HOSTILE, document_date="2026-11-23", past_due_amount="4210.00")
    with Register.open(None, office=app.office) as reg:
        reg.record(
            interview="lien",
            answers=answers,
            files=[],
            statute_snapshot="x",
            on=dt.date(2026, 11, 23),
            case_number=HOSTILE["court_case_number"],
            source="render",
            office=app.office,
        )


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CounselApp:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return CounselApp(
        helpers.office(), drafts_folder=tmp_path / "drafts", today=dt.date(2026, 11, 23)
    )


async def _settle(pilot: Any, done: Any) -> None:
    for _ in range(300):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen did not settle")


async def test_hostile_names_in_the_register_are_text_on_every_screen(app: CounselApp) -> None:
    from counsel.tui.screens.conversation import ConversationScreen
    from counsel.tui.screens.interview import InterviewScreen
    from counsel.tui.screens.review import ReviewScreen
    from counsel.tui.screens.why import WhyModal

    tally.attack(len(HOSTILE))
    _record(app)
    draft = drafts.new_draft("lien")
    for key, value in HOSTILE.items():
        draft = draft.with_answer(key, value)
    draft = draft.with_answer("document_date", "2026-11-23").in_view("conversation")
    drafts.save_draft(draft, app.drafts_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, lambda: app.screen.cases_loaded)  # type: ignore[attr-defined]
        await pilot.pause()
        home = _screen_text(app)
        assert "Jordan [/] Madeup" in home  # the draft's parties and the issued case's
        assert "[link=https://evil" in home  # wrapped in its column, never a link
        # The case by its one identifier, the IV-D number (tests/tui/test_home_docket.py has
        # an escape in one, on home and the docket): markup shown as text.
        assert "IVD-[red]1" in home
        _assert_inert(app)

        await pilot.press("enter")  # the newest row: the draft, in the conversation
        await _settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        await pilot.pause()
        text = _screen_text(app)
        assert "IVD-[red]1" in text or "Jordan [/] Madeup" in text
        _assert_inert(app)

        await pilot.press("up")  # the transcript, where the answers are listed
        await pilot.pause()
        _assert_inert(app)
        await pilot.press("escape", "f1")
        await _settle(pilot, lambda: isinstance(app.screen, WhyModal))
        _assert_inert(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f4")  # the same draft as a form
        await _settle(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await pilot.pause()
        form = _screen_text(app)
        assert "2026-F-1\u241b[2J" in form  # in its field, hidden characters drawn
        assert "Notice of lien — IVD-[red]1" in form  # the title names the case as text
        _assert_inert(app)
        await pilot.press("ctrl+r")
        await _settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await _settle(pilot, lambda: review.docs is not None)
        await pilot.pause()
        _assert_inert(app)
        await pilot.press("f3")  # the documents and findings side
        await pilot.pause()
        _assert_inert(app)


async def test_an_issued_case_with_a_hostile_name_starts_an_interview(app: CounselApp) -> None:
    from counsel.tui.screens.conversation import ConversationScreen

    tally.attack()
    _record(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot, lambda: app.screen.cases_loaded)  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")  # the issued case, then the first interview
        await _settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.pause()
        assert "2026-F-1\u241b[2J" in _screen_text(app)  # offered, hidden characters drawn
        _assert_inert(app)


async def test_a_crash_exits_non_zero(app: CounselApp) -> None:
    """After a crash the process status is counsel's internal error (70), never 0."""
    from counsel.crash import INTERNAL_ERROR
    from counsel.tui.app import exit_code

    tally.attack()

    def crash() -> None:
        raise RuntimeError("a bug met on a keypress")

    app._print_error_renderables = lambda: None  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(crash)
            await pilot.pause()
    assert exit_code(app, None) == INTERNAL_ERROR
    calm = CounselApp(helpers.office(), drafts_folder=app.drafts_folder)
    async with calm.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    assert exit_code(calm, None) == 0
