"""Every citation a rule emits resolves in the statute store on the date it is used."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counsel.law import get_store
from counsel.rules import job_program, registration
from counsel.rules.deadlines import DEADLINES, fi_lien_expiry
from counsel.rules.findings import Finding
from counsel.rules.lien import lien_eligibility
from counsel.rules.prior_period import Segment, factors_recorded, prior_period_total
from counsel.rules.termination import termination_date
from counsel.rules.track import CRITERIA, chosen_track, older_child, recommend_track

ON = dt.date(2026, 6, 1)


def _emitted() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind, fn in DEADLINES.items():
        out += [(f"deadline {kind}", c) for c in fn(ON, {}).citations]
    out += [("fi lien", c) for c in fi_lien_expiry(ON).citations]
    for target in ("account", "lump-sum", "real-estate"):
        hearing = DEADLINES["lien-hearing"](ON, {}, target=target)  # type: ignore[operator]
        out += [(f"lien hearing {target}", c) for c in hearing.citations]
    out += [("termination", c) for c in termination_date(dt.date(2010, 1, 1)).citations]
    for yes, agree in (([], True), ([], False), (list(CRITERIA), True)):
        out += [("track", c) for c in recommend_track(yes, agree).citations]
    out += [("older child", c) for c in older_child(dt.date(1990, 1, 1), ON, 10).citations]
    for target in ("account", "lump-sum", "real-estate"):
        e = lien_eligibility(target, Decimal("20000"), Decimal("500"), "checking", ON)
        out += [(f"lien {target}", c) for c in e.citations]
    pp = prior_period_total([Segment(dt.date(2025, 1, 1), dt.date(2025, 3, 1), Decimal(1))])
    out += [("prior period", c) for c in pp.citations]
    land = lien_eligibility("real-estate", Decimal("20000"), None, None, ON, interest=False)
    out += [("lien no interest", c) for t in land.tests for c in t.citations]
    moved: list[Finding | None] = [
        factors_recorded("judicial", ["a"] * 5),
        chosen_track(recommend_track([], True), True),
        chosen_track(recommend_track([], True), False),
        registration.service_method(True, True),
        registration.service_method(False, False),
        registration.obligee_address_sealed(True),
        registration.filing_checklist(False, False),
        job_program.job_program_order("administrative", True, True, "10-7"),
        job_program.job_program_order("judicial", False, None, None),
        job_program.past_due_requirement("plan"),
        job_program.reasonable_modification(True),
    ]
    for f in moved:
        assert f is not None
        out += [(f"finding {f.name}", c) for c in f.citations]
    return out


@pytest.mark.parametrize(("where", "citation"), sorted(set(_emitted())))
def test_citation_resolves_in_the_store(where: str, citation: str) -> None:
    resolved = get_store().cite(citation, on=ON)
    assert str(resolved)
