"""The docket: every issued document's deadlines, stored per document and listed by a query."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import sqlalchemy as sa

from counsel.register.schema import deadline, event, issue, issued_file
from counsel.register.who import IssuedBy, Issuer
from counsel.rules.calendar import Skipped
from counsel.rules.docket import RULES, Clock, EventFact, clocks, due

# How the docket stays a query: when a document is recorded, and again whenever one of its
# events is recorded, its clocks are computed by counsel.rules.docket and stored as rows of
# `deadline` (a new *generation* per change: the register stays append-only). Each row keeps
# the clock's start day and its nominal last day, which do not depend on the office's
# closures; listing the next N days selects the current generation's running rows whose
# nominal day falls in the window (an index on (state, nominal)), then counts each one's last
# day under 5 ILCS 70/1.11 with today's closures. 1.11 only moves a last day later, onto the
# first open day: a nominal day before the window's first day still lands in it exactly when
# every day from it to the window is closed, so the query reaches back over that run of closed
# days (`reach_back`), and no further.


def reach_back(first: dt.date, closures: Mapping[dt.date, str]) -> dt.date:
    """The earliest nominal last day whose 1.11 last day can be `first` or later."""
    from counsel.rules.calendar import closed_reason

    day = first
    while closed_reason(day - dt.timedelta(days=1), closures) is not None:
        day -= dt.timedelta(days=1)
    return day


UNCOMPUTED = "uncomputed"
"""The kind of the one waiting row stored when a document's clocks could not be computed."""


@dataclass(frozen=True)
class PlannedClock:
    """A clock ready to store: the rules' Clock plus the case it belongs to."""

    clock: Clock
    case_number: str


def document_ids(interview: str, names: Iterable[str]) -> list[str]:
    """The templates' document ids for recorded file names: a row names each document by its
    id, or by its output stem (`notice-of-lien-to-joint-owner-2` for a `for_each` document)."""
    by_name = _names(interview)
    out: list[str] = []
    for name in names:
        found = by_name.get(name) or by_name.get(re.sub(r"-\d+$", "", name))
        if found and found not in out:
            out.append(found)
    return out


@lru_cache(maxsize=16)
def _names(interview: str) -> Mapping[str, str]:
    from counsel.render.core import load_document_specs

    names: dict[str, str] = {}
    for spec in load_document_specs().get(interview, ()):
        names[spec.id] = spec.id
        names.setdefault(spec.name, spec.id)
    return names


def plan_rows(
    interview: str,
    documents: Sequence[str],
    answers: Mapping[str, Any],
    case_number: str,
    events: Sequence[EventFact],
) -> tuple[PlannedClock, ...]:
    """The clocks to store for a document, or one `uncomputed` waiting row saying why not.

    A register row is never refused because its deadlines could not be worked out (the files
    are already written); the docket then shows the document as needing a look.
    """
    from counsel.errors import CounselError
    from counsel.rules.errors import RuleInputError

    try:
        found = clocks(document_ids(interview, documents), answers, events)
    except (CounselError, RuleInputError, ValueError, LookupError) as exc:
        reason = getattr(exc, "field", "") or exc.__class__.__name__
        found = (
            Clock(
                key=UNCOMPUTED,
                kind=UNCOMPUTED,
                label=str(reason),
                state="waiting",
                starts_on=None,
                nominal=None,
                started_by="",
                waiting_for="",
                closed_by=None,
            ),
        )
    return tuple(PlannedClock(c, case_number) for c in found)


