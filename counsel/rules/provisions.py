"""Which provisions every support order must state, by track and order date (LEGAL.md list 1-8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from counsel.rules.errors import RuleInputError
from counsel.rules.params import parameter

Kind = Literal["administrative", "judicial"]
KINDS = ("administrative", "judicial")


@dataclass(frozen=True)
class Provision:
    """A statement the order must contain; templates mark it `data-provision="<id>"`."""

    id: str
    title: str
    citations: tuple[str, ...]
    applies_from: dt.date | None
    """Orders entered or modified on or after this date need it; None: always (no date known)."""
    basis: str = ""
    """Where `applies_from` comes from, or why there is none."""


_NO_DATE = "LEGAL.md gives no starting date, so the provision always applies."


def _catalog(kind: Kind, order_date: dt.date) -> tuple[Provision, ...]:
    admin = kind == "administrative"
    interest_from = parameter("interest.statement_required_from", order_date).value
    if not isinstance(interest_from, dt.date):
        raise TypeError("parameter interest.statement_required_from is not a date")
    provisions = [
        Provision(
            "termination_date",
            "Termination date of current support for each child; it does not apply to unpaid "
            "arrears",
            ("305 ILCS 5/10-11", "305 ILCS 5/10-8.1") if admin else ("305 ILCS 5/10-10",),
            None,
            _NO_DATE,
        ),
        Provision(
            "arrears_after_termination",
            "Arrears continue as periodic payments after the termination date",
            ("305 ILCS 5/10-11",) if admin else ("305 ILCS 5/10-10",),
            None,
            # The text says "entered or modified on or after the effective date of this
            # amendatory Act of the 93rd General Assembly", but no source in the project
            # gives that date; requiring it always is the safe reading.
            "Orders entered or modified on or after the effective date of an amendatory Act "
            "of the 93rd General Assembly (305 ILCS 5/10-11, 10-10); that date is not in the "
            "project's sources, so the provision always applies.",
        ),
        Provision(
            "report_changes_7_days",
            "Within 7 days the non-custodial parent reports a new employer, health insurance "
            "access, and a new address or telephone number",
            ("305 ILCS 5/10-8.1",) if admin else ("305 ILCS 5/10-10",),
            None,
            _NO_DATE,
        ),
        Provision(
            "interest_statement",
            "Unpaid support as of the end of each month accrues simple interest",
            ("305 ILCS 5/10-16.5",),
            interest_from,
            # 10-16.5: "An order for support entered or modified on or after January 1, 2006
            # shall contain a statement ..."; the date is the store parameter.
            "305 ILCS 5/10-16.5: orders for support entered or modified on or after "
            "January 1, 2006 (store parameter interest.statement_required_from).",
        ),
        Provision(
            "payment_to_sdu",
            "Payments to the State Disbursement Unit",
            ("305 ILCS 5/10-10.4(b)",),
            # 10-10.4(b): "each court or administrative order for support entered or
            # modified on or after October 1, 1999 shall require that support payments be
            # made to the State Disbursement Unit".
            dt.date(1999, 10, 1),
            "305 ILCS 5/10-10.4(b): orders entered or modified on or after October 1, 1999.",
        ),
        Provision(
            "state_case_registry",
            "Filing with the State Case Registry within 5 business days",
            ("305 ILCS 5/10-11.2",) if admin else ("305 ILCS 5/10-10.5",),
            None,
            _NO_DATE,
        ),
        Provision(
            "income_withholding",
            "Income withholding",
            ("305 ILCS 5/10-16.2", "750 ILCS 28/20"),
            None,
            _NO_DATE,
        ),
    ]
    if not admin:
        provisions += [
            Provision(
                "court_report_employment_10_days",
                "Within 10 days the obligor reports new employment and its termination to "
                "the obligee and the clerk",
                ("305 ILCS 5/10-10",),
                None,
                _NO_DATE + " Court orders under 10-10 only.",
            ),
            Provision(
                "court_residence_change_5_days",
                "The parents tell each other of a change of residence within 5 days, unless "
                "the court finds disclosure would seriously endanger a party or child",
                ("305 ILCS 5/10-10",),
                None,
                _NO_DATE + " Court orders under 10-10 only.",
            ),
        ]
    return tuple(provisions)


def all_provisions(kind: Kind, order_date: dt.date) -> tuple[Provision, ...]:
    """Every provision for `kind`, whether or not it applies on `order_date`."""
    if kind not in KINDS:
        raise RuleInputError("kind", "use administrative or judicial")
    return _catalog(kind, order_date)


def required_provisions(kind: Kind, order_date: dt.date) -> tuple[Provision, ...]:
    """The provisions an order of `kind` entered or modified on `order_date` must state."""
    return tuple(
        p
        for p in all_provisions(kind, order_date)
        if p.applies_from is None or order_date >= p.applies_from
    )
