"""Money in and out: the one parser of dollar amounts (to Decimal cents) and half-up rounding."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from counsel.rules.errors import RuleInputError

CENT = Decimal("0.01")

# ASCII digits only (`\d` would take Arabic-Indic or full-width digits, which Decimal reads):
# whole dollars with optional thousands separators in groups of three (a first group that
# starts with 0 is no thousands group), then a point and one or two digits of cents; or
# cents alone after the point (".50", as "$.50" is written).
_AMOUNT = re.compile(r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?|\.[0-9]{1,2}")
_LETTER = re.compile(r"[^\W\d_]")

EXAMPLE = "like 1234.50 or $1,234.50"
NOT_AN_AMOUNT = f"not an amount; write dollars and cents {EXAMPLE}"
EMPTY = "give an amount in dollars, like 1234.50"
NEGATIVE = "must not be negative; give the amount without a minus sign"
TOO_MANY_DECIMALS = "more than two decimal places; give whole cents, like 1234.50"
TRAILING_POINT = (
    "not an amount: it ends with a decimal point; give the cents after it (1234.00) or leave "
    "the point out (1234)"
)
LETTER = (
    "not an amount: it holds a letter; write digits only, with an optional $, commas and "
    "one decimal point (a letter O or l typed for 0 or 1 would change the amount)"
)
COMMA = (
    "not an amount: a comma only separates thousands (1,234.50); write the cents after a "
    "point (12.50)"
)
MAX_AMOUNT = Decimal("999999999.99")
"""The largest amount read. No support case owes a billion dollars: more is a slip of the
keys, and a bound keeps every sum and rate in the rules inside Decimal's precision."""
TOO_LARGE = f"more than {MAX_AMOUNT:,}; check the digits"


def cents(amount: Decimal) -> Decimal:
    """Round half-up to cents: the one rounding the rules use (LEGAL.md "Money")."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(amount: Decimal) -> str:
    """`1,234.50`: cents, thousands separators, no dollar sign."""
    return f"{cents(amount):,.2f}"


def _text_of(value: object) -> str | None:
    """The written form of an answer: strings as typed, TOML numbers by their digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back: 0.1, not 0.1000000000000000055
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return value
    return None


def money_problem(text: str) -> str:
    """Why `text` (already stripped of sign and $) is not an amount: the most specific fix."""
    if not text:
        return NOT_AN_AMOUNT
    if re.fullmatch(r"[0-9,]*\.[0-9]{3,}", text):
        return TOO_MANY_DECIMALS
    if re.fullmatch(r"[0-9,]*[0-9]\.", text):
        return TRAILING_POINT
    if _LETTER.search(text):
        return LETTER
    if "," in text and re.fullmatch(r"[0-9.,]+", text):
        return COMMA
    return NOT_AN_AMOUNT


def parse_money(value: object, *, field: str = "amount", allow_negative: bool = False) -> Decimal:
    """A dollar amount as Decimal cents: "$1,234.50" -> Decimal("1234.50").

    The one reading of an amount for the interviews, `counsel calc`, batch cells and the
    terminal's money field. Accepted: digits with an optional leading "$", thousands
    separators in groups of three, and a point followed by one or two digits of cents
    (".50" is fifty cents, "1234.5" is $1,234.50). Refused, each with its own fix: a trailing
    point ("1234." may be an amount whose cents were never typed), more than two decimals,
    a comma that is not a thousands separator ("12,50"), any letter ("1o45.00" is not
    1045.00 or 145.00), a minus sign unless `allow_negative`. TOML numbers (int, float,
    Decimal) are read by the same rule from their digits, a float by its shortest form.
    Amounts above MAX_AMOUNT ($999,999,999.99) are refused as a slip of the keys.

    Raises RuleInputError (a ValueError): `.field` is `field`, `.message` the problem and
    the fix; neither ever repeats the value.
    """
    text = _text_of(value)
    if text is None:
        raise RuleInputError(field, NOT_AN_AMOUNT)
    text = text.strip()
    if not text:
        raise RuleInputError(field, EMPTY)
    negative = dollar = False
    while text[:1] in ("-", "$") and text:
        if text[0] == "-":
            if negative:
                break
            negative = True
        else:
            if dollar:
                break
            dollar = True
        text = text[1:].lstrip()
    if negative and not allow_negative:
        raise RuleInputError(field, NEGATIVE)
    if not _AMOUNT.fullmatch(text):
        raise RuleInputError(field, money_problem(text))
    amount = Decimal(text.replace(",", ""))
    if amount > MAX_AMOUNT:
        raise RuleInputError(field, TOO_LARGE)
    amount = amount.quantize(CENT)
    return -amount if negative and amount else amount
