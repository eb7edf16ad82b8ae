"""A choice among the interview's options, one radio button each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet


class ChoiceInput(RadioSet):
    """Radio buttons for (value, label) pairs; `answer` is the chosen value or None."""

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

    def on_mount(self) -> None:
        # RadioSet puts its cursor on the first option (in its own mount handler, which runs
        # after this one); on a resumed answer it belongs on the chosen one, or Enter would
        # silently change the answer.
        self.call_later(self._cursor_to_answer)

    def _cursor_to_answer(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    @property
    def answer(self) -> str | None:
        button = self.pressed_button
        return None if button is None else button.name
