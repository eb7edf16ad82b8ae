"""A finding is stated only when the answers it rests on are given and it is true (issue 14):
no "none is blank" over blank factors, no "order: no" before the question, no hearing
deadline for a refused lien; and the rules the interviewer maps to are what impact finds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from counsel.interviewer import load_answers_file, load_interview
from counsel.interviewer.findings import FINDING_NAMES, lien_refusals
from counsel.office import Office, load_office

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ON = dt.date(2026, 11, 23)
FACTORS = (
    "factor_knowledge_of_birth",
    "factor_willingness_to_support",
    "factor_notice_of_needs",
    "factor_reason_for_delay",
    "factor_prejudice_from_delay",
)


@pytest.fixture(scope="module")
def office() -> Office:
    return load_office(EXAMPLES / "office.toml")


def _found(name: str, office: Office, **changes: Any) -> dict[str, Any]:
    iid, raw = load_answers_file(EXAMPLES / name)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    iv = load_interview(iid)
    return dict(iv.findings(iv.validate(raw, office).answers, office, ON))


def test_blank_factors_are_never_called_recorded(office: Office) -> None:
    assert _found("prior-period-judicial.toml", office)["prior_period_factors"].value is True
    blank = _found("prior-period-judicial.toml", office, **{f: "" for f in FACTORS})
    assert "prior_period_factors" not in blank
    one = _found("prior-period-judicial.toml", office, factor_reason_for_delay="   ")
    assert "prior_period_factors" not in one


def test_check_does_not_say_none_is_blank_when_all_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "prior-period-judicial.toml").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(FACTORS)]
    answers = tmp_path / "blank-factors.toml"
    answers.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["check", "prior-period", "--answers", str(answers), "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert "prior_period_factors" not in data["findings"]
    assert {e["field"] for e in data["errors"]} == set(FACTORS)
    assert main(["check", "prior-period", "--answers", str(answers)]) == 2
    assert "none is blank" not in capsys.readouterr().out


def test_no_job_program_verdict_before_the_unemployment_question(office: Office) -> None:
    early = _found("job-program-administrative.toml", office, unemployment_finding=None)
    assert "job_program_order" not in early
    early = _found("job-program-judicial.toml", office, unemployment_finding=None)
    assert "job_program_order" not in early
    early = _found("job-program-administrative.toml", office, iv_d_services=None)
    assert "job_program_order" not in early
    answered = _found("job-program-administrative.toml", office, unemployment_finding=False)
    assert answered["job_program_order"].value is False
    no_question = _found("job-program-judicial.toml", office, disability_modification=None)
    assert "reasonable_modification" not in no_question


def test_a_refused_lien_gets_no_hearing_deadline(office: Office) -> None:
    ira = _found("lien-account.toml", office, account_type="ira")
    assert ira["lien_eligibility"].value is False
    assert "lien_hearing_deadline" not in ira
    assert "fi_lien_expiry" not in ira
    low = _found("lien-real-estate.toml", office, past_due_amount="9999.99")
    assert "lien_hearing_deadline" not in low
    allowed = _found("lien-account.toml", office)
    assert allowed["lien_hearing_deadline"].value == dt.date(2026, 12, 9)


def test_registration_findings_wait_for_their_answers(office: Office) -> None:
    early = _found(
        "registration.toml",
        office,
        certified_copy=None,
        obligee_endangerment_affidavit=None,
        admin_order_by_default=False,
        affirmative_remedy=None,
    )
    # Not "everything is at hand", not "no affidavit", not "first-class mail" yet.
    assert "filing_checklist" not in early
    assert "obligee_address_sealed" not in early
    assert "service_method" not in early
    # The example's order was entered by default: that alone decides the service.
    by_default = _found("registration.toml", office, affirmative_remedy=None)
    assert by_default["service_method"].value == "other_methods"


def test_track_recommendation_waits_for_the_criteria(office: Office) -> None:
    full = _found("track-administrative.toml", office)
    assert full["recommended_track"].value == "administrative"
    early = _found("track-administrative.toml", office, parent_conflict=None)
    assert "recommended_track" not in early and "track" not in early
    judicial = _found("track-administrative.toml", office, parent_conflict=True, court_order=None)
    assert judicial["recommended_track"].value == "judicial"  # any yes decides it


def test_no_interest_in_the_real_estate_refuses_the_row_by_its_column(office: Office) -> None:
    iid, raw = load_answers_file(EXAMPLES / "lien-real-estate.toml")
    raw["obligor_has_interest"] = False
    answers = load_interview(iid).validate(raw, office).answers
    assert lien_refusals(answers, ON) == [
        (
            "obligor_has_interest",
            "the obligor holds no interest in the real estate, so no lien attaches "
            "(305 ILCS 5/10-25(a))",
        )
    ]
    raw["obligor_has_interest"] = True
    assert lien_refusals(load_interview(iid).validate(raw, office).answers, ON) == []


def test_findings_are_only_the_declared_names(office: Office) -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        if path.name == "office.toml":
            continue
        iid, raw = load_answers_file(path)
        iv = load_interview(iid)
        assert set(iv.findings(iv.validate(raw, office).answers, office, ON)) <= set(
            FINDING_NAMES[iid]
        )


@pytest.mark.parametrize(
    ("citation", "rule_file"),
    [
        ("305 ILCS 5/10-25", "rules/lien.py"),
        ("750 ILCS 46/802", "rules/prior_period.py"),
        ("305 ILCS 5/10-15.1", "rules/registration.py"),
        ("305 ILCS 5/10-11.1", "rules/job_program.py"),
        ("305 ILCS 5/9A-4", "rules/job_program.py"),
    ],
)
def test_impact_lists_the_moved_rules(citation: str, rule_file: str) -> None:
    from counsel.authoring.impact import impact

    report = impact(
        citation,
        from_=dt.date(2026, 11, 1),  # some of these sections have no dated version
        to=dt.date(2026, 11, 23),
        office=load_office(None),
        examples_dir=EXAMPLES,
    )
    rules = [u.where for u in report.uses if u.kind == "rule"]
    assert any(w.startswith(rule_file + ":") for w in rules), rules
