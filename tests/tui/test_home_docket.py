"""The docket on the home screen, driven by keys: what is due in the next 14 days, one Enter
from the case, `e` to record what happened; and home at 80x24 with it (nothing cut, the
drafts still there and reachable, no panel where nothing was ever issued)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static

from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.register import IssuedFile, Register, default_register_path
from counsel.tui.app import CounselApp
from counsel.tui.screens.home import HomeScreen
from counsel.tui.widgets.docket_panel import DocketPanel
from counsel.tui.widgets.event_dialog import EventDialog
from counsel.tui.widgets.key_bar import KeyBar
from tests.conftest import TwoIssuers
from tests.tui.conftest import EXAMPLES, TODAY, MakeApp
from tests.tui.helpers import settle
from tests.tui.test_layout import _check_widgets


def _lien_answers(mailed: dt.date) -> dict[str, Any]:
    _, raw = load_answers_file(EXAMPLES / "lien-real-estate.toml")
    raw = {k: v for k, v in raw.items() if k != "obligor_ssn"}
    return dict(raw, document_date=mailed - dt.timedelta(days=1), mailing_date=mailed)


def _issue(app: CounselApp, interview: str, document: str, answers: dict[str, Any]) -> int:
    """One register row as a render records it (the documents' deadlines stored with it)."""
    from counsel.case.identity import case_identifier

    files = [IssuedFile(document, f"{document}.html", "t" * 64, "pdf", f"/o/{document}.pdf", "h")]
    with Register.open(None, office=app.office) as reg:
        return reg.record(
            interview=interview,
            answers=answers,
            files=files,
            statute_snapshot="s" * 64,
            on=dt.date.fromisoformat(str(answers.get("document_date") or TODAY)),
            case_number=case_identifier(answers),
            source="render",
            office=app.office,
        )


async def _home(pilot: Any) -> HomeScreen:
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.cases_loaded)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    return screen


def _docket_rows(screen: HomeScreen) -> list[list[str]]:
    table = screen.query_one("#docket-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _summary(screen: HomeScreen) -> str:
    return str(screen.query_one("#docket-summary", Static).render())


async def test_a_lien_due_soon_is_listed_opened_and_ended_by_an_event(make_app: MakeApp) -> None:
    from counsel.tui.screens.conversation import ConversationScreen
    from counsel.tui.screens.pick_interview import PickInterview

    app = make_app()
    # Mailed Friday, November 20, 2026: 15 days end Saturday, December 5; under 5 ILCS
    # 70/1.11 the last day to ask for a hearing is Monday, December 7 (14 days from today).
    entry = _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2026, 11, 20)))
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        assert _docket_rows(home) == [
            [
                "Mon Dec 07",
                "in 14 d",
                "IVD-2019-000505",
                "Lien hearing request ends\n89 Ill. Adm. Code 160.70(g)(1)(C)",
            ]
        ]
        assert "Docket, next 14 days: 1 due" in _summary(home)
        assert app.focused is home.query_one("#drafts")  # the drafts first, as before

        await pilot.press("tab")  # to the docket
        assert app.focused is home.query_one("#docket-table")
        assert "Enter: the case" in _summary(home)
        bar = home.query_one(KeyBar).text()
        assert "Record event" in bar and "Resume" not in bar and "Archive" not in bar

        await pilot.press("enter")  # the case: a new interview on its issued answers
        await settle(pilot, lambda: isinstance(app.screen, PickInterview))
        await pilot.press("down", "down", "down", "enter")  # Notice of lien
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.draft.interview_id == "lien"
        assert dict(screen.session.raw) == {}  # offered, never copied in silently
        assert screen.offered["iv_d_case_number"].value == "IVD-2019-000505"
        assert screen.offered["obligor_name"].value == "Alex V. Hypothetical"
        assert "Notice of lien issued" in screen.offered["obligor_name"].where

        await pilot.press("escape")  # home again; the docket is read again
        home = await _home(pilot)
        assert app.focused is home.query_one("#docket-table")
        await pilot.press("e")
        await settle(pilot, lambda: isinstance(app.screen, EventDialog))
        # The event that ends this deadline is offered first; the day defaults to today.
        await pilot.press("enter", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, EventDialog))
        await settle(pilot, lambda: home.cases_loaded and not _docket_rows(home), timeout=20)
        assert "nothing is due in the next 14 days" in _summary(home)
    with Register.open(None, office=app.office) as reg:
        assert [(e.kind, e.date) for e in reg.events(entry)] == [("hearing-requested", TODAY)]


async def test_no_register_no_docket_and_no_register_made(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    drafts.save_draft(
        drafts.new_draft("lien").with_answer("iv_d_case_number", "IVD-1"), drafts_folder
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        panel = home.query_one(DocketPanel)
        assert not panel.display and panel.region.height == 0  # nothing issued: no noise
        drafts_table = home.query_one("#drafts", DataTable)
        assert drafts_table.region.y == 2  # right under the title bar and the drafts' title
        await pilot.press("tab")
        assert app.focused is drafts_table  # the hidden docket takes no focus
        await pilot.press("f5")
        home = await _home(pilot)
        assert not home.query_one(DocketPanel).display
    assert not default_register_path(app.office).exists()


async def test_nothing_due_is_one_plain_line(make_app: MakeApp) -> None:
    app = make_app()
    _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2025, 3, 3)))  # long past
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        panel = home.query_one(DocketPanel)
        assert panel.display and panel.region.height == 1
        assert _summary(home) == "Docket: nothing is due in the next 14 days."
        await pilot.press("tab")
        assert app.focused is home.query_one("#drafts")  # an empty docket takes no focus


