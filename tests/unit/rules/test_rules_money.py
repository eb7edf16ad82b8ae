"""parse_money: dollar strings and TOML numbers to Decimal cents, with fixes for bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from counsel.rules.money import cents, fmt_money, parse_money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        ("1234", "1234.00"),
        ("  $ 1,000 ", "1000.00"),
        ("0", "0.00"),
        (".5", "0.50"),
        ("12.", "12.00"),
        ("1,234,567.89", "1234567.89"),
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
        ("1.234", "two decimal places"),
        (1.234, "two decimal places"),
        ("1,234.567", "two decimal places"),
        ("-5", "negative"),
        ("-$5.00", "negative"),
        ("abc", "not an amount"),
        ("", "give an amount"),
        ("$", "give an amount"),
        ("1,23,4", "not an amount"),
        ("12,34", "not an amount"),
        ("1e3", "not an amount"),
        ("NaN", "not an amount"),
        (float("inf"), "give an amount"),
        (True, "give an amount"),
        ("5 dollars", "not an amount"),
    ],
)
def test_rejected_amounts_name_the_field_and_the_fix(raw: object, fix: str) -> None:
    with pytest.raises(ValueError, match=fix) as info:
        parse_money(raw, field="past_due")  # type: ignore[arg-type]
    message = str(info.value)
    assert message.startswith("past_due: ")
    if isinstance(raw, str) and raw.strip("$ "):
        assert raw not in message  # never echo the value


def test_negative_when_allowed() -> None:
    assert parse_money("-$1,000.25", allow_negative=True) == Decimal("-1000.25")
    assert parse_money("-0", allow_negative=False) == Decimal("0.00")


def test_cents_rounds_half_up() -> None:
    assert cents(Decimal("0.125")) == Decimal("0.13")
    assert cents(Decimal("0.135")) == Decimal("0.14")
    assert cents(Decimal("-0.125")) == Decimal("-0.13")
    assert fmt_money(Decimal("1234567.005")) == "1,234,567.01"
