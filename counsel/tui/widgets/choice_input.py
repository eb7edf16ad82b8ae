"""A choice among the interview's options, one radio button each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import RadioButton

from counsel.tui.widgets.yes_no import Entered, MarkedRadioSet


class ChoiceInput(MarkedRadioSet):
    """Radio buttons for (value, label) pairs; `answer` is the chosen value or None.

    Enter chooses the option under the cursor and moves on; the digits 1-9 choose by number.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose", show=False),
        *[Binding(str(n), f"number({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        widget_id: str | None = None,
    ) -> None:
        super().__init__(id=widget_id, compact=True)
        self.choices = list(choices)
        self._initial = value

    def compose(self) -> ComposeResult:
        for value, label in self.choices:
            yield RadioButton(label, value=value == self._initial, name=value)

    def _labels(self) -> list[str]:
        return [label for _, label in self.choices]

    @property
    def answer(self) -> str | None:
        button = self.pressed_button
        return None if button is None else button.name

    def action_choose(self) -> None:
        if self._selected is not None:
            buttons = list(self.query(RadioButton))
            if not buttons[self._selected].value:
                self.action_toggle_button()
        self.post_message(Entered(self.answer))

    def action_number(self, n: int) -> None:
        buttons = list(self.query(RadioButton))
        if 1 <= n <= len(buttons):
            self._selected = n - 1
            buttons[n - 1].value = True
