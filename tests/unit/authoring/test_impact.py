"""`templates impact` on the real histories of 305 ILCS 5/10-16.5 and 10-15.1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from counsel.authoring.impact import ImpactReport, example_files, impact
from counsel.authoring.preview import citations_in, reviewer_text
from counsel.cli import main
from counsel.interviewer import load_answers_file, load_interview
from counsel.law import CitationError, parse_citation
from counsel.office import load_office
from counsel.render.core import Renderer, RenderError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture(scope="module")
def interest() -> ImpactReport:
    return impact("305 ILCS 5/10-16.5", office=load_office(None), examples_dir=EXAMPLES)


@pytest.fixture(scope="module")
def registration() -> ImpactReport:
    return impact("305 ILCS 5/10-15.1", office=load_office(None), examples_dir=EXAMPLES)


def _documents_citing(section: str) -> set[str]:
    """Example documents whose own text cites the section today (found without impact())."""
    out: set[str] = set()
    renderer = Renderer()
    for path in example_files(EXAMPLES):
        interview_id, raw = load_answers_file(path)
        answers = load_interview(interview_id).validate(raw).answers
        try:
            built = renderer.build(interview_id, answers, load_office(None), None)
        except RenderError:
            continue
        for b in built:
            for c in citations_in(reviewer_text(b.model)):
                try:
                    if parse_citation(c).section_key == section:
                        out.add(f"{path.name}: {b.stem}")
                except CitationError:
                    continue
    return out


def test_interest_defaults_to_the_2019_amendment(interest: ImpactReport) -> None:
    assert (interest.from_, interest.to) == (dt.date(2019, 8, 8), dt.date(2019, 8, 9))
    assert "P.A. 101-336" in interest.new
    assert "effective unknown date" in interest.old
    # The diff is the statute's own change: 30 days -> the end of each month.
    removed = [line for line in interest.diff.splitlines() if line.startswith("-")]
    added = [line for line in interest.diff.splitlines() if line.startswith("+")]
    assert any("30 days or more" in line for line in removed)
    assert any("as of the end of each month" in line for line in added)


def test_interest_is_cited_by_the_required_element_and_the_parameter(
    interest: ImpactReport,
) -> None:
    places = {u.where.split(":")[0] for u in interest.uses}
    assert "templates/elements.toml" in places
    assert "parameters.toml" in places


def test_interest_names_exactly_the_documents_that_cite_it(interest: ImpactReport) -> None:
    changed = {f"{c.example}: {c.document}" for c in interest.changed}
    citing = _documents_citing("305 ILCS 5/10-16.5")
    # Every support order states the interest provision (10-16.5): the prior-period orders.
    assert "prior-period-administrative.toml: administrative-order-for-support" in citing
    assert changed == citing
    for change in interest.changed:
        assert "+  305 ILCS 5/10-16.5" in change.diff and "P.A. 101-336" in change.diff
    # The track memoranda do not rest on 10-16.5: they read the same.
    assert any(u.startswith("track-judicial.toml") for u in interest.unchanged)


def test_registration_defaults_to_the_2017_amendment(registration: ImpactReport) -> None:
    assert (registration.from_, registration.to) == (dt.date(2017, 8, 17), dt.date(2017, 8, 18))
    assert "100-201" in registration.new and "99-471" in registration.old
    assert registration.diff.startswith("--- 305 ILCS 5/10-15.1 as of 2017-08-17")


def test_registration_is_cited_by_its_interview_and_findings(registration: ImpactReport) -> None:
    places = {u.where.split(":")[0] for u in registration.uses}
    assert "interviews/registration.toml" in places
    findings = {name for _, name in registration.findings}
    assert "registration_contest_deadline" in findings  # 10-15.1(f): 30 days to contest


def test_registration_names_the_documents_that_change(registration: ImpactReport) -> None:
    changed = {f"{c.example}: {c.document}" for c in registration.changed}
    assert changed == _documents_citing("305 ILCS 5/10-15.1")
    # The notice of registration cites 10-15.1(e) and (f); the stored text before 8-18-17 holds
    # only (a)(1)-(4) (the rest of P.A. 99-471's wording is not in the sources), so before the
    # change the renderer refuses those citations, and the diff shows that refusal.
    assert "registration.toml: notice-of-registration" in changed
    notice = next(c for c in registration.changed if c.document == "notice-of-registration")
    assert notice.wording_changed
    assert "-RENDER REFUSED:" in notice.diff and "10-15.1(f)" in notice.diff


def test_the_2015_amendment_added_administrative_paternity_orders() -> None:
    report = impact(
        "305 ILCS 5/10-15.1",
        from_=dt.date(2015, 8, 26),
        to=dt.date(2015, 8, 27),
        office=load_office(None),
        examples_dir=EXAMPLES,
    )
    added = "\n".join(line for line in report.diff.splitlines() if line.startswith("+"))
    assert "administrative paternity order" in added
    assert "P.A. 99-471" in report.new


def test_cli_impact_json_and_bad_dates(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        [
            "templates",
            "impact",
            "305 ILCS 5/10-16.5",
            "--examples",
            str(EXAMPLES),
            "--json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["section"] == "305 ILCS 5/10-16.5"
    assert data["from"] == "2019-08-08"
    assert main(["templates", "impact", "305 ILCS 5/10-16.5", "--from", "8/8/2019"]) == 2
    assert "--from" in capsys.readouterr().err
    args = ["templates", "impact", "305 ILCS 5/10-16.5", "--from", "2020-01-02"]
    assert main([*args, "--to", "2020-01-01"]) == 2
    assert "--from" in capsys.readouterr().err
    assert main(["templates", "impact", "305 ILCS 5/10-99.9"]) == 2
    assert "not in the statute store" in capsys.readouterr().err
