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

    @property
    def answer(self) -> str | None:
        button = self.pressed_button
        return None if button is None else button.name
