"""A date typed as text, read by the rules' one date parser as the user types."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from counsel.rules.dates import parse_date
from counsel.rules.errors import RuleInputError
from counsel.tui.text import PICTURED
from counsel.tui.widgets.money_input import paste_whole, sentence


def check_date(text: str) -> tuple[dt.date | None, str | None]:
    """(date, None), or (None, what is wrong), by counsel.rules.dates; never the input."""
    try:
        return parse_date(text), None
    except RuleInputError as exc:
        return None, sentence(exc.message)


class _DateValidator(Validator):
    def __init__(self, required: bool) -> None:
        super().__init__()
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success() if not self.required else self.failure("A date is required.")
        _, problem = check_date(value)
        return self.failure(problem) if problem else self.success()


class DateInput(Input):
    """An Input for one date; `validate` runs as the user types.

    Every character typed or pasted is kept (no `restrict`, no length cap), so what the
    field shows is what was typed, and a mistake is shown with its message, not dropped.
    """

    def __init__(
        self, value: str = "", *, required: bool = True, widget_id: str | None = None
    ) -> None:
        super().__init__(
            value=value,
            placeholder="YYYY-MM-DD or MM/DD/YYYY",
            validators=[_DateValidator(required)],
            valid_empty=not required,
            id=widget_id,
            compact=True,
            highlighter=PICTURED,
        )

    def _on_paste(self, event: events.Paste) -> None:
        paste_whole(self, event)
