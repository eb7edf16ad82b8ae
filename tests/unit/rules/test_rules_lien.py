"""Lien eligibility: thresholds at, below and above; exempt accounts; who is notified."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.rules.errors import RuleInputError
from counsel.rules.lien import lien_eligibility

ON = dt.date(2026, 6, 1)
M = Decimal


@pytest.mark.parametrize(
    ("past_due", "eligible"), [("999.99", False), ("1000.00", True), ("1000.01", True)]
)
@pytest.mark.parametrize("target", ["account", "lump-sum"])
def test_account_and_lump_sum_need_1000_past_due(
    target: str, past_due: str, eligible: bool
) -> None:
    e = lien_eligibility(target, M(past_due), M("5000"), "checking", ON)
    assert e.eligible is eligible
    assert e.threshold == M("1000")


@pytest.mark.parametrize(
    ("balance", "eligible"), [("299.99", False), ("300.00", True), ("300.01", True)]
)
def test_account_needs_300_in_it(balance: str, eligible: bool) -> None:
    e = lien_eligibility("account", M("2000"), M(balance), "savings", ON)
    assert e.eligible is eligible
    assert e.balance_minimum == M("300")
    assert ("below" in e.reasons[-1]) is not eligible


@pytest.mark.parametrize(
    ("past_due", "eligible"), [("9999.99", False), ("10000.00", True), ("10000.01", True)]
)
def test_real_estate_needs_10000_under_the_regulation(past_due: str, eligible: bool) -> None:
    e = lien_eligibility("real-estate", M(past_due), None, None, ON)
    assert e.eligible is eligible
    assert e.threshold == M("10000")


def test_real_estate_between_the_irg_and_the_regulation_is_not_eligible() -> None:
    e = lien_eligibility("real-estate", M("3500.00"), None, None, ON)
    assert e.eligible is False
    assert "3,500.00" in e.explanation and "regulation" in e.explanation
    assert any(c.startswith("89 Ill. Adm. Code 160.70") for c in e.citations)


@pytest.mark.parametrize(
    ("account_type", "words"),
    [("ira", "IRA"), ("erisa", "ERISA"), ("hsa", "health savings"), ("loan", "loan")],
)
def test_exempt_accounts_are_refused_with_the_reason(account_type: str, words: str) -> None:
    e = lien_eligibility("account", M("50000"), M("50000"), account_type, ON)
    assert e.eligible is False
    assert any(words in r and "exempt" in r for r in e.reasons)


@pytest.mark.parametrize("account_type", ["checking", "savings", "other"])
def test_non_exempt_accounts(account_type: str) -> None:
    assert lien_eligibility("account", M("1000"), M("300"), account_type, ON).eligible


def test_who_is_notified() -> None:
    account = lien_eligibility("account", M("1000"), M("300"), "checking", ON)
    assert account.notify == ("holder", "obligor", "joint-owners")
    lump = lien_eligibility("lump-sum", M("1000"), None, None, ON)
    assert lump.notify == ("holder", "obligor")
    land = lien_eligibility("real-estate", M("10000"), None, None, ON)
    assert land.notify == ("obligor", "recorder")


@pytest.mark.parametrize(
    ("target", "past_due", "balance", "account_type"),
    [
        ("account", "50000", "50000", "ira"),  # exempt
        ("account", "999.99", "50000", "checking"),  # too little owed
        ("account", "5000", "299.99", "savings"),  # too small a balance
        ("lump-sum", "999.99", None, None),
        ("real-estate", "9999.99", None, None),
    ],
)
def test_a_refused_lien_notifies_no_one(
    target: str, past_due: str, balance: str | None, account_type: str | None
) -> None:
    e = lien_eligibility(target, M(past_due), M(balance) if balance else None, account_type, ON)
    assert e.eligible is False and e.notify == ()


def test_current_support_is_said_to_be_excluded() -> None:
    e = lien_eligibility("lump-sum", M("1000"), None, None, ON)
    assert "excludes current support" in e.explanation


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("boat", M("1"), None, None), "target"),
        (("lump-sum", M("-1"), None, None), "past_due"),
        (("account", M("1000"), None, "checking"), "balance"),
        (("account", M("1000"), M("-1"), "checking"), "balance"),
        (("account", M("1000"), M("300"), None), "account_type"),
        (("account", M("1000"), M("300"), "crypto"), "account_type"),
    ],
)
def test_bad_input_names_the_field(args: tuple[Any, Any, Any, Any], field: str) -> None:
    target, past_due, balance, account_type = args
    with pytest.raises(RuleInputError) as info:
        lien_eligibility(target, past_due, balance, account_type, ON)
    assert info.value.field == field


@settings(max_examples=100, deadline=None)
@given(
    target=st.sampled_from(["account", "lump-sum", "real-estate"]),
    low=st.decimals(M("0"), M("20000"), places=2),
    extra=st.decimals(M("0"), M("20000"), places=2),
    balance=st.decimals(M("0"), M("1000"), places=2),
)
def test_more_past_due_never_makes_a_lien_ineligible(
    target: str, low: Decimal, extra: Decimal, balance: Decimal
) -> None:
    a = lien_eligibility(target, low, balance, "checking", ON)
    b = lien_eligibility(target, low + extra, balance, "checking", ON)
    assert a.eligible <= b.eligible
    assert a.eligible == (low >= a.threshold and (target != "account" or balance >= M("300")))
