"""A date typed as text, checked on every keystroke with a message saying what is wrong."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
FORMAT_HINT = "Type the date as YYYY-MM-DD or MM/DD/YYYY."


def check_date(text: str) -> tuple[dt.date | None, str | None]:
    """Parse YYYY-MM-DD or MM/DD/YYYY; on failure say why without repeating the input."""
    text = text.strip()
    m = _ISO.match(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _US.match(text)
        if not m:
            return None, FORMAT_HINT
        month, day, year = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return None, f"Not a date: there is no month {month} (months run 1 to 12)."
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        return None, f"Not a date: {name} {year} has {last} days."
    if year < 1900:
        return None, "Not a date counsel accepts: the year must be 1900 or later."
    return dt.date(year, month, day), None


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
    """An Input for one date; `validate` runs as the user types."""

    def __init__(
        self, value: str = "", *, required: bool = True, widget_id: str | None = None
    ) -> None:
        super().__init__(
            value=value,
            placeholder="YYYY-MM-DD or MM/DD/YYYY",
            restrict=r"[0-9/\-]*",
            max_length=10,
            validators=[_DateValidator(required)],
            valid_empty=not required,
            id=widget_id,
            compact=True,
        )
