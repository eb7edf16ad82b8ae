"""Counting a period under 5 ILCS 70/1.11 with Illinois holidays and office closures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

RULE_1_11 = "5 ILCS 70/1.11"

_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True)
class Skipped:
    """A day 1.11 passed over, and why ("Saturday", "Sunday", or the holiday/closure name)."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class Deadline:
    """The last day to act, the nominal day before any 1.11 extension, and the days skipped."""

    date: dt.date
    """The last day to act, after 5 ILCS 70/1.11."""
    nominal: dt.date
    """The last day counted before any extension for weekends, holidays and closures."""
    skipped: tuple[Skipped, ...]
    """Each day passed over, oldest first; empty when the nominal day is open."""
    citations: tuple[str, ...]
    explanation: str


def long_date(day: dt.date) -> str:
    """`January 5, 2026`: the form used in findings and documents."""
    return f"{day:%B} {day.day}, {day.year}"


# What `holidays` (0.109) returns for US/IL, checked by tests/unit/rules/test_rules_calendar.py:
# New Year's Day, Martin Luther King Jr. Day, Lincoln's Birthday (Feb 12), Washington's
# Birthday, Casimir Pulaski Day (first Monday of March), Memorial Day, Juneteenth,
# Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving, Christmas, and
# Election Day in even years only; a Saturday holiday is observed on the Friday before and a
# Sunday holiday on the Monday after. Not included: the day after Thanksgiving, Christmas
# Eve, Good Friday; an office that closes on those lists them as closures.
@lru_cache(maxsize=256)
def _holidays_of(year: int) -> Mapping[dt.date, str]:
    # Imported here: the holidays package builds its country tables on import, and
    # `counsel calc termination` never needs them. A plain dict copy is kept because
    # holidays.HolidayBase grows itself on lookups, which is not safe to share.
    import holidays

    return dict(holidays.country_holidays("US", subdiv="IL", years=year, observed=True))


def illinois_holiday(day: dt.date) -> str | None:
    """The Illinois statutory holiday's name on `day` (observed dates included), or None.

    The calendar is `holidays.US(subdiv="IL")` (built via `country_holidays`), as LEGAL.md
    "Dates" prescribes; an observed New Year's Day falls in the previous year, which that
    year's calendar already lists.
    """
    return _holidays_of(day.year).get(day)


def closed_reason(day: dt.date, closures: Mapping[dt.date, str]) -> str | None:
    """Why `day` cannot be the last day under 1.11, or None when it can.

    A closure or holiday name wins over the weekday because it tells the reader more
    (July 4, 2026 is reported as "Independence Day", not "Saturday").
    """
    if day in closures:
        return closures[day] or "Court closure"
    holiday = illinois_holiday(day)
    if holiday is not None:
        return holiday
    return _WEEKEND.get(day.weekday())


def extend(
    nominal: dt.date, closures: Mapping[dt.date, str]
) -> tuple[dt.date, tuple[Skipped, ...]]:
    """Move `nominal` forward past weekends, holidays and closures (5 ILCS 70/1.11)."""
    day = nominal
    skipped: list[Skipped] = []
    while (reason := closed_reason(day, closures)) is not None:
        skipped.append(Skipped(day, reason))
        day += dt.timedelta(days=1)
    return day, tuple(skipped)


def _dedupe(citations: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for c in citations if c))


def deadline_from_nominal(
    nominal: dt.date,
    closures: Mapping[dt.date, str],
    *,
    counted: str,
    citations: tuple[str, ...] = (),
) -> Deadline:
    """A Deadline whose nominal last day is known; `counted` says how it was counted."""
    date, skipped = extend(nominal, closures)
    parts = [f"{counted} {long_date(nominal)}."]
    if skipped:
        days = "; ".join(f"{long_date(s.date)} ({s.reason})" for s in skipped)
        parts.append(
            "Under 5 ILCS 70/1.11 a last day that is a Saturday, Sunday, holiday or court "
            f"closure is excluded, so these days were skipped: {days}. "
            f"The last day is {long_date(date)}."
        )
    else:
        parts.append(
            "That day is not a Saturday, Sunday, holiday or court closure, so it is the last "
            "day (5 ILCS 70/1.11)."
        )
    return Deadline(
        date=date,
        nominal=nominal,
        skipped=skipped,
        citations=_dedupe((*citations, RULE_1_11)),
        explanation=" ".join(parts),
    )


def count_days(
    start: dt.date,
    days: int,
    closures: Mapping[dt.date, str] | None = None,
    *,
    citations: tuple[str, ...] = (),
    counted_from: str = "the start date",
) -> Deadline:
    """The last day of a period of `days` days after `start` under 5 ILCS 70/1.11.

    The first day (`start`) is excluded and the last included, so the nominal last day is
    `start + days`; a Saturday, Sunday, holiday or closure then moves it to the next day
    that is none of these.
    """
    if days < 0:
        raise ValueError("days: a period cannot be negative")
    counted = (
        f"Counting {days} days from {counted_from}, {long_date(start)}, excluding that day "
        "and including the last (5 ILCS 70/1.11), the nominal last day is"
    )
    return deadline_from_nominal(
        start + dt.timedelta(days=days),
        closures or {},
        counted=counted,
        citations=citations,
    )
