"""A yes/no question as two radio buttons, so "not answered yet" stays distinct from "no"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import RadioButton, RadioSet

CHOSEN = "  (chosen)"
"""Said beside the chosen option: the dot's colour alone does not say it to everyone."""


@dataclass
class Entered(Message):
    """Enter on a set of options: the answer held (None: none chosen yet)."""

    answer: Any


class MarkedRadioSet(RadioSet):
    """Radio buttons whose chosen one also says `(chosen)` in words."""

    def _labels(self) -> list[str]:
        raise NotImplementedError

    def _mark(self) -> None:
        for button, text in zip(self.query(RadioButton), self._labels(), strict=False):
            wanted = text + (CHOSEN if button.value else "")
            if str(button.label) != wanted:
                button.label = wanted

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._mark()

    def on_mount(self) -> None:
        # RadioSet puts its cursor on the first option (in its own mount handler, which runs
        # after this one); on a resumed answer it belongs on the chosen one, or Enter would
        # silently change the answer.
        self.call_later(self._cursor_to_answer)
        self._mark()

    def _cursor_to_answer(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index


class YesNo(MarkedRadioSet):
    """Yes / No; keys y and n answer; Enter moves on (or says an answer is needed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("enter", "entered", "Next", show=False),
    ]

    def __init__(self, value: bool | None = None, *, widget_id: str | None = None) -> None:
        super().__init__(id=widget_id, compact=True)
        self._initial = value

    def compose(self) -> ComposeResult:
        yield RadioButton("Yes", value=self._initial is True, id="yes")
        yield RadioButton("No", value=self._initial is False, id="no")

    def _labels(self) -> list[str]:
        return ["Yes", "No"]

    @property
    def answer(self) -> bool | None:
        button = self.pressed_button
        if button is None:
            return None
        return button.id == "yes"

    def action_answer(self, value: bool) -> None:
        self.query_one("#yes" if value else "#no", RadioButton).value = True

    def action_entered(self) -> None:
        # Enter never picks the option under the cursor (that silently answered "Yes"):
        # y and n answer, Enter moves on.
        self.post_message(Entered(self.answer))
