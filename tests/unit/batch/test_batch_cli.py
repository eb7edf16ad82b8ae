"""`counsel batch` on the command line: the template sheet, usage errors and exit codes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from counsel.batch.sheet import open_sheet
from counsel.cli import main
from counsel.interviewer import load_interview
from counsel.interviewer.rows import columns


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_sheet_has_the_interview_columns_and_a_help_row(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"liens{suffix}"
    assert main(["batch", "lien", "--blank-sheet", str(path)]) == 0
    expected = columns(load_interview("lien"), {"joint_owners": 3})
    sheet = open_sheet(path)
    assert list(sheet.header) == expected
    assert list(sheet.rows()) == []  # the help row is a comment row: nothing to render
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        help_row = dict(zip(rows[0], rows[1], strict=True))
    else:
        from openpyxl import load_workbook

        ws = load_workbook(path).worksheets[0]
        help_row = {c.value: h.value for c, h in zip(ws[1], ws[2], strict=True)}
        # identifier columns are pre-formatted as Text so Excel keeps leading zeros
        from openpyxl.utils import get_column_letter

        def fmt(column: str) -> str:
            letter = get_column_letter(expected.index(column) + 1)
            return str(ws.column_dimensions[letter].number_format)

        assert fmt("account_last4") == "@" and fmt("iv_d_case_number") == "@"
        assert fmt("mailing_date") == "yyyy-mm-dd"
    # A lien names the case by its IV-D number (required); the court number is optional.
    assert help_row["iv_d_case_number"].startswith("required | text | IV-D case number")
    assert help_row["court_case_number"].startswith("# optional")  # the first cell: a comment
    assert help_row["account_type"].startswith("required when lien_target == 'account'")
    assert "one of: checking, savings" in help_row["account_type"]
    assert help_row["document_date"].startswith("required | date YYYY-MM-DD")


def test_template_refuses_other_suffixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", "lien", "--blank-sheet", str(tmp_path / "x.ods")]) == 2
    assert "must end in .csv or .xlsx" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "lien"], "FILE: give the sheet"),
        (["batch", "lien", "{sheet}"], "--out: give the folder"),
        (["batch", "lien", "{missing}", "--out", "{out}"], "no such file"),
        (["batch", "nosuch", "{sheet}", "--out", "{out}"], "INTERVIEW: no interview 'nosuch'"),
        (["batch", "lien", "{sheet}", "--out", "{out}", "--as-of", "11/23/2026"], "--as-of"),
        (["batch", "lien", "{sheet}", "--out", "{out}", "--jobs", "-1"], "--jobs"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("iv_d_case_number\n", encoding="utf-8")
    fill = {"sheet": sheet, "missing": tmp_path / "none.csv", "out": tmp_path / "out"}
    assert main([a.format(**fill) for a in args]) == 2
    assert message in capsys.readouterr().err


def test_the_first_rounds_template_flag_still_writes_a_blank_sheet(tmp_path: Path) -> None:
    path = tmp_path / "liens.csv"
    assert main(["batch", "lien", "--template", str(path)]) == 0
    assert open_sheet(path).header
