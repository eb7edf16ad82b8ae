"""The one reading of a date an answer, a sheet cell, a field or a `calc` argument gives."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from counsel.rules.errors import RuleInputError

YEARS = range(1900, 2200)
"""Years a date may name. The rules add up to 19 years (termination) and extend past
holidays; a year near 9999 would overflow datetime there, and no case needs one."""

# ASCII digits only: `\d` also matches other scripts' digits, which int() reads.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_US = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
FORMATS = "YYYY-MM-DD or MM/DD/YYYY"
DATE_FIX = f"use {FORMATS}"
NOT_A_DATE = f"not a date; {DATE_FIX}"
WITH_TIME = f"give a date without a time ({DATE_FIX})"
IMPLAUSIBLE = f"not a plausible date: give a year from {YEARS[0]} to {YEARS[-1]} ({DATE_FIX})"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _plausible(day: dt.date, field: str) -> dt.date:
    if day.year not in YEARS:
        raise RuleInputError(field, IMPLAUSIBLE)
    return day


def parse_date(value: object, *, field: str = "date") -> dt.date:
    """A date from a TOML date or text as YYYY-MM-DD or MM/DD/YYYY, years 1900 to 2199.

    US order only: "03/04/2026" is March 4 (a day-first "31/12/2026" is refused: there is
    no month 31). Two-digit years, other separators and times of day are refused. An
    impossible day is named (February 2026 has no 29th day). Raises RuleInputError (a
    ValueError) whose `.message` says what is wrong and the fix, never repeating the value.
    """
    if isinstance(value, dt.datetime):
        raise RuleInputError(field, WITH_TIME)
    if isinstance(value, dt.date):
        return _plausible(value, field)
    if not isinstance(value, str):
        raise RuleInputError(field, NOT_A_DATE)
    text = value.strip()
    if m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _US.fullmatch(text):
        month, day, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise RuleInputError(field, NOT_A_DATE)
    if not 1 <= month <= 12:
        raise RuleInputError(field, f"not a real date: there is no month {month} ({DATE_FIX})")
    if year < 1:
        raise RuleInputError(field, f"not a real date: the year must be from 1 on ({DATE_FIX})")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        if day == 0:
            raise RuleInputError(field, f"not a real date: there is no day 0 ({DATE_FIX})")
        if month == 2 and day == 29:
            raise RuleInputError(
                field, f"not a real date: February {year} has no 29th day (not a leap year)"
            )
        name = calendar.month_name[month]
        raise RuleInputError(field, f"not a real date: {name} has no {_ordinal(day)} day")
    return _plausible(dt.date(year, month, day), field)
