"""Reading batch sheets: UTF-8 with and without BOM, comma or semicolon, XLSX first sheet."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from counsel.batch.sheet import detect_delimiter, open_sheet
from counsel.errors import UsageError


def _write(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_bom_and_delimiter(tmp_path: Path, bom: bool, sep: str) -> None:
    text = f'iv_d_case_number{sep}obligor_name\r\nIVD-1{sep}Ann Example\r\nIVD-2{sep}"B{sep} C"\r\n'
    sheet = open_sheet(_write(tmp_path / "s.csv", text, bom))
    assert sheet.header == ("iv_d_case_number", "obligor_name")  # no BOM glued to column 1
    assert sheet.delimiter == sep
    rows = list(sheet.rows())
    assert [r.number for r in rows] == [2, 3]
    assert rows[1].cells == {"iv_d_case_number": "IVD-2", "obligor_name": f"B{sep} C"}


def test_detect_delimiter_prefers_the_more_frequent() -> None:
    assert detect_delimiter("a;b;c\n") == ";"
    assert detect_delimiter("a,b,c\n") == ","
    assert detect_delimiter("a\n") == ","


def test_row_numbers_follow_records_not_lines(tmp_path: Path) -> None:
    text = 'a,b\n1,"line one\nline two"\n\n# a comment row\n2,x\n'
    rows = list(open_sheet(_write(tmp_path / "s.csv", text)).rows())
    # record 2 spans two lines; record 3 is blank, record 4 a comment: both skipped
    assert [r.number for r in rows] == [2, 5]
    assert rows[0].cells["b"] == "line one\nline two"


def test_short_and_long_rows(tmp_path: Path) -> None:
    rows = list(open_sheet(_write(tmp_path / "s.csv", "a,b\n1\n1,2,3,\n")).rows())
    assert rows[0].cells == {"a": "1", "b": None} and rows[0].extra == 0
    assert rows[1].extra == 1  # one filled cell beyond the header; the empty one is ignored


def test_not_utf8_is_a_usage_error_naming_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("a,b\n1,Jos\xe9\n".encode("cp1252"))
    with pytest.raises(UsageError, match="CSV UTF-8"):
        open_sheet(path)


@pytest.mark.parametrize(
    ("text", "match"),
    [("a,,b\n", "column 2 is empty"), ("a,b,a\n", "same header"), ("\n", "no header")],
)
def test_bad_headers(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(UsageError, match=match):
        open_sheet(_write(tmp_path / "s.csv", text))


def test_trailing_empty_header_columns_are_ignored(tmp_path: Path) -> None:
    assert open_sheet(_write(tmp_path / "s.csv", "a,b,,\n1,2,,\n")).header == ("a", "b")


def test_wrong_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"not a \.csv or \.xlsx"):
        open_sheet(_write(tmp_path / "s.txt", "a\n"))
    with pytest.raises(UsageError, match="no such file"):
        open_sheet(tmp_path / "missing.csv")


def test_damaged_xlsx_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a readable .xlsx"):
        open_sheet(_write(tmp_path / "s.xlsx", "not a zip"))


def test_xlsx_first_sheet_types_and_blank_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["iv_d_case_number", "past_due_amount", "mailing_date", "note"])
    ws.append(["IVD-1", 1234.5, dt.datetime(2026, 11, 24), None])
    ws.append([None, None, None, None])
    ws.append(["IVD-2", 1000, dt.datetime(2026, 11, 24, 9, 30), "x"])
    other = wb.create_sheet("second")
    other.append(["not", "read"])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    sheet = open_sheet(path)
    assert sheet.kind == "xlsx"
    rows = list(sheet.rows())
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].cells["mailing_date"] == dt.date(2026, 11, 24)
    assert rows[0].cells["past_due_amount"] == 1234.5
    # a real time of day is kept, so validation can say a date must not carry one
    assert rows[1].cells["mailing_date"] == dt.datetime(2026, 11, 24, 9, 30)


def test_damaged_csv_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    # a cell over csv's field limit (131,072 characters): a pasted blob, not an answer
    sheet = open_sheet(_write(tmp_path / "s.csv", 'a,b\n1,2\n3,"' + "x" * 200_000 + '"\n'))
    with pytest.raises(UsageError, match="not valid CSV after row 2"):
        list(sheet.rows())