def _fill_desk(app: CounselApp, drafts_folder: Path) -> None:
    """Three deadlines (an overdue lien, an order's petition period, a registration waiting
    for service), and a draft of the same case as the issued order."""
    _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2026, 11, 1)))
    order = {
        "iv_d_case_number": "IVD-2026-000202",
        "court_case_number": "2026-F-000417",
        "obligee_name": "Jamie R. Placeholder",
        "obligor_name": "Morgan T. Fictional",
        "document_date": "2026-11-01",
        "order_mailing_date": "2026-11-01",
    }
    _issue(app, "prior-period", "prior-period-administrative", order)
    _issue(app, "registration", "registration-notice", {"iv_d_case_number": "IVD-2026-000303"})
    draft = drafts.new_draft("prior-period")
    for key in ("court_case_number", "iv_d_case_number", "obligee_name"):
        draft = draft.with_answer(key, order[key])
    drafts.save_draft(draft, drafts_folder)


async def test_home_at_80x24_with_a_docket_is_whole_and_reachable(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    _fill_desk(app, drafts_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        rows = _docket_rows(home)
        assert [r[2] for r in rows] == ["IVD-2019-000505", "IVD-2026-000202", "IVD-2026-000303"]
        # Lien mailed Sunday, Nov 1: 15 days end Monday, Nov 16. Order mailed Nov 1: the
        # 30-day petition period ends Tuesday, Dec 1.
        assert [r[:2] for r in rows] == [
            ["Mon Nov 16", "7 d ago"],
            ["Tue Dec 01", "in 8 d"],
            ["-", "waiting"],
        ]
        assert "Docket, next 14 days: 2 due (1 overdue), 1 waiting" in _summary(home)
        assert await _check_widgets(pilot) > 0  # nothing cut, key bar on one line
        docket = home.query_one(DocketPanel)
        drafts_table = home.query_one("#drafts", DataTable)
        assert docket.region.height <= 10  # under half the screen
        assert drafts_table.region.height >= 8  # the drafts keep the rest
        # One case, one name: the draft with both numbers goes by its IV-D number, as the
        # docket and the issued order do.
        names = [str(drafts_table.get_row_at(i)[0]) for i in range(drafts_table.row_count)]
        assert names.count("IVD-2026-000202") == 2 and "2026-F-000417" not in names
        await pilot.press("tab")
        assert app.focused is home.query_one("#docket-table")
        assert await _check_widgets(pilot) > 0  # the docket's keys fit the bar too
        await pilot.press("tab")
        assert app.focused is drafts_table
        await pilot.press("enter")  # the newest draft opens, as before the docket
        await settle(pilot, lambda: not isinstance(app.screen, HomeScreen))


async def test_f5_reads_the_docket_again(make_app: MakeApp) -> None:
    app = make_app()
    _issue(app, "registration", "registration-notice", {"iv_d_case_number": "IVD-9"})
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        assert len(_docket_rows(home)) == 1
        _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2026, 11, 20)))
        await pilot.press("f5")
        home = await _home(pilot)
        assert [r[2] for r in _docket_rows(home)] == ["IVD-2019-000505", "IVD-9"]


async def test_a_hostile_case_number_on_the_docket_is_text(make_app: MakeApp) -> None:
    from tests.security.test_tui_text import _assert_inert, _screen_text

    app = make_app()
    answers = dict(_lien_answers(dt.date(2026, 11, 20)), iv_d_case_number="IVD-[red]1\x1b[2J")
    _issue(app, "lien", "lien-notice", answers)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        assert _docket_rows(home)[0][2] == "IVD-[red]1\\x1b[2J"
        assert "IVD-[red]1\\x1b[2" in _screen_text(app)  # wrapped in its cell
        _assert_inert(app)
        await pilot.press("tab", "e")
        await settle(pilot, lambda: isinstance(app.screen, EventDialog))
        await pilot.pause()
        assert "(IVD-[red]1\\x1b[2J)" in _screen_text(app)
        _assert_inert(app)


# -- yours and the office's (a register others issue into too) -------------------------------


