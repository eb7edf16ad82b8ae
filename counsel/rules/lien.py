"""Notice-of-lien eligibility (89 Ill. Adm. Code 160.70; IRG 9, Q11-37; LEGAL.md Interview 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from counsel.rules.calendar import Deadline
from counsel.rules.errors import RuleInputError
from counsel.rules.findings import Finding
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


INTEREST = "305 ILCS 5/10-25(a)"
"""The State's lien attaches to "all legal and equitable interests of responsible relatives
in their real property": no interest, no lien."""
ACCOUNT_EXEMPTION = "IRG 9, Q15"
BALANCE_SOURCE = "IRG 9, Q17"


@dataclass(frozen=True)
class LienTest:
    """One test the law puts to a lien, with its verdict."""

    input: str
    """The rule input it reads: "past_due", "balance", "account_type" or "interest"."""
    passed: bool
    reason: str
    """The test in a sentence, amounts included (for the finding)."""
    refusal: str
    """Why no lien may be imposed, naming the threshold and the source but never an amount
    from the case (for reports that must not echo the answers); "" when it passed."""
    citations: tuple[str, ...]


@dataclass(frozen=True)
class LienEligibility:
    """Whether a lien may be imposed on a target, against which threshold, and why."""

    eligible: bool
    threshold: Decimal
    """The past-due minimum that applies to the target."""
    reasons: tuple[str, ...]
    """One sentence per test applied, passing or failing, in order."""
    notify: tuple[str, ...]
    """Roles the notice goes to: holder, obligor, joint-owners, recorder; none when the lien
    may not be imposed (no notice is sent)."""
    citations: tuple[str, ...]
    explanation: str
    balance_minimum: Decimal | None = None
    """The account minimum, for account targets."""
    tests: tuple[LienTest, ...] = ()
    """The tests applied, in the order of `reasons`."""


