"""Issue 14's defects, each typed in as the report describes and seen fixed (form and
conversation alike where both have it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Input, RadioButton

from counsel import drafts
from counsel.tui.screens.conversation import ConversationScreen
from counsel.tui.screens.home import HomeScreen
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.render import RenderScreen, default_folder
from counsel.tui.screens.review import ReviewScreen
from counsel.tui.screens.row_editor import RowEditor
from counsel.tui.screens.statute_modal import StatuteModal
from counsel.tui.screens.statutes import StatuteBrowser
from counsel.tui.widgets.findings_panel import FindingsPanel
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.list_input import RowList
from counsel.tui.widgets.section_outline import SectionOutline
from tests.tui.conftest import MakeApp
from tests.tui.converse import Keys, press, type_answer
from tests.tui.helpers import settle

LIEN = {
    "iv_d_case_number": "IVD-2024-000404",
    "document_date": "2026-11-23",
    "obligor_name": "Jordan P. Madeup",
    "obligor_address": "8 Illustration Street\nSpringfield, IL 62701",
    "family_violence": False,
    "past_due_amount": "4210.00",
    "past_due_as_of": "2026-11-01",
    "lien_target": "account",
    "holder_name": "First Example Bank",
    "holder_address": "1 Bank Plaza\nSpringfield, IL 62701",
    "account_type": "ira",
    "account_balance": "1850.75",
    "mailing_date": "2026-11-24",
}
"""A lien on an IRA: refused (IRG 9, Q15), whatever else is answered."""


async def _form(pilot: Any, draft: drafts.Draft, section: str | None = None) -> InterviewScreen:
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.open_draft(draft.in_view("form"))
    await settle(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen))
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    await settle(pilot, lambda: bool(screen.blocks()))
    if section is not None:
        await screen.show_section(screen.session.section_index(section))
        await pilot.pause()
    return screen


async def _talk(pilot: Any, draft: drafts.Draft) -> ConversationScreen:
    pilot.app.screen.open_draft(draft.in_view("conversation"))
    await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen)
    await settle(pilot, lambda: screen.ready)
    return screen


def _lien(**extra: Any) -> drafts.Draft:
    draft = drafts.new_draft("lien")
    for key, value in {**LIEN, **extra}.items():
        draft = draft.with_answer(key, value)
    return draft


async def test_a_mistyped_amount_is_kept_and_named(make_app: MakeApp, drafts_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, drafts.new_draft("lien"), "debt")
        field = screen.query_one("#in-past_due_amount", Input)
        field.focus()
        await pilot.pause()
        await type_answer(pilot, "1o45.00", Keys())
        assert field.value == "1o45.00"  # no character dropped
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.raw["past_due_amount"] == "1o45.00"
        block = screen.block_for("past_due_amount")
        assert block is not None and block.has_class("has-error")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        talk = await _talk(pilot, drafts.new_draft("lien").with_answer("iv_d_case_number", "I-1"))
        while talk.current is not None and talk.current.qid != "past_due_amount":
            await press(pilot, Keys(), "enter")  # leave the earlier ones for later
        await type_answer(pilot, "1o45.00", Keys())
        await press(pilot, Keys(), "enter")
        assert talk.current is not None and talk.current.qid == "past_due_amount"
        assert talk.answer_field_text() == "1o45.00"  # kept as typed, asked again
        error = talk.errors.get("past_due_amount")
        assert error and error in str(talk.query_one("#note").render())


async def test_a_mistyped_count_is_kept_and_named(make_app: MakeApp, drafts_folder: Path) -> None:
    """The integer field (employer contacts) keeps a mistyped letter, as the money field does
    (Textual's type="integer" would drop it silently), and says what is wrong."""
    draft = drafts.new_draft("job-program").with_answer("track", "judicial")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, draft, "program")
        field = screen.query_one("#in-efforts_minimum_contacts", Input)
        field.focus()
        await pilot.pause()
        await type_answer(pilot, "1o", Keys())
        assert field.value == "1o"  # no character dropped
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.raw["efforts_minimum_contacts"] == "1o"
        block = screen.block_for("efforts_minimum_contacts")
        assert block is not None and block.has_class("has-error")
        assert "whole number" in str(block.query_one(".q-error").render())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        talk = await _talk(pilot, draft)
        talk._edit_key("efforts_minimum_contacts")
        await type_answer(pilot, "1o", Keys())
        await press(pilot, Keys(), "enter")
        assert talk.answer_field_text() == "1o"  # kept as typed, asked again
        assert talk.current is not None and talk.editing is not None
        error = talk.errors.get("efforts_minimum_contacts")
        assert error and error in str(talk.query_one("#note").render())


