"""Prior-period support: whole months from the start (clamped), leftover days at 12/365."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.rules.datemath import add_months
from counsel.rules.errors import RuleInputError
from counsel.rules.prior_period import Segment, prior_period_total, segment_total

D = dt.date
M = Decimal


def test_a_calendar_month_is_one_whole_month() -> None:
    t = segment_total(Segment(D(2025, 1, 1), D(2025, 1, 31), M("450.00")))
    assert (t.months, t.days, t.total) == (1, 0, M("450.00"))


def test_mid_month_to_the_day_before_is_one_month() -> None:
    t = segment_total(Segment(D(2025, 1, 15), D(2025, 2, 14), M("450.00")))
    assert (t.months, t.days) == (1, 0)


def test_one_day_short_of_a_month_is_all_leftover_days() -> None:
    t = segment_total(Segment(D(2025, 1, 15), D(2025, 2, 13), M("365.00")))
    # 30 days at 365 x 12 / 365 = $12.00 a day.
    assert (t.months, t.days, t.total) == (0, 30, M("360.00"))


def test_jan_31_plus_one_month_is_feb_29_in_a_leap_year() -> None:
    # Whole month 1 ends the day before Jan 31 + 1 month = Feb 29, 2024 (clamped), i.e.
    # Feb 28; Feb 29 is a leftover day at 300 x 12 / 365.
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    t = segment_total(Segment(D(2024, 1, 31), D(2024, 2, 29), M("300.00")))
    assert (t.months, t.days) == (1, 1)
    assert t.total == M("309.86")  # 300 + 9.8630... half-up


def test_months_counted_from_the_start_not_the_previous_step() -> None:
    # Jan 31 + 2 months is Mar 31 (not Feb 29 + 1 month = Mar 29).
    t = segment_total(Segment(D(2024, 1, 31), D(2024, 3, 30), M("100.00")))
    assert (t.months, t.days) == (2, 0)


def test_a_leap_year_is_twelve_months() -> None:
    t = segment_total(Segment(D(2024, 1, 1), D(2024, 12, 31), M("500.00")))
    assert (t.months, t.days, t.total) == (12, 0, M("6000.00"))


def test_feb_29_start_clamps_each_year() -> None:
    # Feb 29, 2024 + 12 months = Feb 28, 2025; month 12 ends Feb 27, Feb 28 is left over.
    t = segment_total(Segment(D(2024, 2, 29), D(2025, 2, 28), M("365.00")))
    assert (t.months, t.days, t.total) == (12, 1, M("4392.00"))


def test_span_over_year_end() -> None:
    t = segment_total(Segment(D(2024, 11, 20), D(2025, 2, 5), M("1000.00")))
    # Nov 20 -> Jan 19 is 2 months; Jan 20 .. Feb 5 is 17 days.
    assert (t.months, t.days) == (2, 17)
    assert t.total == M("2558.90")  # 2000 + 1000*12*17/365 = 2558.904...


def test_single_day_segment() -> None:
    t = segment_total(Segment(D(2025, 3, 3), D(2025, 3, 3), M("1.00")))
    assert (t.months, t.days, t.total) == (0, 1, M("0.03"))


def test_segment_total_rounds_half_up() -> None:
    t = segment_total(Segment(D(2025, 1, 1), D(2025, 1, 31), M("100.125")))
    assert t.total == M("100.13")


def test_total_is_the_sum_of_rounded_segment_totals() -> None:
    # Each one-day segment at $1.00 is 0.0329 -> 0.03; raw sum 0.0658 would round to 0.07.
    pp = prior_period_total(
        [
            Segment(D(2025, 3, 3), D(2025, 3, 3), M("1.00")),
            Segment(D(2025, 3, 4), D(2025, 3, 4), M("1.00")),
        ]
    )
    assert [s.total for s in pp.segments] == [M("0.03"), M("0.03")]
    assert pp.total == M("0.06")
    assert "Convention" in pp.explanation
    assert "750 ILCS 46/802" in pp.citations


def test_adjacent_segments_are_fine_and_keep_their_order() -> None:
    pp = prior_period_total(
        [
            Segment(D(2025, 2, 1), D(2025, 2, 28), M("200")),
            Segment(D(2025, 1, 1), D(2025, 1, 31), M("100")),
        ]
    )
    assert pp.total == M("300.00")
    assert pp.segments[0].start == D(2025, 2, 1)


def test_end_before_start_names_the_segment() -> None:
    with pytest.raises(RuleInputError) as info:
        prior_period_total(
            [
                Segment(D(2025, 1, 1), D(2025, 1, 31), M("100")),
                Segment(D(2025, 3, 1), D(2025, 2, 1), M("100")),
            ]
        )
    assert info.value.field == "segment 2"
    assert "before the start" in str(info.value)


def test_overlap_names_both_segments() -> None:
    with pytest.raises(RuleInputError) as info:
        prior_period_total(
            [
                Segment(D(2025, 1, 1), D(2025, 1, 31), M("100")),
                Segment(D(2025, 3, 1), D(2025, 3, 31), M("100")),
                Segment(D(2025, 1, 31), D(2025, 2, 10), M("100")),
            ]
        )
    assert info.value.field == "segment 3"
    assert "overlaps segment 1" in str(info.value)


def test_empty_and_negative() -> None:
    with pytest.raises(RuleInputError, match="at least one"):
        prior_period_total([])
    with pytest.raises(RuleInputError, match="negative"):
        prior_period_total([Segment(D(2025, 1, 1), D(2025, 1, 2), M("-1"))])


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(D(2000, 1, 1), D(2040, 12, 31)),
    length=st.integers(0, 3000),
    monthly=st.decimals(M("0"), M("5000"), places=2),
)
def test_months_and_days_reconstruct_the_segment(
    start: dt.date, length: int, monthly: Decimal
) -> None:
    end = start + dt.timedelta(days=length)
    t = segment_total(Segment(start, end, monthly))
    rest_from = add_months(start, t.months)
    # Leftover days run from start + k months to the end, inclusive; k is maximal.
    assert rest_from + dt.timedelta(days=t.days - 1) == end
    assert add_months(start, t.months + 1) > end + dt.timedelta(days=1)
    assert 0 <= t.days <= 31
    raw = monthly * t.months + monthly * 12 * t.days / 365
    assert abs(t.total - raw) <= M("0.005")