def _drafts_rows(screen: HomeScreen) -> list[str]:
    table = screen.query_one("#drafts", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _record(target: str, interview: str, document: str, answers: dict[str, Any], user: Any) -> int:
    from counsel.case.identity import case_identifier

    files = [IssuedFile(document, f"{document}.html", "t" * 64, "pdf", f"/o/{document}.pdf", "h")]
    with Register.open(target) as reg:
        return reg.record(
            interview=interview,
            answers=answers,
            files=files,
            statute_snapshot="s" * 64,
            on=dt.date.fromisoformat(str(answers.get("document_date") or TODAY)),
            case_number=case_identifier(answers),
            user_name=user,
        )


async def test_home_shows_your_deadlines_and_o_the_offices(
    two_issuers: TwoIssuers, drafts_folder: Path
) -> None:
    """SQLite: the colleague's rows carry another OS user; PostgreSQL: another database
    role (the same OS user): either way home starts on the user's own documents."""
    who = two_issuers
    mine = _record(who.me, "lien", "lien-notice", _lien_answers(dt.date(2026, 11, 20)), None)
    theirs = dict(_lien_answers(dt.date(2026, 11, 19)), iv_d_case_number="IVD-2026-000777")
    _record(who.colleague, "lien", "lien-notice", theirs, who.colleague_user)
    waiting = {"iv_d_case_number": "IVD-2026-000303"}
    _record(who.colleague, "registration", "registration-notice", waiting, who.colleague_user)
    office = load_office(EXAMPLES / "office.toml")
    if who.me.startswith("postgresql"):
        office = dataclasses.replace(office, register_url=who.me, register_path="")
    else:
        office = dataclasses.replace(office, register_path=who.me, register_url="")
    app = CounselApp(office, drafts_folder=drafts_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        assert [r[2] for r in _docket_rows(home)] == ["IVD-2019-000505"]
        assert _summary(home).startswith("Your deadlines, next 14 days: 1 due  o: the office's (3)")
        assert _title(home).startswith("Drafts and your issued cases")
        assert _drafts_rows(home) == ["IVD-2019-000505"]
        assert await _check_widgets(pilot) > 0

        await pilot.press("o")  # the whole office's: the colleague's lien is due first
        await settle(pilot, lambda: home.cases_loaded and len(_drafts_rows(home)) == 3)
        assert [r[2] for r in _docket_rows(home)] == [
            "IVD-2026-000777",
            "IVD-2019-000505",
            "IVD-2026-000303",
        ]
        assert _summary(home).startswith(
            "The office's deadlines, next 14 days: 2 due, 1 waiting  o: yours (1)"
        )
        assert _title(home).startswith("Drafts and the office's issued cases")
        assert await _check_widgets(pilot) > 0

        # Remembered while the app runs: away to the statutes and back, F5.
        await pilot.press("s")
        await settle(pilot, lambda: not isinstance(app.screen, HomeScreen))
        await pilot.press("escape")
        home = await _home(pilot)
        await pilot.press("f5")
        home = await _home(pilot)
        assert len(_docket_rows(home)) == 3 and _summary(home).startswith("The office's")

        await pilot.press("tab", "o")  # from the docket too; back to mine
        await settle(pilot, lambda: home.cases_loaded and len(_drafts_rows(home)) == 1)
        assert app.focused is home.query_one("#docket-table")
        assert [r[2] for r in _docket_rows(home)] == ["IVD-2019-000505"]
        await pilot.press("enter")  # the row under the cursor is still a deadline of mine
        from counsel.tui.screens.pick_interview import PickInterview

        await settle(pilot, lambda: isinstance(app.screen, PickInterview))
    with Register.open(who.me) as reg:
        assert reg.get(mine).case_number == "IVD-2019-000505"


def _title(screen: HomeScreen) -> str:
    return str(screen.query_one("#drafts-title", Static).render())


async def test_o_does_nothing_where_every_document_is_yours(make_app: MakeApp) -> None:
    app = make_app()
    _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2026, 11, 20)))
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        before = (_docket_rows(home), _summary(home), _title(home))
        assert before[1].startswith("Docket, next 14 days: 1 due  Tab: to the docket")
        assert before[2].startswith("Drafts and issued cases")
        await pilot.press("o")
        await pilot.pause()
        assert home.mine and (_docket_rows(home), _summary(home), _title(home)) == before


async def test_when_nothing_of_yours_is_due_the_title_says_so_and_o_shows_the_offices(
    make_app: MakeApp,
) -> None:
    app = make_app()
    _issue(app, "lien", "lien-notice", _lien_answers(dt.date(2025, 3, 3)))  # mine, long past
    target = str(default_register_path(app.office))
    theirs = dict(_lien_answers(dt.date(2026, 11, 19)), iv_d_case_number="IVD-2026-000777")
    _record(target, "lien", "lien-notice", theirs, "colleague")
    async with app.run_test(size=(80, 24)) as pilot:
        home = await _home(pilot)
        assert _docket_rows(home) == []
        assert _summary(home) == (
            "Your deadlines: nothing is due in the next 14 days.  o: the office's (1)"
        )
        await pilot.press("o")
        await settle(pilot, lambda: home.cases_loaded)
        assert [r[2] for r in _docket_rows(home)] == ["IVD-2026-000777"]
        # The docket is shown again (its table was folded): Tab reaches it once drawn.
        await settle(pilot, lambda: home.query_one("#docket-table").region.height > 0)
        await pilot.press("tab")
        assert app.focused is home.query_one("#docket-table")
        await pilot.press("o")  # yours again: nothing due, so the drafts take the cursor
        assert app.focused is home.query_one("#drafts")
        assert _summary(home).startswith("Your deadlines: nothing is due")
