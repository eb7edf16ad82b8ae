"""The deadlines of LEGAL.md "Dates": petition, relief, registration contest, lien hearing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.rules import params
from counsel.rules.calendar import Skipped, illinois_holiday
from counsel.rules.deadlines import (
    DEADLINES,
    fi_lien_expiry,
    lien_hearing_deadline,
    petition_deadline,
    registration_contest_deadline,
    relief_deadline,
)

D = dt.date


def test_petition_is_mailing_plus_30_days() -> None:
    # 10-12(a): the day after mailing is day 1; mailed Wed Apr 1, 2026 -> Fri May 1.
    d = petition_deadline(D(2026, 4, 1), {})
    assert (d.nominal, d.date) == (D(2026, 5, 1), D(2026, 5, 1))
    assert {"305 ILCS 5/10-12(a)", "305 ILCS 5/10-12.1", "5 ILCS 70/1.11"} <= set(d.citations)


def test_petition_ending_on_an_observed_holiday() -> None:
    d = petition_deadline(D(2026, 6, 3), {})
    assert d.nominal == D(2026, 7, 3)
    assert d.date == D(2026, 7, 6)


def test_petition_ending_on_an_office_closure() -> None:
    closures = {D(2026, 12, 24): "Christmas Eve court closure (administrative order)"}
    d = petition_deadline(D(2026, 11, 24), closures)
    assert d.nominal == D(2026, 12, 24)
    assert d.skipped[0] == Skipped(D(2026, 12, 24), closures[D(2026, 12, 24)])
    assert d.skipped[1].reason == "Christmas Day"
    assert d.date == D(2026, 12, 28)


def test_relief_is_two_years_after_mailing() -> None:
    d = relief_deadline(D(2024, 6, 12), {})
    assert d.nominal == D(2026, 6, 12)
    assert d.date == D(2026, 6, 12)
    assert "305 ILCS 5/10-14.1" in d.citations


def test_relief_from_feb_29_reads_feb_28_then_extends() -> None:
    # Convention: Feb 29, 2024 + 2 years = Feb 28, 2026 (a Saturday); Sunday Mar 1; then
    # Monday Mar 2, 2026 is Casimir Pulaski Day, so the last day is Tuesday Mar 3.
    d = relief_deadline(D(2024, 2, 29), {})
    assert d.nominal == D(2026, 2, 28)
    assert [s.reason for s in d.skipped] == ["Saturday", "Sunday", "Casimir Pulaski Day"]
    assert d.date == D(2026, 3, 3)
    assert "Convention" in d.explanation and "February 28" in d.explanation


def test_registration_contest_is_service_plus_30_days() -> None:
    d = registration_contest_deadline(D(2026, 10, 4), {})
    assert d.nominal == D(2026, 11, 3)  # Election Day 2026
    assert d.skipped == (Skipped(D(2026, 11, 3), "Election Day"),)
    assert d.date == D(2026, 11, 4)
    assert any(c.startswith("305 ILCS 5/10-15.1") for c in d.citations)


def test_lien_hearing_is_mailing_plus_15_days() -> None:
    d = lien_hearing_deadline(D(2026, 1, 1), {})
    assert d.nominal == D(2026, 1, 16)
    assert d.date == D(2026, 1, 16)
    # Mailed Jan 2: day 15 is Saturday Jan 17; Sunday; Monday Jan 19 is MLK Day.
    d = lien_hearing_deadline(D(2026, 1, 2), {})
    assert d.date == D(2026, 1, 20)
    assert any(c.startswith("89 Ill. Adm. Code 160.70") for c in d.citations)


def test_fi_lien_lasts_120_days_without_extension() -> None:
    f = fi_lien_expiry(D(2026, 1, 9))
    assert f.value == D(2026, 5, 9)  # a Saturday: a duration, not extended
    assert "120 days" in f.explanation


def test_period_lengths_come_from_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    real = params.parameter

    def fake(name: str, on: dt.date) -> Any:
        p = real(name, on)
        return replace(p, value=45) if name == "deadline.petition_days" else p

    monkeypatch.setattr(params, "parameter", fake)
    assert petition_deadline(D(2026, 4, 1), {}).nominal == D(2026, 5, 16)


@settings(max_examples=100, deadline=None)
@given(
    kind=st.sampled_from(sorted(DEADLINES)),
    start=st.dates(D(2000, 1, 1), D(2060, 12, 31)),
    closures=st.dictionaries(st.dates(D(2000, 1, 1), D(2063, 1, 1)), st.just("X"), max_size=10),
)
def test_no_deadline_precedes_its_nominal_day_or_falls_on_a_closed_day(
    kind: str, start: dt.date, closures: dict[dt.date, str]
) -> None:
    d = DEADLINES[kind](start, closures)
    assert d.nominal > start
    assert d.date >= d.nominal
    assert d.date.weekday() < 5
    assert illinois_holiday(d.date) is None
    assert d.date not in closures
