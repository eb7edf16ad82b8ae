"""Findings derived fresh from typed answers, each answer mapped to an input of counsel.rules."""

# No legal decision is made here: every test, threshold and citation is a rule's. An answer
# not given reaches a rule as None, and a rule states nothing its inputs do not yet decide.

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from counsel.rules.calendar import Deadline
from counsel.rules.findings import Finding
from counsel.rules.money import cents, fmt_money

if TYPE_CHECKING:
    from counsel.interviewer.model import Interview
    from counsel.office import Office
    from counsel.rules.lien import LienEligibility

Answers = Mapping[str, Any]
Out = dict[str, Finding]

TRACK_CRITERIA = (
    "court_order",
    "other_family_order",
    "domestic_violence",
    "iv_e_referral",
    "contentious_law",
    "parent_conflict",
    "older_child",
    "judicial_necessary",
)
"""Answer ids of the eight criteria; the rules' ids are the same words with hyphens."""


FINDING_NAMES: dict[str, tuple[str, ...]] = {
    "track": ("recommended_track", "track", "older_child", "termination_dates"),
    "prior-period": (
        "prior_period_total",
        "prior_period_segments",
        "prior_period_factors",
        "delinquency_payment",
        "petition_deadline",
        "relief_deadline",
        "termination_dates",
    ),
    "registration": (
        "registration_contest_deadline",
        "service_method",
        "obligee_address_sealed",
        "filing_checklist",
        "termination_dates",
    ),
    "lien": (
        "lien_eligibility",
        "lien_threshold",
        "lien_notify",
        "lien_hearing_deadline",
        "fi_lien_expiry",
    ),
    "job-program": (
        "job_program_order",
        "past_due_requirement",
        "reasonable_modification",
        "termination_dates",
    ),
}
"""Every finding each interview can produce (some only when the answers call for them)."""


def _deadline_finding(name: str, deadline: Deadline, what: str) -> Finding:
    # The rules' explanation already names 1.11 and every day it skipped.
    return Finding(
        name=name,
        value=deadline.date,
        citations=deadline.citations,
        explanation=f"{what}: {deadline.explanation}",
    )


def _put(out: Out, finding: Finding | None) -> None:
    if finding is not None:
        out[finding.name] = finding


def _bool(a: Answers, key: str) -> bool | None:
    """A yes/no answer, or None when it is not given (never read as "no")."""
    value = a.get(key)
    return value if isinstance(value, bool) else None


def _date(a: Answers, key: str) -> dt.date | None:
    value = a.get(key)
    return value if isinstance(value, dt.date) else None


def _text(a: Answers, key: str) -> str | None:
    value = a.get(key)
    return value if isinstance(value, str) else None


def _termination(a: Answers, out: Out) -> None:
    from counsel.rules.termination import before_current_support, termination_date

    results = []
    lines = []
    citations: tuple[str, ...] = ()
    for n, child in enumerate(a.get("children") or [], start=1):
        birth = child.get("birth_date")
        if not isinstance(birth, dt.date):
            continue
        t = termination_date(birth, child.get("graduation_date"))
        results.append(t)
        citations = t.citations
        # "Child 1", not the name: findings may be printed or logged.
        lines.append(
            f"Child {n}: {t.explanation}"
            + before_current_support(t, _date(a, "current_support_start"))
        )
    if results:
        out["termination_dates"] = Finding(
            name="termination_dates",
            value=tuple(results),
            citations=citations,
            explanation=" ".join(lines),
        )


