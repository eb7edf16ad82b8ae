"""Snapshots of the home, form, conversation, why, review and statute screens at 80x24 and
120x40."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counsel import drafts
from counsel.office import load_office
from counsel.tui.app import CounselApp
from counsel.tui.screens.review import ReviewScreen
from counsel.tui.screens.statutes import StatuteBrowser

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = dt.date(2026, 11, 23)
SIZES = [(80, 24), (120, 40)]
STAMP = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The home screen shows local times; pin the zone so the pictures do not depend on it.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _draft(
    interview: str, n: int, answers: dict[str, Any], section: str = "", view: str = ""
) -> drafts.Draft:
    return drafts.Draft(
        id=f"{interview}-20261120t153000-00000{n}",
        interview_id=interview,
        answers=answers,
        section=section,
        created=STAMP,
        updated=STAMP - dt.timedelta(hours=n),
        view=view,
    )


LIEN = {
    "iv_d_case_number": "IVD-2024-000404",
    "document_date": "2026-11-23",
    "obligor_name": "Jordan P. Madeup",
    "obligor_address": "8 Illustration Street\nSpringfield, IL 62701",
    "past_due_amount": "4210.00",
    "past_due_as_of": "02/30/2026",
}


PRIOR = {
    "court_case_number": "2026-F-000417",
    "iv_d_case_number": "IVD-2026-000202",
    "document_date": "2026-11-23",
    "track": "judicial",
    "obligor_name": "Morgan T. Fictional",
    "obligor_address": "77 Nowhere Road\nChatham, IL 62629",
    "obligee_name": "Jamie R. Placeholder",
    "obligee_address": "PO Box 1000\nSpringfield, IL 62705",
    "children": [{"name": "Riley Fictional", "birth_date": "2013-02-28"}],
    "guideline_monthly": "1o45.00",
}
"""A conversation part-way: a child (her termination date said) and a mistyped amount."""


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CounselApp:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "drafts"
    drafts.save_draft(_draft("lien", 1, LIEN, "debt", view="form"), folder)
    drafts.save_draft(_draft("prior-period", 3, PRIOR, view="conversation"), folder)
    drafts.save_draft(
        _draft(
            "track",
            2,
            {"court_case_number": "2026-F-000123", "obligee_name": "Pat Example"},
        ),
        folder,
    )
    office = load_office(ROOT / "examples" / "office.toml")
    return CounselApp(office, drafts_folder=folder, today=TODAY)


Run = Callable[[Any], Awaitable[None]]


async def _settle(pilot: Any, done: Callable[[], bool]) -> None:
    for _ in range(500):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("screen did not settle")


async def _quiet(pilot: Any) -> None:
    """Wait until the screen is drawn as it will stay: every key bar redrawn for the
    bindings of the focused widget (it redraws after a refresh), animations done."""
    from counsel.tui.widgets.key_bar import KeyBar

    await pilot.pause()
    await _settle(pilot, lambda: all(bar.in_step() for bar in pilot.app.screen.query(KeyBar)))
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _home(pilot: Any) -> None:
    await _settle(pilot, lambda: getattr(pilot.app.screen, "cases_loaded", False))
    await _quiet(pilot)


async def _open_lien(pilot: Any) -> None:
    await _home(pilot)
    await pilot.press("enter")  # the newest draft: the lien, on its "debt" section
    await _settle(pilot, lambda: pilot.app.screen.query("#q-past_due_as_of"))
    pilot.app.screen.query_one("#in-past_due_amount").focus()
    await _quiet(pilot)


async def _review(pilot: Any) -> None:
    await _open_lien(pilot)
    await pilot.press("ctrl+r")
    await _settle(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    await _settle(pilot, lambda: pilot.app.screen.docs is not None)
    await _quiet(pilot)


async def _conversation(pilot: Any) -> None:
    from counsel.tui.screens.conversation import ConversationScreen

    await _home(pilot)
    await pilot.press("down", "down", "enter")  # the prior-period draft, as a conversation
    await _settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    await _settle(pilot, lambda: pilot.app.screen.ready)
    await _settle(pilot, lambda: pilot.app.screen.offers_ready)  # the case look-up's thread
    await _quiet(pilot)


async def _why(pilot: Any) -> None:
    from counsel.tui.screens.why import WhyModal

    await _conversation(pilot)
    await pilot.press("f1")
    await _settle(pilot, lambda: isinstance(pilot.app.screen, WhyModal))
    await _quiet(pilot)


async def _statutes(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.push_screen(StatuteBrowser("305 ILCS 5/10-16.5"))
    await _settle(
        pilot,
        lambda: pilot.app.screen.query("#statute-main")
        and "Sec. 10-16.5" in str(pilot.app.screen.query_one("#statute-main").render()),
    )
    await _quiet(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
class TestSnapshots:
    def test_home(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_home)

    def test_interview(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_open_lien)

    def test_review(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_review)

    def test_statutes(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_statutes)

    def test_conversation(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_conversation)

    def test_why(self, snap_compare: Any, app: CounselApp, size: tuple[int, int]) -> None:
        assert snap_compare(app, terminal_size=size, run_before=_why)


def test_light_theme_home(snap_compare: Any, app: CounselApp) -> None:
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=_home)
    assert os.environ["TZ"] == "UTC"


def _issue_on_docket(app: CounselApp) -> None:
    """Three documents whose deadlines are on the docket of TODAY: a lien past its hearing
    request day, an administrative order in its petition period, a registration waiting
    for its service (IssuedFile names as a render records them)."""
    from counsel.register import IssuedFile, Register

    def issue(interview: str, document: str, answers: dict[str, Any], day: dt.date) -> None:
        f = IssuedFile(document, f"{document}.html", "t" * 64, "pdf", f"/o/{document}", "h")
        with Register.open(None, office=app.office) as reg:
            reg.record(
                interview=interview,
                answers=answers,
                files=[f],
                statute_snapshot="s" * 64,
                on=day,
                case_number=str(answers["iv_d_case_number"]),
                office=app.office,
                issued_at=dt.datetime.combine(day, dt.time(15), dt.UTC),
            )

    lien = dict(LIEN, lien_target="real_estate", mailing_date="2026-11-04")
    issue("lien", "lien-notice", lien, dt.date(2026, 11, 3))
    order = {k: v for k, v in PRIOR.items() if k != "guideline_monthly"}
    issue(
        "prior-period",
        "prior-period-administrative",
        dict(order, track="administrative", order_mailing_date="2026-11-01"),
        dt.date(2026, 11, 1),
    )
    issue("registration", "registration-notice", {"iv_d_case_number": "IVD-2026-000303"}, TODAY)


def test_home_with_a_docket(snap_compare: Any, app: CounselApp) -> None:
    """Home at 80x24 with deadlines due: the docket above the drafts, the drafts still seen."""
    _issue_on_docket(app)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_home)
