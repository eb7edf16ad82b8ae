"""Strict parsers turning raw answers (TOML values or CSV/form strings) into typed values.

Each parser returns the typed value or raises AnswerError whose message says what is wrong
and how to fix it without repeating the input, so private values never reach a message.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any


class AnswerError(ValueError):
    """One answer cannot be read; the message never contains the answer."""


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DATE_FIX = "use YYYY-MM-DD or MM/DD/YYYY"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


YEARS = range(1900, 2200)
"""Years an answer may name. The rules add up to 19 years (termination) and extend past
holidays; a year near 9999 would overflow datetime there, and no case needs one."""


def _plausible(day: dt.date) -> dt.date:
    if day.year not in YEARS:
        raise AnswerError(
            f"not a plausible date: give a year from {YEARS[0]} to {YEARS[-1]} ({_DATE_FIX})"
        )
    return day


def parse_date(value: Any) -> dt.date:
    """A date from a TOML date or "YYYY-MM-DD" / "MM/DD/YYYY"; impossible days are named."""
    if isinstance(value, dt.datetime):
        raise AnswerError(f"give a date without a time ({_DATE_FIX})")
    if isinstance(value, dt.date):
        return _plausible(value)
    if not isinstance(value, str):
        raise AnswerError(f"not a date; {_DATE_FIX}")
    text = value.strip()
    if m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _US.fullmatch(text):
        month, day, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise AnswerError(f"not a date; {_DATE_FIX}")
    if not 1 <= month <= 12:
        raise AnswerError(f"not a real date: there is no month {month} ({_DATE_FIX})")
    if year < 1:
        raise AnswerError(f"not a real date: the year must be from 1 on ({_DATE_FIX})")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        if day == 0:
            raise AnswerError(f"not a real date: there is no day 0 ({_DATE_FIX})")
        if month == 2 and day == 29:
            raise AnswerError(f"not a real date: February {year} has no 29th day (not a leap year)")
        raise AnswerError(f"not a real date: {name} has no {_ordinal(day)} day")
    return _plausible(dt.date(year, month, day))


_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|\.\d{1,2}")
_MONEY_FIX = "write dollars and cents like 1234.50 or $1,234.50"


def parse_money(value: Any) -> Decimal:
    """A non-negative dollar amount in cents: "$1,234.50" -> Decimal("1234.50")."""
    if isinstance(value, bool):
        raise AnswerError(f"not an amount; {_MONEY_FIX}")
    if isinstance(value, float):
        text = repr(value)
    elif isinstance(value, int | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise AnswerError(f"not an amount; {_MONEY_FIX}")
    if text.startswith("-"):
        raise AnswerError("must not be negative; give the amount without a minus sign")
    if text.startswith("$"):
        text = text[1:].strip()
    if not _AMOUNT.fullmatch(text):
        if re.fullmatch(r"[\d,]*\.\d{3,}", text):
            raise AnswerError("more than two decimal places; give whole cents, like 1234.50")
        raise AnswerError(f"not an amount; {_MONEY_FIX}")
    try:
        return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise AnswerError(f"not an amount; {_MONEY_FIX}") from None


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
