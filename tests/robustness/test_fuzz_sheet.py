"""Fuzzing the batch sheet reader and row checks (hypothesis): arbitrary bytes, encodings,
delimiters, quotes, formulas and huge cells in CSV; random and damaged XLSX workbooks. The only
error is UsageError (exit 2, naming the file); every row otherwise comes back checked, with
field errors that never quote a cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counsel.batch.sheet import open_sheet
from counsel.errors import UsageError
from tests.security import tally

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EXAMPLE_CSV = Path(__file__).resolve().parents[2] / "examples" / "batch" / "liens.csv"


@cache
def _lien() -> tuple[Any, Any, tuple[str, ...]]:
    import counsel.batch.case as case

    with EXAMPLE_CSV.open(encoding="utf-8-sig", newline="") as fh:
        header = tuple(next(csv.reader(fh)))
    return case.load("lien"), case.load_office(None), header


def _read_all(path: Path) -> int:
    """Open, check the header, check every row as the batch does; returns rows checked."""
    import counsel.batch.case as case
    from counsel.batch.worker import check_row

    interview, office, _ = _lien()
    sheet = open_sheet(path)
    case.check_header(interview, sheet.header)
    n = 0
    for row in sheet.rows():
        checked = check_row(interview, office, None, row.number, row.cells)
        n += 1
        for error in checked.errors:
            for value in row.cells.values():
                text = str(value or "").strip()
                if len(text) >= 8 and not text.replace(".", "").isdigit():
                    assert text not in error.message, "a cell value is quoted in an error"
    return n


def _write(data: bytes, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="counsel-fuzz-"))
    path = folder / f"sheet{suffix}"
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_as_csv(data: bytes) -> None:
    tally.fuzz()
    try:
        _read_all(_write(data, ".csv"))
    except UsageError as exc:
        assert exc.what == "sheet" and not str(exc).startswith("FILE"), exc


cell = st.one_of(
    st.text(max_size=40),
    st.text(alphabet='"\n\r,;=+-@\t\x00\\', max_size=12),
    st.sampled_from(
        [
            "=1+1",
            '=HYPERLINK("http://x")',
            "@SUM(A1)",
            "yes",
            "2026-02-29",
            "02/30/2026",
            "$1,000.00",
            "1e9",
            "NaN",
            "-0",
            "9" * 40,
        ]
    ),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str),
)


@settings(FUZZ, max_examples=80)
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=32), min_size=0, max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_structured_csv_any_cells_and_encodings(
    rows: list[list[str]], encoding: str, delimiter: str
) -> None:
    tally.fuzz()
    _, _, header = _lien()
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("utf-8")
    try:
        _read_all(_write(data, ".csv"))
    except UsageError as exc:
        assert exc.what == "sheet" and not str(exc).startswith("FILE"), exc


@pytest.mark.parametrize("size", [10_000, 32_768, 131_072, 131_073, 2_000_000])
def test_huge_cells(size: int) -> None:
    """A cell up to 131,072 characters is read (its row then gets a field error); a longer
    one is a sentence naming the file (exit 2)."""
    from counsel.batch.sheet import MAX_CELL_CHARS

    tally.attack()
    _, _, header = _lien()
    row = ["x" * size if name == "obligor_name" else "" for name in header]
    buf = io.StringIO()
    csv.writer(buf).writerows([header, row])
    path = _write(buf.getvalue().encode(), ".csv")
    if size <= MAX_CELL_CHARS:
        assert _read_all(path) == 1
    else:
        with pytest.raises(
            UsageError, match="(131,072 characters|longer than|field limit)"
        ) as info:
            _read_all(path)
        assert info.value.what == "sheet"


xlsx_cell = st.one_of(
    st.none(),
    st.text(max_size=40).filter(lambda s: not any(ord(c) < 32 and c not in "\t\n\r" for c in s)),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.sampled_from(["=1+1", "=A1", "x" * 32767]),
)


def _workbook(header: tuple[str, ...] | list[Any], rows: list[list[Any]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@settings(FUZZ, max_examples=40)
@given(rows=st.lists(st.lists(xlsx_cell, max_size=30), max_size=3))
def test_random_xlsx_workbooks(rows: list[list[Any]]) -> None:
    tally.fuzz()
    _, _, header = _lien()
    try:
        _read_all(_write(_workbook(header, rows), ".xlsx"))
    except UsageError as exc:
        assert exc.what == "sheet" and not str(exc).startswith("FILE"), exc


@cache
def _good_xlsx() -> bytes:
    _, _, header = _lien()
    with EXAMPLE_CSV.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:4]
    return _workbook(header, rows)


@settings(FUZZ, max_examples=60)
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    truncate=st.none() | st.integers(0, 10**6),
)
def test_damaged_xlsx_bytes(flips: list[tuple[int, int]], truncate: int | None) -> None:
    tally.fuzz()
    data = bytearray(_good_xlsx())
    for pos, byte in flips:
        data[pos % len(data)] = byte
    if truncate is not None:
        data = data[: truncate % len(data)]
    try:
        _read_all(_write(bytes(data), ".xlsx"))
    except UsageError as exc:
        assert exc.what == "sheet" and not str(exc).startswith("FILE"), exc


@settings(FUZZ, max_examples=30)
@given(
    member=st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/sharedStrings.xml",
            "xl/workbook.xml",
            "[Content_Types].xml",
            "xl/styles.xml",
        ]
    ),
    junk=st.binary(max_size=200),
)
def test_xlsx_with_a_damaged_member(member: str, junk: bytes) -> None:
    """A well-formed zip whose XML part is garbage (zip checksums pass, the XML does not)."""
    tally.fuzz()
    src = zipfile.ZipFile(io.BytesIO(_good_xlsx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = data[: len(data) // 2] + junk
            dst.writestr(info, data)
    try:
        _read_all(_write(buf.getvalue(), ".xlsx"))
    except UsageError as exc:
        assert exc.what == "sheet" and not str(exc).startswith("FILE"), exc
