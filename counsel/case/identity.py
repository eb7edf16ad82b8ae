"""What names a case: one identifier for file names and register rows, and the as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

CASE_FIELDS = ("iv_d_case_number", "court_case_number")
"""The answers a case is known by, in the order that names it: the IV-D number first (every
case has one on the administrative track, and liens are administrative), else the court's."""


def _number(answers: Mapping[str, Any], field: str) -> str:
    value = answers.get(field)
    return value.strip() if isinstance(value, str) else ""


def case_identifier(answers: Mapping[str, Any]) -> str:
    """The one name of a case (batch file names, register rows): IV-D number, else court
    number; "" when neither is answered."""
    for field in CASE_FIELDS:
        number = _number(answers, field)
        if number:
            return number
    return ""


def case_identifier_field(answers: Mapping[str, Any]) -> str:
    """The answer id `case_identifier` took its value from (the IV-D field when neither)."""
    for field in CASE_FIELDS:
        if _number(answers, field):
            return field
    return CASE_FIELDS[0]


def case_numbers(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """Every number the case is known by (to find it by either: `register list --case`)."""
    return tuple(n for n in (_number(answers, f) for f in CASE_FIELDS) if n)


def as_of_date(
    answers: Mapping[str, Any], as_of: dt.date | None = None, *, today: dt.date | None = None
) -> dt.date:
    """The one as-of rule (README, `counsel render --as-of`): the date given, else the answers'
    document_date, else today. The law in force that day is applied and the documents bear it.
    """
    if as_of is not None:
        return as_of
    value = answers.get("document_date")
    if isinstance(value, dt.date):
        return value
    return today if today is not None else dt.date.today()
