"""Findings derived fresh from typed answers by counsel.rules: nothing derived is stored."""

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


def _termination(a: Answers, out: Out) -> None:
    from counsel.rules.termination import termination_date

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
        lines.append(f"Child {n}: {t.explanation}")
    if results:
        out["termination_dates"] = Finding(
            name="termination_dates",
            value=tuple(results),
            citations=citations,
            explanation=" ".join(lines),
        )


def _track(a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.track import older_child, recommend_track

    yes = [c.replace("_", "-") for c in TRACK_CRITERIA if a.get(c) is True]
    agree = a.get("parties_are_parents") is True and a.get("parents_agree") is True
    decision = recommend_track(yes, agree)
    out["recommended_track"] = Finding(
        name="recommended_track",
        value=decision.recommended,
        citations=decision.citations,
        explanation=decision.explanation,
    )
    other = "administrative" if decision.recommended == "judicial" else "judicial"
    if a.get("track_override") is True:
        chosen = Finding(
            name="track",
            value=other,
            citations=("750 ILCS 24/15",),
            explanation=(
                f"The specialist chose the {other} process instead of the recommended "
                f"{decision.recommended} process, with the written reason recorded in the "
                "memorandum (750 ILCS 24/15(b)(4))."
            ),
        )
    else:
        chosen = Finding(
            name="track",
            value=decision.recommended,
            citations=decision.citations,
            explanation=f"The recommended {decision.recommended} process is followed.",
        )
    out["track"] = chosen
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
    from counsel.rules.deadlines import petition_deadline, relief_deadline

    mailed = a.get("order_mailing_date")
    if a.get("track") == "administrative" and isinstance(mailed, dt.date):
        closures = office.closure_dates()
        out["petition_deadline"] = _deadline_finding(
            "petition_deadline",
            petition_deadline(mailed, closures),
            "Last day for the Department to receive a petition against the order",
        )
        out["relief_deadline"] = _deadline_finding(
            "relief_deadline",
            relief_deadline(mailed, closures),
            "Last day to petition for relief from the order",
        )


def _prior_period(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.prior_period import Segment, prior_period_total

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
    if a.get("track") == "judicial":
        out["prior_period_factors"] = Finding(
            name="prior_period_factors",
            value=True,
            citations=("750 ILCS 46/802",),
            explanation=(
                "The five factors the court considers for prior-period support (750 ILCS "
                "46/802; IRG 6, Q4.1) are recorded; none is blank."
            ),
        )
    _petition(a, office, out)
    _termination(a, out)


def _registration(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.deadlines import registration_contest_deadline

    served = a.get("service_date")
    if isinstance(served, dt.date):
        out["registration_contest_deadline"] = _deadline_finding(
            "registration_contest_deadline",
            registration_contest_deadline(served, office.closure_dates()),
            "Last day to request a hearing contesting the registered order",
        )
    by_default = a.get("admin_order_by_default") is True
    remedy = a.get("affirmative_remedy") is True
    if by_default or remedy:
        why = " and ".join(
            w
            for w, on_ in (
                ("the order was entered by default", by_default),
                ("an affirmative remedy is sought", remedy),
            )
            if on_
        )
        out["service_method"] = Finding(
            name="service_method",
            value="other_methods",
            citations=("305 ILCS 5/10-15.1(d-5)",),
            explanation=(
                f"Because {why}, notice of registration is not served on the other party by "
                "first-class mail alone; the other methods of 10-15.1(d-5) apply (their text "
                "is incomplete in the project's source). The Department is served by "
                "first-class mail."
            ),
        )
    elif a.get("admin_order_by_default") is False and a.get("affirmative_remedy") is False:
        out["service_method"] = Finding(
            name="service_method",
            value="first_class_mail",
            citations=("305 ILCS 5/10-15.1(d-5)",),
            explanation=(
                "The order was not entered by default and no affirmative remedy is sought, so "
                "notice of registration is served on the other party, and on the Department, "
                "by first-class mail (305 ILCS 5/10-15.1(d-5))."
            ),
        )
    sealed = a.get("obligee_endangerment_affidavit") is True
    out["obligee_address_sealed"] = Finding(
        name="obligee_address_sealed",
        value=sealed,
        citations=("305 ILCS 5/10-15.1(a)(4)",),
        explanation=(
            "An affidavit states that disclosing the obligee's address would endanger the "
            "obligee, so the address is filed under seal (305 ILCS 5/10-15.1(a)(4))."
            if sealed
            else "No endangerment affidavit: the obligee's name and address are filed "
            "(305 ILCS 5/10-15.1(a)(4))."
        ),
    )
    missing = []
    if a.get("certified_copy") is False:
        missing.append("two copies of the order, one certified")
    if a.get("notice_10_4_proof") is False:
        missing.append("proof of service of the notice under Section 10-4")
    out["filing_checklist"] = Finding(
        name="filing_checklist",
        value=tuple(missing),
        citations=("305 ILCS 5/10-15.1(a)(1)", "305 ILCS 5/10-15.1(a)(2)"),
        explanation=(
            "Still needed before filing: " + "; ".join(missing) + " (305 ILCS 5/10-15.1(a))."
            if missing
            else "Everything 10-15.1(a) requires to be filed with the order is at hand: the "
            "copies of the order (one certified), its modifications, any voluntary "
            "acknowledgment of paternity, the proof of service of the 10-4 notice, and the "
            "statement of past-due support."
        ),
    )
    _termination(a, out)


_TARGETS = {"account": "account", "lump_sum": "lump-sum", "real_estate": "real-estate"}


def _lien(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    from counsel.rules.deadlines import fi_lien_expiry, lien_hearing_deadline
    from counsel.rules.lien import lien_eligibility

    target = a.get("lien_target")
    past_due = a.get("past_due_amount")
    if target in _TARGETS and isinstance(past_due, Decimal):
        balance = a.get("account_balance")
        account_type = a.get("account_type")
        if target != "account" or (isinstance(balance, Decimal) and account_type):
            e = lien_eligibility(_TARGETS[target], past_due, balance, account_type, on)
            eligible = e.eligible
            explanation = e.explanation
            if target == "real_estate" and a.get("obligor_has_interest") is False:
                eligible = False
                explanation += (
                    " The obligor holds no interest in the real estate, so no lien attaches "
                    "(305 ILCS 5/10-25)."
                )
            out["lien_eligibility"] = Finding(
                name="lien_eligibility",
                value=eligible,
                citations=e.citations,
                explanation=explanation,
            )
            out["lien_threshold"] = Finding(
                name="lien_threshold",
                value=cents(e.threshold),
                citations=e.citations,
                explanation=f"Past-due support must be at least ${fmt_money(e.threshold)}.",
            )
            owners = len(a.get("joint_owners") or [])
            roles: list[str] = []
            for role in e.notify:
                if role == "joint-owners":
                    roles.extend(f"joint owner {n}" for n in range(1, owners + 1))
                else:
                    roles.append(role)
            if target == "real_estate" and owners:
                # LEGAL.md Interview 4: the obligor and every joint owner get the notice.
                roles.extend(f"joint owner {n}" for n in range(1, owners + 1))
            out["lien_notify"] = Finding(
                name="lien_notify",
                value=tuple(roles),
                citations=("89 Ill. Adm. Code 160.70",),
                explanation=(
                    "The notice of lien goes to: " + ", ".join(roles) + " (IRG 9, Q21; "
                    "89 Ill. Adm. Code 160.70)."
                ),
            )
    mailed = a.get("mailing_date")
    if isinstance(mailed, dt.date):
        out["lien_hearing_deadline"] = _deadline_finding(
            "lien_hearing_deadline",
            lien_hearing_deadline(mailed, office.closure_dates()),
            "Last day to request a hearing on the lien",
        )
        if target == "account":
            f = fi_lien_expiry(mailed)
            out["fi_lien_expiry"] = Finding(
                name="fi_lien_expiry",
                value=f.value,
                citations=f.citations,
                explanation=(
                    f.explanation + " Convention: the notice's mailing date is taken as the "
                    "day the lien is served."
                ),
            )


def _job_program(iv: Interview, a: Answers, office: Office, on: dt.date, out: Out) -> None:
    track = a.get("track")
    unemployed = a.get("unemployment_finding") is True
    services = a.get("iv_d_services") is True
    if track == "administrative":
        ok = unemployed and services and bool(a.get("proceeding_section"))
        cite: tuple[str, ...] = ("305 ILCS 5/10-11.1(a)",)
        basis = (
            "The administrative enforcement unit may order an unemployed responsible relative "
            "to report to a job search, training or work program when unemployment is "
            "determined in a proceeding under Section 10-6, 10-7, 10-11 or 10-17.1 and support "
            "is sought for an aid applicant or recipient or another person given IV-D services "
            "(305 ILCS 5/10-11.1(a))."
        )
    else:
        ok = unemployed
        cite = ("305 ILCS 5/10-10",)
        basis = (
            "The court may order a parent who is unemployed to seek employment and report "
            "periodically to the court with a diary or list of efforts (305 ILCS 5/10-10)."
        )
    if track in ("administrative", "judicial"):
        gaps = []
        if not unemployed:
            gaps.append("no finding that the obligor is unemployed")
        if track == "administrative" and not services:
            gaps.append(
                "support is not sought for an aid recipient or a person given IV-D services"
            )
        out["job_program_order"] = Finding(
            name="job_program_order",
            value=ok,
            citations=cite,
            explanation=basis + (" Not available here: " + "; ".join(gaps) + "." if gaps else ""),
        )
    remedy = a.get("past_due_remedy")
    if remedy in ("plan", "work_activities"):
        what = (
            "pay the past-due support under a payment plan approved by the unit"
            if remedy == "plan"
            else "participate in work activities, as an unemployed obligor who is not incapacitated"
        )
        out["past_due_requirement"] = Finding(
            name="past_due_requirement",
            value=remedy,
            citations=("305 ILCS 5/10-11.1(b)",),
            explanation=(
                "Past-due support is owed under an administrative order while the child "
                f"receives assistance, so the order requires the obligor to {what} "
                "(305 ILCS 5/10-11.1(b), paraphrased: the item text is incomplete in the "
                "project's source)."
            ),
        )
    out["reasonable_modification"] = Finding(
        name="reasonable_modification",
        value=a.get("disability_modification") is True,
        citations=("305 ILCS 5/9A-4",),
        explanation=(
            "The order tells the obligor that a person with a disability may ask for a "
            "reasonable modification of the program's requirements (305 ILCS 5/9A-4(b))."
            + (
                " A modification has been asked for and is recorded."
                if a.get("disability_modification") is True
                else ""
            )
        ),
    )
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
    return out
