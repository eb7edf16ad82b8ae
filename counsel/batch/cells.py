"""Row cells made ready for an interview's validation, with the checks only a sheet needs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from counsel.batch.sheet import EXCEL_ERRORS, is_cell_error

# Excel shows a long number (a case or account number typed without a Text format) as
# 1.23E+11 and a CSV saved from it keeps only those digits: the rest are gone for good.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class CellProblem:
    column: str
    message: str


def prepare_cells(cells: dict[str, Any]) -> tuple[dict[str, Any], list[CellProblem]]:
    """Drop blank cells, turn numbers Excel stored as numbers back into text, flag damage.

    Returns the raw answers for the interview's validation and the problems found (each
    names the column and the fix, never the value).
    """
    raw: dict[str, Any] = {}
    problems: list[CellProblem] = []
    for column, value in cells.items():
        if value is None:
            continue
        if is_cell_error(value):
            # #REF!, #N/A, #VALUE! ...: a formula failed; never an answer ("owed by #REF!").
            code = str(value).strip().upper()
            shown = code if code in EXCEL_ERRORS else "error"
            problems.append(
                CellProblem(
                    column,
                    f"holds the spreadsheet {shown} value (a formula failed): fix the formula, "
                    "or type the answer itself",
                )
            )
            continue
        if isinstance(value, bool | dt.date | dt.datetime):
            raw[column] = value
            continue
        if isinstance(value, int):
            raw[column] = str(value)
            continue
        if isinstance(value, float):
            # repr() is the shortest text that round-trips: 1234.5, not 1234.4999999
            raw[column] = str(int(value)) if value.is_integer() else repr(value)
            continue
        text = str(value).strip()
        if not text:
            continue
        problem = _text_problem(column, text)
        if problem is not None:
            problems.append(problem)
            continue
        raw[column] = text
    return raw, problems


def _text_problem(column: str, text: str) -> CellProblem | None:
    if text[0] in "=@" or (text[0] in "+-" and _LETTER.search(text)):
        return CellProblem(
            column,
            "starts like a spreadsheet formula (=, @, or +/- before letters): type the "
            "answer itself, without the leading sign",
        )
    if _SCIENTIFIC.match(text):
        return CellProblem(
            column,
            "is in scientific notation (digits, then E+ and a power): Excel shortened a long "
            "number and its digits are lost; format the column as Text and type it again",
        )
    return None
