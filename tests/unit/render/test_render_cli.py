"""`counsel render`: paths printed, field errors exit 2 and write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counsel.cli import main

ROOT = Path(__file__).resolve().parents[3]


def test_render_prints_the_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    code = main(
        [
            "render",
            "track",
            "--answers",
            str(ROOT / "examples" / "track-judicial.toml"),
            "--office",
            str(ROOT / "examples" / "office.toml"),
            "--format",
            "docx",
            "--out",
            str(tmp_path / "out"),
            "--register",
            str(tmp_path / "register.sqlite3"),
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    out = tmp_path / "out"
    assert data["paths"] == [
        str(out / "case-assessment.docx"),
        str(out / "case-assessment.provenance.json"),
    ]
    assert data["documents"][0]["provenance"]["template_id"] == "track-memo.html"
    from counsel.register import Register

    with Register.open(tmp_path / "register.sqlite3") as reg:
        entry = reg.get(data["register_entry"])
    assert entry.interview == "track" and entry.source == "render"


def test_incomplete_answers_exit_2_with_field_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "examples" / "lien-account.toml").read_text()
    text = text.replace('obligor_name = "Jordan P. Madeup"', "")
    text = text.replace('past_due_amount = "4210.00"', 'past_due_amount = "lots"')
    answers = tmp_path / "a.toml"
    answers.write_text(text)
    out = tmp_path / "out"
    code = main(["render", "lien", "--answers", str(answers), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "obligor_name" in err and "past_due_amount" in err and "nothing was written" in err
    assert "lots" not in err
    assert not out.exists()


def test_answers_for_another_interview(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", "lien", "--answers", str(ROOT / "examples" / "track-judicial.toml")])
    assert code == 2
    assert "counsel render track" in capsys.readouterr().err


def test_bad_as_of_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["render", "track", "--answers", "x.toml", "--as-of", "2026-02-30"])
    assert exc.value.code == 2
    assert "--as-of" in capsys.readouterr().err


def test_a_second_render_into_the_same_folder_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The library says which files exist (counsel.case.OutputExists); the command adds the
    # flag that would replace them.
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    argv = [
        "render",
        "track",
        "--answers",
        str(ROOT / "examples" / "track-judicial.toml"),
        "--format",
        "docx",
        "--out",
        str(tmp_path / "out"),
    ]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--force: these files exist and were left alone (nothing was written)" in err
    assert main([*argv, "--force"]) == 0
    from counsel.register import Register

    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        assert len(reg.list()) == 2  # the refused render recorded nothing
