"""Flat rows for batch files: list answers as numbered columns (joint_owner_1_name) and back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from counsel.interviewer.model import Interview, Question
from counsel.interviewer.values import is_blank

_PATH = re.compile(r"([a-z][a-z0-9_]*)\[(\d+)\]\.([a-z][a-z0-9_]*)")


def _lists(iv: Interview) -> list[Question]:
    return [q for q in iv.questions if q.type == "list"]


def _cell(value: Any) -> str:
    """A typed or raw answer as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date | Decimal | int):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def columns(iv: Interview, counts: Mapping[str, int] | None = None) -> list[str]:
    """Every column of a batch row in question order; each list repeats `counts[id]` times
    (default 1): children -> child_1_name, child_1_birth_date, child_1_graduation_date."""
    out: list[str] = []
    for q in iv.questions:
        if q.type != "list":
            out.append(q.id)
            continue
        for n in range(1, (counts or {}).get(q.id, 1) + 1):
            out.extend(f"{q.item_prefix}_{n}_{f.id}" for f in q.fields)
    return out


def flatten_answers(iv: Interview, answers: Mapping[str, Any]) -> dict[str, str]:
    """Answers (raw or typed) as one flat row of strings; lists become numbered columns.

    Dates are written YYYY-MM-DD, yes/no as yes/no, money as plain decimals; blank is "".
    Keys that are not questions of `iv` are left out.
    """
    row: dict[str, str] = {}
    for q in iv.questions:
        value = answers.get(q.id)
        if q.type != "list":
            row[q.id] = _cell(value)
            continue
        for n, item in enumerate(value or [], start=1):
            for f in q.fields:
                row[f"{q.item_prefix}_{n}_{f.id}"] = _cell(item.get(f.id))
    return row


def _pattern(q: Question) -> re.Pattern[str]:
    fields = "|".join(re.escape(f.id) for f in sorted(q.fields, key=lambda f: -len(f.id)))
    return re.compile(rf"{re.escape(q.item_prefix)}_(\d+)_({fields})")


def looks_flat(iv: Interview, raw: Mapping[str, Any]) -> bool:
    """True when `raw` carries numbered list columns and not the list itself."""
    for q in _lists(iv):
        if q.id in raw:
            continue
        pattern = _pattern(q)
        if any(isinstance(k, str) and pattern.fullmatch(k) for k in raw):
            return True
    return False


def unflatten_row(iv: Interview, row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row back to answers: numbered columns become lists of tables, in number order.

    Items whose cells are all blank are dropped (a CSV row with room for three children
    may name one); other keys pass through unchanged.
    """
    out: dict[str, Any] = {}
    claimed: set[str] = set()
    for q in _lists(iv):
        pattern = _pattern(q)
        items: dict[int, dict[str, Any]] = {}
        for key, value in row.items():
            m = pattern.fullmatch(key) if isinstance(key, str) else None
            if m:
                items.setdefault(int(m[1]), {})[m[2]] = value
                claimed.add(key)
        if items:
            out[q.id] = [
                items[n] for n in sorted(items) if not all(is_blank(v) for v in items[n].values())
            ]
    for key, value in row.items():
        if key not in claimed and key not in out:
            out[key] = value
    return out


def column_for_path(path: str) -> str:
    """children[2].birth_date -> child_2_birth_date (any bundled list); others unchanged."""
    m = _PATH.fullmatch(path)
    if not m:
        return path
    from counsel.interviewer.loader import list_interviews

    for iv in list_interviews():
        for q in _lists(iv):
            if q.id == m[1]:
                return f"{q.item_prefix}_{m[2]}_{m[3]}"
    return path
