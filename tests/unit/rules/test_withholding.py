"""750 ILCS 28/20(a)(2): the delinquency amount is "not less than 20% of the total of the
current support amount and the amount to be paid periodically for payment of any arrearage"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counsel.law import get_store
from counsel.rules.errors import RuleInputError
from counsel.rules.withholding import delinquency_payment

ON = dt.date(2026, 11, 23)


def test_twenty_percent_of_current_plus_arrearage_payment() -> None:
    result = delinquency_payment(Decimal("412.50"), Decimal("82.50"), ON)
    assert result.amount == Decimal("99.00")
    assert result.base == Decimal("495.00")
    assert result.percent == 20
    assert result.citations == ("750 ILCS 28/20(a)(2)",)
    assert "$99.00" in result.explanation


def test_no_arrearage_payment_means_current_support_only() -> None:
    assert delinquency_payment(Decimal("350.00"), None, ON).amount == Decimal("70.00")


def test_fraction_of_a_cent_rounds_up_never_below_the_minimum() -> None:
    # 20% of $0.01 is $0.002: half-up would state $0.00, below the statutory minimum.
    assert delinquency_payment(Decimal("0.01"), None, ON).amount == Decimal("0.01")
    # 20% of $333.33 is $66.666.
    assert delinquency_payment(Decimal("333.33"), None, ON).amount == Decimal("66.67")


def test_percentage_comes_from_the_store() -> None:
    param = get_store().parameter("withholding.delinquency_min_percent", on=ON)
    assert param.value == 20
    assert get_store().cite(param.citation, on=ON)


def test_negative_amount_is_refused_naming_the_field() -> None:
    with pytest.raises(RuleInputError, match="arrearage payment"):
        delinquency_payment(Decimal("100"), Decimal("-1"), ON)


@given(
    st.decimals(min_value=0, max_value=100_000, places=2),
    st.decimals(min_value=0, max_value=100_000, places=2),
)
def test_never_below_twenty_percent_and_within_a_cent(current: Decimal, arrears: Decimal) -> None:
    amount = delinquency_payment(current, arrears, ON).amount
    exact = (current + arrears) * Decimal("0.2")
    assert exact <= amount < exact + Decimal("0.01")
