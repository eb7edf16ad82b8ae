"""Batch reports a spreadsheet may open: formula-safe cells and the errors.csv of rejected rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from counsel.batch.sheet import write_csv_bytes
from counsel.fsutil import atomic_write

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP);
# tab and carriage return are on the list because Excel strips them and then looks again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ERRORS_HEADER = ("row", "column", "message")


def neutralize(cell: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def safe_csv_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """CSV bytes (UTF-8 with BOM) with every cell neutralized."""
    return write_csv_bytes([[neutralize(str(c)) for c in row] for row in rows])


@dataclass(frozen=True, order=True)
class RowError:
    """One problem with one row: never the cell's value, only where it is and how to fix it."""

    row: int
    column: str
    """The column (answer id); "(row)" for a problem with the whole row."""
    message: str


def write_errors(path: Path, errors: Iterable[RowError]) -> None:
    """Write errors.csv (row, column, message), sorted by row, atomically, owner-only."""
    rows: list[list[str]] = [list(ERRORS_HEADER)]
    rows.extend([str(e.row), e.column, e.message] for e in sorted(errors))
    atomic_write(path, safe_csv_bytes(rows))
