"""parse_money: dollar strings and TOML numbers to Decimal cents, with fixes for bad input."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from counsel.rules.errors import RuleInputError
from counsel.rules.money import cents, fmt_money, parse_money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        ("1234", "1234.00"),
        ("  $ 1,000 ", "1000.00"),
        ("0", "0.00"),
        # ".50" is how fifty cents is written ("$.50"): unambiguous, accepted.
        (".5", "0.50"),
        (".50", "0.50"),
        ("$.50", "0.50"),
        ("1,234,567.89", "1234567.89"),
        ("999,999,999.99", "999999999.99"),
        ("007", "7.00"),
        (1000, "1000.00"),
        (999.99, "999.99"),
        (Decimal("300.1"), "300.10"),
    ],
)
def test_accepted_amounts(raw: str | int | float | Decimal, expected: str) -> None:
    value = parse_money(raw)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("raw", "fix"),
    [
        ("1.234", "more than two decimal places"),
        (1.234, "more than two decimal places"),
        ("1,234.567", "more than two decimal places"),
        # "1234." may be an amount whose cents were never typed: refused, with both fixes.
        ("4210.", "ends with a decimal point; give the cents after it (1234.00) or leave"),
        ("$4,210.", "ends with a decimal point"),
        (".", "not an amount"),
        ("-5", "must not be negative"),
        ("-$5.00", "must not be negative"),
        ("$-5.00", "must not be negative"),
        ("-0", "must not be negative"),
        # A letter typed for a digit is never read around: 1o45.00 is neither 1045 nor 145.
        ("1o45.00", "holds a letter"),
        ("l,000", "holds a letter"),
        ("1e3", "holds a letter"),
        ("5 dollars", "holds a letter"),
        ("abc", "holds a letter"),
        ("NaN", "holds a letter"),
        ("", "give an amount"),
        ("   ", "give an amount"),
        ("$", "not an amount"),
        ("1,23,4", "a comma only separates thousands"),
        ("12,34", "a comma only separates thousands"),
        ("12,50", "a comma only separates thousands"),
        ("0,500", "a comma only separates thousands"),
        ("1 234", "not an amount"),
        ("+5", "not an amount"),
        ("1.2.3", "not an amount"),
        ("\u0661\u0662\u0663", "not an amount"),  # Arabic-Indic digits: Decimal reads them
        ("\uff11\uff12", "not an amount"),  # full-width digits
        ("9" * 40, "more than 999,999,999.99; check the digits"),
        ("1,000,000,000", "more than 999,999,999.99"),
        ("999999999.999", "more than two decimal places"),
        (float("inf"), "not an amount"),
        (float("nan"), "not an amount"),
        (True, "not an amount"),
        (None, "not an amount"),
    ],
)
def test_rejected_amounts_name_the_field_and_the_fix(raw: object, fix: str) -> None:
    with pytest.raises(RuleInputError, match=re.escape(fix)) as info:
        parse_money(raw, field="past_due")
    assert info.value.field == "past_due"
    assert str(info.value).startswith("past_due: ")
    assert isinstance(info.value, ValueError)  # the contract: a ValueError, never InvalidOperation
    message = str(info.value)
    if isinstance(raw, str) and len(raw.strip("$ ")) >= 3:
        assert raw not in message  # never echo the value


def test_negative_when_allowed() -> None:
    assert parse_money("-$1,000.25", allow_negative=True) == Decimal("-1000.25")
    assert parse_money("$-1,000.25", allow_negative=True) == Decimal("-1000.25")
    assert parse_money("-0", allow_negative=True) == Decimal("0.00")
    with pytest.raises(RuleInputError, match="not an amount"):
        parse_money("--5", allow_negative=True)


def test_cents_rounds_half_up() -> None:
    assert cents(Decimal("0.125")) == Decimal("0.13")
    assert cents(Decimal("0.135")) == Decimal("0.14")
    assert cents(Decimal("-0.125")) == Decimal("-0.13")
    assert fmt_money(Decimal("1234567.005")) == "1,234,567.01"
