"""Read a counsel.interviewer Question the way the widgets need it (kind, choices, row fields)."""

from __future__ import annotations

import re
from typing import Any


def kind(q: Any) -> str:
    """text, date, money, integer, choice, bool or list."""
    return str(getattr(q, "type", None) or getattr(q, "kind", "text"))


def label(q: Any) -> str:
    return str(getattr(q, "label", "") or getattr(q, "id", ""))


def help_text(q: Any) -> str:
    return str(getattr(q, "help", "") or "")


def citations(q: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in (getattr(q, "citations", ()) or ()))


def required(q: Any) -> bool:
    return bool(getattr(q, "required", True))


def multiline(q: Any) -> bool:
    return bool(getattr(q, "multiline", False))


def choices(q: Any) -> list[tuple[str, str]]:
    """(value, label) pairs whether the engine keeps them as objects, tables or tuples."""
    out: list[tuple[str, str]] = []
    for c in getattr(q, "choices", ()) or ():
        if isinstance(c, dict):
            out.append((str(c["value"]), str(c.get("label", c["value"]))))
        elif isinstance(c, tuple | list):
            out.append((str(c[0]), str(c[1] if len(c) > 1 else c[0])))
        else:
            value = str(getattr(c, "value", c))
            out.append((value, str(getattr(c, "label", value))))
    return out


def fields(q: Any) -> list[Any]:
    """The columns of a list question (each itself question-like)."""
    return list(getattr(q, "fields", ()) or ())


def item_name(q: Any) -> str:
    return str(getattr(q, "item_prefix", "") or "item")


def pinpoint_citations(q: Any) -> tuple[str, ...]:
    """The question's citations, each as precise as its help text gives it: a question citing
    `89 Ill. Adm. Code 160.70` whose help names `160.70(g)(1)(C)` opens at (g)(1)(C)."""
    words = help_text(q)
    out: list[str] = []
    for c in citations(q):
        found = re.findall(re.escape(c) + r"((?:\([0-9A-Za-z.-]+\))+)", words)
        if found:
            out.extend(c + pin for pin in dict.fromkeys(found))
        else:
            out.append(c)
    return tuple(dict.fromkeys(out))


def money_text(value: Any) -> str:
    """An amount as typed, with one dollar sign (`$4,210.00`, never `$$4,210.00`)."""
    text = str(value).strip()
    return text if text.startswith("$") else f"${text}"


def row_text(q: Any, row: dict[str, Any]) -> str:
    """One list row in a line: its answered fields, a start and end date as a period."""
    cols = {str(getattr(f, "id", "")): f for f in fields(q)}
    parts: list[str] = []
    start, end = row.get("start_date"), row.get("end_date")
    if "start_date" in cols and "end_date" in cols and (start or end):
        parts.append(f"{start or '?'} to {end or '?'}")
    for fid, f in cols.items():
        if fid in ("start_date", "end_date") and parts:
            continue
        value = row.get(fid)
        if value is None or value == "":
            continue
        parts.append(display(f, value))
    return "; ".join(parts) or "(empty)"


def display(q: Any, value: Any) -> str:
    """A raw answer as text for tables and the review screen (a list: one row a line)."""
    if value is None or value == "":
        return "-"
    k = kind(q)
    if k == "bool":
        return "Yes" if value is True else "No" if value is False else str(value)
    if k == "choice":
        return dict(choices(q)).get(str(value), str(value))
    if k == "money":
        return money_text(value)
    if k == "list" and isinstance(value, list):
        rows = [r for r in value if isinstance(r, dict)]
        if not rows:
            return "none"
        name = item_name(q).replace("_", " ").capitalize()
        return "\n".join(f"{name} {n}: {row_text(q, r)}" for n, r in enumerate(rows, start=1))
    return str(value).replace("\n", ", ")
