"""`counsel batch INTERVIEW --blank-sheet FILE`: a sheet with the header and a row of help."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counsel.batch.report import neutralize, safe_csv_bytes
from counsel.batch.sheet import COMMENT_PREFIX
from counsel.errors import UsageError
from counsel.fsutil import atomic_write

LIST_ITEMS_DEFAULT = 3
"""Numbered column groups written for a list question (fewer if its max_items is lower)."""

_TYPE_HELP = {
    "text": "text",
    "date": "date YYYY-MM-DD (or MM/DD/YYYY)",
    "money": "amount, e.g. 1234.56 ($ and thousands commas accepted)",
    "bool": "yes or no",
    "integer": "whole number",
}
_FORMAT_HELP = {"ssn": "SSN 123-45-6789", "last4": "last 4 digits only"}


@dataclass(frozen=True)
class Column:
    """One sheet column: its answer id (header) and the help shown under it."""

    name: str
    help: str
    text: bool
    """Cells must stay text in Excel (identifiers whose leading zeros matter)."""
    date: bool = False


_CASE_HELP = "the IV-D or the court case number is required (output files are named by it)"


def _describe(q: Any, required: bool, either_number: bool = True) -> str:
    kind = _FORMAT_HELP.get(q.format, "") or _TYPE_HELP.get(q.type, q.type)
    if q.type == "choice":
        kind = "one of: " + ", ".join(q.choice_values())
    need = "required" if required else "optional"
    if q.show_if:
        need = f"{'required' if q.required else 'optional'} when {q.show_if}"
    parts = [need, kind, q.label]
    if q.id in ("iv_d_case_number", "court_case_number") and either_number:
        parts[0] = _CASE_HELP
    if q.office_default:
        parts.append(f"blank: the office's {q.office_default} (no other)")
    if q.not_before:
        parts.append(f"on or after {q.not_before}")
    if q.not_after:
        parts.append(f"on or before {q.not_after}")
    return " | ".join(parts)


def columns_for(interview: Any, list_items: int = LIST_ITEMS_DEFAULT) -> list[Column]:
    """Every column a sheet for this interview may have, in interview order."""
    cols: list[Column] = []
    # An interview that requires the IV-D number (a lien) takes the court number as optional.
    either_number = not any(q.id == "iv_d_case_number" and q.required for q in interview.questions)
    for q in interview.questions:
        if q.type == "list":
            # A few numbered groups (more columns may be added up to max_items).
            count = max(list_items, q.min_items)
            if q.max_items is not None:
                count = min(count, q.max_items)
            for n in range(1, count + 1):
                for f in q.fields:
                    required = q.required and f.required and n <= q.min_items
                    help_text = f"{q.item_prefix} {n}: " + _describe(f, required)
                    cols.append(
                        Column(
                            f"{q.item_prefix}_{n}_{f.id}",
                            help_text,
                            f.type == "text",
                            f.type == "date",
                        )
                    )
            continue
        required = q.required and not q.show_if and not q.office_default
        cols.append(
            Column(q.id, _describe(q, required, either_number), q.type == "text", q.type == "date")
        )
    return cols


def write_blank_sheet(interview: Any, path: Path, list_items: int = LIST_ITEMS_DEFAULT) -> int:
    """Write the blank sheet (CSV or XLSX by suffix); returns the number of columns."""
    cols = columns_for(interview, list_items)
    header = [c.name for c in cols]
    help_row = [c.help for c in cols]
    help_row[0] = f"{COMMENT_PREFIX} {help_row[0]}"  # the reader skips rows starting with #
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = safe_csv_bytes([header, help_row])
    elif suffix == ".xlsx":
        data = _xlsx_bytes(cols, header, help_row)
    else:
        raise UsageError(f"{path.name} must end in .csv or .xlsx")
    if path.parent and not path.parent.is_dir():
        raise UsageError(f"folder {path.parent} does not exist")
    atomic_write(path, data)
    return len(cols)


def _xlsx_bytes(cols: list[Column], header: list[str], help_row: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "cases"
    ws.append(header)
    ws.append([neutralize(h) for h in help_row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for cell in ws[2]:
        cell.font = Font(italic=True, color="666666")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    for i, col in enumerate(cols, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(40, len(col.name) + 2))
        # A column style: Excel applies it to every cell typed in the column, so case
        # numbers and last-four digits stay as typed (no 1.23E+11, no lost leading zeros)
        # and dates show as ISO dates.
        fmt = "@" if col.text else ("yyyy-mm-dd" if col.date else None)
        if fmt:
            ws.column_dimensions[letter].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
