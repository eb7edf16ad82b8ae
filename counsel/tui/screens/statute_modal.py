"""The statute behind a question, as of the case's date, in a modal over the interview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.statute_view import StatuteView


class StatuteModal(ModalScreen[None]):
    """Shows each citation of a question in turn; [ and ] step between them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close"),
        Binding("right_square_bracket", "step(1)", "Next citation"),
        Binding("left_square_bracket", "step(-1)", "Prev citation"),
    ]

    def __init__(self, citations: Sequence[str], on: dt.date) -> None:
        super().__init__()
        self.citations = list(citations)
        self.on = on
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="statute-dialog", classes="dialog"):
            yield Static("", id="statute-which", classes="title")
            with VerticalScroll(id="statute-scroll"):
                yield StatuteView(id="statute-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#statute-scroll").focus()

    def _show(self) -> None:
        if not self.citations:
            self.query_one("#statute-text", StatuteView).update("This question cites no statute.")
            return
        citation = self.citations[self.index]
        which = f"Citation {self.index + 1} of {len(self.citations)}: {citation}"
        self.query_one("#statute-which", Static).update(which)
        self.query_one("#statute-text", StatuteView).show(citation, self.on)

    def action_step(self, delta: int) -> None:
        if self.citations:
            self.index = (self.index + delta) % len(self.citations)
            self._show()
            self.query_one("#statute-scroll", VerticalScroll).scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
