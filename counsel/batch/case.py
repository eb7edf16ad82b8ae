"""The batch's calls into the interview engine and the renderer, kept in one place."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counsel.errors import NotFoundError, UsageError


class RenderProblem(Exception):
    """The renderer refused a row (a failed check); `problems` says why, one per line."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Rendered:
    files: tuple[tuple[str, str, bytes], ...]
    """(document id, format, bytes) for every document of the row."""
    template_hash: str
    statute_snapshot: str


def load(interview_id: str) -> Any:
    from counsel.interview import load_interview

    try:
        return load_interview(interview_id)
    except NotFoundError as exc:
        raise UsageError(f"INTERVIEW: {exc}") from None


def load_office(path: Path | None) -> Any:
    from counsel.office import load_office as _load

    return _load(path)


def _list_column(interview: Any) -> dict[str, tuple[Any, re.Pattern[str]]]:
    out = {}
    for q in interview.questions:
        if q.type == "list":
            fields = "|".join(re.escape(f.id) for f in q.fields)
            out[q.id] = (q, re.compile(rf"{re.escape(q.item_prefix)}_([1-9]\d*)_({fields})"))
    return out


def check_header(interview: Any, header: tuple[str, ...]) -> None:
    """Every column must be an answer id of the interview (or a numbered list column).

    A misspelt column would otherwise be ignored and its answers silently lost.
    """
    scalars = {q.id for q in interview.questions if q.type != "list"}
    lists = _list_column(interview)
    known = sorted(scalars) + [
        f"{q.item_prefix}_1_{f.id}" for q, _ in lists.values() for f in q.fields
    ]
    for name in header:
        if name in scalars or any(p.fullmatch(name) for _, p in lists.values()):
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(
            f"FILE: column '{name}' is not an answer of the {interview.id} interview; {hint}"
            f"start from `counsel batch {interview.id} --template FILE.csv`"
        )


def unflatten(interview: Any, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Numbered columns (joint_owner_1_name) back into lists of items, in number order."""
    out: dict[str, Any] = {}
    lists = _list_column(interview)
    items: dict[str, dict[int, dict[str, Any]]] = {qid: {} for qid in lists}
    for column, value in raw.items():
        for qid, (_, pattern) in lists.items():
            m = pattern.fullmatch(column)
            if m:
                items[qid].setdefault(int(m[1]), {})[m[2]] = value
                break
        else:
            out[column] = value
    for qid, by_number in items.items():
        if by_number:
            out[qid] = [by_number[n] for n in sorted(by_number)]
    return out


def validate(
    interview: Any, raw: Mapping[str, Any], office: Any
) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """Typed answers (None if any error) and the errors as (column, message)."""
    result = interview.validate(unflatten(interview, raw), office)
    errors = [(e.column, e.message) for e in result.errors]
    if errors:
        return None, errors
    return dict(result.answers), []


def make_renderer(interview_id: str, office: Any, as_of: dt.date) -> Any:
    raise NotImplementedError  # wired when counsel.render lands


def render(renderer: Any, answers: dict[str, Any], formats: tuple[str, ...]) -> Rendered:
    raise NotImplementedError
