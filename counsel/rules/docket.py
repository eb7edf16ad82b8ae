"""Which deadlines an issued document starts, and which recorded events start and end them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from counsel.rules.calendar import Deadline
from counsel.rules.deadlines import (
    fi_lien_expiry,
    lien_hearing_deadline,
    petition_deadline,
    registration_contest_deadline,
    relief_deadline,
)
from counsel.rules.termination import termination_date

# What happens after a document is issued, as the specialist records it (`counsel register
# event ID KIND DATE`). The words are the docket's; the law each one touches is in CLOCKS.
EVENT_KINDS: dict[str, str] = {
    "mailed": "the document was mailed",
    "served": "the document was served",
    "hearing-requested": (
        "a party asked for a hearing: a petition under 10-12 or 10-12.1, a request to contest "
        "a registration under 10-15.1(f), or a request for a lien hearing"
    ),
    "lien-surrendered": "the lien was surrendered, discharged or stayed",
    "order-entered": "a later order was entered that replaces this document's terms",
    "withdrawn": "the document was withdrawn or never sent: none of its deadlines runs",
}
"""Event kinds and what each means."""

State = Literal["running", "waiting", "closed"]


@dataclass(frozen=True)
class EventFact:
    """A recorded event as the rules see it (voided events are left out by the caller)."""

    id: int
    kind: str
    date: dt.date


@dataclass(frozen=True)
class Clock:
    """One deadline of an issued document: running from a start day, waiting, or closed."""

    key: str
    """Unique within the document: the kind, or `termination-N` for child N."""
    kind: str
    label: str
    """"" or "Child N" (never a name: the docket is printed and exported)."""
    state: State
    starts_on: dt.date | None
    """The day the period is counted from (None while waiting)."""
    nominal: dt.date | None
    """The last day before any 5 ILCS 70/1.11 extension (None while waiting)."""
    started_by: str
    """What fixed the start: "event 12 (served)" or "answers: service_date"."""
    waiting_for: str
    """The event kind the clock waits for ("" unless waiting)."""
    closed_by: int | None
    """The event that ended it (None unless closed)."""
    variant: str = ""
    """What else the law of the clock turns on (a lien's target: which subsection it cites)."""


@dataclass(frozen=True)
class ClockRule:
    """A deadline some documents start: from which day, which events end it, and the law."""

    kind: str
    title: str
    short: str
    """A few words for narrow lists (the TUI's docket panel)."""
    documents: tuple[str, ...]
    """Document ids (templates/documents.toml) whose issue starts it."""
    starts_with: tuple[str, ...]
    """Event kinds whose date starts it, first found wins ((): the answers alone fix it)."""
    answer: str
    """Answer id holding the start day when no such event is recorded ("" if none)."""
    closes: tuple[str, ...]
    """Event kinds that end it."""
    citations: tuple[str, ...]
    waiting: str
    """Said while no start day is known: which event to record."""
    when: Callable[[Mapping[str, Any]], bool] = lambda answers: True
    extends: bool = True
    """5 ILCS 70/1.11 moves a last day off a weekend, holiday or closure (a time to act); a
    duration (how long a lien holds) or a termination date is not moved."""
    note: str = ""
    variant: Callable[[Mapping[str, Any]], str] = lambda answers: ""
    """From the answers, what `due` needs besides the start day (stored with the clock)."""


def _lien_target(answers: Mapping[str, Any]) -> str:
    # The rules' names for the targets (calc's --target): lump-sum, real-estate, account.
    return str(answers.get("lien_target") or "").replace("_", "-")


_ADMIN_ORDERS = ("prior-period-administrative", "job-program-administrative")
_SUPPORT_ORDERS = ("prior-period-administrative", "prior-period-judicial", "registration-notice")
_LIEN_NOTICES = ("lien-notice", "lien-notice-obligor", "lien-notice-joint-owner")
_ENDS = ("order-entered", "withdrawn")

CLOCKS: tuple[ClockRule, ...] = (
    ClockRule(
        kind="petition",
        title="Last day for the Department to receive a petition against the order",
        short="Petition period ends",
        documents=_ADMIN_ORDERS,
        starts_with=("mailed",),
        answer="order_mailing_date",
        closes=("hearing-requested", *_ENDS),
        citations=("305 ILCS 5/10-12(a)", "305 ILCS 5/10-12.1", "5 ILCS 70/1.11"),
        waiting="the 30-day petition period starts when the order is mailed: record the mailing",
        note="10-12 and 10-12.1 cover administrative orders under 10-11 and 10-11.1.",
    ),
    ClockRule(
        kind="relief",
        title="Last day to petition for relief from the order",
        short="Relief period ends",
        documents=_ADMIN_ORDERS,
        starts_with=("mailed",),
        answer="order_mailing_date",
        closes=_ENDS,
        citations=("305 ILCS 5/10-14.1", "5 ILCS 70/1.11"),
        waiting="the 2-year relief period starts when the order is mailed: record the mailing",
        note=(
            "10-14.1 excludes any period of legal disability or duress, or while the grounds "
            "were fraudulently concealed: such a period makes the day later."
        ),
    ),
    ClockRule(
        kind="registration-contest",
        title="Last day to request a hearing contesting the registration",
        short="Contest period ends",
        documents=("registration-notice",),
        starts_with=("served",),
        answer="service_date",
        closes=("hearing-requested", *_ENDS),
        citations=("305 ILCS 5/10-15.1(f)", "5 ILCS 70/1.11"),
        waiting=(
            "the contest period starts when the notice of registration is served: "
            "record the service"
        ),
        note=(
            "If no hearing is requested in time, the registered order is confirmed by "
            "operation of law (305 ILCS 5/10-15.1(g))."
        ),
    ),
    ClockRule(
        kind="lien-hearing",
        title="Last day to request a hearing on the lien",
        short="Lien hearing request ends",
        documents=_LIEN_NOTICES,
        starts_with=("mailed",),
        answer="mailing_date",
        closes=("hearing-requested", "lien-surrendered", *_ENDS),
        citations=("89 Ill. Adm. Code 160.70", "5 ILCS 70/1.11"),
        waiting="the 15-day hearing request period starts when the notice is mailed: "
        "record the mailing",
        variant=_lien_target,  # which subsection the last day cites
    ),
    ClockRule(
        kind="fi-lien-expiry",
        title="Last day the financial-institution lien holds",
        short="Account lien lapses",
        documents=_LIEN_NOTICES,
        starts_with=("served", "mailed"),
        answer="mailing_date",
        closes=("lien-surrendered", *_ENDS),
        citations=("89 Ill. Adm. Code 160.70",),
        waiting="the lien's 120 days start when it is served: record the service",
        when=lambda answers: answers.get("lien_target") == "account",
        extends=False,
        note=(
            "Convention (as the lien findings): without a recorded service, the notice's "
            "mailing day is taken as the day the lien is served."
        ),
    ),
)
"""Every deadline the docket follows, by the documents that start it."""

TERMINATION = ClockRule(
    kind="termination",
    title="Current support ends for the child (termination date)",
    short="Support ends",
    documents=_SUPPORT_ORDERS,
    starts_with=(),
    answer="children",
    closes=_ENDS,
    citations=("305 ILCS 5/10-2", "305 ILCS 5/10-8.1", "305 ILCS 5/10-10", "305 ILCS 5/10-11"),
    waiting="",
    extends=False,
    note="Arrears stay due after this day (10-11, 10-10).",
)
"""Each child's termination date, from the children in the answers of a support order."""

RULES: dict[str, ClockRule] = {rule.kind: rule for rule in (*CLOCKS, TERMINATION)}


def _date(value: Any) -> dt.date | None:
    # Answers arrive typed (a render) or as the register's JSON snapshot (ISO text).
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def clocks(
    documents: Sequence[str], answers: Mapping[str, Any], events: Sequence[EventFact]
) -> tuple[Clock, ...]:
    """Every deadline the issued `documents` start, as `events` leave it.

    The latest recorded event of a starting kind fixes the start (a later record corrects
    an earlier one); without one, the answer the document was rendered from does. An event of
    a closing kind ends the clock.
    """
    issued = set(documents)
    ordered = sorted(events, key=lambda e: e.id)
    latest = {e.kind: e for e in ordered}
    out: list[Clock] = []
    for rule in CLOCKS:
        if not issued.intersection(rule.documents) or not rule.when(answers):
            continue
        out.append(_clock(rule, rule.kind, "", answers, latest))
    if issued.intersection(TERMINATION.documents):
        for n, child in enumerate(answers.get("children") or [], start=1):
            birth = _date(child.get("birth_date")) if isinstance(child, Mapping) else None
            if birth is None:
                continue
            graduation = _date(child.get("graduation_date"))
            end = termination_date(birth, graduation).date
            closed = _closing(TERMINATION, latest)
            out.append(
                Clock(
                    key=f"termination-{n}",
                    kind="termination",
                    label=f"Child {n}",
                    state="closed" if closed else "running",
                    starts_on=birth,
                    nominal=end,
                    started_by=f"answers: children[{n}].birth_date",
                    waiting_for="",
                    closed_by=closed.id if closed else None,
                )
            )
    return tuple(out)


def _closing(rule: ClockRule, latest: Mapping[str, EventFact]) -> EventFact | None:
    found = [latest[k] for k in rule.closes if k in latest]
    return min(found, key=lambda e: e.id) if found else None


def _clock(
    rule: ClockRule,
    key: str,
    label: str,
    answers: Mapping[str, Any],
    latest: Mapping[str, EventFact],
) -> Clock:
    start: dt.date | None = None
    started_by = ""
    for kind in rule.starts_with:
        if kind in latest:
            start, started_by = latest[kind].date, f"event {latest[kind].id} ({kind})"
            break
    if start is None and rule.answer:
        start = _date(answers.get(rule.answer))
        started_by = f"answers: {rule.answer}" if start else ""
    closed = _closing(rule, latest)
    if closed is not None:
        state: State = "closed"
    else:
        state = "running" if start is not None else "waiting"
    variant = rule.variant(answers)
    nominal = due(rule.kind, start, {}, variant).nominal if start is not None else None
    return Clock(
        key=key,
        kind=rule.kind,
        label=label,
        state=state,
        starts_on=start,
        nominal=nominal,
        started_by=started_by,
        waiting_for=rule.starts_with[0] if state == "waiting" else "",
        closed_by=closed.id if closed else None,
        variant=variant,
    )


def due(kind: str, start: dt.date, closures: Mapping[dt.date, str], variant: str = "") -> Deadline:
    """The last day of a clock of `kind` started on `start`, with the office's closures.

    The same functions `counsel calc deadline` and the findings call, so the docket and the
    documents agree to the day. A termination date is fixed when the clock is made (it is
    not counted from a start day), so it has no entry here.
    """
    if kind == "petition":
        return petition_deadline(start, closures)
    if kind == "relief":
        return relief_deadline(start, closures)
    if kind == "registration-contest":
        return registration_contest_deadline(start, closures)
    if kind == "lien-hearing":
        return lien_hearing_deadline(start, closures, target=variant or None)
    if kind == "fi-lien-expiry":
        f = fi_lien_expiry(start)
        assert isinstance(f.value, dt.date)
        return Deadline(f.value, f.value, (), f.citations, f.explanation)
    raise ValueError(f"no counted period for deadline kind {kind!r}")
