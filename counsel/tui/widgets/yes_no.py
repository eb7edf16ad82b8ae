"""A yes/no question as two radio buttons, so "not answered yet" stays distinct from "no"."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import RadioButton, RadioSet


class YesNo(RadioSet):
    """Yes / No; keys y and n answer directly."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(self, value: bool | None = None, *, widget_id: str | None = None) -> None:
        super().__init__(id=widget_id, compact=True)
        self._initial = value

    def compose(self) -> ComposeResult:
        yield RadioButton("Yes", value=self._initial is True, id="yes")
        yield RadioButton("No", value=self._initial is False, id="no")

    def on_mount(self) -> None:
        # RadioSet puts its cursor on the first option (in its own mount handler, which runs
        # after this one); on a resumed answer it belongs on the chosen one, or Enter would
        # silently change the answer.
        self.call_later(self._cursor_to_answer)

    def _cursor_to_answer(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    @property
    def answer(self) -> bool | None:
        button = self.pressed_button
        if button is None:
            return None
        return button.id == "yes"

    def action_answer(self, value: bool) -> None:
        self.query_one("#yes" if value else "#no", RadioButton).value = True
