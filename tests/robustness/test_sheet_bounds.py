"""Issue 16 items 8 and 9: sheets built to exhaust memory or time are refused with a sentence
(zip bombs of whitespace, a row numbered 10**12, 100,000+ comment rows, too many columns,
oversized cells), quickly and in bounded memory; a row whose number repeats or goes
backwards is an error, never dropped; an error cell (#REF!, #N/A, #VALUE! ...) is an error,
never an answer. Every row of a sheet is rendered or reported."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import zipfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.batch.sheet import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_RUN_BYTES,
    open_sheet,
)
from counsel.cli import main
from counsel.errors import UsageError
from tests.security import helpers, tally

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@cache
def _lien_sheet() -> tuple[list[str], list[list[str]]]:
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


@cache
def _skeleton() -> dict[str, bytes]:
    """Every part of a one-sheet workbook written by openpyxl, but its worksheet."""
    import openpyxl

    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["x"])  # type: ignore[union-attr]
    wb.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "xl/worksheets/sheet1.xml"}


def _col(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(number: int, column: int, value: object, kind: str = "") -> str:
    ref = f"{_col(column)}{number}"
    if kind == "e":
        return f'<c r="{ref}" t="e"><v>{escape(str(value))}</v></c>'
    if value is None or value == "":
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _row(number: int, values: list[object], errors: dict[int, str] | None = None) -> str:
    cells = "".join(
        _cell(number, i, (errors or {}).get(i, v), "e" if i in (errors or {}) else "")
        for i, v in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _write_xlsx(
    path: Path,
    rows_xml: list[str] | None = None,
    *,
    chunks: object = None,
    shared: object = None,
) -> Path:
    """A workbook whose worksheet XML is `rows_xml` inside <sheetData>, or streamed from
    `chunks` (an iterable of bytes: the whole worksheet body, for bombs); `shared` (bytes
    chunks) becomes a shared-strings part, wired in as Excel does."""
    parts = dict(_skeleton())
    if shared is not None:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/>'
            "</Types>".encode(),
        )
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdS1" Type="{SHARED_REL}" Target="sharedStrings.xml"/>'
            "</Relationships>".encode(),
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        if shared is not None:
            info = zipfile.ZipInfo("xl/sharedStrings.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                fh.write(f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>'.encode())
                for chunk in shared:  # type: ignore[attr-defined]
                    fh.write(chunk)
                fh.write(b"</t></si></sst>")
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            fh.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
            if rows_xml is not None:
                fh.write("".join(rows_xml).encode())
            for chunk in chunks or ():  # type: ignore[attr-defined]
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return path


def _read(path: Path) -> list[int]:
    """Row numbers the reader yields (header excluded)."""
    return [r.number for r in open_sheet(path).rows()]


def _in_subprocess(
    code: str, *args: str, memory_mb: int = 1200
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with at most `memory_mb` of address space, so a
    regression shows as a failure here, not as a machine out of memory."""
    prelude = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} << 20, {memory_mb} << 20))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


READ_ALL = (
    "from pathlib import Path\n"
    "from counsel.batch.sheet import open_sheet\n"
    "from counsel.errors import UsageError\n"
    "try:\n"
    "    n = sum(1 for _ in open_sheet(Path(sys.argv[1])).rows())\n"
    "    print('rows', n)\n"
    "except UsageError as e:\n"
    "    print('usage', e.what, e)\n"
    "peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
    "print('peak_kb', peak[0], file=sys.stderr)\n"
)


# -- item 8: bombs ---------------------------------------------------------------------------


