"""The docket on the home screen: what is due in the next days, overdue first, from the register."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.register.docket import DocketItem


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


_NOUNS = {"mailed": "mailing", "served": "service"}


class DocketPanel(Vertical):
    """The register's running deadlines due within `within` days (overdue ones first, then
    those waiting for an event), read in a worker thread so a slow or unreachable register
    never holds the screen. Enter on a row posts `DocketPanel.CaseChosen`; `e` records an
    event on the highlighted document (an EventDialog), then the list is read again.
    """

    DEFAULT_CSS = """
    DocketPanel { height: auto; max-height: 12; }
    DocketPanel #docket-summary { padding: 0 1; }
    DocketPanel #docket-table { height: auto; max-height: 10; }
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
        """The docket was read (or could not be: `problem`)."""

        def __init__(self, items: list[DocketItem], problem: str) -> None:
            super().__init__()
            self.items = items
            self.problem = problem

    def __init__(
        self,
        office: Office,
        *,
        today: dt.date | None = None,
        within: int = 14,
        register: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.office = office
        self.today = today if today is not None else dt.date.today()
        self.within = within
        self.register = register
        """A path or URL; None: the office profile's register (as `counsel docket`)."""
        self.items: list[DocketItem] = []

    def compose(self) -> ComposeResult:
        yield Static("Docket: reading the register...", id="docket-summary", classes="title")
        yield DataTable(id="docket-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#docket-table", DataTable)
        table.add_column("Last day", key="due", width=11)
        table.add_column("Left", key="left", width=8)
        table.add_column("Case", key="case", width=16)
        table.add_column("Deadline", key="what")
        self.reload()

    def reload(self) -> None:
        """Read the docket again (after an event, or F5 on the screen holding the panel)."""
        self._read()

    @work(thread=True, exclusive=True, group="docket")
    def _read(self) -> None:
        from counsel.errors import CounselError
        from counsel.register import open_existing

        items: list[Any] = []
        problem = ""
        try:
            reg = open_existing(self.register, office=self.office)
            if reg is not None:
                with reg:
                    items = reg.docket(
                        self.today, within=self.within, closures=self.office.closure_dates()
                    )
        except CounselError as exc:  # unreachable or unreadable: say so, keep the screen
            problem = str(exc)
        self.post_message(self.Loaded(items, problem))

    def on_docket_panel_loaded(self, message: DocketPanel.Loaded) -> None:
        message.stop()
        self.items = message.items
        table = self.query_one("#docket-table", DataTable)
        table.clear()
        for n, item in enumerate(self.items):
            due = item.due.strftime("%a %b %d") if item.due else "-"
            style = "bold red" if item.status == "overdue" else ""
            table.add_row(
                f"[{style}]{due}[/]" if style else due,
                when(item),
                escape(item.case_number or "-"),
                escape(what(item)),
                key=str(n),
            )
        summary = self.query_one("#docket-summary", Static)
        if message.problem:
            summary.update(f"Docket: the register cannot be read. {escape(message.problem)}")
            return
        overdue = sum(1 for i in self.items if i.status == "overdue")
        dated = sum(1 for i in self.items if i.due is not None)
        waiting = len(self.items) - dated
        parts = [f"{dated} due in {self.within} days"]
        if overdue:
            parts[0] += f" ({overdue} overdue)"
        if waiting:
            parts.append(f"{waiting} waiting")
        text = "Docket: " + ", ".join(parts) if self.items else "Docket: nothing is due."
        summary.update(text + ("  [dim]Enter case  e record event[/]" if self.items else ""))

    def highlighted(self) -> DocketItem | None:
        table = self.query_one("#docket-table", DataTable)
        if not self.items or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
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
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(
            self.notify, f"Recorded on entry {entry_id}: {kind} on {day.isoformat()}."
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