def insert_clocks(
    conn: sa.Connection, issue_id: int, generation: int, planned: Sequence[PlannedClock]
) -> None:
    if not planned:
        # An empty generation still marks the change, so older rows stop counting.
        planned = (
            PlannedClock(
                Clock("none", "none", "", "closed", None, None, "", "", None),
                "",
            ),
        )
    conn.execute(
        sa.insert(deadline),
        [
            {
                "issue_id": issue_id,
                "generation": generation,
                "key": p.clock.key,
                "kind": p.clock.kind,
                "label": p.clock.label,
                "case_number": p.case_number,
                "state": p.clock.state,
                "starts_on": p.clock.starts_on,
                "nominal": p.clock.nominal,
                "started_by": p.clock.started_by,
                "waiting_for": p.clock.waiting_for,
                "closed_by": p.clock.closed_by,
                "variant": p.clock.variant,
            }
            for p in planned
        ],
    )


def standing_events(conn: sa.Connection, issue_id: int) -> list[EventFact]:
    """The entry's events the rules count: every event neither voided nor a voiding."""
    rows = conn.execute(
        sa.select(event.c.id, event.c.kind, event.c.event_date, event.c.voids)
        .where(event.c.issue_id == issue_id)
        .order_by(event.c.id)
    ).all()
    voided = {r.voids for r in rows if r.voids is not None}
    return [
        EventFact(r.id, r.kind, r.event_date)
        for r in rows
        if r.voids is None and r.id not in voided
    ]


def _issue_inputs(conn: sa.Connection, issue_id: int) -> tuple[str, list[str], Any, str]:
    row = conn.execute(
        sa.select(issue.c.interview, issue.c.answers_json, issue.c.case_number).where(
            issue.c.id == issue_id
        )
    ).one()
    documents = list(
        conn.execute(
            sa.select(issued_file.c.document)
            .where(issued_file.c.issue_id == issue_id)
            .order_by(issued_file.c.position)
        ).scalars()
    )
    return row.interview, documents, json.loads(row.answers_json), row.case_number


def next_generation(conn: sa.Connection, issue_id: int) -> int:
    top = conn.execute(
        sa.select(sa.func.max(deadline.c.generation)).where(deadline.c.issue_id == issue_id)
    ).scalar()
    return 0 if top is None else int(top) + 1


def recompute(conn: sa.Connection, issue_id: int) -> int:
    """Store the entry's clocks as they stand after its events, as its next generation (the
    caller holds the entry's lock: counsel.register.store.lock_entry). Returns the generation."""
    interview, documents, answers, case_number = _issue_inputs(conn, issue_id)
    planned = plan_rows(interview, documents, answers, case_number, standing_events(conn, issue_id))
    generation = next_generation(conn, issue_id)
    insert_clocks(conn, issue_id, generation, planned)
    return generation


def rebuild(conn: sa.Connection) -> int:
    """Recompute every entry's clocks with this counsel's rules, as a new generation each."""
    from counsel.register.store import lock_all_entries

    lock_all_entries(conn)
    ids = list(conn.execute(sa.select(issue.c.id).order_by(issue.c.id)).scalars())
    for issue_id in ids:
        recompute(conn, issue_id)
    return len(ids)


# -- the docket ----------------------------------------------------------------------------

Status = Literal["overdue", "passed", "due", "waiting"]
"""overdue: a time to act ran out; passed: a fixed date (termination, lien life) went by."""


@dataclass(frozen=True)
class DocketItem:
    """One running or waiting deadline, as `counsel docket` lists it."""

    entry_ids: tuple[int, ...]
    """The register entries whose documents start this deadline (usually one)."""
    case_number: str
    interview: str
    kind: str
    key: str
    title: str
    label: str
    status: Status
    due: dt.date | None
    days_left: int | None
    """Days from today to the last day (negative: overdue); None while waiting."""
    starts_on: dt.date | None
    started_by: str
    waiting: str
    """What to record while waiting ("" otherwise)."""
    citations: tuple[str, ...]
    explanation: str
    skipped: tuple[Skipped, ...]
    generation: int
    issued_by: tuple[IssuedBy, ...] = ()
    """Who issued each of `entry_ids`' documents, in the same order."""

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": list(self.entry_ids),
            "issued_by": [who.to_json() for who in self.issued_by],
            "case_number": self.case_number,
            "interview": self.interview,
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "status": self.status,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "started_by": self.started_by,
            "waiting": self.waiting,
            "citations": list(self.citations),
            "explanation": self.explanation,
            "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in self.skipped],
        }