def lien_eligibility(
    target: str,
    past_due: Decimal,
    balance: Decimal | None,
    account_type: str | None,
    on: dt.date,
    *,
    interest: bool | None = None,
) -> LienEligibility:
    """Whether past-due support of `past_due` supports a lien on `target` on date `on`.

    - account or lump sum: past-due support (current support excluded, IRG 9, Q11) at
      least `lien.account.past_due_min` / `lien.lump_sum.past_due_min`; an account must
      also hold at least `lien.account.balance_min` (IRG 9, Q17) and not be exempt (Q15).
    - real estate: past-due support "at least $10,000" (160.70(g)(1)(A)(i)); the IRG's
      $3,500 (Q36-37) is recorded in the store but the regulation governs. `interest`:
      does the obligor hold an interest in it (10-25(a)); False refuses the lien, None
      leaves it to the explanation's reminder (`counsel calc` does not ask).
    "At least" makes an amount exactly at a threshold eligible.
    """
    if target not in TARGETS:
        raise RuleInputError("target", f"use one of: {', '.join(TARGETS)}")
    if past_due < 0:
        raise RuleInputError("past_due", "past-due support cannot be negative")
    tests: list[LienTest] = []
    citations: list[str] = []
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

    article = "" if target == "real-estate" else "an " if target == "account" else "a "
    short = {"account": "account", "lump-sum": "lump sum", "real-estate": "real estate"}[target]
    if past_due >= threshold:
        tests.append(
            LienTest(
                "past_due",
                True,
                f"Past-due support of ${fmt_money(past_due)} is at least the "
                f"${fmt_money(threshold)} required for a lien on {what}.",
                "",
                (cite,),
            )
        )
    else:
        tests.append(
            LienTest(
                "past_due",
                False,
                f"Past-due support of ${fmt_money(past_due)} is below the "
                f"${fmt_money(threshold)} required for a lien on {what}.",
                f"below the ${fmt_money(threshold)} of past-due support required for a lien "
                f"on {article}{short} ({REGULATION}; IRG 9, Q11); no lien may be imposed",
                (cite,),
            )
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
            tests.append(
                LienTest(
                    "account_type",
                    False,
                    f"The account is {EXEMPT[account_type]}, which is exempt from a "
                    "financial-institution lien (IRG 9, Q15).",
                    "is exempt from a financial-institution lien (IRAs, ERISA plans, health "
                    "savings accounts and loans: IRG 9, Q15); no lien may be imposed",
                    (REGULATION,),
                )
            )
        balance_min, bcite = money_parameter("lien.account.balance_min", on)
        citations.append(bcite)
        held = balance >= balance_min
        tests.append(
            LienTest(
                "balance",
                held,
                f"The account balance of ${fmt_money(balance)} is "
                + ("at least the" if held else "below the")
                + f" ${fmt_money(balance_min)} minimum (IRG 9, Q17).",
                ""
                if held
                else f"below the ${fmt_money(balance_min)} an account must hold for a lien "
                "(IRG 9, Q17); no lien may be imposed",
                (bcite,),
            )
        )

    if target == "real-estate" and interest is not None:
        tests.append(
            LienTest(
                "interest",
                interest,
                "The obligor holds an interest in the real estate, to which the lien attaches "
                f"({INTEREST})."
                if interest
                else "The obligor holds no interest in the real estate, so no lien attaches "
                f"({INTEREST}).",
                ""
                if interest
                else f"the obligor holds no interest in the real estate, so no lien attaches "
                f"({INTEREST})",
                (INTEREST,),
            )
        )
        citations.append(INTEREST)

    ok = all(t.passed for t in tests)
    reasons = [t.reason for t in tests]
    citations.insert(0, REGULATION)
    if target == "real-estate":
        note = (
            f" The IRG reports ${fmt_money(irg)} for real estate (IRG 9, Q36-37); the "
            f"regulation's ${fmt_money(threshold)} (160.70(g)(1)(A)) is used."
        )
        if interest is None:
            note += (
                " The debtor must also have an interest in the real estate, and the notice "
                "must give its legal description (160.70(g)(1)(B))."
            )
        else:
            note += " The notice must give its legal description (160.70(g)(1)(B))."
    else:
        note = " Past-due support excludes current support due (IRG 9, Q11)."
    verdict = "A lien may be imposed" if ok else "No lien may be imposed"
    return LienEligibility(
        eligible=ok,
        threshold=threshold,
        reasons=tuple(reasons),
        # A refused lien sends no notice, so it names no one to send it to.
        notify=NOTIFY[target] if ok else (),
        citations=tuple(dict.fromkeys(citations)),
        explanation=f"{verdict}: {' '.join(reasons)}{note}",
        balance_minimum=balance_min,
        tests=tuple(tests),
    )


def recipients(target: str, joint_owners: int) -> tuple[str, ...]:
    """Who receives the notice, as people: the roles of NOTIFY with "joint-owners" spelled
    out as "joint owner 1", "joint owner 2", ...

    LEGAL.md Interview 4: the notice goes to the holder and to the obligor and every joint
    owner (IRG 9, Q21); a joint owner of real estate is told too, as the lien reaches only
    the obligor's interest (305 ILCS 5/10-25(a)).
    """
    owners = tuple(f"joint owner {n}" for n in range(1, joint_owners + 1))
    roles: list[str] = []
    for role in NOTIFY[target]:
        roles.extend(owners if role == "joint-owners" else (role,))
    if target == "real-estate":
        roles.extend(owners)
    return tuple(roles)


def notice_deadlines(
    eligibility: LienEligibility | None,
    target: str,
    mailed: dt.date | None,
    closures: Mapping[dt.date, str] | None = None,
) -> tuple[Deadline, Finding | None] | None:
    """(last day to request a hearing, financial-institution lien expiry or None).

    Only for a lien that may be imposed: a refused lien (an IRA account, too little owed)
    sends no notice, so no one has a hearing to request. None until eligibility and the
    mailing date are known. The expiry (120 days, IRG 9, Q22) is for account liens only.
    """
    if eligibility is None or not eligibility.eligible or mailed is None:
        return None
    from counsel.rules.deadlines import fi_lien_expiry, lien_hearing_deadline

    hearing = lien_hearing_deadline(mailed, closures, target=target)
    return hearing, (fi_lien_expiry(mailed) if target == "account" else None)
