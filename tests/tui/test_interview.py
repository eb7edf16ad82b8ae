"""Interview screen: navigation, validation messages, lists, drafts, findings, statutes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Input

from counsel import drafts
from counsel.tui.screens.confirm import ConfirmModal
from counsel.tui.screens.home import HomeScreen
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.review import ReviewScreen
from counsel.tui.screens.row_editor import RowEditor
from counsel.tui.screens.statute_modal import StatuteModal
from counsel.tui.widgets.findings_panel import FindingsPanel
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.list_input import RowList
from counsel.tui.widgets.section_outline import SectionOutline
from tests.tui.conftest import MakeApp
from tests.tui.helpers import add_row, answer, paste, settle


async def _open(
    pilot: Any, interview_id: str, draft: drafts.Draft | None = None
) -> InterviewScreen:
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.open_draft(draft or drafts.new_draft(interview_id).in_view("form"))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


def _error(screen: InterviewScreen, qid: str) -> str:
    block = screen.block_for(qid)
    assert block is not None
    return str(block.query_one(".q-error").render())


def _saved(folder: Path, screen: InterviewScreen) -> dict[str, Any]:
    return dict(drafts.load_draft(screen.session.draft.id, folder).answers)


async def test_impossible_date_is_named_as_you_type(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        date_input = screen.query_one("#in-document_date", Input)
        date_input.focus()
        await pilot.press(*"02/30/2026")
        assert "February has no 30th day" in _error(screen, "document_date")
        await pilot.press(*(["backspace"] * len("30/2026")), *"28/2026")
        assert date_input.value == "02/28/2026"
        assert _error(screen, "document_date") == ""
        await pilot.press("ctrl+a", "ctrl+k", *"13/01/2026")
        assert "no month 13" in _error(screen, "document_date")


async def test_confirmed_answers_are_saved_at_once_even_with_an_error(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        await answer(pilot, screen, "iv_d_case_number", "IVD-1")
        assert _saved(drafts_folder, screen)["iv_d_case_number"] == "IVD-1"
        await answer(pilot, screen, "document_date", "02/30/2026")
        # Kept as typed (nothing typed is lost) and the message stays under the field.
        assert _saved(drafts_folder, screen)["document_date"] == "02/30/2026"
        assert "30th" in _error(screen, "document_date")
        outline = str(screen.query_one(SectionOutline).get_option_at_index(0).prompt)
        assert outline.startswith("[!]")


async def test_money_message_and_yes_no_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        screen.query_one(SectionOutline).focus()
        await pilot.press("down", "down", "down", "enter")  # jump to "Past-due support"
        await settle(pilot, lambda: screen.block_for("past_due_amount") is not None)
        money = screen.query_one("#in-past_due_amount", Input)
        money.focus()
        await pilot.press(*"12.345")
        assert "cents" in _error(screen, "past_due_amount")
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert screen.session.raw["past_due_amount"] == "12.34"
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: screen.block_for("family_violence") is not None)
        await answer(pilot, screen, "family_violence", True)
        assert screen.session.raw["family_violence"] is True
        # show_if: the protected party question appears once the flag is set.
        assert screen.block_for("protected_party") is not None


async def test_back_and_forward_keep_answers(make_app: MakeApp, drafts_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "track")
        await answer(pilot, screen, "court_case_number", "2026-F-9")
        screen.query_one("#in-county", Input).focus()
        await pilot.press(*"Menard")  # typed, not yet confirmed: leaving the section confirms
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: screen.current == 1)
        await answer(pilot, screen, "obligor_name", "Sam Example")
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: screen.current == 0)
        assert screen.query_one("#in-court_case_number", Input).value == "2026-F-9"
        assert screen.query_one("#in-county", Input).value == "Menard"
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: screen.current == 1)
        assert screen.query_one("#in-obligor_name", Input).value == "Sam Example"
        saved = _saved(drafts_folder, screen)
        assert saved["county"] == "Menard" and saved["obligor_name"] == "Sam Example"


async def test_jump_to_any_section_with_the_outline(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "track")
        await pilot.press("ctrl+g")
        assert isinstance(app.focused, SectionOutline)
        await pilot.press("end", "enter")
        last = len(screen.session.sections) - 1
        await settle(pilot, lambda: screen.current == last)
        assert screen.block_for("track_override") is not None


async def test_list_rows_add_edit_remove(make_app: MakeApp, drafts_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "track")
        screen.query_one(SectionOutline).focus()
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot, lambda: screen.block_for("children") is not None)
        block = screen.block_for("children")
        assert block is not None
        q = block.question
        table = block.input.query_one(RowList)
        table.focus()
        await add_row(pilot, q, {"name": "Ada Example", "birth_date": "2012-03-01"})
        await add_row(pilot, q, {"name": "Ben Example", "birth_date": "2015-07-04"})
        assert [r["name"] for r in screen.session.raw["children"]] == ["Ada Example", "Ben Example"]

        # A bad row is refused with the field's message; Escape leaves the list unchanged.
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RowEditor)
        editor.query_one("#row-name").focus()
        await pilot.pause()
        await paste(pilot, editor.query_one("#row-name"), "Cy Example")
        editor.query_one("#row-birth_date").focus()
        await pilot.pause()
        await paste(pilot, editor.query_one("#row-birth_date"), "02/30/2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        assert "30th" in str(editor.query_one("#err-birth_date").render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.session.raw["children"]) == 2

        # Edit the second row (Enter), then remove the first (x).
        table.focus()
        table.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RowEditor)
        name = editor.query_one("#row-name", Input)
        name.focus()
        await pilot.pause()
        await paste(pilot, name, "Benjamin Example")  # replaces the selected old name
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.raw["children"][1]["name"] == "Benjamin Example"
        table.highlighted = 0
        await pilot.press("x")  # asks first: n keeps the row, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert len(_saved(drafts_folder, screen)["children"]) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        saved = _saved(drafts_folder, screen)["children"]
        assert [r["name"] for r in saved] == ["Benjamin Example"]
        await pilot.press("ctrl+z")  # undo: the child is back, in its place, and saved
        await pilot.pause()
        saved = _saved(drafts_folder, screen)["children"]
        assert [r["name"] for r in saved] == ["Ada Example", "Benjamin Example"]


async def test_findings_panel_updates_with_each_answer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "track")
        panel = screen.query_one(FindingsPanel)
        criteria = next(i for i, s in enumerate(screen.session.sections) if s.id == "criteria")
        screen.query_one(SectionOutline).focus()
        await pilot.press(*(["down"] * criteria), "enter")
        await settle(pilot, lambda: screen.block_for("court_order") is not None)
        for qid in ("court_order", "other_family_order", "domestic_violence", "iv_e_referral"):
            await answer(pilot, screen, qid, False)
        for qid in ("contentious_law", "parent_conflict", "older_child", "judicial_necessary"):
            await answer(pilot, screen, qid, False)
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: screen.block_for("parties_are_parents") is not None)
        await answer(pilot, screen, "parties_are_parents", True)
        await answer(pilot, screen, "parents_agree", True)
        text = str(panel.render())
        assert "Recommended track: administrative" in text
        assert "750 ILCS 24/15" in text
        await pilot.press("ctrl+g")
        await pilot.press(*(["up"] * 1), "enter")
        await settle(pilot, lambda: screen.block_for("court_order") is not None)
        await answer(pilot, screen, "domestic_violence", True)
        assert "Recommended track: judicial" in str(panel.render())


async def test_statute_key_opens_the_version_as_of_the_document_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "registration")
        await answer(pilot, screen, "document_date", "2016-01-04")
        order = next(i for i, s in enumerate(screen.session.sections) if s.id == "order")
        screen.query_one(SectionOutline).focus()
        await pilot.press(*(["down"] * order), "enter")
        await settle(pilot, lambda: screen.block_for("admin_order_kind") is not None)
        screen.query_one("#in-admin_order_kind").focus()
        await pilot.pause()
        assert "305 ILCS 5/10-15.1" in str(screen.query_one("#help").render())
        await pilot.press("f2")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, StatuteModal)
        text = str(modal.query_one("#statute-text").render())
        assert "In force on 2016-01-04" in text and "effective 2015-08-27" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+g", "home", "enter")
        await settle(pilot, lambda: screen.block_for("document_date") is not None)
        await answer(pilot, screen, "document_date", "2026-11-23")  # replaces the old date
        assert screen.session.case_date == dt.date(2026, 11, 23)
        await pilot.press("ctrl+g", *(["down"] * order), "enter")
        await settle(pilot, lambda: screen.block_for("admin_order_kind") is not None)
        screen.query_one("#in-admin_order_kind").focus()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        text = str(app.screen.query_one("#statute-text").render())
        assert "effective 2017-08-18" in text


async def test_resume_from_home_opens_the_same_section_with_answers(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    draft = drafts.new_draft("lien").with_answer("past_due_amount", "4210.00").at_section("debt")
    draft = draft.in_view("form")
    drafts.save_draft(draft, drafts_folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.sections[screen.current].id == "debt"
        assert screen.query_one("#in-past_due_amount", Input).value == "4210.00"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_review_lists_answers_and_edit_jumps_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        await answer(pilot, screen, "iv_d_case_number", "IVD-77")
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        answers = review.query_one("#answers")
        prompts = [str(answers.get_option_at_index(i).prompt) for i in range(answers.option_count)]  # type: ignore[attr-defined]
        assert any("IVD-77" in p for p in prompts)
        assert any("required; answer" in p for p in prompts)  # unanswered questions flagged
        await settle(pilot, lambda: review.docs is not None, timeout=60)
        assert review.problems, "checks that would fail are listed before rendering"
        await pilot.press("r")  # refused while checks fail
        assert app.screen is review
        target = next(
            i
            for i in range(answers.option_count)  # type: ignore[attr-defined]
            if answers.get_option_at_index(i).id == "obligor_name"  # type: ignore[attr-defined]
        )
        answers.highlighted = target  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(
            pilot, lambda: app.screen is screen and screen.block_for("obligor_name") is not None
        )
        assert app.focused is screen.query_one("#in-obligor_name")


async def test_every_binding_is_in_the_key_bar(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "lien")
        bar = screen.query_one(KeyBar).text()
        for words in ("Next", "Back", "Go to", "Statute", "Findings", "Review", "Home", "Quit"):
            assert words in bar, words


async def test_narrow_screen_folds_findings_and_f3_shows_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        pane = screen.query_one("#findings-pane")
        assert not pane.display or pane.region.width == 0
        await pilot.press("f3")
        await pilot.pause()
        assert pane.region.width > 0


async def test_mouse_clicks_the_key_bar_and_the_outline(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, "lien")
        assert screen.current == 0
        await pilot.click(KeyBar, offset=(3, 0))  # " ^n Next ...": the Next key
        await settle(pilot, lambda: screen.current == 1)
        await pilot.click(SectionOutline, offset=(2, 1))  # the first section's line
        await settle(pilot, lambda: screen.current == 0)


async def test_opening_and_leaving_without_an_answer_leaves_no_draft(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, "lien")
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: screen.current == 1)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert drafts.list_drafts(drafts_folder).drafts == ()


async def test_resumed_choice_keeps_its_answer_under_the_cursor(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    draft = drafts.new_draft("lien").with_answer("lien_target", "real_estate").in_view("form")
    drafts.save_draft(draft.at_section("target"), drafts_folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        choice = screen.query_one("#in-lien_target")
        choice.focus()
        await pilot.pause()
        await pilot.press("enter")  # Enter on the cursor must not switch the answer
        await pilot.pause()
        assert screen.session.raw["lien_target"] == "real_estate"