def _current(d: sa.Table) -> sa.ColumnElement[bool]:
    newer = deadline.alias("newer")
    latest = (
        sa.select(sa.func.max(newer.c.generation))
        .where(newer.c.issue_id == d.c.issue_id)
        .scalar_subquery()
    )
    return d.c.generation == latest


def docket_rows(
    conn: sa.Connection,
    lo: dt.date,
    hi: dt.date,
    case: str | None = None,
    entry: int | None = None,
    waiting_since: dt.date | None = None,
    issuer: Issuer | None = None,
) -> list[Any]:
    """The current generation's running rows whose nominal day is in [lo, hi] (lo from
    `reach_back`), and the waiting rows of documents dated `waiting_since` or later (None:
    all); optionally one case, by either of its numbers, one entry, or the documents one
    `issuer` issued (a filter on the rows the window already bounds)."""
    cols: list[Any] = [deadline, issue.c.interview, issue.c.user_name, issue.c.db_role]
    if case is not None:
        cols.append(issue.c.answers_json)
    base = sa.select(*cols).join(issue, issue.c.id == deadline.c.issue_id).where(_current(deadline))
    if issuer is not None:
        base = base.where(_issued_by(issuer))
    if case is not None:
        base = base.where(
            (deadline.c.case_number == case)
            | issue.c.answers_json.contains(json.dumps(case), autoescape=True)
        )
    if entry is not None:
        base = base.where(deadline.c.issue_id == entry)
    running = base.where(
        deadline.c.state == "running",
        deadline.c.nominal >= lo,
        deadline.c.nominal <= hi,
    )
    waiting = base.where(deadline.c.state == "waiting")
    if waiting_since is not None:
        waiting = waiting.where(issue.c.document_date >= waiting_since)
    rows = [*conn.execute(running).all(), *conn.execute(waiting).all()]
    if case is None:
        return rows
    from counsel.register.store import has_case

    return [r for r in rows if has_case(r.case_number, json.loads(r.answers_json), case)]


def _issued_by(issuer: Issuer) -> sa.ColumnElement[bool]:
    column = issue.c.db_role if issuer.by == "role" else issue.c.user_name
    return column == issuer.name


def waiting_before(conn: sa.Connection, day: dt.date, issuer: Issuer | None = None) -> int:
    """How many documents dated before `day` still have a deadline waiting for an event
    (`issuer`: of the documents they issued)."""
    query = (
        sa.select(sa.func.count(sa.distinct(deadline.c.issue_id)))
        .join(issue, issue.c.id == deadline.c.issue_id)
        .where(deadline.c.state == "waiting", issue.c.document_date < day, _current(deadline))
    )
    if issuer is not None:
        query = query.where(_issued_by(issuer))
    return int(conn.execute(query).scalar_one())


def current_clocks(conn: sa.Connection, entry_id: int) -> list[Any]:
    query = (
        sa.select(deadline)
        .where(deadline.c.issue_id == entry_id, _current(deadline), deadline.c.kind != "none")
        .order_by(deadline.c.id)
    )
    return list(conn.execute(query).all())


def _waiting_text(kind: str, label: str) -> str:
    if kind == UNCOMPUTED:
        return (
            f"the deadlines of this document could not be computed ({label}); check its "
            "answers, then run `counsel docket --rebuild`"
        )
    return RULES[kind].waiting