def _whitespace(total: int, chunk: int = 1 << 20) -> object:
    block = b" " * chunk
    for _ in range(total // chunk):
        yield block


@pytest.mark.parametrize(
    ("name", "make"),
    [
        # 300 MB of spaces inside one cell's text: a part beyond the bound, never unpacked.
        (
            "part",
            lambda: [
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>',
                *_whitespace(300 << 20),
                b"</t></is></c></row>",
            ],
        ),
        # 200 MB of spaces after a row: under the part bound, one run beyond MAX_RUN_BYTES.
        (
            "run",
            lambda: [
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>iv_d_case_number</t></is></c></row>',
                *_whitespace(40 << 20),
            ],
        ),
        # One shared string of 120 MB (beyond the part's bound) and of 90 MB (under it):
        # openpyxl reads this part whole, so it is checked before openpyxl opens the file.
        ("shared-part", None),
        ("shared-run", None),
        # 80 MB of letters in one cell of a data row: past the run bound (and the cell
        # bound) long before it is a string.
        (
            "cell",
            lambda: [
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>obligor_name</t></is></c></row>',
                b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
                *(b"x" * (1 << 20) for _ in range(80)),
                b"</t></is></c></row>",
            ],
        ),
    ],
)
def test_whitespace_bombs_are_refused_in_bounded_memory(
    name: str, make: object, tmp_path: Path
) -> None:
    tally.attack()
    if name.startswith("shared"):
        size = {"shared-part": 120 << 20, "shared-run": 90 << 20}[name]
        head = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
        path = _write_xlsx(tmp_path / f"{name}.xlsx", chunks=head, shared=_whitespace(size))
    else:
        path = _write_xlsx(tmp_path / f"{name}.xlsx", chunks=make())  # type: ignore[operator]
    assert path.stat().st_size < 2 << 20  # a small file on disk
    t0 = time.monotonic()
    # Reading a small sheet peaks near 35 MB resident. The address-space limit only keeps a
    # regression from taking the machine's memory (it would then fail on the peak or the
    # exit status, or as a MemoryError reported as a damaged file).
    done = _in_subprocess(READ_ALL, str(path), memory_mb=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("usage sheet "), done.stdout
    assert "damaged" not in done.stdout, done.stdout
    peak_mb = int(done.stderr.split("peak_kb")[1].split()[0]) / 1024
    assert peak_mb < 120, peak_mb
    assert time.monotonic() - t0 < 60


def test_a_whole_workbook_unpacking_too_far_is_refused(tmp_path: Path) -> None:
    """Parts each under the bound, together beyond it (an extra worksheet and a bloated
    shared-strings part): refused from the zip directory alone."""
    tally.attack()
    path = _write_xlsx(tmp_path / "many.xlsx", [_row(1, ["iv_d_case_number"])])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for n in (2, 3, 4):  # 3 x 200 MB, each under the part bound
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{n}.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                for block in _whitespace(200 << 20):  # type: ignore[attr-defined]
                    fh.write(block)
    with pytest.raises(UsageError, match="would unpack to more than 512 MB"):
        open_sheet(path)


@pytest.mark.parametrize("number", [1_048_577, 10**12, 10**30])
def test_a_row_numbered_beyond_excel_is_refused_at_once(number: int, tmp_path: Path) -> None:
    tally.attack()
    header, body = _lien_sheet()
    path = _write_xlsx(tmp_path / "far.xlsx", [_row(1, header), _row(number, body[0])])
    t0 = time.monotonic()
    with pytest.raises(UsageError, match="beyond Excel's last row"):
        _read(path)
    assert time.monotonic() - t0 < 10


def test_sparse_rows_are_read_without_filling_the_gaps(tmp_path: Path) -> None:
    tally.attack()
    header, body = _lien_sheet()
    path = _write_xlsx(
        tmp_path / "sparse.xlsx",
        [_row(1, header), _row(2, body[0]), _row(1_048_576, body[1])],
    )
    assert _read(path) == [2, 1_048_576]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["comment", "blank-ish", "data"])
def test_more_rows_than_the_bound_is_a_sentence(
    kind: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CSV at the real bound; XLSX (100,000 rows take openpyxl minutes to parse) with the
    bound lowered to 1,000, the same code path."""
    import counsel.batch.sheet

    tally.attack()
    header, body = _lien_sheet()
    line = {"comment": ["# note"], "blank-ish": ["", "", "# x"], "data": body[0]}[kind]
    bound = MAX_ROWS if fmt == "csv" else 1_000
    monkeypatch.setattr(counsel.batch.sheet, "MAX_ROWS", bound)
    count = bound + 1
    if fmt == "csv":
        path = tmp_path / "long.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows([line] * count)
    else:
        rows = [_row(1, header)] + [_row(n, line) for n in range(2, count + 2)]
        path = _write_xlsx(tmp_path / "long.xlsx", rows)
    with pytest.raises(UsageError, match=f"more than {bound:,} rows"):
        _read(path)


def test_exactly_the_bound_is_read(tmp_path: Path) -> None:
    tally.attack()
    header, _ = _lien_sheet()
    path = tmp_path / "full.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([["# note"]] * MAX_ROWS)
    assert _read(path) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("where", ["header", "row"])
def test_too_many_columns_is_a_sentence(where: str, fmt: str, tmp_path: Path) -> None:
    tally.attack()
    header, body = _lien_sheet()
    wide = ["x"] * (MAX_COLUMNS + 1)
    rows = [header + wide, body[0]] if where == "header" else [header, body[0] + wide]
    if fmt == "csv":
        path = tmp_path / "wide.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    else:
        path = _write_xlsx(tmp_path / "wide.xlsx", [_row(n, r) for n, r in enumerate(rows, 1)])
    with pytest.raises(UsageError, match=f"(more than {MAX_COLUMNS:,} columns|beyond column)"):
        _read(path)


@pytest.mark.parametrize("size", [32_768, MAX_CELL_CHARS, MAX_CELL_CHARS + 1, MAX_RUN_BYTES // 2])
def test_xlsx_cells_are_bounded_like_csv(size: int, tmp_path: Path) -> None:
    tally.attack()
    header, body = _lien_sheet()
    row = list(body[0])
    row[header.index("obligor_address")] = "y" * size
    path = _write_xlsx(tmp_path / "cell.xlsx", [_row(1, header), _row(2, row)])
    if size <= MAX_CELL_CHARS:
        assert _read(path) == [2]
    else:
        with pytest.raises(UsageError, match="131,072 characters"):
            _read(path)


# -- item 9: rows out of order, error cells -------------------------------------------------


@pytest.mark.parametrize("numbers", [[2, 2], [3, 2], [2, 4, 3], [5, 6, 6, 7], [3, 1]])
def test_rows_repeated_or_backwards_are_an_error_not_dropped(
    numbers: list[int], tmp_path: Path
) -> None:
    tally.attack()
    header, body = _lien_sheet()
    rows = [_row(1, header)] + [_row(n, body[i]) for i, n in enumerate(numbers)]
    path = _write_xlsx(tmp_path / "order.xlsx", rows)
    with pytest.raises(UsageError, match="again after row"):
        _read(path)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=2, max_value=40), min_size=1, max_size=8))
def test_every_row_is_read_or_the_sheet_refused(numbers: list[int]) -> None:
    """Any order of row numbers: every row comes back with its own number, or the sheet is
    refused naming the row; a row is never silently lost."""
    import tempfile

    tally.fuzz()
    header, body = _lien_sheet()
    rows = [_row(1, header)] + [_row(n, body[i % len(body)]) for i, n in enumerate(numbers)]
    with tempfile.TemporaryDirectory() as tmp:
        path = _write_xlsx(Path(tmp) / "f.xlsx", rows)
        increasing = all(a < b for a, b in zip(numbers, numbers[1:], strict=False))
        if increasing:
            assert _read(path) == numbers
        else:
            with pytest.raises(UsageError, match="again after row"):
                _read(path)


ERRORS = ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_error_cells_are_errors_and_every_row_is_accounted_for(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    header, body = _lien_sheet()
    columns = ["obligor_name", "past_due_amount", "iv_d_case_number", "holder_name"]
    good = list(body[0])
    rows: list[list[str]] = [good]
    bad_at: dict[int, tuple[int, str]] = {}
    for n, code in enumerate(ERRORS):
        row = list(body[(n + 1) % len(body)])
        row[header.index("iv_d_case_number")] = f"IVD-ERR-{n}"
        column = columns[n % len(columns)]
        bad_at[len(rows) + 2] = (header.index(column) + 1, column)
        row[header.index(column)] = code
        rows.append(row)
    tally.attack(len(ERRORS))
    if fmt == "csv":
        path = tmp_path / "s.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows])
    else:
        xml = [_row(1, header)]
        for number, row in enumerate(rows, start=2):
            errors = {}
            if number in bad_at:
                col = bad_at[number][0]
                errors = {col: row[col - 1]}
            xml.append(_row(number, row, errors))
        path = _write_xlsx(tmp_path / "s.xlsx", xml)
    out = tmp_path / "out"
    code = main([*helpers.batch_argv(path, out, "docx"), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1
    assert summary["rows"] == len(rows) == summary["rendered"] + summary["rejected"]
    assert summary["rejected_rows"] == sorted(bad_at)
    with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
        reported = {(int(r["row"]), r["column"]): r["message"] for r in csv.DictReader(fh)}
    for number, (_, column) in bad_at.items():
        assert (number, column) in reported, (number, column, reported)
        assert "spreadsheet" in reported[(number, column)]
    names = json.dumps(
        [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    )
    assert "#REF!" not in names and "#N/A" not in names
