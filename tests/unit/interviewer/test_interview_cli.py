"""`counsel interviews` and `counsel check`: output, JSON shape, exit codes, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counsel.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_interviews_lists_all_five(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interviews", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [
        "track",
        "prior-period",
        "registration",
        "lien",
        "job-program",
    ]
    for r in rows:
        assert r["title"] and r["questions"] > 10 and r["sections"][0]["id"] == "case"
    assert main(["interviews"]) == 0
    out = capsys.readouterr().out
    assert "prior-period" in out and "questions" in out


def test_check_json_for_a_complete_example(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "check",
            "prior-period",
            "--answers",
            str(EXAMPLES / "prior-period-administrative.toml"),
            "--office",
            str(EXAMPLES / "office.toml"),
            "--json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(data) == {"interview", "complete", "errors", "documents", "findings"}
    assert data["documents"] == {"ready": ["administrative-order-for-support"], "problems": []}
    assert data["interview"] == "prior-period" and data["complete"] is True
    assert data["errors"] == []
    total = data["findings"]["prior_period_total"]
    assert total["value"] == "12879.21"
    assert total["citations"] and total["explanation"]
    assert data["findings"]["petition_deadline"]["value"] == "2026-12-28"
    term = data["findings"]["termination_dates"]["value"][0]
    assert term["date"] == "2042-01-31" and term["reason"] == "18th-birthday"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in EXAMPLES.glob("*.toml") if p.name != "office.toml"),
    ids=lambda p: p.stem,
)
def test_check_every_example_exits_0(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from counsel.interviewer import load_answers_file

    interview, _ = load_answers_file(path)
    assert main(["check", interview, "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "complete" in out and "NOT" not in out


def test_check_incomplete_exits_2_and_never_echoes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "lien-account.toml").read_text("utf-8")
    text = text.replace('obligor_ssn = "900-00-0004"', 'obligor_ssn = "900-00-00049"')
    text = text.replace("past_due_as_of = 2026-10-31\n", "")
    answers = tmp_path / "a.toml"
    answers.write_text(text, "utf-8")
    code = main(["check", "lien", "--answers", str(answers), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["complete"] is False
    assert [e["field"] for e in data["errors"]] == ["obligor_ssn", "past_due_as_of"]
    assert "900-00-00049" not in json.dumps(data["errors"])
    assert main(["check", "lien", "--answers", str(answers)]) == 2
    human = capsys.readouterr().out
    assert "NOT complete" in human and "obligor_ssn: must be 9 digits" in human


def test_check_interview_mismatch(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "lien", "--answers", str(EXAMPLES / "track-judicial.toml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "answers interview 'track', not 'lien'" in err


def test_check_unknown_interview_and_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "liens", "--answers", str(EXAMPLES / "lien-account.toml")]) == 2
    assert "no interview 'liens'" in capsys.readouterr().err
    assert main(["check", "lien", "--answers", str(tmp_path / "none.toml")]) == 2
    assert "--answers: no such file" in capsys.readouterr().err
    no_key = tmp_path / "nokey.toml"
    no_key.write_text('obligor_name = "X"\n', "utf-8")
    assert main(["check", "lien", "--answers", str(no_key)]) == 2
    assert 'missing top-level key interview = "..."' in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('interview = "lien"\nobligor_ssn = "900-00-0004\n', "utf-8")
    assert main(["check", "lien", "--answers", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and "900-00-0004" not in err


def test_global_office_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = (
        (EXAMPLES / "office.toml")
        .read_text("utf-8")
        .replace("[[closures]]\ndate = 2026-11-27", "[[closures]]\ndate = 2026-12-09", 1)
    )
    path = tmp_path / "office.toml"
    path.write_text(office, "utf-8")
    args = ["check", "lien", "--answers", str(EXAMPLES / "lien-account.toml"), "--json"]
    assert main(["--office", str(path), *args]) == 0
    data = json.loads(capsys.readouterr().out)
    # Dec 9 is now a closure, so the 15-day hearing request runs to Dec 10.
    assert data["findings"]["lien_hearing_deadline"]["value"] == "2026-12-10"