def _track(a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.track import chosen_track, decided_track, older_child

    decision = decided_track(
        {c.replace("_", "-"): _bool(a, c) for c in TRACK_CRITERIA},
        _bool(a, "parties_are_parents"),
        _bool(a, "parents_agree"),
    )
    if decision is not None:
        out["recommended_track"] = Finding(
            name="recommended_track",
            value=decision.recommended,
            citations=decision.citations,
            explanation=decision.explanation,
        )
        _put(out, chosen_track(decision, _bool(a, "track_override")))
    # Cross-check criterion 7 against the children's ages and the office's age convention.
    births = [c.get("birth_date") for c in a.get("children") or []]
    births = [b for b in births if isinstance(b, dt.date) and b <= on]
    if births:
        f = older_child(min(births), on, office.older_child_age)
        answered = a.get("older_child")
        agrees = answered is None or answered == f.value
        note = (
            ""
            if agrees
            else (" This differs from the answer given to the older-child question; check it.")
        )
        out["older_child"] = Finding(
            name="older_child",
            value=f.value,
            citations=f.citations,
            explanation=f"Oldest child: {f.explanation}{note}",
        )


def _petition(a: Answers, office: Office, out: Out) -> None:
    from counsel.rules.deadlines import administrative_order_deadlines

    found = administrative_order_deadlines(
        _text(a, "track"), _date(a, "order_mailing_date"), office.closure_dates()
    )
    if found is not None:
        petition, relief = found
        out["petition_deadline"] = _deadline_finding(
            "petition_deadline",
            petition,
            "Last day for the Department to receive a petition against the order",
        )
        out["relief_deadline"] = _deadline_finding(
            "relief_deadline", relief, "Last day to petition for relief from the order"
        )


PRIOR_PERIOD_FACTORS = (
    "factor_knowledge_of_birth",
    "factor_willingness_to_support",
    "factor_notice_of_needs",
    "factor_reason_for_delay",
    "factor_prejudice_from_delay",
)
"""Answer ids of the five 750 ILCS 46/802 factors, in counsel.rules.prior_period.FACTORS order."""


def _prior_period(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.prior_period import Segment, factors_recorded, prior_period_total

    guideline = a.get("guideline_monthly")
    segments = []
    for item in a.get("segments") or []:
        start, end = item.get("start_date"), item.get("end_date")
        monthly = item.get("monthly_amount")
        if monthly is None:
            monthly = guideline
        if isinstance(start, dt.date) and isinstance(end, dt.date) and isinstance(monthly, Decimal):
            segments.append(Segment(start=start, end=end, monthly=monthly))
    if segments and len(segments) == len(a.get("segments") or []):
        try:
            pp = prior_period_total(segments)
        except ValueError:
            pp = None  # reversed or overlapping: validation reports it on the field
        if pp is not None:
            out["prior_period_total"] = Finding(
                name="prior_period_total",
                value=pp.total,
                citations=pp.citations,
                explanation=pp.explanation,
            )
            out["prior_period_segments"] = Finding(
                name="prior_period_segments",
                value=pp.segments,
                citations=pp.citations,
                explanation=(
                    "Blank monthly amounts take the guideline amount on current net income "
                    "(rebuttable presumption, 305 ILCS 5/10-10). " + pp.explanation
                ),
            )
    if isinstance(guideline, Decimal):
        from counsel.rules.withholding import delinquency_payment

        installment = a.get("prior_period_monthly_payment")
        dp = delinquency_payment(
            guideline, installment if isinstance(installment, Decimal) else None, on
        )
        out["delinquency_payment"] = Finding(
            name="delinquency_payment",
            value=dp.amount,
            citations=dp.citations,
            explanation=dp.explanation,
        )
    _put(
        out,
        factors_recorded(_text(a, "track"), [_text(a, f) for f in PRIOR_PERIOD_FACTORS]),
    )
    _petition(a, office, out)
    _termination(a, out)


def _registration(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules import registration as rules
    from counsel.rules.deadlines import registration_contest_deadline

    served = _date(a, "service_date")
    if served is not None:
        out["registration_contest_deadline"] = _deadline_finding(
            "registration_contest_deadline",
            registration_contest_deadline(served, office.closure_dates()),
            "Last day to request a hearing contesting the registered order",
        )
    _put(
        out,
        rules.service_method(_bool(a, "admin_order_by_default"), _bool(a, "affirmative_remedy")),
    )
    _put(out, rules.obligee_address_sealed(_bool(a, "obligee_endangerment_affidavit")))
    _put(out, rules.filing_checklist(_bool(a, "certified_copy"), _bool(a, "notice_10_4_proof")))
    _termination(a, out)


_TARGETS = {"account": "account", "lump_sum": "lump-sum", "real_estate": "real-estate"}
"""Answer values of lien_target -> the rules' target ids."""


LIEN_INPUTS = {
    "past_due": "past_due_amount",
    "balance": "account_balance",
    "account_type": "account_type",
    "interest": "obligor_has_interest",
}
"""counsel.rules.lien.LienTest.input -> the answer id it reads."""


def _lien_target(a: Answers) -> str | None:
    answer = a.get("lien_target")
    return _TARGETS.get(answer) if isinstance(answer, str) else None


def _lien_eligibility(a: Answers, on: dt.date) -> LienEligibility | None:
    """The rule's verdict once the target, the amount and (for an account) the balance and
    type are given; None before."""
    from counsel.rules.lien import lien_eligibility

    target = _lien_target(a)
    past_due = a.get("past_due_amount")
    if target is None or not isinstance(past_due, Decimal):
        return None
    balance = a.get("account_balance")
    account_type = a.get("account_type")
    if target == "account" and not (isinstance(balance, Decimal) and account_type):
        return None
    return lien_eligibility(
        target,
        past_due,
        balance,
        account_type,
        on,
        interest=_bool(a, "obligor_has_interest") if target == "real-estate" else None,
    )


def lien_refusals(answers: Answers, on: dt.date) -> list[tuple[str, str]]:
    """(answer id, why) for each test a refused lien fails, in words that quote no amount
    from the answers (batch error reports); [] when the lien may be imposed or is undecided."""
    e = _lien_eligibility(answers, on)
    if e is None or e.eligible:
        return []
    return [(LIEN_INPUTS[t.input], t.refusal) for t in e.tests if not t.passed]


def _lien(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.lien import notice_deadlines, recipients

    target = _lien_target(a)
    e = _lien_eligibility(a, on)
    if e is not None and target is not None:
        out["lien_eligibility"] = Finding(
            name="lien_eligibility",
            value=e.eligible,
            citations=e.citations,
            explanation=e.explanation,
        )
        out["lien_threshold"] = Finding(
            name="lien_threshold",
            value=cents(e.threshold),
            citations=e.citations,
            explanation=f"Past-due support must be at least ${fmt_money(e.threshold)}.",
        )
    if e is not None and target is not None and e.eligible:
        # Only a lien that may be imposed has a notice to send: a refused one names no one.
        roles = recipients(target, len(a.get("joint_owners") or []))
        out["lien_notify"] = Finding(
            name="lien_notify",
            value=roles,
            citations=("89 Ill. Adm. Code 160.70",),
            explanation=(
                "The notice of lien goes to: " + ", ".join(roles) + " (IRG 9, Q21; "
                "89 Ill. Adm. Code 160.70)."
            ),
        )
    found = notice_deadlines(e, target or "", _date(a, "mailing_date"), office.closure_dates())
    if found is not None:
        hearing, expiry = found
        out["lien_hearing_deadline"] = _deadline_finding(
            "lien_hearing_deadline", hearing, "Last day to request a hearing on the lien"
        )
        if expiry is not None:
            out["fi_lien_expiry"] = Finding(
                name="fi_lien_expiry",
                value=expiry.value,
                citations=expiry.citations,
                explanation=(
                    expiry.explanation + " Convention: the notice's mailing date is taken as "
                    "the day the lien is served."
                ),
            )


def _job_program(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules import job_program as rules

    _put(
        out,
        rules.job_program_order(
            _text(a, "track"),
            _bool(a, "unemployment_finding"),
            _bool(a, "iv_d_services"),
            _text(a, "proceeding_section"),
        ),
    )
    _put(out, rules.past_due_requirement(_text(a, "past_due_remedy")))
    _put(out, rules.reasonable_modification(_bool(a, "disability_modification")))
    _termination(a, out)


def _track_interview(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    _track(a, office, on, out)
    _termination(a, out)


_BY_INTERVIEW: dict[str, Callable[[Interview, Answers, Office, dt.date, Out], None]] = {
    "track": _track_interview,
    "prior-period": _prior_period,
    "registration": _registration,
    "lien": _lien,
    "job-program": _job_program,
}


def findings(iv: Interview, answers: Answers, office: Office, on: dt.date) -> dict[str, Finding]:
    """Every finding the answers support, by name; a finding whose inputs are missing is left
    out rather than guessed. `answers` are typed (ValidationResult.answers)."""
    out: Out = {}
    compute = _BY_INTERVIEW.get(iv.id)
    if compute is not None:
        compute(iv, answers, office, on, out)
        undeclared = set(out) - set(FINDING_NAMES[iv.id])
        if undeclared:  # FINDING_NAMES is what lint and the templates trust: keep it whole
            raise RuntimeError(f"findings not declared in FINDING_NAMES: {sorted(undeclared)}")
    return out
