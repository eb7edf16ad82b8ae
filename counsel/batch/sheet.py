"""Batch input sheets: CSV (UTF-8, comma or semicolon) and XLSX (first sheet), read as a stream."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import warnings
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

# Bounds on what a sheet may hold, each refused with a sentence (exit 2) before memory or
# time runs away: a zip bomb, a row numbered 10**12, millions of comment rows.
MAX_ROWS = 100_000
"""Rows after the header (blank and comment rows included): split a longer sheet."""
MAX_COLUMNS = 1_000
"""Columns: the widest interview (120 prior-period segments) needs about 500."""
MAX_CELL_CHARS = 131_072
"""Characters in one cell (the csv module's own field limit, applied to XLSX cells alike).
Below it a long cell is an answer too long, reported on its row like any field error."""
MAX_ROW_NUMBER = 1_048_576
"""Excel's last row: a row numbered beyond it is a damaged or forged file."""
MAX_FILE_BYTES = 256 << 20
"""The sheet file itself (a 100,000-row XLSX is about 15 MB, its CSV about 60 MB)."""
MAX_PART_BYTES = 256 << 20
"""One part of an XLSX once decompressed (100,000 rows of the lien sheet: 144 MB)."""
MAX_UNZIPPED_BYTES = 512 << 20
"""All parts of an XLSX once decompressed."""
MAX_SHARED_STRINGS_BYTES = 96 << 20
"""The shared-strings part, which openpyxl reads whole into memory (100,000 rows of unique
names and addresses: about 45 MB)."""
MAX_RUN_BYTES = 1 << 20
"""Bytes of XML text or markup between two angle brackets, or of one CSV line: a cell holds
at most 32,767 characters, so a longer run is padding meant to exhaust memory."""
EXCEL_ERRORS = frozenset(
    "#NULL! #DIV/0! #VALUE! #REF! #NAME? #NUM! #N/A #GETTING_DATA #SPILL! #CALC! "
    "#FIELD! #BLOCKED! #CONNECT! #BUSY! #UNKNOWN! #EXTERNAL!".split()
)
"""The error values a formula cell can show; in a CSV they arrive as this text."""


class SheetError(UsageError):
    """The sheet cannot be read as a batch sheet: the message says why and the fix, without
    the command line's name for the sheet (the CLI puts `FILE: ` in front)."""

    what = "sheet"


@dataclass(frozen=True)
class CellError:
    """An XLSX cell holding a formula error (#REF!, #N/A, ...): an error, never an answer."""

    code: str

    def __str__(self) -> str:
        return self.code


def is_cell_error(value: Any) -> bool:
    """An error cell: typed by the XLSX, or one of Excel's error texts in a CSV."""
    if isinstance(value, CellError):
        return True
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


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
        raise SheetError(f"{path.name} is not a .csv or .xlsx file; save the sheet as one")
    if not path.is_file():
        raise SheetError(f"no such file: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SheetError(
            f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MB; split it into "
            f"sheets of at most {MAX_ROWS:,} rows"
        )
    if suffix == ".csv":
        _check_utf8(path)
        with path.open(encoding=_ENCODING, newline="") as fh:
            first = next(_lines(fh, path), "")
        delimiter = detect_delimiter(first)
        with path.open(encoding=_ENCODING, newline="") as fh:
            header_cells = next(csv.reader(_lines(fh, path), delimiter=delimiter), [])
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
        raise SheetError(
            f"{path.name} is not UTF-8 text; in Excel use Save As > "
            "'CSV UTF-8 (Comma delimited)' or save as .xlsx"
        ) from None
    except OSError as exc:
        raise SheetError(f"cannot read {path.name}: {exc.__class__.__name__}") from None


def _header(cells: list[Any], path: Path) -> tuple[str, ...]:
    names = [("" if c is None else str(c)).strip() for c in cells]
    while names and not names[-1]:
        names.pop()  # spreadsheets often carry empty trailing columns
    if len(names) > MAX_COLUMNS:
        raise SheetError(
            f"{path.name} has more than {MAX_COLUMNS:,} columns; keep only the "
            "interview's answer columns"
        )
    if not names:
        raise SheetError(
            f"{path.name} has no header row; start from a blank sheet of the interview",
            fix_with="blank-sheet",
        )
    seen: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        if not name:
            raise SheetError(f"header column {i} is empty; name every column with an answer id")
        if name in seen:
            # Quoted only if it looks like an answer id: a data row taken for the header
            # may repeat a private value.
            shown = f" '{name}'" if _ANSWER_ID_LIKE.fullmatch(name) else ""
            raise SheetError(
                f"columns {seen[name]} and {i} have the same header{shown}; keep one "
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
    # "#REF!" in the first filled cell is Excel's error, not a comment: the row is reported.
    if (
        isinstance(first, str)
        and first.lstrip().startswith(COMMENT_PREFIX)
        and not is_cell_error(first)
    ):
        return None
    cells = {name: (values[i] if i < len(values) else None) for i, name in enumerate(header)}
    extra = sum(1 for v in values[len(header) :] if not _is_blank(v))
    return SheetRow(number, cells, extra)


def _lines(fh: Any, path: Path) -> Iterator[str]:
    """The file's lines, each at most MAX_RUN_BYTES characters (a file of one endless line
    would otherwise be read whole into memory by the csv module)."""
    while line := fh.readline(MAX_RUN_BYTES + 1):
        if len(line) > MAX_RUN_BYTES:
            raise SheetError(
                f"{path.name} has a line longer than {MAX_RUN_BYTES >> 20} MB; it is "
                "not a sheet saved by a spreadsheet program"
            )
        yield line


def _csv_rows(sheet: Sheet) -> Iterator[SheetRow]:
    path = sheet.path
    with path.open(encoding=_ENCODING, newline="") as fh:
        reader = csv.reader(_lines(fh, path), delimiter=sheet.delimiter)
        next(reader, None)
        # Numbered by record, not by physical line, so a cell holding a line break (an
        # address) does not shift the numbers away from the ones Excel shows.
        number = 1
        try:
            for number, values in enumerate(reader, start=2):  # noqa: B007
                _check_bounds(path, number, number, len(values), values)
                row = _make_row(sheet.header, number, values)
                if row is not None:
                    yield row
        except csv.Error as exc:
            # csv's messages name the problem (NUL byte, field too large), never the data.
            raise SheetError(
                f"{sheet.path.name} is not valid CSV after row {number}: {exc}; "
                "save it again from the spreadsheet"
            ) from None


def _check_bounds(path: Path, count: int, number: int, width: int, values: Any) -> None:
    """The `count`-th row (the header is the first), numbered `number` in the sheet, with
    `width` columns: within MAX_ROWS, MAX_COLUMNS and MAX_CELL_CHARS."""
    if count > MAX_ROWS + 1:
        raise SheetError(
            f"{path.name} has more than {MAX_ROWS:,} rows after the header (blank and "
            "comment rows count); split it into smaller sheets"
        )
    if width > MAX_COLUMNS:
        raise SheetError(
            f"row {number} of {path.name} has cells beyond column {MAX_COLUMNS:,}; delete them"
        )
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise SheetError(
                f"row {number}, column {column} of {path.name} holds more than "
                f"{MAX_CELL_CHARS:,} characters; no answer is that long: shorten it"
            )


def _check_zip(path: Path) -> None:
    """Refuse an XLSX whose parts would decompress beyond the bounds, before any is read.

    zipfile reads a member only up to the size its directory declares (and fails the CRC
    check otherwise), so the declared sizes bound what decompression can produce.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            _check_parts(path, members)
            for info in members:
                if info.filename.lower().endswith("sharedstrings.xml"):
                    # Read whole by openpyxl: streamed through the guard first, so one
                    # string of 90 MB of padding is refused before it is built.
                    with zf.open(info) as raw:
                        guard = _RunGuard(raw, path.name)
                        while guard.read(1 << 20):
                            pass
    except UsageError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, an encrypted or unknown compression
        raise SheetError(
            f"{path.name} is not a readable .xlsx workbook ({exc.__class__.__name__}); "
            "save it again from Excel as 'Excel Workbook (.xlsx)'"
        ) from None


def _check_parts(path: Path, members: list[Any]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        shared = info.filename.lower().endswith("sharedstrings.xml")
        if shared and info.file_size > MAX_SHARED_STRINGS_BYTES:
            raise SheetError(
                f"{path.name} holds more than {MAX_SHARED_STRINGS_BYTES >> 20} MB of "
                f"text; split it into sheets of at most {MAX_ROWS:,} rows"
            )
        if info.file_size > MAX_PART_BYTES or total > MAX_UNZIPPED_BYTES:
            bound = MAX_PART_BYTES if info.file_size > MAX_PART_BYTES else MAX_UNZIPPED_BYTES
            raise SheetError(
                f"{path.name} would unpack to more than {bound >> 20} MB; split it "
                f"into sheets of at most {MAX_ROWS:,} rows"
            )


class _RunGuard:
    """A read-only stream over an XLSX part that fails on a run of more than MAX_RUN_BYTES
    between angle brackets: one text node of gigabytes of whitespace would otherwise be
    built in memory by the XML parser."""

    _LONG = re.compile(rb"[^<>]{%d,}" % (MAX_RUN_BYTES + 1))

    def __init__(self, raw: Any, name: str) -> None:
        self._raw = raw
        self._name = name
        self._run = 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._raw.read(size if size and size > 0 else 1 << 16)
        if not data:
            return data
        first = min((i for i in (data.find(b"<"), data.find(b">")) if i >= 0), default=-1)
        if first < 0:
            self._run += len(data)
        else:
            self._run += first
            if self._run <= MAX_RUN_BYTES and self._LONG.search(data):
                self._run = MAX_RUN_BYTES + 1
            elif self._run <= MAX_RUN_BYTES:
                self._run = len(data) - 1 - max(data.rfind(b"<"), data.rfind(b">"))
        if self._run > MAX_RUN_BYTES:
            raise SheetError(
                f"{self._name} holds a run of more than {MAX_RUN_BYTES >> 20} MB of text "
                "without markup; it was not saved by Excel: save it again from Excel"
            )
        return data

    def close(self) -> None:
        self._raw.close()


def _load_xlsx(path: Path) -> Any:
    import openpyxl  # heavy: only when a sheet is XLSX
    from openpyxl.utils.exceptions import InvalidFileException

    _check_zip(path)
    try:
        # read_only streams rows; data_only takes the value Excel last computed, not a formula
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise SheetError(
            f"{path.name} is not a readable .xlsx workbook ({exc.__class__.__name__}); "
            "save it again from Excel as 'Excel Workbook (.xlsx)'"
        ) from None
    except UsageError:
        raise
    except Exception as exc:  # zipfile.BadZipFile and friends from a damaged file
        raise SheetError(
            f"{path.name} is not a readable .xlsx workbook ({exc.__class__.__name__})"
        ) from None


def _xlsx_values(path: Path) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
    """(row number, values) of every row the first worksheet's XML holds, in file order.

    The rows are read with openpyxl's own worksheet parser rather than `iter_rows`, which
    fills every missing row up to the next one (a row numbered 10**12 never ends) and
    silently drops a row whose number repeats or goes backwards: here such a file is an
    error, and a gap is just a gap (blank rows are skipped anyway).
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = _load_xlsx(path)
    try:
        if not wb.worksheets:
            raise SheetError(f"{path.name} has no worksheet")
        ws = wb.worksheets[0]
        number = last = count = 0
        source = None
        try:
            source = _RunGuard(wb._archive.open(ws._worksheet_path), path.name)
            parser = WorkSheetParser(
                source,
                ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            with warnings.catch_warnings():
                # A date serial out of range: openpyxl warns and makes it #VALUE!, which
                # is reported as an error cell.
                warnings.simplefilter("ignore")
                rows = parser.parse()
                while True:
                    try:
                        number, cells = next(rows)
                    except StopIteration:
                        break
                    if number > MAX_ROW_NUMBER:
                        raise SheetError(
                            f"{path.name} numbers a row beyond Excel's last row "
                            f"({MAX_ROW_NUMBER:,}); it is damaged: save it again from Excel"
                        )
                    if number <= last:
                        raise SheetError(
                            f"{path.name} lists row {number} again after row {last} "
                            "(its rows are out of order or repeated, so rows would be lost); "
                            "open it in Excel and save it again"
                        )
                    count += 1
                    yield number, _xlsx_row(path, count, number, cells)
                    last = number
        except UsageError:
            raise
        except Exception as exc:  # a damaged part is only parsed as the rows stream in
            raise SheetError(
                f"{path.name} is damaged after row {last} ({exc.__class__.__name__}); "
                "save it again from Excel as 'Excel Workbook (.xlsx)'"
            ) from None
        finally:
            if source is not None:
                source.close()
    finally:
        wb.close()


def _xlsx_row(path: Path, count: int, number: int, cells: list[dict[str, Any]]) -> tuple[Any, ...]:
    """One row's values by column (1 first), error cells as CellError; bounds checked."""
    filled = [c for c in cells if c["value"] is not None]
    width = max((int(c["column"]) for c in filled), default=0)
    _check_bounds(path, count, number, width, ())  # before a list of `width` is made
    values: list[Any] = [None] * width
    for cell in filled:
        value = cell["value"]
        if cell["data_type"] == "e":
            value = CellError(str(value))
        values[int(cell["column"]) - 1] = _xlsx_cell(value)
    _check_bounds(path, count, number, width, values)
    return tuple(values)


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
