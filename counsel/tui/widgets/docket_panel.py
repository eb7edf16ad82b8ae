"""The docket on the home screen: what is due in the next days, overdue first, from the register."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from counsel.tui.text import assemble, cell

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.register.docket import DocketItem
    from counsel.register.who import Issuer


def when(item: DocketItem) -> str:
    """Days left in a few characters: "today", "in 3 d", "2 d ago", "waiting"."""
    if item.days_left is None:
        return "waiting"
    if item.days_left == 0:
        return "today"
    if item.days_left > 0:
        return f"in {item.days_left} d"
    return f"{-item.days_left} d ago"


def what(item: DocketItem) -> str:
    """The deadline in a few words (rules/docket.py `short`), or what to record."""
    from counsel.rules.docket import RULES

    rule = RULES.get(item.kind)
    if item.due is None:
        if rule is None:
            return "Check the answers (deadlines not computed)"
        noun = _NOUNS.get(rule.starts_with[0], rule.starts_with[0])
        return f"Waiting: record the {noun}"
    short = rule.short if rule else item.title
    return f"{short} ({item.label})" if item.label else short


def _deadline_text(item: DocketItem, width: int) -> str:
    """What the deadline is and its statute: one line when both fit, else each on its own
    lines (a citation is never broken in the middle when it fits a line of its own)."""
    parts = [t for t in (what(item), law(item)) if t]
    one = " · ".join(parts)
    if len(one) <= width:
        return one
    return "\n".join(_wrap(part, width) for part in parts)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False) or [""])


def law(item: DocketItem) -> str:
    """The statute that sets the deadline (its first citation, at the pinpoint the rules
    give: a lien's subsection follows its target); 5 ILCS 70/1.11, which only moves a last
    day off a weekend or holiday, is left to `counsel docket`."""
    return next((c for c in item.citations if c != "5 ILCS 70/1.11"), "")


_NOUNS = {"mailed": "mailing", "served": "service"}
_MORE = "more"


class DocketPanel(Vertical):
    """The register's running deadlines due within `within` days (overdue ones first, then
    those waiting for an event), read in a worker thread so a slow or unreachable register
    never holds the screen. Enter on a row posts `DocketPanel.CaseChosen`; `e` records an
    event on the highlighted document (an EventDialog), then the list is read again.

    On a register others issue into too (a shared one), `mine` shows only the deadlines of
    documents the person at the screen issued ("Your deadlines"), else the whole register's
    ("The office's deadlines"); the summary names the view and counts the other one, and
    `show_mine` switches at once (both come from one read). Where every document is the
    user's own, there is one view, titled "Docket".
    """

    DEFAULT_CSS = """
    DocketPanel { height: auto; max-height: 45vh; }
    DocketPanel #docket-summary { padding: 0 1; }
    DocketPanel #docket-table { height: auto; max-height: 30vh; }
    DocketPanel.-none { display: none; }
    DocketPanel.-empty #docket-table { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "record_event", "Record event"),
    ]

    class CaseChosen(Message):
        """Enter on a docket row: the case (and the register entry) to open."""

        def __init__(self, entry_id: int, case_number: str) -> None:
            super().__init__()
            self.entry_id = entry_id
            self.case_number = case_number

    class Loaded(Message):
        """The docket was read (or could not be: `problem`); `exists`: False when nothing
        was ever issued here (no register yet)."""

        def __init__(
            self,
            items: list[DocketItem],
            problem: str,
            exists: bool = True,
            me: Issuer | None = None,
            shared: bool = False,
        ) -> None:
            super().__init__()
            self.items = items
            self.problem = problem
            self.exists = exists
            self.me = me
            """Who is asking, as the register tells issuers apart (Register.me)."""
            self.shared = shared
            """Others issued documents there too (Register.others_issued)."""

    def __init__(
        self,
        office: Office,
        *,
        today: dt.date | None = None,
        within: int = 14,
        rows: int = 100,
        register: str | None = None,
        mine: bool = True,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.office = office
        self.today = today if today is not None else dt.date.today()
        self.within = within
        self.rows = rows
        """At most this many deadlines are listed (a county's docket holds thousands): the
        most pressing, as `counsel docket` orders them; a last row counts the rest."""
        self.register = register
        """A path or URL; None: the office profile's register (as `counsel docket`)."""
        self.mine = mine
        """Show only the deadlines of documents the user issued (where others issue too)."""
        self.shared = False
        """The register holds documents others issued: the two views differ."""
        self.me: Issuer | None = None
        self.everyone: list[DocketItem] = []
        """Every deadline the read found (the office's view)."""
        self.items: list[DocketItem] = []
        """The deadlines shown (the user's own, in the `mine` view of a shared register)."""
        self.loaded = False
        """True once the register was read (the items are shown)."""
        self._problem = ""
        self._width = 0
        self._focused = False

    def compose(self) -> ComposeResult:
        yield Static("Docket: reading the register...", id="docket-summary", classes="title")
        # No header row: the summary line heads it, and every line is one more deadline.
        yield DataTable(
            id="docket-table",
            cursor_type="row",
            zebra_stripes=True,
            show_header=False,
            show_cursor=False,
        )

    def on_mount(self) -> None:
        # Hidden until the register is read: where nothing was ever issued, nothing shows.
        self.add_class("-none")
        self.reload()

    def on_resize(self) -> None:
        if self.loaded and self.size.width != self._width:
            self._fill()

    def reload(self) -> None:
        """Read the docket again (after an event, or F5 on the screen holding the panel)."""
        self.loaded = False
        self._read()

    @work(thread=True, exclusive=True, group="docket")
    def _read(self) -> None:
        from counsel.errors import CounselError
        from counsel.register import open_existing

        items: list[Any] = []
        problem = ""
        exists = True
        me = None
        shared = False
        try:
            reg = open_existing(self.register, office=self.office)
            exists = reg is not None
            if reg is not None:
                with reg:
                    # The whole register's, once: the user's own are picked from it, so
                    # switching views needs no second read.
                    items = reg.docket(
                        self.today, within=self.within, closures=self.office.closure_dates()
                    )
                    me = reg.me()
                    shared = reg.others_issued()
        except CounselError as exc:  # unreachable or unreadable: say so, keep the screen
            problem = str(exc)
        self.post_message(self.Loaded(items, problem, exists, me, shared))

    def on_docket_panel_loaded(self, message: DocketPanel.Loaded) -> None:
        message.stop()
        self.everyone = message.items
        self.me = message.me
        self.shared = message.shared
        self._problem = message.problem
        self.set_class(not message.exists and not message.problem, "-none")
        self._show()
        self.loaded = True

    def show_mine(self, mine: bool) -> None:
        """Switch between the user's own deadlines and the office's (no new read)."""
        self.mine = mine
        if self.loaded:
            self._show()

    def _mine(self, items: list[DocketItem]) -> list[DocketItem]:
        me = self.me
        if me is None:
            return []
        return [i for i in items if any(me.issued(w) for w in i.issued_by)]

    def _show(self) -> None:
        self.items = self._mine(self.everyone) if self.mine and self.shared else self.everyone
        self.set_class(not self.items, "-empty")
        self._fill()

    def _widths(self) -> tuple[int, int, int, int]:
        """Last day, days left, case and deadline widths filling the panel: the deadline and
        its statute wrap in their cell rather than run past the right edge."""
        width = max(self.size.width or self.app.size.width - 2, 58)
        deadline = width - 2 - 8 - 10 - 8 - 16  # scrollbar, cell padding, the other columns
        return 10, 8, 16, max(deadline, 20)

    def _fill(self) -> None:
        self._width = self.size.width
        table = self.query_one("#docket-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        due_w, left_w, case_w, what_w = self._widths()
        # Unlabelled: no header row is drawn (see compose).
        table.add_column("", key="due", width=due_w)
        table.add_column("", key="left", width=left_w)
        table.add_column("", key="case", width=case_w)
        table.add_column("", key="what", width=what_w)
        for n, item in enumerate(self.items[: self.rows]):
            due = item.due.strftime("%a %b %d") if item.due else "-"
            style = "bold red" if item.status == "overdue" else ""
            table.add_row(
                cell(due, style),
                cell(when(item), style),
                cell(item.case_number or "-"),
                cell(_deadline_text(item, what_w)),
                key=str(n),
                height=None,
            )
        more = len(self.items) - self.rows
        if more > 0:
            text = f"and {more:,} more: `counsel docket` lists them all"
            table.add_row("", "", "", cell(_wrap(text, what_w)), key=_MORE, height=None)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._fill_summary()

    def title(self) -> str:
        """Whose deadlines are shown: "Your deadlines" / "The office's deadlines" where
        others issue into the register too, else "Docket"."""
        if not self.shared:
            return "Docket"
        return "Your deadlines" if self.mine else "The office's deadlines"

    def _fill_summary(self) -> None:
        summary = self.query_one("#docket-summary", Static)
        if self._problem:
            summary.update(
                assemble("Docket: the register cannot be read. ", (self._problem, "not bold"))
            )
            return
        overdue = sum(1 for i in self.items if i.status == "overdue")
        dated = sum(1 for i in self.items if i.due is not None)
        waiting = len(self.items) - dated
        hints: list[str] = []
        if self.shared:
            # The other view, and how many it holds: a deadline of the office's is one key
            # away, never silently out of sight.
            if self.mine:
                hints.append(f"o: the office's ({len(self.everyone)})")
            else:
                hints.append(f"o: yours ({len(self._mine(self.everyone))})")
        if not self.items:
            head = f"{self.title()}: nothing is due in the next {self.within} days."
        else:
            parts = [f"{dated} due"]
            if overdue:
                parts[0] += f" ({overdue} overdue)"
            if waiting:
                parts.append(f"{waiting} waiting")
            head = f"{self.title()}, next {self.within} days: " + ", ".join(parts)
            hints.append(
                "Enter: the case  e: record an event" if self._focused else "Tab: to the docket"
            )
        # The view's key first; the other hints only while the line stays one line.
        room = (self.size.width or self.app.size.width) - 2 - len(head)
        shown = ""
        for n, hint in enumerate(hints):
            if n == 0 or len(shown) + 2 + len(hint) <= room:
                shown += "  " + hint
        summary.update(assemble(head, (shown, "dim not bold")))

    def on_descendant_focus(self) -> None:
        self._focused = True
        self._show_focus()

    def on_descendant_blur(self) -> None:
        self._focused = False
        self._show_focus()

    def _show_focus(self) -> None:
        # The cursor only while the docket has the focus: unfocused, it is a list whose
        # overdue days stand out in red, and the drafts' cursor is the one Enter acts on.
        self.query_one("#docket-table", DataTable).show_cursor = self._focused
        if self.loaded:
            self._fill_summary()

    def highlighted(self) -> DocketItem | None:
        table = self.query_one("#docket-table", DataTable)
        if not self.items or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        if row_key.value == _MORE:
            return None
        return self.items[int(str(row_key.value))]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.highlighted()
        if item is not None:
            self.post_message(self.CaseChosen(item.entry_ids[0], item.case_number))

    def action_record_event(self) -> None:
        from counsel.tui.widgets.event_dialog import EventDialog

        item = self.highlighted()
        if item is None:
            return
        entry_id = item.entry_ids[0]

        def chosen(result: tuple[str, dt.date] | None) -> None:
            if result is not None:
                self._record(entry_id, *result)

        self.app.push_screen(
            EventDialog(entry_id, item.case_number, self.today, suggested=_suggested(item)),
            chosen,
        )

    @work(thread=True, group="docket-event")
    def _record(self, entry_id: int, kind: str, day: dt.date) -> None:
        from counsel.errors import CounselError
        from counsel.register import Register

        try:
            with Register.open(self.register, office=self.office) as reg:
                reg.add_event(entry_id, kind, day)
        except CounselError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify,
            f"Recorded on entry {entry_id}: {kind} on {day.isoformat()}.",
            markup=False,
        )
        self.app.call_from_thread(self.reload)


def _suggested(item: DocketItem) -> str:
    """The event a waiting deadline needs; for a running one, the first that ends it."""
    from counsel.rules.docket import RULES

    rule = RULES.get(item.kind)
    if rule is None:
        return ""
    if item.due is None and rule.starts_with:
        return rule.starts_with[0]
    return rule.closes[0] if rule.closes else ""
