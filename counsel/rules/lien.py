"""Notice-of-lien eligibility (89 Ill. Adm. Code 160.70; IRG 9, Q11-37; LEGAL.md Interview 4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from counsel.rules.errors import RuleInputError
from counsel.rules.money import fmt_money
from counsel.rules.params import money_parameter

TARGETS = ("account", "lump-sum", "real-estate")
ACCOUNT_TYPES = ("checking", "savings", "ira", "erisa", "hsa", "loan", "other")
EXEMPT = {
    "ira": "an IRA account",
    "erisa": "an ERISA account",
    "hsa": "a health savings account",
    "loan": "a loan",
}
"""Account types exempt from a financial-institution lien (IRG 9, Q15)."""

REGULATION = "89 Ill. Adm. Code 160.70"

# Who receives the notice, by role (the interview turns roles into people):
# account: the financial institution holding it, the obligor, and each joint owner of the
#   account, who may show the funds are theirs (IRG 9, Q21, Q25);
# lump sum: the payor holding it and the obligor (IRG 9, Q21);
# real estate: the obligor and the Recorder or Registrar of Titles, with whom the notice
#   is recorded or filed (160.70(g)(1)(B)).
NOTIFY = {
    "account": ("holder", "obligor", "joint-owners"),
    "lump-sum": ("holder", "obligor"),
    "real-estate": ("obligor", "recorder"),
}


@dataclass(frozen=True)
class LienEligibility:
    """Whether a lien may be imposed on a target, against which threshold, and why."""

    eligible: bool
    threshold: Decimal
    """The past-due minimum that applies to the target."""
    reasons: tuple[str, ...]
    """One sentence per test applied, passing or failing, in order."""
    notify: tuple[str, ...]
    """Roles the notice goes to: holder, obligor, joint-owners, recorder."""
    citations: tuple[str, ...]
    explanation: str
    balance_minimum: Decimal | None = None
    """The account minimum, for account targets."""


def lien_eligibility(
    target: str,
    past_due: Decimal,
    balance: Decimal | None,
    account_type: str | None,
    on: dt.date,
) -> LienEligibility:
    """Whether past-due support of `past_due` supports a lien on `target` on date `on`.

    - account or lump sum: past-due support (current support excluded, IRG 9, Q11) at
      least `lien.account.past_due_min` / `lien.lump_sum.past_due_min`; an account must
      also hold at least `lien.account.balance_min` (IRG 9, Q17) and not be exempt (Q15).
    - real estate: past-due support "at least $10,000" (160.70(g)(1)(A)(i)); the IRG's
      $3,500 (Q36-37) is recorded in the store but the regulation governs.
    "At least" makes an amount exactly at a threshold eligible.
    """
    if target not in TARGETS:
        raise RuleInputError("target", f"use one of: {', '.join(TARGETS)}")
    if past_due < 0:
        raise RuleInputError("past_due", "past-due support cannot be negative")
    reasons: list[str] = []
    citations: list[str] = []
    ok = True
    balance_min: Decimal | None = None

    if target == "real-estate":
        threshold, cite = money_parameter("lien.real_estate.past_due_min", on)
        irg, irg_cite = money_parameter("lien.real_estate.past_due_min_irg", on)
        # (g)(1)(B): the notice's contents and who receives it.
        citations += [cite, "89 Ill. Adm. Code 160.70(g)(1)(B)", irg_cite]
        what = "real estate"
    else:
        name = "lien.account.past_due_min" if target == "account" else "lien.lump_sum.past_due_min"
        threshold, cite = money_parameter(name, on)
        citations.append(cite)
        what = "a financial-institution account" if target == "account" else "a lump sum"

    if past_due >= threshold:
        reasons.append(
            f"Past-due support of ${fmt_money(past_due)} is at least the ${fmt_money(threshold)} "
            f"required for a lien on {what}."
        )
    else:
        ok = False
        reasons.append(
            f"Past-due support of ${fmt_money(past_due)} is below the ${fmt_money(threshold)} "
            f"required for a lien on {what}."
        )

    if target == "account":
        if account_type is None:
            raise RuleInputError(
                "account_type", f"give the account type: {', '.join(ACCOUNT_TYPES)}"
            )
        if account_type not in ACCOUNT_TYPES:
            raise RuleInputError("account_type", f"use one of: {', '.join(ACCOUNT_TYPES)}")
        if balance is None:
            raise RuleInputError("balance", "give the account balance for an account lien")
        if balance < 0:
            raise RuleInputError("balance", "an account balance cannot be negative")
        if account_type in EXEMPT:
            ok = False
            reasons.append(
                f"The account is {EXEMPT[account_type]}, which is exempt from a "
                "financial-institution lien (IRG 9, Q15)."
            )
        balance_min, bcite = money_parameter("lien.account.balance_min", on)
        citations.append(bcite)
        if balance >= balance_min:
            reasons.append(
                f"The account balance of ${fmt_money(balance)} is at least the "
                f"${fmt_money(balance_min)} minimum (IRG 9, Q17)."
            )
        else:
            ok = False
            reasons.append(
                f"The account balance of ${fmt_money(balance)} is below the "
                f"${fmt_money(balance_min)} minimum (IRG 9, Q17)."
            )

    citations.insert(0, REGULATION)
    if target == "real-estate":
        note = (
            f" The IRG reports ${fmt_money(irg)} for real estate (IRG 9, Q36-37); the "
            f"regulation's ${fmt_money(threshold)} (160.70(g)(1)(A)) is used. The debtor must "
            "also have an interest in the real estate, and the notice must give its legal "
            "description (160.70(g)(1)(B))."
        )
    else:
        note = " Past-due support excludes current support due (IRG 9, Q11)."
    verdict = "A lien may be imposed" if ok else "No lien may be imposed"
    return LienEligibility(
        eligible=ok,
        threshold=threshold,
        reasons=tuple(reasons),
        notify=NOTIFY[target],
        citations=tuple(dict.fromkeys(citations)),
        explanation=f"{verdict}: {' '.join(reasons)}{note}",
        balance_minimum=balance_min,
    )
