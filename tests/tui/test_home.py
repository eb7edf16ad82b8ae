"""Home screen: drafts listed with case, parties, interview; unreadable drafts reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from textual.widgets import DataTable, Input

from counsel import drafts
from counsel.tui.screens.home import HomeScreen, case_number, parties
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


def _cells(table: DataTable[str]) -> list[list[str]]:
    # Cells wrap at word boundaries to fit the screen: join the lines back to compare.
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return [[" ".join(str(c).split("\n")) for c in row] for row in rows]


def test_case_number_and_parties_fall_back_in_order() -> None:
    assert case_number({"iv_d_case_number": "IVD-1", "court_case_number": " "}) == "IVD-1"
    # One name a case (counsel.case.case_identifier, as the register and batch): IV-D first.
    assert case_number({"court_case_number": "2026-F-1", "iv_d_case_number": "IVD-1"}) == "IVD-1"
    assert case_number({"court_case_number": " 2026-F-1 ", "iv_d_case_number": ""}) == "2026-F-1"
    assert case_number({}) == "-"
    assert parties({"obligor_name": "B", "obligee_name": "A"}) == "A v. B"
    assert parties({"obligor_name": "B"}) == "B"
    assert parties({}) == "(parties not yet named)"


async def test_home_lists_drafts_newest_first(make_app: MakeApp, drafts_folder: Path) -> None:
    old = drafts.new_draft("lien").with_answer("iv_d_case_number", "IVD-OLD")
    old = drafts.Draft(
        old.id, "lien", old.answers, "", old.created, dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
    )
    new = drafts.new_draft("track").with_answer("court_case_number", "2026-F-7")
    new = new.with_answer("obligee_name", "Pat Obligee").with_answer("obligor_name", "Sam Obligor")
    drafts.save_draft(old, drafts_folder)
    drafts.save_draft(new, drafts_folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        rows = _cells(app.screen.query_one("#drafts", DataTable))
        assert [r[0] for r in rows] == ["2026-F-7", "IVD-OLD"]
        assert rows[0][1] == "Pat Obligee v. Sam Obligor"


async def test_empty_home_says_how_to_start(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = _cells(app.screen.query_one("#drafts", DataTable))
        assert "press n" in rows[0][1]
        await pilot.press("enter")  # nothing to resume: stays home, no crash
        assert isinstance(app.screen, HomeScreen)


async def test_corrupt_draft_is_reported_and_moved_aside(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    good = drafts.new_draft("lien").with_answer("iv_d_case_number", "IVD-GOOD")
    drafts.save_draft(good, drafts_folder)
    bad = drafts_folder / "lien-20260101t000000-bad000.json"
    bad.write_text("{ not json")
    newer = drafts_folder / "lien-20260101t000000-new000.json"
    newer.write_text(json.dumps({"format": 99, "id": "x"}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = str(app.screen.query_one("#home-problems").render())
        assert "not valid JSON" in problems and str(bad) in problems
        assert "newer version of counsel" in problems
        rows = _cells(app.screen.query_one("#drafts", DataTable))
        assert [r[0] for r in rows] == ["IVD-GOOD"]
    assert not bad.exists()
    assert len(list(drafts_folder.glob("*.unreadable-*"))) == 2


async def test_statute_browser_opens_and_closes(make_app: MakeApp) -> None:
    from counsel.tui.screens.statutes import StatuteBrowser

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatuteBrowser)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_theme_toggles_between_light_and_dark(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_issued_case_is_listed_and_starts_a_new_interview_prefilled(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    from counsel.register import Register
    from counsel.tui.screens.conversation import ConversationScreen
    from counsel.tui.screens.pick_interview import PickInterview

    app = make_app()
    answers = {
        "court_case_number": "2026-F-555",
        "obligor_name": "Sam Obligor",
        "obligee_name": "Pat Obligee",
        "children": [{"name": "Ada", "birth_date": "2012-03-01"}],
        "past_due_amount": "4210.00",
    }
    with Register.open(None, office=app.office) as reg:
        reg.record(
            interview="lien",
            answers=answers,
            files=[],
            statute_snapshot="x",
            on=dt.date(2026, 11, 23),
            case_number="2026-F-555",
            source="render",
            office=app.office,
        )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.cases_loaded)  # read off the UI thread
        rows = _cells(app.screen.query_one("#drafts", DataTable))
        assert rows[0][0] == "2026-F-555" and rows[0][1] == "Pat Obligee v. Sam Obligor"
        assert rows[0][2].endswith("(issued)")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PickInterview)
        await pilot.press("enter")  # the first interview: track
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.draft.interview_id == "track"
        # Offered, never copied in silently: nothing is an answer until confirmed.
        assert dict(screen.session.raw) == {}
        assert screen.offered["obligor_name"].value == "Sam Obligor"
        assert screen.offered["children"].value == [{"name": "Ada", "birth_date": "2012-03-01"}]
        assert "past_due_amount" not in screen.offered  # not a question of the track interview
        line = screen.query_one("#answer-line", Input)
        assert line.value == "2026-F-555"  # the first question, the case number, offered
        assert "Enter keeps it" in str(screen.query_one("#note").render())
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.raw["court_case_number"] == "2026-F-555"
