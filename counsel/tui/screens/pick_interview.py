"""A modal listing the interviews; Enter starts the highlighted one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from counsel.tui import catalog
from counsel.tui.text import assemble, plain
from counsel.tui.widgets.key_bar import KeyBar


class PickInterview(ModalScreen[str | None]):
    """Dismisses with the chosen interview id, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog", classes="dialog"):
            yield Static("Start a new interview", classes="title")
            try:
                items = catalog.interviews()
            except Exception as exc:  # an interview file that fails to load: say which
                yield Static(plain(f"The interviews cannot be loaded: {exc}"))
                items = []
            yield OptionList(
                *[Option(assemble(title, (f" ({iid})", "dim")), id=iid) for iid, title in items],
                id="interviews",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#interviews", OptionList).focus()

    @on(OptionList.OptionSelected, "#interviews")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
