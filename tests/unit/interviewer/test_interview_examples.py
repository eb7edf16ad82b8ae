"""Every example answers file checks clean; removing any required answer gives exactly that
field's error; the examples' findings agree with counsel.rules computed independently."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from counsel.interviewer import load_answers_file, load_interview
from counsel.office import Office, load_office

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
FILES = sorted(p for p in EXAMPLES.glob("*.toml") if p.name != "office.toml")


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(EXAMPLES / "office.toml")


def _load(name: str) -> tuple[str, dict[str, Any]]:
    return load_answers_file(EXAMPLES / name)


def test_examples_cover_every_interview_and_both_tracks() -> None:
    seen: dict[str, set[Any]] = {}
    for path in FILES:
        iid, raw = load_answers_file(path)
        seen.setdefault(iid, set()).add(raw.get("track"))
    assert set(seen) == {"track", "prior-period", "registration", "lien", "job-program"}
    assert seen["prior-period"] == {"administrative", "judicial"}
    assert seen["job-program"] == {"administrative", "judicial"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_example_checks_clean(path: Path, office: Office) -> None:
    iid, raw = load_answers_file(path)
    iv = load_interview(iid)
    result = iv.validate(raw, office)
    assert [str(e) for e in result.errors] == []
    assert result.complete
    # Every answer in the file is a question the interview asks and shows.
    shown = {q.id for q in iv.visible(raw)}
    assert set(raw) <= shown


def _required_cases() -> list[tuple[str, str]]:
    """(example file, answer path) for every visible required answer, list items included."""
    cases = []
    for path in FILES:
        iid, raw = load_answers_file(path)
        iv = load_interview(iid)
        for q in iv.visible(raw):
            if q.type == "list":
                if q.required:
                    cases.append((path.name, q.id))
                for n, item in enumerate(raw.get(q.id) or [], start=1):
                    for f in q.fields:
                        if f.required and item.get(f.id) not in (None, ""):
                            cases.append((path.name, f"{q.id}[{n}].{f.id}"))
            elif q.required:
                cases.append((path.name, q.id))
    return cases


@pytest.mark.parametrize(("name", "field"), _required_cases())
def test_removing_a_required_answer_gives_exactly_that_error(
    name: str, field: str, office: Office
) -> None:
    iid, raw = _load(name)
    raw = copy.deepcopy(raw)
    if "[" in field:
        list_id, rest = field.split("[", 1)
        n, field_id = rest.split("].")
        del raw[list_id][int(n) - 1][field_id]
    else:
        del raw[field]
    result = load_interview(iid).validate(raw, office)
    assert [e.field for e in result.errors] == [field]
    assert result.errors[0].message.startswith("required")
    assert not result.complete


def test_county_defaults_from_the_office(office: Office) -> None:
    iid, raw = _load("lien-account.toml")
    del raw["county"]
    result = load_interview(iid).validate(raw, office)
    assert result.complete
    assert result.answers["county"] == office.county


# --- findings, cross-checked against the rules called directly ------------------------------


def _findings(name: str, office: Office) -> tuple[dict[str, Any], dict[str, Any]]:
    iid, raw = _load(name)
    iv = load_interview(iid)
    result = iv.validate(raw, office)
    assert result.complete
    return result.answers, iv.findings(result.answers, office, result.answers["document_date"])


def test_track_findings(office: Office) -> None:
    from counsel.rules.track import recommend_track

    _, admin = _findings("track-administrative.toml", office)
    assert admin["recommended_track"].value == "administrative"
    assert admin["track"].value == "administrative"
    assert admin["older_child"].value is False

    answers, judicial = _findings("track-judicial.toml", office)
    expected = recommend_track(
        [
            "other-family-order",
            "domestic-violence",
            "parent-conflict",
            "older-child",
            "judicial-necessary",
        ],
        parents_agree=False,
    )
    assert judicial["recommended_track"].value == expected.recommended == "judicial"
    assert judicial["recommended_track"].explanation == expected.explanation
    assert judicial["recommended_track"].citations == expected.citations
    # The oldest child (born 2013-02-28) is 13 on 2026-11-23: older than the office's 10.
    assert judicial["older_child"].value is True


def test_track_override_flips_the_track(office: Office) -> None:
    iid, raw = _load("track-administrative.toml")
    raw["track_override"] = True
    iv = load_interview(iid)
    missing = iv.validate(raw, office)
    assert [e.field for e in missing.errors] == ["track_override_reason"]
    raw["track_override_reason"] = "The obligee asked for a hearing before a judge."
    result = iv.validate(raw, office)
    found = iv.findings(result.answers, office, dt.date(2026, 11, 23))
    assert found["recommended_track"].value == "administrative"
    assert found["track"].value == "judicial"


def test_prior_period_findings_match_the_rules(office: Office) -> None:
    from counsel.rules.deadlines import petition_deadline
    from counsel.rules.prior_period import Segment, prior_period_total
    from counsel.rules.termination import termination_date

    answers, found = _findings("prior-period-administrative.toml", office)
    segs = answers["segments"]
    # A blank monthly amount takes the guideline amount (305 ILCS 5/10-10 presumption).
    expected = prior_period_total(
        [
            Segment(segs[0]["start_date"], segs[0]["end_date"], answers["guideline_monthly"]),
            Segment(segs[1]["start_date"], segs[1]["end_date"], segs[1]["monthly_amount"]),
        ]
    )
    assert found["prior_period_total"].value == expected.total
    # Hand check of segment 2: Jul 1 2025 - Nov 22 2026 (the day before the order) is 16 whole
    # months at $350 (to Oct 31 2026) plus Nov 1-22, 22 days at $350 x 12 / 365 = $253.15.
    assert found["prior_period_segments"].value[1].total == Decimal("5853.15")
    deadline = petition_deadline(answers["order_mailing_date"], office.closure_dates())
    assert found["petition_deadline"].value == deadline.date
    # Mailed 2026-11-25 + 30 = 2026-12-25 (Christmas), then Saturday and Sunday: Dec 28.
    assert found["petition_deadline"].value == dt.date(2026, 12, 28)
    assert found["termination_dates"].value[0].date == termination_date(dt.date(2024, 1, 31)).date
    assert "prior_period_factors" not in found

    answers, found = _findings("prior-period-judicial.toml", office)
    assert "petition_deadline" not in found
    assert found["prior_period_factors"].value is True
    assert [t.date for t in found["termination_dates"].value] == [
        dt.date(2031, 2, 28),  # 18th birthday
        dt.date(2035, 5, 31),  # graduation after 18, before 19
    ]


def test_registration_findings(office: Office) -> None:
    from counsel.rules.deadlines import registration_contest_deadline

    answers, found = _findings("registration.toml", office)
    expected = registration_contest_deadline(answers["service_date"], office.closure_dates())
    assert found["registration_contest_deadline"].value == expected.date
    assert found["service_method"].value == "other_methods"  # entered by default
    assert found["obligee_address_sealed"].value is True
    assert found["filing_checklist"].value == ()
    # Born Feb 29 2012, graduating May 24 2030 after turning 18 (Mar 1 2030).
    assert found["termination_dates"].value[0].date == dt.date(2030, 5, 24)


def test_registration_service_by_first_class_mail(office: Office) -> None:
    iid, raw = _load("registration.toml")
    raw["admin_order_by_default"] = False
    raw["certified_copy"] = False
    iv = load_interview(iid)
    result = iv.validate(raw, office)
    found = iv.findings(result.answers, office, dt.date(2026, 11, 23))
    assert found["service_method"].value == "first_class_mail"
    assert found["filing_checklist"].value == ("two copies of the order, one certified",)


def test_lien_findings_match_the_rules(office: Office) -> None:
    from counsel.rules.lien import lien_eligibility

    answers, found = _findings("lien-account.toml", office)
    expected = lien_eligibility(
        "account",
        answers["past_due_amount"],
        answers["account_balance"],
        "savings",
        answers["document_date"],
    )
    assert found["lien_eligibility"].value is expected.eligible is True
    assert found["lien_threshold"].value == Decimal("1000.00")
    assert found["lien_notify"].value == ("holder", "obligor", "joint owner 1")
    # Mailed Tue 2026-11-24 + 15 = Wed 2026-12-09.
    assert found["lien_hearing_deadline"].value == dt.date(2026, 12, 9)
    assert found["fi_lien_expiry"].value == dt.date(2026, 11, 24) + dt.timedelta(days=120)

    answers, found = _findings("lien-real-estate.toml", office)
    assert found["lien_eligibility"].value is True
    assert found["lien_threshold"].value == Decimal("10000.00")
    assert "fi_lien_expiry" not in found


@pytest.mark.parametrize(
    ("amount", "eligible"), [("9999.99", False), ("10000.00", True), ("10000.01", True)]
)
def test_real_estate_threshold_edges(amount: str, eligible: bool, office: Office) -> None:
    iid, raw = _load("lien-real-estate.toml")
    raw["past_due_amount"] = amount
    iv = load_interview(iid)
    result = iv.validate(raw, office)
    found = iv.findings(result.answers, office, dt.date(2026, 11, 23))
    assert found["lien_eligibility"].value is eligible


def test_exempt_account_is_refused(office: Office) -> None:
    iid, raw = _load("lien-account.toml")
    raw["account_type"] = "ira"
    iv = load_interview(iid)
    result = iv.validate(raw, office)
    found = iv.findings(result.answers, office, dt.date(2026, 11, 23))
    assert found["lien_eligibility"].value is False
    assert "exempt" in found["lien_eligibility"].explanation
    # No notice is sent, so none is said to go anywhere, and no hearing can be requested.
    for name in ("lien_notify", "lien_hearing_deadline", "fi_lien_expiry"):
        assert name not in found, name


def test_no_interest_in_real_estate_is_refused(office: Office) -> None:
    iid, raw = _load("lien-real-estate.toml")
    raw["obligor_has_interest"] = False
    iv = load_interview(iid)
    found = iv.findings(iv.validate(raw, office).answers, office, dt.date(2026, 11, 23))
    assert found["lien_eligibility"].value is False
    assert "lien_notify" not in found and "lien_hearing_deadline" not in found


def test_job_program_findings(office: Office) -> None:
    _, found = _findings("job-program-administrative.toml", office)
    assert found["job_program_order"].value is True
    assert found["job_program_order"].citations == ("305 ILCS 5/10-11.1(a)",)
    assert found["past_due_requirement"].value == "plan"
    assert "305 ILCS 5/10-11.1(b)" in found["past_due_requirement"].citations

    _, found = _findings("job-program-judicial.toml", office)
    assert found["job_program_order"].citations == ("305 ILCS 5/10-10",)
    assert "past_due_requirement" not in found
    assert found["reasonable_modification"].value is True
    # Born Dec 15 2008: 18 on Dec 15 2026, graduating after that, on May 28 2027.
    assert found["termination_dates"].value[0].date == dt.date(2027, 5, 28)


def test_job_program_without_unemployment_finding(office: Office) -> None:
    iid, raw = _load("job-program-administrative.toml")
    raw["unemployment_finding"] = False
    iv = load_interview(iid)
    found = iv.findings(iv.validate(raw, office).answers, office, dt.date(2026, 11, 23))
    assert found["job_program_order"].value is False
    assert "unemployed" in found["job_program_order"].explanation


def test_findings_are_derived_fresh(office: Office) -> None:
    iid, raw = _load("lien-account.toml")
    iv = load_interview(iid)
    first = iv.findings(iv.validate(raw, office).answers, office, dt.date(2026, 11, 23))
    raw["past_due_amount"] = "999.99"
    second = iv.findings(iv.validate(raw, office).answers, office, dt.date(2026, 11, 23))
    assert first["lien_eligibility"].value is True
    assert second["lien_eligibility"].value is False


def test_readme_documents_every_answer_id() -> None:
    text = (EXAMPLES / "README.md").read_text("utf-8")
    assert "## Batch" in text
    for iid in ("track", "prior-period", "registration", "lien", "job-program"):
        iv = load_interview(iid)
        for q in iv.questions:
            assert f"`{q.id}`" in text, f"examples/README.md does not document {q.id}"
            for f in q.fields:
                assert f"`{q.item_prefix}_N_{f.id}`" in text
    for path in FILES:
        assert f"`{path.name}`" in text


def test_finding_names_are_declared(office: Office) -> None:
    from counsel.interviewer.findings import FINDING_NAMES

    produced: dict[str, set[str]] = {}
    for path in FILES:
        iid, raw = load_answers_file(path)
        iv = load_interview(iid)
        found = iv.findings(iv.validate(raw, office).answers, office, dt.date(2026, 11, 23))
        assert set(found) <= set(FINDING_NAMES[iid])
        for name, f in found.items():
            assert f.name == name and f.citations and f.explanation
        produced.setdefault(iid, set()).update(found)
    # The examples between them show every declared finding.
    assert {i: set(n) for i, n in FINDING_NAMES.items()} == produced


def test_readme_reference_is_current() -> None:
    """examples/README.md's answer-id tables match the interview files (regenerate with
    `python -m counsel.interviewer.reference examples/README.md`)."""
    from counsel.interviewer.reference import splice

    text = (EXAMPLES / "README.md").read_text("utf-8")
    assert splice(text) == text
