"""The docket panel (home's next 14 days): order, Enter to the case, `e` records an event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static

from counsel.office import load_office
from counsel.register import IssuedFile, Register
from counsel.tui.widgets.docket_panel import DocketPanel
from counsel.tui.widgets.event_dialog import EventDialog
from tests.tui.conftest import EXAMPLES

TODAY = dt.date(2026, 12, 1)


class Host(App[None]):
    """The panel alone, as home will hold it; keeps the messages it posts."""

    def __init__(self, register: str, within: int = 14, rows: int = 100) -> None:
        super().__init__()
        self.register = register
        self.within = within
        self.rows = rows
        self.chosen: list[tuple[int, str]] = []

    def compose(self) -> ComposeResult:
        office = load_office(EXAMPLES / "office.toml")
        yield DocketPanel(
            office,
            today=TODAY,
            within=self.within,
            rows=self.rows,
            register=self.register,
            id="docket",
        )

    def on_docket_panel_case_chosen(self, message: DocketPanel.CaseChosen) -> None:
        self.chosen.append((message.entry_id, message.case_number))


def _fill(path: Path) -> dict[str, int]:
    def files(*docs: str) -> list[IssuedFile]:
        return [IssuedFile(d, f"{d}.html", "t" * 64, "pdf", f"/o/{d}.pdf", "h" * 64) for d in docs]

    with Register.open(path) as reg:
        ids = {
            "lien": reg.record(
                interview="lien",
                answers={"lien_target": "real_estate", "mailing_date": dt.date(2026, 11, 10)},
                files=files("lien-notice"),
                statute_snapshot="s",
                on=dt.date(2026, 11, 10),
                case_number="IVD-LATE",
            ),
            "order": reg.record(
                interview="prior-period",
                answers={"order_mailing_date": dt.date(2026, 11, 9), "obligor_name": "Pat Private"},
                files=files("prior-period-administrative"),
                statute_snapshot="s",
                on=dt.date(2026, 11, 9),
                case_number="IVD-SOON",
            ),
            "registration": reg.record(
                interview="registration",
                answers={},
                files=files("registration-notice"),
                statute_snapshot="s",
                on=dt.date(2026, 11, 30),
                case_number="IVD-WAIT",
            ),
        }
    return ids


def _rows(app: Host) -> list[list[str]]:
    table = app.query_one("#docket-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _loaded(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_overdue_first_then_due_then_waiting_and_enter_opens_the_case(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reg.sqlite3"
    ids = _fill(path)
    app = Host(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        rows = _rows(app)
        assert [r[2] for r in rows] == ["IVD-LATE", "IVD-SOON", "IVD-WAIT"]
        assert rows[0][1] == "6 d ago" and "Lien hearing request ends" in rows[0][3]
        assert "89 Ill. Adm. Code 160.70(g)(1)(C)" in rows[0][3]  # real estate: (g)
        assert rows[1][1] == "in 8 d"
        assert rows[1][3].split("\n") == ["Petition period ends", "305 ILCS 5/10-12(a)"]
        assert rows[2][1] == "waiting"
        assert rows[2][3].split("\n") == ["Waiting: record the service", "305 ILCS 5/10-15.1(f)"]
        summary = str(app.query_one("#docket-summary", Static).render())
        assert "Docket, next 14 days: 2 due (1 overdue), 1 waiting" in summary
        assert "Pat Private" not in "".join("".join(r) for r in rows) + summary
        app.query_one("#docket-table", DataTable).focus()
        await pilot.press("down", "enter")
        assert app.chosen == [(ids["order"], "IVD-SOON")]


async def test_e_records_an_event_and_the_docket_follows(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite3"
    ids = _fill(path)
    app = Host(str(path), within=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        app.query_one("#docket-table", DataTable).focus()
        await pilot.press("down", "down", "e")  # the registration waiting for its service
        assert isinstance(app.screen, EventDialog)
        date_input = app.screen.query_one("#event-date")
        # "served" is suggested: Enter on it moves to the day; a day after today is refused.
        await pilot.press("enter")
        assert app.focused is date_input
        date_input.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"2026-12-02", "enter")
        assert isinstance(app.screen, EventDialog)
        assert "after today" in str(app.screen.query_one("#event-problem", Static).render())
        date_input.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"11/30/2026", "enter")
        assert not isinstance(app.screen, EventDialog)
        await _loaded(app, pilot)
        await _loaded(app, pilot)
        with Register.open(path) as reg:
            events = reg.events(ids["registration"])
        assert [(e.kind, e.date) for e in events] == [("served", dt.date(2026, 11, 30))]
        rows = _rows(app)
        # Served Nov 30: the contest period now runs to Dec 30, 2026 (a Wednesday).
        assert [r[:3] for r in rows] == [
            ["Wed Nov 25", "6 d ago", "IVD-LATE"],
            ["Wed Dec 09", "in 8 d", "IVD-SOON"],
            ["Wed Dec 30", "in 29 d", "IVD-WAIT"],
        ]
        table = app.query_one("#docket-table", DataTable)
        assert "red" in str(table.get_row_at(0)[0].style)  # overdue: in red
        assert "red" not in str(table.get_row_at(1)[0].style)
        assert rows[2][3].split("\n")[0] == "Contest period ends"


async def test_escape_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite3"
    ids = _fill(path)
    app = Host(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        app.query_one("#docket-table", DataTable).focus()
        await pilot.press("e")
        assert isinstance(app.screen, EventDialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, EventDialog)
    with Register.open(path) as reg:
        assert reg.events(ids["lien"]) == []


async def test_no_register_yet_and_an_unreadable_one(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "reg.sqlite3"
    app = Host(str(missing))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        panel = app.query_one(DocketPanel)
        assert panel.loaded and not panel.display  # nothing issued here: no panel at all
    assert not missing.parent.exists()  # listing never creates a register
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, but long enough to be read as one" * 20)
    junk.chmod(0o600)
    app = Host(str(junk))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        text = str(app.query_one("#docket-summary", Static).render())
        assert "the register cannot be read" in text and "not a counsel register" in text


async def test_a_long_docket_lists_the_first_rows_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "reg.sqlite3"
    ids = _fill(path)
    app = Host(str(path), rows=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
        rows = _rows(app)
        assert [r[2] for r in rows] == ["IVD-LATE", "IVD-SOON", ""]
        assert " ".join(rows[2][3].split()) == "and 1 more: `counsel docket` lists them all"
        summary = str(app.query_one("#docket-summary", Static).render())
        assert "2 due (1 overdue), 1 waiting" in summary  # the count is of all of them
        app.query_one("#docket-table", DataTable).focus()
        await pilot.press("down", "down", "enter", "e")  # the count row opens nothing
        assert app.chosen == [] and not isinstance(app.screen, EventDialog)
        await pilot.press("up", "enter")
        assert app.chosen == [(ids["order"], "IVD-SOON")]
