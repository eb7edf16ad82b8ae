"""Calendar arithmetic with the month-end clamping and Feb 29 readings the rules rely on."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped to the last day of a shorter month.

    LEGAL.md "Money" (Convention): Jan 31 + 1 month = Feb 29 in 2024, Feb 28 in 2023.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: int, feb29: Literal["feb28", "mar1"]) -> dt.date:
    """`day` plus `years`; a Feb 29 landing in a common year becomes Feb 28 or Mar 1.

    Which reading applies is a Convention each caller names: deadlines told to a party take
    the earlier (Feb 28, LEGAL.md "Dates", 10-14.1); birthdays take the later (Mar 1,
    LEGAL.md "Termination date").
    """
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28) if feb29 == "feb28" else dt.date(year, 3, 1)
    return day.replace(year=year)


def birthday(birth: dt.date, age: int) -> dt.date:
    """The day a child born on `birth` attains `age` (Feb 29 births: Mar 1 in common years)."""
    return add_years(birth, age, "mar1")


def age_on(birth: dt.date, on: dt.date) -> int:
    """Completed years of age on `on`, with the same Feb 29 reading as `birthday`."""
    if on < birth:
        return -1
    years = on.year - birth.year
    if birthday(birth, years) > on:
        years -= 1
    return years
