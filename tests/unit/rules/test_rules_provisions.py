"""Required order provisions by track and order date (LEGAL.md list 1-8)."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.rules.errors import RuleInputError
from counsel.rules.provisions import all_provisions, required_provisions

D = dt.date
COMMON = [
    "termination_date",
    "arrears_after_termination",
    "report_changes_7_days",
    "interest_statement",
    "payment_to_sdu",
    "state_case_registry",
    "income_withholding",
]
COURT = ["court_report_employment_10_days", "court_residence_change_5_days"]


def ids(kind: str, on: dt.date) -> list[str]:
    return [p.id for p in required_provisions(kind, on)]  # type: ignore[arg-type]


def test_administrative_order_today() -> None:
    assert ids("administrative", D(2026, 6, 1)) == COMMON


def test_judicial_order_adds_the_10_10_court_provisions() -> None:
    assert ids("judicial", D(2026, 6, 1)) == COMMON + COURT


def test_interest_statement_from_january_1_2006() -> None:
    assert "interest_statement" not in ids("judicial", D(2005, 12, 31))
    assert "interest_statement" in ids("judicial", D(2006, 1, 1))


def test_sdu_from_october_1_1999() -> None:
    assert "payment_to_sdu" not in ids("administrative", D(1999, 9, 30))
    assert "payment_to_sdu" in ids("administrative", D(1999, 10, 1))


def test_state_case_registry_cites_the_right_section_per_track() -> None:
    admin = {p.id: p for p in all_provisions("administrative", D(2026, 1, 1))}
    court = {p.id: p for p in all_provisions("judicial", D(2026, 1, 1))}
    assert admin["state_case_registry"].citations == ("305 ILCS 5/10-11.2",)
    assert court["state_case_registry"].citations == ("305 ILCS 5/10-10.5",)
    assert admin["interest_statement"].applies_from == D(2006, 1, 1)
    for p in admin.values():
        assert p.basis, p.id
        assert p.citations, p.id


def test_unknown_kind() -> None:
    with pytest.raises(RuleInputError):
        required_provisions("federal", D(2026, 1, 1))  # type: ignore[arg-type]
