"""Issue 16 item 12: no private value in an error, where the value sits where a name was
expected: a sheet without its header row (the first data row is read as the header), an
`interview = "..."` holding a private value, an unknown key that is a pasted value."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from counsel.cli import main
from tests.security import canary, helpers, tally

SSN = canary.CANARY_SSN
NAME = "CanaryHeaderName Zq"
ADDRESS = "1717 CanaryHeader Way"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture(autouse=True)
def _data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))


def _data_rows(n: int) -> list[list[str]]:
    """Rows of the example sheet, without its header, carrying canary values."""
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    out = []
    for row in rows[1 : n + 1]:
        row = list(row)
        row[header.index("obligor_ssn")] = SSN
        row[header.index("obligor_name")] = NAME
        row[header.index("obligor_address")] = ADDRESS
        out.append(row)
    return out


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    wb.save(path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("shape", ["no-header", "duplicated-values", "value-first"])
def test_a_sheet_without_its_header_never_quotes_a_cell(
    fmt: str, shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    rows = _data_rows(2)
    # Every cell of the first row filled, so the header check reads each as a column name.
    rows[0] = [cell or "Canary filler" for cell in rows[0]]
    if shape == "duplicated-values":
        rows[0] = [SSN, NAME, SSN, NAME]  # a header row that repeats a value
    if shape == "value-first":
        rows[0] = [SSN, "obligor_name"]  # the first "column name" is a value
    sheet = tmp_path / f"s.{fmt}"
    if fmt == "csv":
        with sheet.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    else:
        _write_xlsx(sheet, rows)
    code, text = _run(helpers.batch_argv(sheet, tmp_path / "out", "pdf"), capsys)
    assert code == 2, text
    assert canary.hits(text) == [] and "900" not in text, text
    assert "IVD-" not in text, text  # the case number is a cell value too
    assert "column" in text  # still says which column and what to do


@pytest.mark.parametrize(
    "value", [SSN, NAME, "lien " + SSN, "900317931", "lien\nCanary", "x" * 5000]
)
def test_an_interview_value_is_never_repeated(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    answers = tmp_path / "a.toml"
    canary.write_answers(answers, interview_id, raw)
    text = answers.read_text()
    answers.write_text(text.replace('interview = "lien"', f"interview = {json.dumps(value)}", 1))
    commands = [
        ["check", "lien", "--answers", str(answers)],
        helpers.render_argv("lien", answers, tmp_path / "out"),
        ["templates", "preview", "notice-of-lien", "--example", str(answers)],
    ]
    for argv in commands:
        code, out = _run(argv, capsys)
        assert code == 2, (argv, out)
        assert canary.hits(out) == [] and "900317931" not in out and "x" * 100 not in out, out
        assert "interview" in out


@pytest.mark.parametrize("key", [SSN, "900317931", "Canary Name", "a b"])
def test_an_unknown_key_that_is_a_value_is_not_named(
    key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    answers = tmp_path / "a.toml"
    canary.write_answers(answers, interview_id, raw)
    owners = '[{ name = "A", address = "B", ' + json.dumps(key) + ' = "x" }]'
    with answers.open("a", encoding="utf-8") as fh:
        fh.write(f"{json.dumps(key)} = 1\n")
    text = answers.read_text().replace(
        "joint_owners = [", f"joint_owners = {owners}\nunused_owners = ["
    )
    answers.write_text(text)
    code, out = _run(
        ["--office", helpers.OFFICE_FILE, "check", "lien", "--answers", str(answers)], capsys
    )
    assert code == 2
    assert canary.hits(out) == [] and "900317931" not in out and key not in out, out
    assert "not a question of this interview" in out
