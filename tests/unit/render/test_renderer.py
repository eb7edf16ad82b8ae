"""The Renderer end to end: checks before writing, atomic owner-only files, provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from counsel import case
from counsel.errors import UsageError
from counsel.render.core import Renderer, RenderError, load_document_specs

ROOT = Path(__file__).resolve().parents[3]
ON = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def office() -> Any:
    from counsel.office import load_office

    return load_office(ROOT / "examples" / "office.toml")


def answers(example: str, office: Any, **changes: Any) -> dict[str, Any]:
    from counsel.interviewer import load_answers_file, load_interview

    interview_id, raw = load_answers_file(ROOT / "examples" / f"{example}.toml")
    raw = {**raw, **changes}
    result = load_interview(interview_id).validate(raw, office)
    assert result.complete, result.errors
    return result.answers


def _issue(
    renderer: Renderer,
    interview_id: str,
    a: dict[str, Any],
    office: Any,
    out: Path,
    formats: tuple[str, ...] = ("pdf", "docx"),
    force: bool = False,
) -> case.Issued:
    """Prepare and issue through counsel.case (the road every front end takes), unrecorded."""
    prepared = case.prepare(interview_id, a, office, ON, renderer=renderer)
    return case.issue(prepared, out, formats, force=force, source=None, record=False)


def test_writes_owner_only_files_with_a_sidecar(
    renderer: Renderer, office: Any, tmp_path: Path
) -> None:
    out = tmp_path / "new"
    result = _issue(renderer, "lien", answers("lien-real-estate", office), office, out)
    names = sorted(p.name for p in result.paths)
    assert names == sorted(
        f"{stem}.{ext}"
        for stem in ("notice-of-lien", "notice-of-lien-to-obligor")
        for ext in ("pdf", "docx", "provenance.json")
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for path in result.paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temp files left"
    side = json.loads((out / "notice-of-lien.provenance.json").read_text())
    assert (
        side["files"]["notice-of-lien.pdf"]
        == hashlib.sha256((out / "notice-of-lien.pdf").read_bytes()).hexdigest()
    )
    prov = side["provenance"]
    assert prov["template_id"] == "lien-notice.html"
    assert prov["document_date"] == "2026-11-23"
    from counsel.law import get_store

    assert prov["statute_snapshot"] == get_store().snapshot_hash()


def test_never_overwrites_without_force(renderer: Renderer, office: Any, tmp_path: Path) -> None:
    a = answers("track-administrative", office)
    _issue(renderer, "track", a, office, tmp_path, ("docx",))
    before = (tmp_path / "case-assessment.docx").read_bytes()
    with pytest.raises(case.OutputExists, match="exist and were left alone"):
        _issue(renderer, "track", a, office, tmp_path, ("pdf", "docx"))
    assert not (tmp_path / "case-assessment.pdf").exists(), "a refusal writes nothing"
    assert (tmp_path / "case-assessment.docx").read_bytes() == before
    _issue(renderer, "track", a, office, tmp_path, ("both",), force=True)
    assert (tmp_path / "case-assessment.pdf").exists()


def test_a_failing_check_lists_every_problem_and_writes_nothing(
    office: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    from counsel.render.elements import load_elements

    imaginary = replace(load_elements()[0], id="imaginary_provision")
    strict = Renderer(elements=(*load_elements(), imaginary))
    bad = answers("prior-period-administrative", office, obligor_name="Robert 900-00-0001 Sample")
    with pytest.raises(RenderError) as exc:
        _issue(strict, "prior-period", bad, office, tmp_path)
    problems = exc.value.problems
    assert any('"imaginary_provision"' in p for p in problems)
    assert any("obligor_ssn" in p and "138" in p for p in problems)
    assert all("900-00-0001" not in p for p in problems), "messages never echo the number"
    assert list(tmp_path.iterdir()) == []


def test_citations_must_be_in_force_on_the_document_date(
    renderer: Renderer, office: Any, tmp_path: Path
) -> None:
    a = answers("registration", office)
    with pytest.raises(RenderError) as exc:
        renderer.build("registration", a, office, dt.date(1990, 1, 2))
    assert any("does not resolve on 1990-01-02" in p for p in exc.value.problems)


def test_an_ineligible_lien_is_refused_with_the_reason(renderer: Renderer, office: Any) -> None:
    a = answers("lien-account", office, past_due_amount="999.99")
    assert a["past_due_amount"] == Decimal("999.99")
    with pytest.raises(RenderError, match="no lien may be imposed on these answers"):
        renderer.build("lien", a, office, ON)


def test_family_violence_blocks_a_protected_address_in_a_served_document(
    renderer: Renderer, office: Any
) -> None:
    # The recorded real-estate notice must name the obligor's address (160.70(g)(1)(B)(i));
    # with the obligor protected, that document may not go out: the check says so.
    a = answers("lien-real-estate", office, family_violence=True, protected_party="obligor")
    with pytest.raises(RenderError) as exc:
        renderer.build("lien", a, office, ON)
    assert any("obligor_address" in p and "family-violence" in p for p in exc.value.problems)
    assert all("2020 Test Parkway" not in p for p in exc.value.problems)


def test_documents_follow_the_track(renderer: Renderer, office: Any) -> None:
    admin = renderer.build("job-program", answers("job-program-administrative", office), office, ON)
    judicial = renderer.build("job-program", answers("job-program-judicial", office), office, ON)
    assert [d.spec.id for d in admin] == ["job-program-administrative"]
    assert [d.spec.id for d in judicial] == ["job-program-judicial"]


def test_registration_without_ssn_has_no_confidential_notice(
    renderer: Renderer, office: Any
) -> None:
    a = answers("registration", office, obligor_ssn="")
    ids = [d.spec.id for d in renderer.build("registration", a, office, ON)]
    assert "registration-confidential" not in ids and "registration-notice" in ids


def test_cook_county_caption(renderer: Renderer) -> None:
    from counsel.office import load_office
    from counsel.render.model import Caption, runs_text

    cook = load_office(ROOT / "tests" / "legal" / "office-cook.toml")
    a = answers("prior-period-judicial", cook, county="Cook")
    doc = renderer.build("prior-period", a, cook, ON)[0]
    caption = doc.model.blocks[0]
    assert isinstance(caption, Caption)
    assert [runs_text(line) for line in caption.court] == [
        "IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS",
        "COUNTY DEPARTMENT, DOMESTIC RELATIONS DIVISION",
    ]


def test_manifest_is_strict() -> None:
    with pytest.raises(ValueError, match="unknown key 'colour'"):
        load_document_specs('[[x]]\nid="a"\ntemplate="a.html"\ntitle="A"\nname="a"\ncolour="red"\n')
    with pytest.raises(ValueError, match="served_on"):
        load_document_specs(
            '[[x]]\nid="a"\ntemplate="a.html"\ntitle="A"\nname="a"\nserved_on="x"\n'
        )
    manifest = load_document_specs()
    assert set(manifest) == {"track", "prior-period", "registration", "lien", "job-program"}


def test_unknown_interview_and_format(renderer: Renderer, office: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="has no documents"):
        renderer.build("nope", {}, office, ON)
    prepared = case.prepare("track", answers("track-judicial", office), office, ON)
    with pytest.raises(case.UnknownFormat, match="unknown format 'odt'"):
        case.issue(prepared, tmp_path, ("odt",), source=None, record=False)
    assert list(tmp_path.iterdir()) == []


def test_quote_only_complete_text_and_cite_only_what_is_in_force() -> None:
    from counsel.law import get_store
    from counsel.render.citer import Citer

    citer = Citer(get_store(), ON, "doc")
    assert "end of each month" in citer.quote("305 ILCS 5/10-16.5")
    assert citer.problems == []
    assert citer.quote("305 ILCS 5/10-11.1(b)(1)") == ""  # truncated in the sources
    assert citer.quote("750 ILCS 46/802") == ""  # stored without text
    assert citer.cite("305 ILCS 5/10-99") == "305 ILCS 5/10-99"
    assert len(citer.problems) == 3
    assert "cannot be quoted" in citer.problems[0] and "paraphrase" in citer.problems[0]
    assert "does not resolve" in citer.problems[2]


def test_one_notice_per_joint_owner(renderer: Renderer, office: Any) -> None:
    owners = [
        {"name": "Sam K. Madeup", "address": "8 Illustration Street\nSpringfield, IL 62701"},
        {"name": "Lee Q. Cotenant", "address": "3 Other Road\nPetersburg, IL 62675"},
    ]
    a = answers("lien-account", office, joint_owners=owners)
    docs = renderer.build("lien", a, office, ON)
    stems = [d.stem for d in docs]
    assert stems[-2:] == ["notice-of-lien-to-joint-owner-1", "notice-of-lien-to-joint-owner-2"]
    from counsel.render.model import document_text

    assert "Lee Q. Cotenant" in document_text(docs[-1].model)
    assert "Lee Q. Cotenant" not in document_text(docs[-2].model)
    with pytest.raises(UsageError, match="no document 'nope'"):
        renderer.build("lien", a, office, ON, only=["nope"])
