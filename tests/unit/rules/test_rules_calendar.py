"""5 ILCS 70/1.11: exclude the first day, include the last, skip weekends, holidays, closures."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.rules.calendar import (
    RULE_1_11,
    Skipped,
    closed_reason,
    count_days,
    illinois_holiday,
)

D = dt.date


def test_first_day_excluded_last_included_on_a_plain_weekday() -> None:
    # Mailed Wednesday 2026-04-01; 30 days later is Friday 2026-05-01, an ordinary day.
    d = count_days(D(2026, 4, 1), 30, {})
    assert d.nominal == D(2026, 5, 1)
    assert d.date == D(2026, 5, 1)
    assert d.skipped == ()
    assert RULE_1_11 in d.citations


def test_last_day_on_a_saturday_moves_to_monday() -> None:
    # A start whose 30th day is a Saturday, checked rather than assumed.
    start = D(2026, 4, 9)
    nominal = start + dt.timedelta(days=30)
    assert nominal.weekday() == 5
    d = count_days(start, 30, {})
    assert d.nominal == nominal
    assert d.date == nominal + dt.timedelta(days=2)
    assert d.date.weekday() == 0
    assert d.skipped == (
        Skipped(nominal, "Saturday"),
        Skipped(nominal + dt.timedelta(days=1), "Sunday"),
    )


def test_last_day_on_a_sunday_moves_to_monday() -> None:
    start = D(2026, 4, 10)
    nominal = start + dt.timedelta(days=30)
    assert nominal.weekday() == 6
    d = count_days(start, 30, {})
    assert d.date == nominal + dt.timedelta(days=1)
    assert d.skipped == (Skipped(nominal, "Sunday"),)


def test_last_day_on_a_weekday_holiday() -> None:
    # Lincoln's Birthday, Thursday 2026-02-12, is an Illinois holiday; Friday is open.
    d = count_days(D(2026, 1, 13), 30, {})
    assert d.nominal == D(2026, 2, 12)
    assert d.date == D(2026, 2, 13)
    assert d.skipped == (Skipped(D(2026, 2, 12), "Lincoln's Birthday"),)


def test_holiday_monday_after_a_weekend() -> None:
    # Saturday 2026-01-17, Sunday, then Martin Luther King Jr. Day on Monday the 19th.
    d = count_days(D(2025, 12, 18), 30, {})
    assert d.nominal == D(2026, 1, 17)
    assert d.date == D(2026, 1, 20)
    assert [s.reason for s in d.skipped] == ["Saturday", "Sunday", "Martin Luther King Jr. Day"]


def test_observed_holiday_friday_before_a_saturday_fourth_of_july() -> None:
    # July 4, 2026 is a Saturday; Friday July 3 is the observed holiday.
    d = count_days(D(2026, 6, 3), 30, {})
    assert d.nominal == D(2026, 7, 3)
    assert d.date == D(2026, 7, 6)
    assert d.skipped[0] == Skipped(D(2026, 7, 3), "Independence Day (observed)")
    assert [s.date for s in d.skipped] == [D(2026, 7, 3), D(2026, 7, 4), D(2026, 7, 5)]


def test_observed_new_years_day_in_the_previous_year() -> None:
    # January 1, 2028 is a Saturday; Friday December 31, 2027 is observed.
    d = count_days(D(2027, 12, 1), 30, {})
    assert d.nominal == D(2027, 12, 31)
    assert d.skipped[0].reason == "New Year's Day (observed)"
    assert d.date == D(2028, 1, 3)


def test_closure_from_the_office_profile_is_skipped_and_named() -> None:
    closures = {D(2026, 11, 27): "Day after Thanksgiving court closure"}
    # Thanksgiving Thursday 2026-11-26, closure Friday, weekend, then Monday the 30th.
    d = count_days(D(2026, 10, 27), 30, closures)
    assert d.nominal == D(2026, 11, 26)
    assert d.date == D(2026, 11, 30)
    assert [s.reason for s in d.skipped] == [
        "Thanksgiving Day",
        "Day after Thanksgiving court closure",
        "Saturday",
        "Sunday",
    ]


def test_without_the_closure_the_day_after_thanksgiving_is_open() -> None:
    # The day after Thanksgiving is not an Illinois statutory holiday by itself.
    d = count_days(D(2026, 10, 27), 30, {})
    assert d.date == D(2026, 11, 27)


def test_election_day_in_an_even_year_is_a_holiday_but_not_in_an_odd_year() -> None:
    assert illinois_holiday(D(2026, 11, 3)) == "Election Day"
    assert illinois_holiday(D(2027, 11, 2)) is None


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 1, 1), "New Year's Day"),
        (D(2026, 3, 2), "Casimir Pulaski Day"),
        (D(2026, 6, 19), "Juneteenth National Independence Day"),
        (D(2026, 10, 12), "Columbus Day"),
        (D(2026, 11, 11), "Veterans Day"),
        (D(2026, 12, 25), "Christmas Day"),
        (D(2028, 2, 11), "Lincoln's Birthday (observed)"),
    ],
)
def test_illinois_statutory_holidays(day: dt.date, name: str) -> None:
    assert illinois_holiday(day) == name


def test_the_whole_2027_illinois_calendar() -> None:
    # Pins what the holidays package returns, so an upgrade that changes it is noticed.
    days = {
        day: name
        for day in (D(2027, 1, 1) + dt.timedelta(days=i) for i in range(365))
        if (name := illinois_holiday(day)) is not None
    }
    assert days == {
        D(2027, 1, 1): "New Year's Day",
        D(2027, 1, 18): "Martin Luther King Jr. Day",
        D(2027, 2, 12): "Lincoln's Birthday",
        D(2027, 2, 15): "Washington's Birthday",
        D(2027, 3, 1): "Casimir Pulaski Day",
        D(2027, 5, 31): "Memorial Day",
        D(2027, 6, 18): "Juneteenth National Independence Day (observed)",
        D(2027, 6, 19): "Juneteenth National Independence Day",
        D(2027, 7, 4): "Independence Day",
        D(2027, 7, 5): "Independence Day (observed)",
        D(2027, 9, 6): "Labor Day",
        D(2027, 10, 11): "Columbus Day",
        D(2027, 11, 11): "Veterans Day",
        D(2027, 11, 25): "Thanksgiving Day",
        D(2027, 12, 24): "Christmas Day (observed)",
        D(2027, 12, 25): "Christmas Day",
        D(2027, 12, 31): "New Year's Day (observed)",
    }


def test_a_weekend_holiday_is_reported_by_its_name() -> None:
    assert closed_reason(D(2026, 7, 4), {}) == "Independence Day"
    assert closed_reason(D(2026, 7, 5), {}) == "Sunday"
    assert closed_reason(D(2026, 7, 7), {}) is None


def test_zero_days_and_negative_days() -> None:
    assert count_days(D(2026, 4, 1), 0, {}).date == D(2026, 4, 1)
    with pytest.raises(ValueError, match="days"):
        count_days(D(2026, 4, 1), -1, {})


def test_explanation_names_the_rule_and_each_skipped_day() -> None:
    d = count_days(D(2026, 6, 3), 30, {})
    assert "5 ILCS 70/1.11" in d.explanation
    assert "July 3, 2026 (Independence Day (observed))" in d.explanation
    assert "July 6, 2026" in d.explanation


_closures = st.dictionaries(
    st.dates(D(2000, 1, 1), D(2062, 12, 31)), st.just("Closure"), max_size=20
)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(D(2000, 1, 1), D(2060, 12, 31)),
    days=st.integers(0, 800),
    closures=_closures,
)
def test_deadline_never_before_nominal_nor_on_a_closed_day(
    start: dt.date, days: int, closures: dict[dt.date, str]
) -> None:
    d = count_days(start, days, closures)
    assert d.nominal == start + dt.timedelta(days=days)
    assert d.date >= d.nominal
    assert d.date.weekday() < 5
    assert illinois_holiday(d.date) is None
    assert d.date not in closures
    # Every day from the nominal day up to the deadline was closed and is listed, in order.
    gap = [d.nominal + dt.timedelta(days=i) for i in range((d.date - d.nominal).days)]
    assert [s.date for s in d.skipped] == gap
    assert all(closed_reason(s.date, closures) == s.reason for s in d.skipped)