async def test_a_full_account_number_is_never_written(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    """Rule 138: the last-four field refuses 12345678 and no file ever holds it."""
    app = make_app()
    draft = _lien(account_type="savings")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, draft, "target")
        field = screen.query_one("#in-account_last4", Input)
        field.focus()
        await pilot.pause()
        await type_answer(pilot, "12345678", Keys())
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == ""  # emptied, and the reason said
        block = screen.block_for("account_last4")
        assert block is not None and "last four digits" in str(block.query_one(".q-error").render())
        await type_answer(pilot, "5678", Keys())
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        draft_id = screen.session.draft.id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # the same in the conversation
        talk = await _talk(pilot, drafts.load_draft(draft_id, drafts_folder))
        talk._edit_key("account_last4")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_answer(pilot, "9876543210", Keys())
        await pilot.press("enter")
        await pilot.pause()
        assert "last four digits" in str(talk.query_one("#note").render())
    for path in drafts_folder.iterdir():
        if path.is_file():
            text = path.read_text()
            assert "12345678" not in text and "9876543210" not in text, path.name
    saved = json.loads((drafts_folder / f"{draft_id}.json").read_text())
    assert "account_last4" not in saved["answers"]  # the last refused value cleared it


async def test_a_list_row_dialog_takes_keys_at_once_and_enter_moves_on(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, drafts.new_draft("track"), "children")
        screen.query_one(RowList).focus()
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, RowEditor))
        editor = app.screen
        assert editor.query_one("#row-name", Input).has_focus  # typed keys go somewhere
        await type_answer(pilot, "Ada Example", Keys())
        await pilot.press("enter")  # to the birth date
        assert editor.query_one("#row-birth_date", Input).has_focus
        await type_answer(pilot, "2012-03-01", Keys())
        await pilot.press("enter", "enter")  # to graduation (blank), which saves the row
        await settle(pilot, lambda: app.screen is screen)
        assert screen.session.raw["children"] == [
            {"name": "Ada Example", "birth_date": "2012-03-01"}
        ]
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, RowEditor))
        title = str(app.screen.query_one(".title").render())
        assert title == "Add a child"
        await pilot.press("escape")


async def test_enter_on_an_unanswered_yes_no_says_so_and_the_choice_is_in_words(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, drafts.new_draft("lien"), "safety")
        yes_no = screen.query_one("#in-family_violence")
        yes_no.focus()
        await pilot.press("enter")
        await pilot.pause()
        block = screen.block_for("family_violence")
        assert block is not None
        assert "type y for yes or n for no" in str(block.query_one(".q-error").render())
        assert screen.focused_block() is block  # not passed over
        await pilot.press("n")
        await pilot.pause()
        labels = [str(b.label) for b in yes_no.query(RadioButton)]
        assert labels == ["Yes", "No  (chosen)"]


