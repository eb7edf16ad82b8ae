"""Answers a case already has elsewhere (another interview's draft, an issued document in the
register), offered as defaults the user confirms: never copied in silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.case.identity import CASE_FIELDS, case_identifier, case_numbers

if TYPE_CHECKING:
    from counsel.register import Entry

CASE_KEYS = CASE_FIELDS
"""The answers a case is known by (counsel.case.identity: the IV-D number names it first)."""

HOME_CASES = 100
"""How many recently issued cases home lists (a county's shared register holds thousands)."""


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
    """A case with documents in the register (its latest entry)."""

    case_number: str
    """The case's one identifier (counsel.case.case_identifier), as every screen names it."""
    interview_id: str
    issued_at: dt.datetime
    answers: dict[str, Any]
    entry_id: int = 0


def issued_case(entry: Entry) -> IssuedCase:
    """The case a register entry belongs to, named as every screen names it."""
    answers = dict(entry.answers)
    number = case_identifier(answers) or entry.case_number
    return IssuedCase(number, entry.interview, entry.issued_at, answers, entry.id)


def _newest_per_case(entries: Iterable[Entry]) -> list[IssuedCase]:
    """One IssuedCase a case, from its newest entry, newest first. Rows recorded before the
    case identifier was one (court number first) join the case their answers name."""
    latest: dict[str, IssuedCase] = {}
    for entry in entries:
        case = issued_case(entry)
        key = case.case_number or f"#{entry.id}"
        if key not in latest or (latest[key].issued_at, latest[key].entry_id) < (
            case.issued_at,
            case.entry_id,
        ):
            latest[key] = case
    return sorted(latest.values(), key=lambda c: (c.issued_at, c.entry_id), reverse=True)


@dataclass(frozen=True)
class IssuedCases:
    """What home lists of the register: recent cases, and whether others issue there too."""

    cases: list[IssuedCase]
    shared: bool = False
    """The register holds documents someone else issued (Register.others_issued): "yours"
    and "the office's" differ."""
    mine: bool = False
    """`cases` are only those of documents the person asking issued."""


def issued_cases(office: Any, *, limit: int = HOME_CASES, mine: bool = False) -> IssuedCases:
    """The latest entry of each of the `limit` most recently issued cases in the office's
    register (its `register_url` or `register_path`, else this machine's), newest first;
    none if nothing was issued yet. `mine`: on a shared register, only the cases of documents
    the person asking issued (each case's newest of those; Register.me says who that is).

    Read only: a missing register file is not created just to be listed. The reads are
    bounded (Register.latest, Register.others_issued): home reads them every time it is
    shown."""
    from counsel.register import open_existing

    reg = open_existing(None, office=office)
    if reg is None:
        return IssuedCases([])
    with reg:
        shared = reg.others_issued()
        mine = mine and shared
        return IssuedCases(_newest_per_case(reg.latest(limit, mine=mine)), shared, mine)


def issued_for(office: Any, answers: Mapping[str, Any]) -> list[IssuedCase]:
    """The latest entry of each issued case known by one of the numbers in `answers` (either
    number, any letter case or spacing); none if nothing was issued yet."""
    from counsel.register import open_existing

    numbers = _numbers(answers)
    if not numbers:
        return []
    reg = open_existing(None, office=office)
    if reg is None:
        return []
    typed = set(case_numbers(answers)) | numbers
    found: dict[int, Entry] = {}
    with reg:
        for number in sorted(typed):
            for entry in reg.list(case=number):
                if _numbers(entry.answers) & numbers or _norm(entry.case_number) in numbers:
                    found[entry.id] = entry
    return _newest_per_case(found.values())


def _norm(number: str) -> str:
    return " ".join(number.split()).upper()


def _numbers(answers: Mapping[str, Any]) -> set[str]:
    return {_norm(n) for n in case_numbers(answers)}


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
        cases = issued_for(office, answers)
    except Exception:  # a locked or damaged register: nothing offered, nothing lost
        cases = []
    for case in cases:
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
