"""An amount of money typed as text ($1,234.50), checked as the user types; never a float."""

from __future__ import annotations

import re
from decimal import Decimal

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

_MONEY = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


def check_money(text: str) -> tuple[Decimal | None, str | None]:
    """Parse "$1,234.50" / "1234.5" / "1234" into Decimal, or say how to type it."""
    text = text.strip()
    if text.startswith("-"):
        return None, "An amount cannot be negative."
    if not _MONEY.match(text):
        if re.match(r"^\$?[\d,]*\.\d{3,}$", text):
            return None, "Give the amount to the cent: at most two digits after the point."
        return None, "Type an amount in dollars, e.g. 1250.00 or $1,250.00."
    return Decimal(text.replace("$", "").replace(",", "").strip()), None


class _MoneyValidator(Validator):
    def __init__(self, required: bool) -> None:
        super().__init__()
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success() if not self.required else self.failure("An amount is required.")
        _, problem = check_money(value)
        return self.failure(problem) if problem else self.success()


class MoneyInput(Input):
    """An Input for dollars and cents."""

    def __init__(
        self, value: str = "", *, required: bool = True, widget_id: str | None = None
    ) -> None:
        super().__init__(
            value=value,
            placeholder="0.00",
            restrict=r"[0-9$,.\-]*",
            validators=[_MoneyValidator(required)],
            valid_empty=not required,
            id=widget_id,
            compact=True,
        )