async def test_progress_counts_answers_not_optional_blanks(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _form(pilot, drafts.new_draft("lien"))
        first = str(screen.query_one(SectionOutline).get_option_at_index(0).prompt)
        assert first.startswith("[0/4]")  # nothing typed: nothing done


async def test_a_refused_lien_never_shows_ok(make_app: MakeApp, drafts_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _form(pilot, _lien(), "target")
        outline = screen.query_one(SectionOutline)
        badges = {
            str(o.id): str(o.prompt).split("]")[0] + "]"
            for o in (outline.get_option_at_index(i) for i in range(outline.option_count))
        }
        assert badges["target"] == "[no]"
        assert "[ok]" not in badges["target"]
        text = str(screen.query_one(FindingsPanel).render())
        assert "Lien eligibility: NOT ALLOWED" in text


async def test_review_shows_money_periods_and_messages_in_words(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    draft = drafts.new_draft("prior-period")
    for key, value in {
        "court_case_number": "2026-F-9",
        "guideline_monthly": "$4,210.00",
        "segments": [
            {"start_date": "2025-03-15", "end_date": "2025-12-31", "monthly_amount": "1045.00"},
            {"start_date": "2026-01-01", "end_date": "2026-06-30"},
        ],
        "document_date": "2026-11-23",
        "children": [{"name": "Riley Fictional", "birth_date": "2027-02-28"}],
    }.items():
        draft = draft.with_answer(key, value)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _form(pilot, draft)
        await pilot.press("ctrl+r")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        answers = review.query_one("#answers")
        prompts = "\n".join(
            str(answers.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
            for i in range(answers.option_count)  # type: ignore[attr-defined]
        )
        assert "$4,210.00" in prompts and "$$" not in prompts
        assert "Segment 1: 2025-03-15 to 2025-12-31; $1045.00" in prompts
        assert "Segment 2: 2026-01-01 to 2026-06-30" in prompts
        assert "document_date" not in prompts and '"Date of the document"' in prompts
        assert "children[" not in prompts
        await settle(pilot, lambda: review.docs is not None, timeout=60)
        side = str(review.query_one("#documents").render())
        assert "document_date" not in side and "_" not in side.replace("__", "")


async def test_labels_say_words(make_app: MakeApp, drafts_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _form(pilot, _lien(account_type="savings"))
        text = str(screen.query_one(FindingsPanel).render())
        assert "Financial-institution lien lapses" in text and "Fi lien" not in text
        await screen.show_section(screen.session.section_index("target"))
        await pilot.pause()
        screen.query_one(RowList).focus()
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, RowEditor))
        assert str(app.screen.query_one(".title").render()) == "Add a joint owner"
        await pilot.press("escape")
        await pilot.pause()
        await screen.show_section(screen.session.section_index("notice"))
        screen.query_one("#in-mailing_date").focus()
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, StatuteModal))
        bar = app.screen.query_one(KeyBar).text()
        assert "[ Prev citation" in bar and "[[/]" not in bar
        assert "] Next citation" in bar


async def test_f2_opens_the_pinpoint_the_question_cites(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _form(pilot, _lien(account_type="savings"), "notice")
        screen.query_one("#in-mailing_date").focus()
        await pilot.pause()
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, StatuteModal))
        modal = app.screen
        assert str(modal.query_one("#statute-which").render()).endswith("160.70(g)(1)(C)")
        text = str(modal.query_one("#statute-text").render())
        assert text.index("89 Ill. Adm. Code 160.70(g)(1)(C)") < text.index("Whole section")


async def test_documents_go_to_one_absolute_folder_per_case(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    one = default_folder({"court_case_number": "2026-F-1"})
    two = default_folder({"iv_d_case_number": "IVD-2"})
    assert one.is_absolute() and two.is_absolute() and one != two
    assert one.parent == two.parent and one.name == "2026-F-1"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _form(pilot, _lien(account_type="savings"))
        app.push_screen(RenderScreen(screen.session))
        await settle(pilot, lambda: bool(app.screen.query("#folder")))
        shown = app.screen.query_one("#folder", Input).value
        assert Path(shown).is_absolute() and Path(shown).name == "IVD-2024-000404"


async def test_a_valid_date_clears_the_stale_date_error(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(StatuteBrowser("305 ILCS 5/10-16.5"))
        await settle(pilot, lambda: bool(app.screen.query("#as-of")))
        browser = app.screen
        date = browser.query_one("#as-of", Input)
        date.focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_answer(pilot, "2019-02-30", Keys())
        status = browser.query_one("#statute-status")
        assert "february" in str(status.render()).lower()
        await pilot.press("backspace", "backspace")
        await type_answer(pilot, "01", Keys())
        assert "february" not in str(status.render()).lower()
        assert "2019-02-01" in str(status.render())