def items(
    rows: Sequence[Any],
    today: dt.date,
    within: int,
    past: int,
    closures: Mapping[dt.date, str],
) -> list[DocketItem]:
    """Docket items from stored rows: last days counted with `closures`, the window applied,
    the same deadline from several entries of a case shown once; overdue first, then by day."""
    lo, hi = today - dt.timedelta(days=past), today + dt.timedelta(days=within)
    merged: dict[tuple[Any, ...], DocketItem] = {}
    frozen = tuple(sorted(closures.items()))
    for row in rows:
        if row.state == "waiting":
            item = DocketItem(
                entry_ids=(row.issue_id,),
                case_number=row.case_number,
                interview=row.interview,
                kind=row.kind,
                key=row.key,
                title=RULES[row.kind].title if row.kind in RULES else "Deadlines not computed",
                label=row.label if row.kind != UNCOMPUTED else "",
                status="waiting",
                due=None,
                days_left=None,
                starts_on=None,
                started_by="",
                waiting=_waiting_text(row.kind, row.label),
                citations=RULES[row.kind].citations if row.kind in RULES else (),
                explanation="",
                skipped=(),
                generation=row.generation,
                issued_by=(_who(row),),
            )
            merged[("waiting", row.issue_id, row.key)] = item
            continue
        rule = RULES[row.kind]
        if rule.extends:
            counted = _due(row.kind, row.starts_on, frozen, row.variant)
            last, citations, explanation, skipped = (
                counted.date,
                counted.citations,
                counted.explanation,
                counted.skipped,
            )
        else:
            last, citations, skipped = row.nominal, rule.citations, ()
            explanation = _fixed_explanation(row.kind, row.label, row.nominal, row.starts_on)
        if not lo <= last <= hi:
            continue
        if rule.note:
            explanation = f"{explanation} {rule.note}".strip()
        key = (row.case_number or f"#{row.issue_id}", row.kind, row.label, row.starts_on, last)
        if key in merged:
            old = merged[key]
            merged[key] = _with_entry(old, _who(row))
            continue
        merged[key] = DocketItem(
            entry_ids=(row.issue_id,),
            case_number=row.case_number,
            interview=row.interview,
            kind=row.kind,
            key=row.key,
            title=rule.title,
            label=row.label,
            status=("overdue" if rule.extends else "passed") if last < today else "due",
            due=last,
            days_left=(last - today).days,
            starts_on=row.starts_on,
            started_by=row.started_by,
            waiting="",
            citations=citations,
            explanation=explanation,
            skipped=skipped,
            generation=row.generation,
            issued_by=(_who(row),),
        )
    dated = sorted(
        (i for i in merged.values() if i.due is not None),
        key=lambda i: (i.due, i.case_number, i.kind, i.label, i.entry_ids),
    )
    waiting = sorted(
        (i for i in merged.values() if i.due is None), key=lambda i: (i.entry_ids, i.key)
    )
    return [*dated, *waiting]


def _who(row: Any) -> IssuedBy:
    return IssuedBy(row.issue_id, row.user_name, row.db_role)


def _with_entry(item: DocketItem, who: IssuedBy) -> DocketItem:
    from dataclasses import replace

    issued = sorted({*item.issued_by, who}, key=lambda w: w.entry)
    return replace(item, entry_ids=tuple(w.entry for w in issued), issued_by=tuple(issued))


@lru_cache(maxsize=4096)
def _due(kind: str, start: dt.date, closures: tuple[tuple[dt.date, str], ...], variant: str) -> Any:
    # Many documents share a start day: the count under 1.11 is the same for all of them.
    return due(kind, start, dict(closures), variant)


def _fixed_explanation(kind: str, label: str, day: dt.date, start: dt.date | None) -> str:
    from counsel.rules.calendar import long_date

    if kind == "termination":
        return (
            f"{label}: current support ends on {long_date(day)}, the termination date the "
            "order states (a date support runs to, not a time to act: 5 ILCS 70/1.11 does "
            "not move it)."
        )
    after = ""
    if start is not None:
        after = f", {(day - start).days} days after it was served on {long_date(start)}"
    return (
        f"The lien holds through {long_date(day)}{after} (IRG 9, Q22; a duration, not a time "
        "to act: 5 ILCS 70/1.11 does not move it)."
    )
