"""The termination date of current support for one child (305 ILCS 5/10-2, 10-8.1, 10-10, 10-11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counsel.rules.calendar import long_date
from counsel.rules.datemath import birthday
from counsel.rules.errors import RuleInputError

CITATIONS = ("305 ILCS 5/10-2", "305 ILCS 5/10-8.1", "305 ILCS 5/10-10", "305 ILCS 5/10-11")

_FEB29 = (
    " The child was born on February 29; in a year without that day the child attains an "
    "age on March 1 (Convention: the statute says the date is no earlier than the "
    "birthday, so the later reading is the safe one)."
)


@dataclass(frozen=True)
class Termination:
    """When current support for a child ends, and which branch of the rule decided it."""

    date: dt.date
    reason: str
    """"18th-birthday", "graduation" or "19th-birthday"."""
    citations: tuple[str, ...]
    explanation: str


def termination_date(birth: dt.date, graduation: dt.date | None = None) -> Termination:
    """The termination date the order must state for a child.

    10-8.1, 10-10 and 10-11 (P.A. 97-186): "The termination date shall be no earlier than
    the date on which the child ... will attain the age of 18. However, if the child will
    not graduate from high school until after attaining the age of 18, then the termination
    date shall be no earlier than the earlier of the date on which the child's high school
    graduation will occur or the date on which the child will attain the age of 19." 10-2
    makes the same liability run "until that child graduates from high school, or attains
    the age of 19, whichever is earlier".

    A graduation on or before the 18th birthday is not "after attaining the age of 18", so
    the 18th birthday governs.
    """
    if graduation is not None and graduation <= birth:
        raise RuleInputError(
            "graduation", "the expected graduation date must be after the birth date"
        )
    eighteen = birthday(birth, 18)
    nineteen = birthday(birth, 19)
    leap_note = _FEB29 if (birth.month, birth.day) == (2, 29) else ""
    if graduation is None or graduation <= eighteen:
        grad_note = (
            " No expected high school graduation after that day was given."
            if graduation is None
            else " The expected high school graduation is not after that day."
        )
        return Termination(
            date=eighteen,
            reason="18th-birthday",
            citations=CITATIONS,
            explanation=(
                f"Current support terminates on the child's 18th birthday, {long_date(eighteen)}"
                f".{grad_note}{leap_note} The termination date does not apply to any arrearage "
                "that remains unpaid on that date."
            ),
        )
    if graduation < nineteen:
        date, reason = graduation, "graduation"
        why = (
            f"The child will graduate from high school after turning 18, on "
            f"{long_date(graduation)}, which is before the 19th birthday "
            f"({long_date(nineteen)}); the earlier of the two governs"
        )
    else:
        date, reason = nineteen, "19th-birthday"
        why = (
            f"The child will graduate from high school after turning 18, on "
            f"{long_date(graduation)}, which is not before the 19th birthday "
            f"({long_date(nineteen)}); the earlier of the two governs"
        )
    return Termination(
        date=date,
        reason=reason,
        citations=CITATIONS,
        explanation=(
            f"{why}, so current support terminates on {long_date(date)}.{leap_note} The "
            "termination date does not apply to any arrearage that remains unpaid on that date."
        ),
    )


def before_current_support(t: Termination, current_start: dt.date | None) -> str:
    """The sentence a finding adds when the child's date comes before current support begins
    (the order then sets no current support for that child; prior-period support may be owed)."""
    if current_start is None or t.date >= current_start:
        return ""
    return (
        f" That day comes before current support begins ({long_date(current_start)}), so the "
        "order sets no current support for this child; support for the period before may "
        "still be owed."
    )


def no_child_left(terminations: Sequence[Termination], current_start: dt.date) -> str | None:
    """The problem when current support would begin after every child's termination date.

    An order for support sets current support only until each child's termination date
    (10-10, 10-11: "a date on which the current support obligation terminates"); a child past
    it is owed prior-period support only. With every child past it, there is no current
    support to order: the dates are wrong, or the order is not an order for current support.
    """
    if not terminations or any(t.date >= current_start for t in terminations):
        return None
    return (
        "comes after every child's termination date (the 18th birthday, or the graduation or "
        "19th birthday), so no current support can be ordered (305 ILCS 5/10-10, 10-11); "
        "check the children's dates and this date"
    )
