"""Money in and out: strict parsing of dollar amounts to Decimal, half-up rounding to cents."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# Digits with optional thousands separators in groups of three, then up to two decimals.
_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{0,2})?|\.\d{1,2}")


def cents(amount: Decimal) -> Decimal:
    """Round half-up to cents: the one rounding the rules use (LEGAL.md "Money")."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(amount: Decimal) -> str:
    """`1,234.50`: cents, thousands separators, no dollar sign."""
    return f"{cents(amount):,.2f}"


def parse_money(
    value: str | int | float | Decimal,
    *,
    field: str = "amount",
    allow_negative: bool = False,
) -> Decimal:
    """A dollar amount as Decimal cents: "$1,234.50" -> Decimal("1234.50").

    Accepts a leading "$", thousands separators in groups of three, and at most two
    decimals; TOML numbers (int, float, Decimal) are accepted under the same rule, a float
    by its shortest representation. Raises ValueError naming `field` and the fix, never
    echoing the value.
    """
    if isinstance(value, bool):
        raise ValueError(f"{field}: give an amount in dollars, like 1234.50")
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "n" in text:  # 1e+20, inf, nan
            raise ValueError(f"{field}: give an amount in dollars, like 1234.50")
    elif isinstance(value, int | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise ValueError(f"{field}: give an amount in dollars, like 1234.50")
    text = text.strip()
    negative = False
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    if text.startswith("$"):
        text = text[1:].strip()
    if not text:
        raise ValueError(f"{field}: give an amount in dollars, like 1234.50")
    if not _AMOUNT.fullmatch(text):
        if re.fullmatch(r"[\d,]*\.\d{3,}", text):
            raise ValueError(f"{field}: use at most two decimal places (whole cents), like 1234.50")
        raise ValueError(
            f"{field}: not an amount; write digits with an optional $ and commas, like $1,234.50"
        )
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(f"{field}: not an amount; write it like 1234.50") from None
    if negative and amount != 0:
        if not allow_negative:
            raise ValueError(f"{field}: must not be negative; give the amount without a minus sign")
        amount = -amount
    try:
        return amount.quantize(CENT)
    except InvalidOperation:  # more digits than the decimal context holds (10**26 and up)
        raise ValueError(f"{field}: the amount is too large; check the digits") from None
