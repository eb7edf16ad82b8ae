"""Read a counsel.interviewer Question the way the widgets need it (kind, choices, row fields)."""

from __future__ import annotations

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


def display(q: Any, value: Any) -> str:
    """A raw answer as one short line for tables and the review screen."""
    if value is None or value == "":
        return "-"
    k = kind(q)
    if k == "bool":
        return "Yes" if value is True else "No" if value is False else str(value)
    if k == "choice":
        return dict(choices(q)).get(str(value), str(value))
    if k == "money":
        return f"${value}"
    if k == "list" and isinstance(value, list):
        cols = fields(q)
        first = getattr(cols[0], "id", "") if cols else ""
        names = [str(row.get(first, "")) for row in value if isinstance(row, dict)]
        return f"{len(value)}: " + "; ".join(n for n in names if n) if value else "none"
    return str(value).replace("\n", ", ")
