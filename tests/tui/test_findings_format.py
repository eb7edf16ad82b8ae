"""Findings as the panel writes them: dates with weekday, money to the cent, results by gist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from counsel.rules.findings import Finding
from counsel.tui.widgets.findings_panel import findings_content, format_value


@dataclass(frozen=True)
class _Termination:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class _Segment:
    start: dt.date
    end: dt.date
    total: Decimal


def test_scalars() -> None:
    assert format_value(dt.date(2026, 12, 28)) == "Mon 2026-12-28"
    assert format_value(Decimal("12976.06")) == "$12,976.06"
    assert format_value(Decimal("0.125")) == "$0.13"  # half-up when shown (LEGAL.md, Money)
    assert format_value(True) == "yes" and format_value(False) == "no"
    assert format_value("other_methods") == "other methods"
    assert format_value(()) == "none"


def test_results_by_their_gist() -> None:
    t = _Termination(dt.date(2031, 2, 28), "18th-birthday")
    assert format_value((t,)) == "Fri 2031-02-28 (18th birthday)"
    s = _Segment(dt.date(2024, 1, 31), dt.date(2025, 6, 30), Decimal("7026.06"))
    assert format_value(s) == "Wed 2024-01-31 to Mon 2025-06-30: $7,026.06"


def test_markup_names_each_finding_with_its_citations() -> None:
    f = Finding("petition_deadline", dt.date(2026, 12, 28), ("305 ILCS 5/10-12",), "30 days.")
    text = findings_content({"petition_deadline": f}, None).plain
    assert "Petition deadline: Mon 2026-12-28" in text
    assert "305 ILCS 5/10-12" in text and "30 days." in text
    assert "Answer the questions" in findings_content({}, None).plain


def test_a_refused_lien_says_so_and_never_looks_settled() -> None:
    f = Finding("lien_eligibility", False, ("89 Ill. Adm. Code 160.70",), "An IRA is exempt.")
    text = findings_content({"lien_eligibility": f}, None).plain
    assert "[!] Lien eligibility: NOT ALLOWED" in text and "IRA is exempt" in text
