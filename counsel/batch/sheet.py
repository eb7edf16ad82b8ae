"""Batch input sheets: CSV (UTF-8, comma or semicolon) and XLSX (first sheet), read as a stream."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counsel.errors import UsageError

# Excel's "CSV UTF-8" writes a BOM; other tools do not. utf-8-sig reads both.
_ENCODING = "utf-8-sig"
SUFFIXES = (".csv", ".xlsx")
_ANSWER_ID_LIKE = re.compile(r"[a-z][a-z0-9_]{0,63}")
COMMENT_PREFIX = "#"
"""A row whose first non-empty cell starts with this is a comment (the template's help row)."""


@dataclass(frozen=True)
class SheetRow:
    """One data row: its spreadsheet row number (the header is row 1) and its cells by column."""

    number: int
    cells: dict[str, Any]
    extra: int = 0
    """How many non-empty cells lie beyond the header's last column (an error to report)."""


@dataclass(frozen=True)
class Sheet:
    """An input sheet; `rows()` opens the file again each time, so it may be read twice."""

    path: Path
    kind: str
    """"csv" or "xlsx"."""
    header: tuple[str, ...]
    delimiter: str = ","

    def rows(self) -> Iterator[SheetRow]:
        if self.kind == "csv":
            return _csv_rows(self)
        return _xlsx_rows(self)


def open_sheet(path: Path) -> Sheet:
    """Open a sheet and read its header; UsageError (exit 2) if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"FILE: {path.name} is not a .csv or .xlsx file; save the sheet as one")
    if not path.is_file():
        raise UsageError(f"FILE: no such file: {path}")
    if suffix == ".csv":
        _check_utf8(path)
        with path.open(encoding=_ENCODING, newline="") as fh:
            first = fh.readline()
        delimiter = detect_delimiter(first)
        with path.open(encoding=_ENCODING, newline="") as fh:
            header_cells = next(csv.reader(fh, delimiter=delimiter), [])
        return Sheet(path, "csv", _header(header_cells, path), delimiter)
    header_cells = _xlsx_header(path)
    return Sheet(path, "xlsx", _header(header_cells, path))


def detect_delimiter(header_line: str) -> str:
    """Comma or semicolon (Excel in many European locales writes semicolons).

    The header holds answer ids, which contain neither, so counting them there is reliable.
    """
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _check_utf8(path: Path) -> None:
    # Read the whole file once, in chunks, so a bad byte on row 9,000 stops the batch before
    # anything renders instead of half-way through.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UsageError(
            f"FILE: {path.name} is not UTF-8 text; in Excel use Save As > "
            "'CSV UTF-8 (Comma delimited)' or save as .xlsx"
        ) from None
    except OSError as exc:
        raise UsageError(f"FILE: cannot read {path.name}: {exc.__class__.__name__}") from None


def _header(cells: list[Any], path: Path) -> tuple[str, ...]:
    names = [("" if c is None else str(c)).strip() for c in cells]
    while names and not names[-1]:
        names.pop()  # spreadsheets often carry empty trailing columns
    if not names:
        raise UsageError(
            f"FILE: {path.name} has no header row; start from `counsel batch INTERVIEW "
            "--blank-sheet FILE`"
        )
    seen: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        if not name:
            raise UsageError(
                f"FILE: header column {i} is empty; name every column with an answer id"
            )
        if name in seen:
            # Quoted only if it looks like an answer id: a data row taken for the header
            # may repeat a private value.
            shown = f" '{name}'" if _ANSWER_ID_LIKE.fullmatch(name) else ""
            raise UsageError(
                f"FILE: columns {seen[name]} and {i} have the same header{shown}; keep one "
                "(is the first row the header of answer ids?)"
            )
        seen[name] = i
    return tuple(names)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _make_row(
    header: tuple[str, ...], number: int, values: list[Any] | tuple[Any, ...]
) -> SheetRow | None:
    """None for blank and comment rows."""
    if all(_is_blank(v) for v in values):
        return None
    first = next(v for v in values if not _is_blank(v))
    if isinstance(first, str) and first.lstrip().startswith(COMMENT_PREFIX):
        return None
    cells = {name: (values[i] if i < len(values) else None) for i, name in enumerate(header)}
    extra = sum(1 for v in values[len(header) :] if not _is_blank(v))
    return SheetRow(number, cells, extra)


def _csv_rows(sheet: Sheet) -> Iterator[SheetRow]:
    with sheet.path.open(encoding=_ENCODING, newline="") as fh:
        reader = csv.reader(fh, delimiter=sheet.delimiter)
        next(reader, None)
        # Numbered by record, not by physical line, so a cell holding a line break (an
        # address) does not shift the numbers away from the ones Excel shows.
        number = 1
        try:
            for number, values in enumerate(reader, start=2):  # noqa: B007
                row = _make_row(sheet.header, number, values)
                if row is not None:
                    yield row
        except csv.Error as exc:
            # csv's messages name the problem (NUL byte, field too large), never the data.
            raise UsageError(
                f"FILE: {sheet.path.name} is not valid CSV after row {number}: {exc}; "
                "save it again from the spreadsheet"
            ) from None


def _load_xlsx(path: Path) -> Any:
    import openpyxl  # heavy: only when a sheet is XLSX
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams rows; data_only takes the value Excel last computed, not a formula
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise UsageError(
            f"FILE: {path.name} is not a readable .xlsx workbook ({exc.__class__.__name__}); "
            "save it again from Excel as 'Excel Workbook (.xlsx)'"
        ) from None
    except Exception as exc:  # zipfile.BadZipFile and friends from a damaged file
        raise UsageError(
            f"FILE: {path.name} is not a readable .xlsx workbook ({exc.__class__.__name__})"
        ) from None


def _xlsx_values(path: Path) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
    wb = _load_xlsx(path)
    try:
        if not wb.worksheets:
            raise UsageError(f"FILE: {path.name} has no worksheet")
        ws = wb.worksheets[0]
        # Files written by other programs often carry a wrong <dimension>; without this a
        # read-only sheet can stop early and rows would be silently lost.
        ws.reset_dimensions()
        number = 0
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, tuple(_xlsx_cell(v) for v in values)
        except Exception as exc:  # a damaged part is only parsed as the rows stream in
            raise UsageError(
                f"FILE: {path.name} is damaged after row {number} ({exc.__class__.__name__}); "
                "save it again from Excel as 'Excel Workbook (.xlsx)'"
            ) from None
    finally:
        wb.close()


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # A date cell arrives as midnight of that day; keep a real time only if there is one.
        return value.date() if value.time() == dt.time(0) else value
    return value


def _xlsx_header(path: Path) -> list[Any]:
    with contextlib.closing(_xlsx_values(path)) as values_iter:
        for _number, values in values_iter:
            return list(values)
    return []


def _xlsx_rows(sheet: Sheet) -> Iterator[SheetRow]:
    values_iter = _xlsx_values(sheet.path)
    next(values_iter, None)
    for number, values in values_iter:
        row = _make_row(sheet.header, number, values)
        if row is not None:
            yield row


def cell_text(value: Any) -> str:
    """A cell as text for checks (never for messages): floats without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv_bytes(rows: list[list[str]]) -> bytes:
    """CSV bytes with a BOM, so Excel opens the file as UTF-8."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + buf.getvalue().encode("utf-8")
