"""The Department's administrative documents are headed with the IV-D case number and name the
case by it (LEGAL.md, Filed-ready form: "Administrative track: the Department / Unified Child
Support Services Program heading with the IV-D case number"). A notice of lien or an
administrative order given only a court number printed "IV-D Case No. ____________" and "in
IV-D case (number not given)", and dropped the court number it had: now the answers are
refused, naming the field, in check, render and batch."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from counsel.cli import main
from counsel.interviewer import flatten_answers, load_interview
from tests.review.helpers import ANSWERS, office, raw


def _errors(name: str, **changes: object) -> list[str]:
    interview_id, given = raw(name)
    result = load_interview(interview_id).validate({**given, **changes}, office())
    return [f"{e.field}: {e.message}" for e in result.errors]


@pytest.mark.parametrize(
    "name",
    ["lien-real-estate-at-threshold", "lien-account-at-thresholds", "lien-lump-sum-at-threshold"],
)
def test_a_lien_needs_the_iv_d_number(name: str) -> None:
    assert _errors(name, iv_d_case_number="", court_case_number="2020-F-000777") == [
        "iv_d_case_number: required; answer: IV-D case number"
    ]


@pytest.mark.parametrize("name", ["pp-admin-holiday-four-children", "job-admin-work-activities"])
def test_the_administrative_track_needs_the_iv_d_number(name: str) -> None:
    (error,) = _errors(name, iv_d_case_number="", court_case_number="2027-F-000001")
    assert error.startswith("iv_d_case_number: required on the administrative track")


@pytest.mark.parametrize(
    "name", ["pp-judicial-thanksgiving-obligee-protected", "job-judicial-past-due"]
)
def test_a_judicial_case_takes_either_number(name: str) -> None:
    assert _errors(name, iv_d_case_number="", court_case_number="2026-F-000001") == []
    assert _errors(name, iv_d_case_number="IVD-1", court_case_number="") == []


def test_check_and_render_name_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ANSWERS / "lien-real-estate-at-threshold.toml").read_text(encoding="utf-8")
    answers = tmp_path / "a.toml"
    answers.write_text(text.replace('iv_d_case_number = "IVD-2020-000777"\n', ""))
    assert main(["check", "lien", "--answers", str(answers)]) == 2
    assert "iv_d_case_number: required" in capsys.readouterr().out
    out = tmp_path / "out"
    register = tmp_path / "register.sqlite3"
    argv = ["render", "lien", "--answers", str(answers), "--out", str(out)]
    assert main([*argv, "--register", str(register)]) == 2
    assert "iv_d_case_number" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_batch_reports_the_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    iv = load_interview("lien")
    interview_id, given = raw("lien-account-at-thresholds")
    good = flatten_answers(iv, given)
    bad = {**good, "iv_d_case_number": "", "court_case_number": "2026-F-000002"}
    sheet = tmp_path / "liens.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, list(good))
        writer.writeheader()
        writer.writerows([good, bad])
    out = tmp_path / "out"
    argv = ["batch", "lien", str(sheet), "--out", str(out), "--jobs", "1", "--quiet"]
    assert main(argv) == 1
    rows = list(csv.DictReader((out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["row"], r["column"]) for r in rows] == [("3", "iv_d_case_number")]
