"""Strict parsers turning raw answers (TOML values or CSV/form strings) into typed values.

Each parser returns the typed value or raises AnswerError whose message says what is wrong
and how to fix it without repeating the input, so private values never reach a message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from counsel.rules import dates as _dates
from counsel.rules import money as _money
from counsel.rules.errors import RuleInputError


class AnswerError(ValueError):
    """One answer cannot be read; the message never contains the answer."""


YEARS = _dates.YEARS
"""Years an answer may name (counsel.rules.dates.YEARS)."""


def parse_date(value: Any) -> dt.date:
    """A date from a TOML date or "YYYY-MM-DD" / "MM/DD/YYYY" (counsel.rules.dates)."""
    try:
        return _dates.parse_date(value)
    except RuleInputError as exc:
        raise AnswerError(exc.message) from None


def parse_money(value: Any) -> Decimal:
    """A non-negative dollar amount in cents (counsel.rules.money): "$1,234.50" -> 1234.50."""
    try:
        return _money.parse_money(value)
    except RuleInputError as exc:
        raise AnswerError(exc.message) from None


_TRUE = {"yes", "y", "true", "t", "1", "x"}
_FALSE = {"no", "n", "false", "f", "0"}


def parse_bool(value: Any) -> bool:
    """Yes/no from a TOML boolean or a cell such as yes, no, true, false, 1, 0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise AnswerError("answer yes or no (true/false)")


def parse_integer(value: Any) -> int:
    """A whole number from a TOML integer or a string of digits."""
    if isinstance(value, bool):
        raise AnswerError("give a whole number, like 10")
    if isinstance(value, int):
        return value
    # At most 18 digits: int() refuses strings over 4,300 digits with a bare ValueError.
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,18}\s*", value):
        return int(value)
    raise AnswerError("give a whole number, like 10")


def parse_text(value: Any, fmt: str = "", multiline: bool = False) -> str:
    """Text, stripped; `ssn` normalizes to 123-45-6789, `last4` keeps exactly four digits."""
    if not isinstance(value, str):
        raise AnswerError("give text (in quotes in a TOML file)")
    text = value.strip()
    if not multiline and ("\n" in text or "\r" in text):
        raise AnswerError("give one line of text (no line breaks)")
    if multiline:
        # Keep the lines, drop trailing spaces and blank lines, so addresses print cleanly.
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if fmt == "ssn":
        digits = re.sub(r"[\s-]", "", text)
        if not re.fullmatch(r"\d{9}", digits):
            raise AnswerError("must be 9 digits (123-45-6789)")
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    if fmt == "last4":
        if not re.fullmatch(r"\d{4}", text):
            raise AnswerError("give exactly the last four digits (never the full number)")
    return text


def is_blank(value: Any) -> bool:
    """Unanswered: None, an empty or all-space string, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return len(value) == 0
    return False
