"""Job-program orders for unemployed obligors (305 ILCS 5/10-11.1; 10-10; LEGAL.md Interview 5)."""

from __future__ import annotations

from counsel.rules.findings import Finding

# A finding is stated only when every answer it rests on is given: "the order may not issue"
# said before the unemployment question is answered would be false the moment it is.

ADMINISTRATIVE = "305 ILCS 5/10-11.1(a)"
JUDICIAL = "305 ILCS 5/10-10"
PAST_DUE = "305 ILCS 5/10-11.1(b)"
MODIFICATION = "305 ILCS 5/9A-4"
MODIFICATION_PINPOINT = "305 ILCS 5/9A-4(b)"

PROCEEDINGS = ("10-6", "10-7", "10-11", "10-17.1")
"""The proceedings in which unemployment must be determined for 10-11.1(a)."""
REMEDIES = ("plan", "work_activities")


def job_program_order(
    track: str | None,
    unemployed: bool | None,
    iv_d_services: bool | None,
    proceeding: str | None,
) -> Finding | None:
    """May an order to report to a job search, training or work program issue?

    Administrative (10-11.1(a)): the responsible relative is determined to be unemployed in a
    proceeding under Section 10-6, 10-7, 10-11 or 10-17.1, and support is sought for an aid
    applicant or recipient or another person given IV-D services. Judicial (10-10): the court
    may order an unemployed parent to seek employment and report with a diary or list of
    efforts. None until the track and every answer the track's test reads are given.
    """
    if track == "administrative":
        if unemployed is None or iv_d_services is None or proceeding is None:
            return None
        ok = unemployed and iv_d_services and proceeding in PROCEEDINGS
        cite: tuple[str, ...] = (ADMINISTRATIVE,)
        basis = (
            "The administrative enforcement unit may order an unemployed responsible relative "
            "to report to a job search, training or work program when unemployment is "
            "determined in a proceeding under Section 10-6, 10-7, 10-11 or 10-17.1 and support "
            "is sought for an aid applicant or recipient or another person given IV-D services "
            "(305 ILCS 5/10-11.1(a))."
        )
    elif track == "judicial":
        if unemployed is None:
            return None
        ok = unemployed
        cite = (JUDICIAL,)
        basis = (
            "The court may order a parent who is unemployed to seek employment and report "
            "periodically to the court with a diary or list of efforts (305 ILCS 5/10-10)."
        )
    else:
        return None
    gaps = []
    if not unemployed:
        gaps.append("no finding that the obligor is unemployed")
    if track == "administrative" and not iv_d_services:
        gaps.append("support is not sought for an aid recipient or a person given IV-D services")
    return Finding(
        name="job_program_order",
        value=ok,
        citations=cite,
        explanation=basis + (" Not available here: " + "; ".join(gaps) + "." if gaps else ""),
    )


def past_due_requirement(remedy: str | None) -> Finding | None:
    """What an administrative order requires for past-due support owed while the child
    receives assistance (10-11.1(b)): payment under a plan approved by the unit, or work
    activities for an unemployed obligor who is not incapacitated."""
    if remedy not in REMEDIES:
        return None
    what = (
        "pay the past-due support under a payment plan approved by the unit"
        if remedy == "plan"
        else "participate in work activities, as an unemployed obligor who is not incapacitated"
    )
    return Finding(
        name="past_due_requirement",
        value=remedy,
        citations=(PAST_DUE,),
        explanation=(
            "Past-due support is owed under an administrative order while the child "
            f"receives assistance, so the order requires the obligor to {what} "
            "(305 ILCS 5/10-11.1(b), paraphrased: the item text is incomplete in the "
            "project's source)."
        ),
    )


def work_activities_problem(
    remedy: str | None, unemployed: bool | None, incapacitated: bool | None
) -> str | None:
    """Why work activities may not be ordered on these answers, or None (10-11.1(b): only
    for an obligor who is unemployed and not incapacitated)."""
    if remedy != "work_activities":
        return None
    if incapacitated is True:
        return (
            "work activities apply only to an obligor who is not incapacitated "
            "(305 ILCS 5/10-11.1(b)); choose the payment plan"
        )
    if unemployed is False:
        return (
            "work activities apply only to an unemployed obligor (305 ILCS 5/10-11.1(b)); "
            "choose the payment plan"
        )
    return None


def reasonable_modification(asked: bool | None) -> Finding | None:
    """The order always tells the obligor that a person with a disability may ask for a
    reasonable modification (9A-4(b)); the finding records, once answered, whether one
    was asked for."""
    if asked is None:
        return None
    return Finding(
        name="reasonable_modification",
        value=asked,
        citations=(MODIFICATION,),
        explanation=(
            "The order tells the obligor that a person with a disability may ask for a "
            "reasonable modification of the program's requirements (305 ILCS 5/9A-4(b))."
            + (" A modification has been asked for and is recorded." if asked else "")
        ),
    )
