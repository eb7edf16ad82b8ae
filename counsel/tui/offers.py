"""Answers a case already has elsewhere (another interview's draft, an issued document in the
register), offered as defaults the user confirms: never copied in silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASE_KEYS = ("court_case_number", "iv_d_case_number")


@dataclass(frozen=True)
class Source:
    """Answers of the same case from somewhere else, and how to name where."""

    answers: Mapping[str, Any]
    where: str
    """`the Notice of lien issued November 20, 2026` or `the draft Order for support`."""
    when: dt.datetime
    """The newer source wins when two offer the same answer."""


@dataclass(frozen=True)
class Offer:
    value: Any
    where: str


@dataclass(frozen=True)
class IssuedCase:
    """A case whose documents were rendered on this machine (its latest register entry)."""

    case_number: str
    interview_id: str
    issued_at: dt.datetime
    answers: dict[str, Any]


def issued_cases(office: Any) -> list[IssuedCase]:
    """The latest render of each case in the register, newest first; none if no register.

    Read only: a missing register file is not created just to be listed.
    """
    from counsel.register import Register, default_register_path

    path = default_register_path(office)
    if not path.exists():
        return []
    latest: dict[str, IssuedCase] = {}
    with Register.open(path, office=office) as reg:
        for entry in reg.list():
            key = entry.case_number or f"#{entry.id}"
            latest[key] = IssuedCase(
                entry.case_number, entry.interview, entry.issued_at, dict(entry.answers)
            )
    return sorted(latest.values(), key=lambda c: c.issued_at, reverse=True)


def _numbers(answers: Mapping[str, Any]) -> set[str]:
    out = set()
    for key in CASE_KEYS:
        value = answers.get(key)
        if isinstance(value, str) and value.strip():
            out.add(" ".join(value.split()).upper())
    return out


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def case_sources(
    answers: Mapping[str, Any],
    *,
    draft_id: str,
    drafts_folder: Path | None,
    office: Any,
    title: Any,
) -> list[Source]:
    """Every other draft and issued case sharing a case number with `answers`.

    `title(interview_id)` names an interview. Unreadable drafts and a register that cannot
    be read offer nothing (home reports those)."""
    numbers = _numbers(answers)
    if not numbers:
        return []
    from counsel import drafts

    found: list[Source] = []
    try:
        listing = drafts.list_drafts(drafts_folder)
    except OSError:
        listing = None
    for d in listing.drafts if listing is not None else ():
        if d.id != draft_id and _numbers(d.answers) & numbers:
            found.append(Source(d.answers, f"the draft {title(d.interview_id)}", d.updated))
    try:
        cases = issued_cases(office)
    except Exception:  # a locked or damaged register: nothing offered, nothing lost
        cases = []
    for case in cases:
        if _numbers(case.answers) & numbers:
            when = case.issued_at.astimezone().date()
            where = f"the {title(case.interview_id)} issued {long_date(when)}"
            found.append(Source(case.answers, where, case.issued_at))
    return found


def offers(
    question_ids: Iterable[str], answered: Mapping[str, Any], sources: Iterable[Source]
) -> dict[str, Offer]:
    """For each question not answered yet, the newest source's non-blank answer."""
    ids = [q for q in question_ids if _blank(answered.get(q))]
    out: dict[str, Offer] = {}
    for source in sorted(sources, key=lambda s: s.when, reverse=True):
        for qid in ids:
            if qid not in out and not _blank(source.answers.get(qid)):
                out[qid] = Offer(source.answers[qid], source.where)
    return out
