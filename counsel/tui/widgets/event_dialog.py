"""A small dialog to record what happened to an issued document: which event, and its day."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from counsel.tui.text import assemble, plain
from counsel.tui.widgets.date_input import DateInput, check_date


class EventDialog(ModalScreen[tuple[str, dt.date] | None]):
    """Pick the kind (counsel.rules.docket.EVENT_KINDS), type the day (today by default),
    Enter to record; Esc leaves without recording. A day after today is refused."""

    DEFAULT_CSS = """
    EventDialog #event-dialog { height: auto; max-height: 20; }
    EventDialog OptionList { height: auto; max-height: 8; }
    EventDialog #event-problem { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, entry_id: int, case_number: str, today: dt.date, *, suggested: str = ""
    ) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.case_number = case_number
        self.today = today
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        from counsel.rules.docket import EVENT_KINDS

        with Vertical(id="event-dialog", classes="dialog"):
            yield Static(
                assemble(
                    f"Record an event on entry {self.entry_id} (", self.case_number or "-", ")"
                ),
                classes="title",
            )
            options = [Option(plain(f"{k}: {what}"), id=k) for k, what in EVENT_KINDS.items()]
            yield OptionList(*options, id="event-kind")
            yield Static("The day it happened (Enter records it):")
            yield DateInput(self.today.isoformat(), widget_id="event-date")
            yield Static("", id="event-problem")

    def on_mount(self) -> None:
        from counsel.rules.docket import EVENT_KINDS

        kinds = list(EVENT_KINDS)
        options = self.query_one("#event-kind", OptionList)
        options.highlighted = kinds.index(self.suggested) if self.suggested in kinds else 0
        options.focus()

    @on(OptionList.OptionSelected, "#event-kind")
    def _kind_chosen(self) -> None:
        self.query_one("#event-date", DateInput).focus()

    @on(Input.Submitted, "#event-date")
    def _submit(self) -> None:
        options = self.query_one("#event-kind", OptionList)
        problem = self.query_one("#event-problem", Static)
        if options.highlighted is None:
            problem.update("Choose what happened first.")
            return
        kind = options.get_option_at_index(options.highlighted).id or ""
        day, wrong = check_date(self.query_one("#event-date", DateInput).value)
        if day is None:
            problem.update(plain(wrong or "Give the day it happened."))
            return
        if day > self.today:
            problem.update("That day is after today: an event is recorded once it has happened.")
            return
        self.dismiss((kind, day))

    def action_cancel(self) -> None:
        self.dismiss(None)
