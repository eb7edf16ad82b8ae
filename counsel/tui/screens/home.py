"""The home screen: the docket, drafts on this machine and issued cases, the statute browser."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from counsel import drafts
from counsel.case.identity import case_identifier
from counsel.tui import catalog
from counsel.tui.offers import (
    HOME_CASES,
    IssuedCase,
    IssuedCases,
    Offer,
    issued_case,
    issued_cases,
)
from counsel.tui.text import assemble, cell, plain
from counsel.tui.widgets.docket_panel import DocketPanel
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp


def case_number(answers: Mapping[str, Any]) -> str:
    """The case's one identifier on every screen (counsel.case.case_identifier, as the
    register and batch name it: the IV-D number, else the court number), else a dash."""
    return case_identifier(answers) or "-"


def parties(answers: dict[str, Any]) -> str:
    """'Obligee v. Obligor' as far as the names are known (the caption's order, 10-15)."""
    names = [str(answers.get(k, "")).strip() for k in ("obligee_name", "obligor_name")]
    known = [n for n in names if n]
    return " v. ".join(known) if known else "(parties not yet named)"


class HomeScreen(Screen[None]):
    """What is due (the docket, from the register), then the drafts on this machine and the
    cases issued, newest first; start, resume, or browse the statutes. Tab moves between the
    docket and the drafts.

    On a register others issue into too (the office's, on PostgreSQL), the docket and the
    issued cases are the user's own documents' at first ("Your deadlines"); `o` switches both
    to the whole office's and back, and the choice holds while the app runs (this screen
    lives as long as it)."""

    DEFAULT_CSS = """
    HomeScreen #drafts-title { padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New interview"),
        Binding("r", "resume", "Resume"),
        Binding("s", "statutes", "Statutes"),
        Binding("a", "archive", "Archive draft"),
        Binding("f5", "refresh", "Refresh"),
        # Not in the key bar (at 80 columns it is full): the docket's title names the key.
        Binding("o", "scope", "Yours or the office's", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mine = True
        """Yours (documents you issued) or the office's: the docket and the issued cases."""
        self._shared = False
        self._found = IssuedCases([])

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home-body"):
            yield DocketPanel(
                self.counsel.office, today=self.counsel.today, mine=self.mine, id="docket"
            )
            yield Static(self._drafts_title(), id="drafts-title")
            yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            yield Static("", id="home-problems")
        yield KeyBar()

    def _drafts_title(self) -> Any:
        """What the table lists (whose issued cases, on a shared register), and its keys
        while they fit on the line."""
        found = self._found
        whose = ("your " if found.mine else "the office's ") if found.shared else ""
        what = f"Drafts and {whose}issued cases"
        if len(found.cases) >= HOME_CASES:
            who = (" you" if found.mine else " the office") if found.shared else ""
            what = f"Drafts and the {HOME_CASES} cases{who} issued last"
        room = max(self.size.width or self.app.size.width, 60) - 2 - len(what)
        hints = (
            "Enter: resume a draft, or start from a case",
            "Enter: resume, or start from a case",
        )
        hint = next((h for h in hints if len(h) + 2 <= room), "")
        return assemble((what, "bold $accent"), ("  " + hint if hint else "", "dim"))

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    @property
    def cases_loaded(self) -> bool:
        """True once the register was read: the issued cases listed and the docket shown
        (both read in threads)."""
        return self._cases_done and self.query_one(DocketPanel).loaded

    def on_mount(self) -> None:
        self._width = 0
        self._issued: list[IssuedCase] = []
        self._cases_done = False
        self.refresh_drafts()
        self.query_one("#drafts", DataTable).focus()

    def _docket_focused(self) -> bool:
        docket = self.query_one(DocketPanel)
        return self.focused is not None and docket in self.focused.ancestors_with_self

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the docket, Enter opens the case and `e` records an event; resume and archive
        # are the drafts' (hidden there, so the key bar keeps to one line at 80 columns).
        if action in ("resume", "archive") and self._docket_focused():
            return False
        if action == "scope":  # only where others issue too: else both views are one
            return self._shared or self.query_one(DocketPanel).shared
        return True

    def action_scope(self) -> None:
        self.mine = not self.mine
        docket = self.query_one(DocketPanel)
        focused = self._docket_focused()
        docket.show_mine(self.mine)
        if focused and not docket.items:  # the docket folds to its title line: no cursor there
            self.query_one("#drafts", DataTable).focus()
        self._cases_done = False
        self.load_cases()

    def on_resize(self) -> None:
        if self.size.width != self._width and hasattr(self, "_listing"):
            self._fill(self._issued)
            self.query_one("#drafts-title", Static).update(self._drafts_title())

    def on_screen_resume(self) -> None:
        self.refresh_drafts()
        self.query_one(DocketPanel).reload()  # a render or an event may have changed it

    def _widths(self) -> tuple[int, int, int, int]:
        """Case, parties, interview and last-change widths that fill the screen: the table
        never runs past the right edge, long text wraps in its cell instead."""
        width = max(self.size.width or self.app.size.width, 60)
        free = width - 2 - 2 - 8 - 16 - 12  # padding, scrollbar, cell padding, case, date
        interview = max(12, free // 2)
        return 16, free - interview, interview, 12

    def _when(self, moment: dt.datetime) -> str:
        """A local time on one line: `Nov 20 15:30` this year, `2025-11-20` before."""
        local = moment.astimezone()
        if local.year == self.counsel.today.year:
            return f"{local:%b %d %H:%M}"
        return f"{local:%Y-%m-%d}"

    def _row(self, *texts: str) -> None:
        """One table row; each text wrapped to its column, the row as tall as it needs."""
        table = self.query_one("#drafts", DataTable)
        widths = self._widths()
        cells = [
            cell("\n".join(textwrap.wrap(t, w, break_on_hyphens=False) or [""]))
            for t, w in zip(texts[:-1], widths, strict=True)
        ]
        table.add_row(*cells, key=texts[-1], height=None)

    def refresh_drafts(self) -> None:
        """Drafts now; issued cases once the register is read, off the UI thread (opening
        the register loads its database library, which the first screen must not wait for)."""
        self._listing = drafts.list_drafts(self.counsel.drafts_folder)
        problems = self.query_one("#home-problems", Static)
        if self._listing.problems:
            text = "\n".join(p.message() for p in self._listing.problems)
            problems.update(plain(text))
            problems.display = True
            for p in self._listing.problems:
                self.notify(
                    p.message(),
                    title="Unreadable draft set aside",
                    severity="warning",
                    markup=False,
                )
        else:
            problems.display = False
        self._fill(self._issued)
        self._cases_done = False
        self.load_cases()

    @work(thread=True, exclusive=True, group="register")
    def load_cases(self) -> None:
        mine = self.mine
        try:
            found = issued_cases(self.counsel.office, mine=mine)
            problem = ""
        except Exception as exc:  # a locked or damaged register must not keep home from opening
            found = IssuedCases([])
            problem = f"The register cannot be read: {type(exc).__name__}"
        self.app.call_from_thread(self._cases_read, found, problem, mine)

    def _cases_read(self, found: IssuedCases, problem: str, mine: bool) -> None:
        if mine != self.mine:  # switched while reading: the newer read is on its way
            return
        if problem:
            self.notify(problem, severity="warning", markup=False)
        cases = found.cases
        if cases != self._issued:
            self._issued = cases
            self._fill(cases)
        if found.shared != self._shared:
            self._shared = found.shared
            self.refresh_bindings()
        self._found = found
        self.query_one("#drafts-title", Static).update(self._drafts_title())
        self._cases_done = True

    def _fill(self, cases: list[IssuedCase]) -> None:
        table = self.query_one("#drafts", DataTable)
        cursor = table.cursor_row
        self._width = self.size.width
        case_w, parties_w, interview_w, when_w = self._widths()
        table.clear(columns=True)
        table.add_column("Case", key="case", width=case_w)
        table.add_column("Parties", key="parties", width=parties_w)
        table.add_column("Interview", key="interview", width=interview_w)
        table.add_column("Changed", key="updated", width=when_w)
        self.cases: dict[str, IssuedCase] = {}
        listing = self._listing
        for d in listing.drafts:
            self._row(
                case_number(dict(d.answers)),
                parties(dict(d.answers)),
                catalog.title(d.interview_id),
                self._when(d.updated),
                d.id,
            )
        for n, case in enumerate(cases):
            key = f"case:{n}"
            self.cases[key] = case
            self._row(
                case.case_number or "-",
                parties(case.answers),
                f"{catalog.title(case.interview_id)} (issued)",
                self._when(case.issued_at),
                key,
            )
        if not listing.drafts and not cases:
            self._row("", "No drafts yet: press n to start an interview.", "", "", "")
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _highlighted_id(self) -> str | None:
        table = self.query_one("#drafts", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value or None

    def action_new(self) -> None:
        from counsel.tui.screens.pick_interview import PickInterview

        def chosen(interview_id: str | None) -> None:
            if interview_id:
                self.open_draft(drafts.new_draft(interview_id))

        self.app.push_screen(PickInterview(), chosen)

    def action_resume(self) -> None:
        draft_id = self._highlighted_id()
        if draft_id is None:
            return
        if draft_id in self.cases:
            self.start_from_case(self.cases[draft_id])
            return
        try:
            draft = drafts.load_draft(draft_id, self.counsel.drafts_folder)
        except Exception as exc:  # a draft that went bad since listing: report, never crash
            self.notify(str(exc), severity="error", markup=False)
            self.refresh_drafts()
            return
        self.open_draft(draft)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_resume()

    def start_from_case(self, case: IssuedCase) -> None:
        """A new interview on an issued case: its shared answers (parties, children, case
        numbers) are filled in from the register's snapshot, ready to check and change."""
        from counsel.tui.screens.pick_interview import PickInterview

        def chosen(interview_id: str | None) -> None:
            if not interview_id:
                return
            asked = {str(q.id) for q in catalog.interview(interview_id).questions}
            where = (
                f"the {catalog.title(case.interview_id)} issued "
                f"{case.issued_at.astimezone():%B} {case.issued_at.astimezone().day}, "
                f"{case.issued_at.astimezone().year}"
            )
            offered = {
                qid: Offer(value, where)
                for qid, value in case.answers.items()
                if qid in asked and value not in (None, "", [])
            }
            self.open_draft(drafts.new_draft(interview_id), offered)

        self.app.push_screen(PickInterview(), chosen)

    def open_draft(self, draft: drafts.Draft, offered: dict[str, Offer] | None = None) -> None:
        """Open a draft in the view it was last in; a new one as a conversation (the form
        is one key away). `offered`: answers the case already has, to confirm one by one."""
        from counsel.tui.screens.conversation import ConversationScreen
        from counsel.tui.screens.interview import InterviewScreen

        screen: Screen[None]
        # A draft saved before the conversation existed (no view recorded) was made in the
        # form: it opens there. A new interview opens as a conversation.
        view = draft.view or ("form" if draft.answers else "conversation")
        try:
            if view == "form":
                screen = InterviewScreen(draft, offered=offered)
            else:
                screen = ConversationScreen(draft, offered=offered)
        except Exception as exc:  # unknown interview id, engine error: report it
            self.notify(f"Cannot open the draft: {exc}", severity="error", markup=False)
            return
        self.app.push_screen(screen)

    def action_statutes(self) -> None:
        from counsel.tui.screens.statutes import StatuteBrowser

        self.app.push_screen(StatuteBrowser())

    def action_archive(self) -> None:
        draft_id = self._highlighted_id()
        if draft_id is None or draft_id in self.cases:
            return
        drafts.archive_draft(draft_id, self.counsel.drafts_folder)
        self.notify("Draft moved to the done/ folder (kept, not deleted).")
        self.refresh_drafts()

    def action_refresh(self) -> None:
        self.refresh_drafts()
        self.query_one(DocketPanel).reload()

    # -- the docket -------------------------------------------------------------------------

    def on_docket_panel_case_chosen(self, message: DocketPanel.CaseChosen) -> None:
        """Enter on a docket row: a new interview on that case, from the answers the
        register holds for the document whose deadline it is (as Enter on an issued case)."""
        self._open_entry(message.entry_id)

    @work(thread=True, exclusive=True, group="register-entry")
    def _open_entry(self, entry_id: int) -> None:
        from counsel.errors import CounselError
        from counsel.register import open_existing

        try:
            reg = open_existing(None, office=self.counsel.office)
            if reg is None:
                raise CounselError("the register: nothing was issued on this machine")
            with reg:
                case = issued_case(reg.get(entry_id))
        except CounselError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Cannot open the case", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.start_from_case, case)
