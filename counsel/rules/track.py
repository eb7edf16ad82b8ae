"""Judicial or administrative track (750 ILCS 24/15(b)(4)-(5); IRG 6, Q1.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from counsel.rules.calendar import long_date
from counsel.rules.datemath import age_on, birthday
from counsel.rules.errors import RuleInputError
from counsel.rules.findings import Finding
from counsel.rules.params import int_parameter

STANDARDS = ("750 ILCS 24/15(b)(4)", "750 ILCS 24/15(b)(5)")
"""A Program must establish and follow standards for using judicial or administrative processes."""
ADMINISTRATIVE = ("305 ILCS 5/10-7(b)", "305 ILCS 5/10-11")
JUDICIAL = ("305 ILCS 5/10-10",)

PARENTS_AGREE = "parents-agree"
"""Pseudo-criterion: no criterion holds and the parties are the two parents, generally agreeing."""
PARENTS_NOT_AGREED = "parents-not-agreed"
"""Pseudo-criterion: no criterion holds, but the parties are not two generally agreeing parents."""


@dataclass(frozen=True)
class Criterion:
    """One of the eight circumstances in which the judicial process is used (IRG 6, Q1.2)."""

    id: str
    label: str
    question: str
    """The yes/no question the specialist answers."""
    source: str
    """Where the criterion comes from, in words (the statute cited is 750 ILCS 24/15)."""
    requires_reason: bool = False
    """True when a "yes" needs a written reason (criterion 8)."""


_SOURCE = "IRG section 6, Q1.2, under the standards required by 750 ILCS 24/15(b)(4)-(5)"

_CRITERIA = (
    Criterion(
        "court-order",
        "Court order with active terms",
        "Has the circuit court taken jurisdiction, with a court order that has active terms?",
        _SOURCE,
    ),
    Criterion(
        "other-family-order",
        "Another family law order",
        "Is a parent, or a child in common, the subject of another family law order?",
        _SOURCE,
    ),
    Criterion(
        "domestic-violence",
        "Possible domestic violence",
        "May any participant be a victim of domestic violence?",
        _SOURCE,
    ),
    Criterion(
        "iv-e-referral",
        "Title IV-E referral",
        "Did the referral come from the Title IV-E (foster care) agency?",
        _SOURCE,
    ),
    Criterion(
        "contentious-law",
        "Contentious or difficult point of law",
        "Is there a point of law that may be contentious or difficult?",
        _SOURCE,
    ),
    Criterion(
        "parent-conflict",
        "Significant conflict between the parents",
        "Do the parents appear to be in significant conflict with each other?",
        _SOURCE,
    ),
    Criterion(
        "older-child",
        "Parentage of an older child",
        "Is parentage being established for an older child (at least the office's age)?",
        _SOURCE + "; the age is a Convention set in the office profile (default 10 years)",
    ),
    Criterion(
        "judicial-necessary",
        "Judicial setting necessary",
        "Do you judge a judicial setting necessary for another reason? (Give the reason.)",
        _SOURCE,
        requires_reason=True,
    ),
)

CRITERIA: MappingProxyType[str, Criterion] = MappingProxyType({c.id: c for c in _CRITERIA})
"""The criteria by id, in the order of IRG 6, Q1.2."""


@dataclass(frozen=True)
class TrackDecision:
    """The recommended track and every criterion (or pseudo-criterion) that decided it."""

    recommended: str
    """"judicial" or "administrative"."""
    reasons: tuple[str, ...]
    """Criterion ids that hold, in CRITERIA order; or PARENTS_AGREE / PARENTS_NOT_AGREED."""
    citations: tuple[str, ...]
    explanation: str


def recommend_track(yes: Iterable[str], parents_agree: bool) -> TrackDecision:
    """Judicial when any criterion holds; administrative only when none does and the
    parties are the two parents and generally agree (IRG 6, Q1.2); otherwise judicial."""
    held = set()
    for cid in yes:
        if cid not in CRITERIA:
            raise RuleInputError(
                "yes", f"unknown criterion '{cid}'; use one of: {', '.join(CRITERIA)}"
            )
        held.add(cid)
    reasons = tuple(cid for cid in CRITERIA if cid in held)
    if reasons:
        labels = "; ".join(CRITERIA[c].label for c in reasons)
        return TrackDecision(
            recommended="judicial",
            reasons=reasons,
            citations=(*STANDARDS, *JUDICIAL),
            explanation=(
                f"Judicial process: these criteria hold ({labels}). Under the standards "
                "required by 750 ILCS 24/15(b)(4)-(5), as Illinois reports them (IRG 6, "
                "Q1.2), any one of them calls for the judicial process."
            ),
        )
    if parents_agree:
        return TrackDecision(
            recommended="administrative",
            reasons=(PARENTS_AGREE,),
            citations=(*STANDARDS, *ADMINISTRATIVE),
            explanation=(
                "Administrative process (305 ILCS 5/10-7(b), 10-11): none of the eight "
                "judicial criteria holds, and the parties are the two parents of the child "
                "and are generally in agreement (IRG 6, Q1.2; 750 ILCS 24/15(b)(4)-(5))."
            ),
        )
    return TrackDecision(
        recommended="judicial",
        reasons=(PARENTS_NOT_AGREED,),
        citations=(*STANDARDS, *JUDICIAL),
        explanation=(
            "Judicial process: none of the eight judicial criteria holds, but administrative "
            "orders are used only when the parties are the two parents of the child and are "
            "generally in agreement, which was not confirmed (IRG 6, Q1.2; "
            "750 ILCS 24/15(b)(4)-(5))."
        ),
    )


def older_child(birth: dt.date, on: dt.date, age: int | None = None) -> Finding:
    """Criterion `older-child`: is the child at least `age` years old on `on`?

    Convention (LEGAL.md Interview 1): the office profile sets the age (pass
    `office.older_child_age`); None takes the store's `track.older_child_age_default`. The
    finding states the age used. Feb 29 birthdays fall on Mar 1 in common years.
    """
    citations: tuple[str, ...] = STANDARDS[:1]
    if age is None:
        age, cite = int_parameter("track.older_child_age_default", on)
        citations = (*STANDARDS[:1], cite)
    if not 0 < age < 19:
        raise RuleInputError("older_child_age", "must be a whole number of years from 1 to 18")
    if birth > on:
        raise RuleInputError("birth", "the birth date must not be after the date of the finding")
    years = age_on(birth, on)
    held = years >= age
    reaches = birthday(birth, age)
    verdict = "is" if held else "is not"
    return Finding(
        name="older_child",
        value=held,
        citations=tuple(dict.fromkeys(citations)),
        explanation=(
            f"On {long_date(on)} the child is {years} years old, so the child {verdict} an "
            f"older child for criterion 7 (IRG 6, Q1.2). Convention: this office treats a "
            f"child of {age} years or more as older (the child reaches {age} on "
            f"{long_date(reaches)})."
        ),
    )


def decided_track(
    answers: Mapping[str, bool | None],
    parties_are_parents: bool | None,
    parents_agree: bool | None,
) -> TrackDecision | None:
    """The recommendation once the answers decide it, else None.

    `answers`: every criterion id of CRITERIA -> True, False or None (not answered). Any
    criterion answered yes decides for the judicial process whatever the rest say; the
    administrative process needs all eight answered no, and the parties confirmed as the two
    parents of the child who generally agree. An unanswered question is never read as "no".
    """
    unknown = set(answers) - set(CRITERIA)
    if unknown:
        raise RuleInputError("criteria", f"unknown criterion; use: {', '.join(CRITERIA)}")
    yes = [cid for cid in CRITERIA if answers.get(cid) is True]
    if yes:
        return recommend_track(yes, False)
    if any(answers.get(cid) is None for cid in CRITERIA):
        return None
    if parties_are_parents is False or (parties_are_parents is True and parents_agree is False):
        return recommend_track((), False)
    if parties_are_parents is True and parents_agree is True:
        return recommend_track((), True)
    return None


def chosen_track(decision: TrackDecision, override: bool | None) -> Finding | None:
    """The track followed: the recommendation, or the other one when the specialist
    overrides it with a written reason (750 ILCS 24/15(b)(4); LEGAL.md Interview 1)."""
    if override is None:
        return None
    if override:
        other = "administrative" if decision.recommended == "judicial" else "judicial"
        return Finding(
            name="track",
            value=other,
            citations=("750 ILCS 24/15",),
            explanation=(
                f"The specialist chose the {other} process instead of the recommended "
                f"{decision.recommended} process, with the written reason recorded in the "
                "memorandum (750 ILCS 24/15(b)(4))."
            ),
        )
    return Finding(
        name="track",
        value=decision.recommended,
        citations=decision.citations,
        explanation=f"The recommended {decision.recommended} process is followed.",
    )
