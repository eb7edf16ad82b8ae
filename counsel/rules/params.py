"""Versioned parameters (thresholds, periods, ages) read from the statute store."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counsel.law import Parameter


def parameter(name: str, on: dt.date) -> Parameter:
    """The parameter `name` in force on `on` (the store is imported lazily: it loads data)."""
    from counsel.law import get_store

    return get_store().parameter(name, on=on)


def int_parameter(name: str, on: dt.date) -> tuple[int, str]:
    """A whole-number parameter (days, years, ages) and its citation."""
    p = parameter(name, on)
    value = p.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"parameter {name} is not a number")
    if isinstance(value, Decimal) and value != value.to_integral_value():
        raise TypeError(f"parameter {name} is not a whole number")
    return int(value), p.citation


def money_parameter(name: str, on: dt.date) -> tuple[Decimal, str]:
    """A money parameter (a threshold in dollars) as Decimal, and its citation."""
    p = parameter(name, on)
    value = p.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"parameter {name} is not an amount")
    return Decimal(value), p.citation
