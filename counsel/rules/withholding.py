"""The delinquency payment every order for support states (750 ILCS 28/20(a)(2))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from counsel.rules.errors import RuleInputError
from counsel.rules.money import CENT, fmt_money
from counsel.rules.params import int_parameter


@dataclass(frozen=True)
class DelinquencyPayment:
    """The monthly amount payable on a delinquency that accrues after the order is entered."""

    amount: Decimal
    """The statutory minimum, in cents, never below it."""
    percent: int
    """The minimum percentage in force on the order date."""
    base: Decimal
    """Current support plus the periodic payment on any arrearage stated in the order."""
    citations: tuple[str, ...]
    explanation: str


def delinquency_payment(
    current_monthly: Decimal, arrearage_monthly: Decimal | None, on: dt.date
) -> DelinquencyPayment:
    """The least amount 750 ILCS 28/20(a)(2) allows: a percentage of current support plus the
    periodic arrearage payment stated in the order.

    The statute says "not less than", so the amount is rounded UP to the cent: rounding half-up
    could state an amount a fraction of a cent below the minimum.
    """
    arrearage = arrearage_monthly if arrearage_monthly is not None else Decimal("0")
    for field, value in (("current support", current_monthly), ("arrearage payment", arrearage)):
        if value < 0:
            raise RuleInputError(field, "must not be negative")
    percent, citation = int_parameter("withholding.delinquency_min_percent", on)
    base = current_monthly + arrearage
    amount = (base * percent / 100).quantize(CENT, rounding=ROUND_CEILING)
    return DelinquencyPayment(
        amount=amount,
        percent=percent,
        base=base,
        citations=(citation,),
        explanation=(
            f"Until any delinquency that accrues after entry of the order is paid in full, the "
            f"obligor pays ${fmt_money(amount)} a month: {percent}% of ${fmt_money(base)} "
            f"(current support plus the periodic payment on the arrearage), the least the "
            f"statute allows ({citation}); amounts are rounded up to the cent so the figure is "
            f"never below the minimum."
        ),
    )
