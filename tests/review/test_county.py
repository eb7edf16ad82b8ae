"""A case's county is the office's own: a State's Attorney's office files in its own county's
circuit court, signs as that county's State's Attorney and heads administrative papers with
its own county's program, and its profile names only its own circuit. A Menard case rendered
with the Sangamon profile printed "SEVENTH JUDICIAL CIRCUIT, MENARD COUNTY" (Menard sits in
another circuit) over a Sangamon signature and a body naming the Sangamon program: now the
answer is refused at `county` in check, render and batch, and spellings of the office's own
county are the office's county (one spelling in caption and body)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from counsel.cli import main
from counsel.interviewer import flatten_answers, load_interview
from counsel.office import county_key
from tests.review.helpers import ANSWERS, office, raw

NAMES = [p.stem for p in sorted(ANSWERS.glob("*.toml"))]


def _validate(name: str, **changes: object) -> tuple[dict[str, object], list[str]]:
    interview_id, given = raw(name)
    result = load_interview(interview_id).validate({**given, **changes}, office())
    return dict(result.answers), [f"{e.field}: {e.message}" for e in result.errors]


@pytest.mark.parametrize("name", NAMES)
def test_another_county_is_refused_at_county_in_every_interview(name: str) -> None:
    _, errors = _validate(name, county="Menard")
    county = [e for e in errors if e.startswith("county: ")]
    assert len(county) == 1, errors
    message = county[0]
    assert "not this office's county (Sangamon)" in message
    assert "leave it blank for Sangamon" in message and "office profile of its county" in message
    assert "Menard" not in message  # the field is named, the answer is not echoed
    assert "--" not in message  # a library message names no CLI option


@pytest.mark.parametrize(
    "spelling", ["Sangamon", "sangamon", "SANGAMON COUNTY", "  Sangamon county ", "Sangamon."]
)
def test_the_offices_own_county_however_spelled_is_the_offices_spelling(spelling: str) -> None:
    typed, errors = _validate("pp-judicial-thanksgiving-obligee-protected", county=spelling)
    assert errors == [] and typed["county"] == "Sangamon"
    typed, errors = _validate("pp-judicial-thanksgiving-obligee-protected", county="")
    assert errors == [] and typed["county"] == "Sangamon"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("St. Clair", "Saint Clair"),
        ("St. Clair", "st clair county"),
        ("DuPage", "Du Page"),
        ("DeKalb", "De Kalb County"),
        ("LaSalle", "La Salle"),
        ("McHenry", "MCHENRY"),
    ],
)
def test_spellings_of_one_county_are_one_county(a: str, b: str) -> None:
    assert county_key(a) == county_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Sangamon", "Menard"), ("Clair", "St. Clair"), ("Cook", "Coles")]
)
def test_different_counties_stay_different(a: str, b: str) -> None:
    assert county_key(a) != county_key(b)


def test_check_render_and_batch_name_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    source = ANSWERS / "pp-judicial-thanksgiving-obligee-protected.toml"
    answers = tmp_path / "a.toml"
    answers.write_text(
        source.read_text(encoding="utf-8").replace('county = "Sangamon"', 'county = "Menard"')
    )
    assert main(["check", "prior-period", "--answers", str(answers)]) == 2
    assert "county: not this office's county (Sangamon)" in capsys.readouterr().out
    out = tmp_path / "out"
    argv = ["render", "prior-period", "--answers", str(answers), "--out", str(out)]
    assert main([*argv, "--register", str(tmp_path / "register.sqlite3")]) == 2
    assert "county: not this office's county" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())

    iv = load_interview("prior-period")
    _, given = raw("pp-judicial-thanksgiving-obligee-protected")
    good = flatten_answers(iv, given)
    sheet = tmp_path / "orders.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, list(good))
        writer.writeheader()
        writer.writerows([good, {**good, "county": "Menard", "court_case_number": "2026-F-9"}])
    batch_out = tmp_path / "batch"
    argv = ["batch", "prior-period", str(sheet), "--out", str(batch_out), "--jobs", "1"]
    assert main([*argv, "--quiet"]) == 1
    rows = list(
        csv.DictReader((batch_out / "errors.csv").read_text(encoding="utf-8-sig").splitlines())
    )
    assert [(r["row"], r["column"]) for r in rows] == [("3", "county")]
    assert "Menard" not in (batch_out / "errors.csv").read_text(encoding="utf-8-sig")


def test_the_caption_prints_the_offices_spelling(tmp_path: Path) -> None:
    from tests.legal.helpers import _docx_text, _pdf_text
    from tests.review.helpers import renderer

    interview_id, given = raw("job-judicial-past-due")
    result = load_interview(interview_id).validate({**given, "county": "sangamon county"}, office())
    assert not result.errors
    r = renderer()
    (built,) = r.build(interview_id, result.answers, office())
    for text in (_pdf_text(r.to_pdf(built)), _docx_text(r.to_docx(built))):
        assert "SANGAMON COUNTY, ILLINOIS" in text and "SANGAMON COUNTY COUNTY" not in text
