"""Every deadline in LEGAL.md "Dates", with period lengths from the store's parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from counsel.rules.calendar import Deadline, count_days, deadline_from_nominal, long_date
from counsel.rules.datemath import add_years
from counsel.rules.findings import Finding
from counsel.rules.params import int_parameter

# Parameters are looked up as of the day the period starts: the law in force when the
# order or notice was mailed or served fixes the period a party was told about.


def petition_deadline(start: dt.date, closures: Mapping[dt.date, str] | None = None) -> Deadline:
    """Last day for a petition against an administrative order (10-12(a), 10-12.1).

    "The day immediately subsequent to the mailing ... shall be considered as the first
    day, and the day such petition is received ... as the last day in computing the 30 day
    appeal period": mailing date + 30 days, then 5 ILCS 70/1.11.
    """
    days, cite = int_parameter("deadline.petition_days", start)
    return count_days(
        start,
        days,
        closures,
        citations=("305 ILCS 5/10-12(a)", "305 ILCS 5/10-12.1", cite),
        counted_from="the mailing of the order",
    )


def relief_deadline(start: dt.date, closures: Mapping[dt.date, str] | None = None) -> Deadline:
    """Last day to petition for relief from an administrative order (10-14.1): 2 years.

    LEGAL.md counts from the mailing date with the same first-day rule as 10-12.
    Convention: a deadline told to a party takes the earlier reading, so Feb 29 plus two
    years is Feb 28; 5 ILCS 70/1.11 then extends it past a weekend, holiday or closure.
    """
    years, cite = int_parameter("deadline.relief_years", start)
    nominal = add_years(start, years, "feb28")
    counted = (
        f"Counting {years} years from the mailing of the order, {long_date(start)} "
        "(305 ILCS 5/10-14.1), the nominal last day is"
    )
    if start.month == 2 and start.day == 29 and nominal.day == 28:
        counted = (
            f"Counting {years} years from the mailing of the order, {long_date(start)} "
            "(305 ILCS 5/10-14.1), with February 29 read as February 28 in a year without "
            "it (Convention: a deadline told to a party takes the earlier reading), the "
            "nominal last day is"
        )
    return deadline_from_nominal(
        nominal,
        closures or {},
        counted=counted,
        citations=("305 ILCS 5/10-14.1", cite),
    )


def registration_contest_deadline(
    start: dt.date, closures: Mapping[dt.date, str] | None = None
) -> Deadline:
    """Last day to request a hearing contesting a registered order: 30 days after service.

    305 ILCS 5/10-15.1(f) via LEGAL.md Interview 3: counted from the service of the notice
    of registration, then 5 ILCS 70/1.11.
    """
    days, cite = int_parameter("deadline.registration_contest_days", start)
    return count_days(
        start,
        days,
        closures,
        citations=(cite,),
        counted_from="service of the notice of registration",
    )


PERSONAL_PROPERTY_HEARING = "89 Ill. Adm. Code 160.70(f)(2)(C)"
"""The hearing on a lien on an account or other personal property ("freeze and seize"), as
IRG 9, Q25 cites it; its text is not in the sources (cited, never quoted)."""


def lien_hearing_deadline(
    start: dt.date,
    closures: Mapping[dt.date, str] | None = None,
    *,
    target: str | None = None,
) -> Deadline:
    """Last day to request a lien hearing: 15 days after the notice was mailed.

    Real estate: 89 Ill. Adm. Code 160.70(g)(1)(C), "A written request for hearing made
    within 15 days after the date of mailing the Notice of Lien or Levy shall stay the
    Department". An account or a lump sum (`target` "account" / "lump-sum"): 160.70(f)(2)(C),
    as IRG 9, Q25 cites it, with the same 15 days. Extended under 5 ILCS 70/1.11. Without a
    target (`counsel calc deadline lien-hearing`) the real-estate subsection is cited.
    """
    days, cite = int_parameter("lien.hearing_request_days", start)
    citations = (PERSONAL_PROPERTY_HEARING,) if target in ("account", "lump-sum") else (cite,)
    return count_days(
        start,
        days,
        closures,
        citations=citations,
        counted_from="the mailing of the Notice of Lien",
    )


DEADLINES = {
    "petition": petition_deadline,
    "relief": relief_deadline,
    "registration-contest": registration_contest_deadline,
    "lien-hearing": lien_hearing_deadline,
}
"""Deadline kinds by the id `counsel calc deadline KIND` and interviews use."""


def fi_lien_expiry(served: dt.date) -> Finding:
    """The last day a financial-institution lien holds: 120 days after it is served.

    IRG 9, Q22: "Our liens are valid for 120 days" after serving. This is how long the lien
    lasts, not a time for a party to act, so 5 ILCS 70/1.11's weekend extension is not
    applied; the day is counted the same way (the day of service excluded).
    """
    days, cite = int_parameter("lien.fi_duration_days", served)
    expiry = served + dt.timedelta(days=days)
    return Finding(
        name="fi_lien_expiry",
        value=expiry,
        citations=(cite,),
        explanation=(
            f"A financial-institution lien is valid for {days} days after it is served "
            f"(IRG 9, Q22); served {long_date(served)}, it lapses after {long_date(expiry)} "
            "unless the Department sends a surrender, discharge or stay notice before then. "
            "This is a duration, not a time to act, so it is not extended for weekends or "
            "holidays."
        ),
    )


def administrative_order_deadlines(
    track: str | None, mailed: dt.date | None, closures: Mapping[dt.date, str] | None = None
) -> tuple[Deadline, Deadline] | None:
    """(petition, relief) deadlines of an administrative order mailed on `mailed`.

    Sections 10-12 and 10-14.1 govern administrative orders only: a court order has none
    of these deadlines, so None on any other track or before the mailing date is known.
    """
    if track != "administrative" or mailed is None:
        return None
    return petition_deadline(mailed, closures), relief_deadline(mailed, closures)
