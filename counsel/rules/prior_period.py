"""Prior-period support totals by segment (10-7(b), 10-10; 750 ILCS 46/802; IRG 6, Q4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from counsel.rules.calendar import long_date
from counsel.rules.datemath import add_months
from counsel.rules.errors import RuleInputError
from counsel.rules.findings import Finding
from counsel.rules.money import cents, fmt_money

CITATIONS = ("305 ILCS 5/10-7(b)", "305 ILCS 5/10-10", "750 ILCS 46/802")

CONVENTION = (
    "Convention: a segment's total is the monthly amount times its whole months plus the "
    "leftover days at the monthly amount x 12 / 365 a day. Whole month k ends the day before "
    "the start date plus k months, counted from the segment's start and moved back to the "
    "last day of a shorter month; each segment total is rounded half-up to cents and the "
    "overall total is the sum of the rounded segment totals."
)


@dataclass(frozen=True)
class Segment:
    """A stretch of the prior period, `start` to `end` inclusive, at one monthly amount."""

    start: dt.date
    end: dt.date
    monthly: Decimal


@dataclass(frozen=True)
class SegmentTotal:
    """A segment with its whole months, leftover days and total in cents."""

    start: dt.date
    end: dt.date
    monthly: Decimal
    months: int
    days: int
    total: Decimal


@dataclass(frozen=True)
class PriorPeriod:
    """Prior-period support: the rounded segment totals and their sum."""

    total: Decimal
    segments: tuple[SegmentTotal, ...]
    citations: tuple[str, ...] = CITATIONS
    explanation: str = CONVENTION


def whole_months(start: dt.date, end: dt.date) -> tuple[int, dt.date]:
    """Whole months in [start, end] and the first day after them (start + k months)."""
    # An estimate from the calendar fields, then corrected by at most a step or two, so
    # the count is always checked against add_months itself.
    k = max((end.year - start.year) * 12 + end.month - start.month - 1, 0)
    while add_months(start, k + 1) <= end + dt.timedelta(days=1):
        k += 1
    while k > 0 and add_months(start, k) > end + dt.timedelta(days=1):
        k -= 1
    return k, add_months(start, k)


def segment_total(segment: Segment) -> SegmentTotal:
    """One segment's whole months, leftover days and total rounded to cents."""
    months, rest_from = whole_months(segment.start, segment.end)
    days = (segment.end - rest_from).days + 1
    # One division, at the end, keeps the day rate exact until the single rounding.
    raw = segment.monthly * months + segment.monthly * 12 * days / Decimal(365)
    return SegmentTotal(
        start=segment.start,
        end=segment.end,
        monthly=segment.monthly,
        months=months,
        days=days,
        total=cents(raw),
    )


def validate_segments(segments: Sequence[Segment]) -> None:
    """Raise RuleInputError naming the segment (1-based) that is empty, reversed or overlaps."""
    if not segments:
        raise RuleInputError("segments", "give at least one segment (start, end, monthly amount)")
    for i, seg in enumerate(segments, start=1):
        if seg.end < seg.start:
            raise RuleInputError(f"segment {i}", "the end date is before the start date")
        if seg.monthly < 0:
            raise RuleInputError(f"segment {i}", "the monthly amount cannot be negative")
    order = sorted(range(len(segments)), key=lambda j: segments[j].start)
    for a, b in zip(order, order[1:], strict=False):
        if segments[b].start <= segments[a].end:
            first, second = sorted((a + 1, b + 1))
            raise RuleInputError(
                f"segment {second}",
                f"overlaps segment {first}; each day of the period may be in only one segment",
            )


# "a period before the date the order is entered": 10-7(b) (administrative orders, seeds/004
# l.1210) and 10-10 (court orders, l.1360).
BEFORE_ORDER_CITATIONS = {"administrative": "305 ILCS 5/10-7(b)", "judicial": "305 ILCS 5/10-10"}


def before_order_citation(track: str | None) -> str:
    """The section that limits prior-period support to the time before the order's date."""
    return BEFORE_ORDER_CITATIONS.get(str(track or ""), "305 ILCS 5/10-10")


def segments_after_order(
    ends: Sequence[dt.date | None], order_date: dt.date, track: str | None
) -> list[tuple[int, str]]:
    """(1-based segment number, problem) for each segment that does not end before the order's
    date: prior-period support covers only "a period before the date the order is entered"
    (305 ILCS 5/10-7(b) for administrative orders, 10-10 for court orders), so support that
    falls due on or after that date is current support, not a judgment for the prior period."""
    cite = before_order_citation(track)
    return [
        (
            n,
            f"segment {n} must end before the order's date (document_date): prior-period "
            f'support covers only "a period before the date the order is entered" ({cite}); '
            "end it on the day before document_date at the latest, and let current support "
            "begin on or after that date",
        )
        for n, end in enumerate(ends, start=1)
        if isinstance(end, dt.date) and end >= order_date
    ]


def current_support_before_order(
    current_start: dt.date | None, order_date: dt.date, track: str | None
) -> str | None:
    """The problem when current support would start before the order's date (the time before
    it is the prior period), else None."""
    if isinstance(current_start, dt.date) and current_start < order_date:
        return (
            "must be on or after the order's date (document_date): support for the time before "
            "the order is prior-period support, entered as segments "
            f"({before_order_citation(track)})"
        )
    return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def prior_period_total(segments: Sequence[Segment]) -> PriorPeriod:
    """Prior-period support over `segments`: each total rounded, then summed."""
    validate_segments(segments)
    totals = tuple(segment_total(s) for s in segments)
    total = sum((t.total for t in totals), Decimal("0.00"))
    lines = "; ".join(
        f"{long_date(t.start)} to {long_date(t.end)}: {_count(t.months, 'month')} and "
        f"{_count(t.days, 'day')} at "
        f"${fmt_money(t.monthly)} a month = ${fmt_money(t.total)}"
        for t in totals
    )
    return PriorPeriod(
        total=total,
        segments=totals,
        explanation=f"{lines}. Total ${fmt_money(total)}. {CONVENTION}",
    )


FACTORS = (
    "the father's prior knowledge of the child's birth",
    "his prior willingness or refusal to help raise or support the child",
    "how far the mother or a public agency told him of the child's needs or sought his help",
    "why the action was not filed earlier",
    "how far the delay prejudices him",
)
"""The five factors a court considers for prior-period support (750 ILCS 46/802, as IRG 6,
Q4.1 reports them), in that order."""
FACTORS_CITATION = "750 ILCS 46/802"


def factors_recorded(track: str | None, answers: Sequence[str | None]) -> Finding | None:
    """On the judicial track, the five factors of 750 ILCS 46/802 are each recorded.

    `answers`: the written answer for each factor, in FACTORS order (None or blank: not
    given). The finding says "none is blank" only when that is so; with any factor blank
    it is not stated (the interview reports each blank factor as an error).
    """
    if len(answers) != len(FACTORS):
        raise RuleInputError("factors", f"give the {len(FACTORS)} factors in order")
    if track != "judicial" or any(a is None or not a.strip() for a in answers):
        return None
    return Finding(
        name="prior_period_factors",
        value=True,
        citations=(FACTORS_CITATION,),
        explanation=(
            "The five factors the court considers for prior-period support (750 ILCS "
            "46/802; IRG 6, Q4.1) are recorded; none is blank."
        ),
    )
