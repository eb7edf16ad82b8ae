"""Issue 12: each statutory element read back from the PDF and the DOCX, on answers files written
for these tests (tests/legal/answers), in the statute's own words where the law prescribes them."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.legal.helpers import answers, digits, lines_of, long_date, render

# -- 1. Judicial orders: the 7-day report goes to the court too (10-10) ---------------------


@pytest.mark.parametrize("name", ["pp-judicial-edge", "prior-period-judicial"])
def test_court_order_requires_the_7_day_report_to_the_court_and_the_department(
    name: str,
) -> None:
    """10-10 (seeds/004 l.1504): "notify the court and, in cases in which a party is receiving
    child support enforcement services under this Article X, the Illinois Department, within 7
    days"."""
    (order,) = [d for d in render(name).values() if not d.built.spec.confidential]
    assert order.says("shall notify the Court and")
    assert order.says("the Illinois Department of Healthcare and Family Services, within 7 days")
    for item in ("any new employer", "access to health insurance coverage", "residential"):
        assert order.says(item)


def test_administrative_order_reports_to_the_department() -> None:
    """10-8.1 (seeds/004 l.1285): administrative orders: "notify the Illinois Department"."""
    order = render("pp-admin-obligor-protected")["administrative-order-for-support"]
    assert order.says("notify the Illinois Department within 7 days")
    assert order.lacks("notify the Court")


# -- 2./3. Registration: the obligee's address; every paper filed under (a) served ----------


def test_registration_carries_the_obligees_name_and_address() -> None:
    """10-15.1(a)(4): "The name of the obligee and the obligee's address, unless ...": no
    affidavit, so the filing states both."""
    docs = render("registration-two-mods")
    filing = docs["registration-of-administrative-order"]
    assert filing.says("The obligee: Nell O. Receiver, whose address is 80 Public Road, Chatham")
    assert filing.says("The obligor: Mo N. Registrant, whose address is 70 Filing Avenue")
    assert filing.says("XXX-XX-0202") and filing.lacks("900-00-0202")
    assert "notice-of-confidential-information" in docs


def test_with_an_endangerment_affidavit_the_address_is_sealed() -> None:
    """10-15.1(a)(4): "that information must be sealed and may not be disclosed to the other
    party or public"."""
    docs = render("registration-sealed")
    filing = docs["registration-of-administrative-order"]
    assert filing.says("filed under seal and is not disclosed to the other party or the public")
    for read in docs.values():
        assert read.lacks("100 Sealed Way"), read.built.stem


def test_a_protected_obligee_without_the_affidavit_is_refused() -> None:
    from counsel.render import RenderError

    interview_id, typed = answers("registration-sealed", obligee_endangerment_affidavit=False)
    from tests.legal.helpers import office, renderer

    with pytest.raises(RenderError, match="obligee_endangerment_affidavit") as info:
        renderer().build(interview_id, typed, office())
    assert "100 Sealed Way" not in str(info.value)


@pytest.mark.parametrize("stem", ["notice-of-registration", "certificate-of-service"])
def test_every_paper_filed_under_a_accompanies_the_notice(stem: str) -> None:
    """10-15.1(c-5): "Every notice of registration must be accompanied by a copy of the
    registered administrative support order ... and the documents and relevant information
    accompanying the order pursuant to subsection (a)": (a)(1) names "any modification", "any
    voluntary acknowledgment of paternity" and "the documents showing service of the notice of
    support obligation"."""
    read = render("registration-two-mods")[stem]
    assert read.says("a copy of the registered administrative support order No. AO-2024-000044")
    for day in (dt.date(2025, 1, 15), dt.date(2026, 6, 30)):
        assert read.says(f"a copy of the modification of that order entered on {long_date(day)}")
    assert read.says("a copy of the voluntary acknowledgment of paternity")
    assert read.says(
        "the documents showing service of the notice of support obligation under Section 10-4"
    )
    assert read.says("Sworn Statement of Past-Due Support")


def test_no_modification_or_acknowledgment_is_claimed_when_there_is_none() -> None:
    read = render("registration-sealed")["certificate-of-service"]
    assert read.lacks("modification") and read.lacks("acknowledgment of paternity")
    assert read.says("with the certified copy of the Department payment record")


def test_a_missing_paper_refuses_the_registration() -> None:
    from counsel.render import RenderError
    from tests.legal.helpers import office, renderer

    interview_id, typed = answers("registration-two-mods", notice_10_4_proof=False)
    with pytest.raises(RenderError, match="the filing checklist in the findings lists which"):
        renderer().build(interview_id, typed, office())


# -- 4. Lien notices: the joint owner's own rights; no joint owner on a lump sum ------------


def test_real_estate_notice_to_a_joint_owner_states_the_joint_owners_right() -> None:
    """IRG 9, Q25: "A joint owner may challenge the action by demonstrating that all or part of
    the account is an asset of the joint owner" (LEGAL.md, Interview 4: the interest is
    theirs)."""
    docs = render("lien-cook-real-estate")
    owner = docs["notice-of-lien-to-joint-owner-1"]
    assert owner.says(
        "As a joint owner, you may request a hearing, within the same 15 days, to "
        "show that all or part of the interest in the real estate belongs to you"
    )
    for stem in ("notice-of-lien", "notice-of-lien-to-obligor"):
        assert docs[stem].says("A joint owner may request a hearing")


def test_account_notices_state_the_joint_owners_right() -> None:
    docs = render("lien-account")
    assert docs["notice-of-lien-to-joint-owner-1"].says(
        "show that all or part of the funds in the account belong to you"
    )


def test_a_lump_sum_notice_speaks_of_no_joint_owner() -> None:
    docs = render("lien-lump-sum")
    assert set(docs) == {"notice-of-lien", "notice-of-lien-to-obligor"}
    for read in docs.values():
        assert read.lacks("joint owner"), read.built.stem


def test_real_estate_without_joint_owners_speaks_of_none() -> None:
    for read in render("lien-real-estate").values():
        assert read.lacks("joint owner"), read.built.stem


# -- 5. A Cook County PIN is not a card number (Rule 138(b)) -------------------------------


def test_a_cook_county_pin_renders() -> None:
    """Ill. S. Ct. R. 138(b) names SSN/ITIN, driver's license, financial account and card
    numbers only; 19-23-112-021-0000 passes the Luhn check but is a parcel index number."""
    notice = render("lien-cook-real-estate")["notice-of-lien"]
    assert notice.says("PIN: 19-23-112-021-0000")


# -- 6. Prior-period support only before the order's date (10-7(b), 10-10) ------------------


def test_a_segment_past_the_order_date_is_an_error_naming_it() -> None:
    """10-10: support "for a period before the date the order for support is entered"."""
    from counsel.interviewer import load_answers_file, load_interview
    from tests.legal.helpers import ANSWERS, office

    interview_id, raw = load_answers_file(ANSWERS / "pp-crossing.toml")
    result = load_interview(interview_id).validate(raw, office())
    (error,) = result.errors
    assert error.field == "segments[2].end_date"
    assert "segment 2" in error.message
    assert '"a period before the date the order is entered" (305 ILCS 5/10-10)' in error.message


@pytest.mark.parametrize("track", ["administrative", "judicial"])
def test_the_day_before_the_order_is_the_last_day_allowed(track: str) -> None:
    from counsel.rules.prior_period import segments_after_order

    order = dt.date(2028, 2, 29)
    assert segments_after_order([dt.date(2028, 2, 28)], order, track) == []
    ((n, message),) = segments_after_order([dt.date(2027, 1, 1), order], order, track)
    assert n == 2
    assert ("305 ILCS 5/10-7(b)" if track == "administrative" else "305 ILCS 5/10-10") in message


def test_current_support_may_not_start_before_the_order() -> None:
    from counsel.interviewer import load_interview
    from tests.legal.helpers import office

    interview_id, typed = answers("pp-judicial-edge")
    from counsel.interviewer import load_answers_file
    from tests.legal.helpers import ANSWERS

    _, raw = load_answers_file(ANSWERS / "pp-judicial-edge.toml")
    raw = {**raw, "current_support_start": dt.date(2028, 2, 1)}
    errors = load_interview(interview_id).validate(raw, office("Cook")).errors
    fields = {e.field for e in errors}
    assert "current_support_start" in fields and "county" not in fields


def test_the_example_orders_end_the_prior_period_before_the_order() -> None:
    for name in ("prior-period-judicial", "prior-period-administrative"):
        _, typed = answers(name)
        assert all(s["end_date"] < typed["document_date"] for s in typed["segments"])
        assert typed["current_support_start"] >= typed["document_date"]


# -- 7. Interest in 10-16.5's own terms ---------------------------------------------------


@pytest.mark.parametrize("name", ["pp-judicial-edge", "pp-admin-obligee-protected"])
def test_interest_statement_in_the_statutes_words(name: str) -> None:
    """10-16.5 (seeds/004 l.2362-2364): "a statement that a support obligation required under the
    order ... that becomes due and remains unpaid as of the end of each month, excluding the
    child support that was due for that month to the extent that it was not paid in that month,
    shall accrue simple interest as set forth in Section 12-109 of the Code of Civil
    Procedure"."""
    (order,) = [d for d in render(name).values() if not d.built.spec.confidential]
    assert order.says(
        "that becomes due and remains unpaid as of the end of each month, excluding the child "
        "support that was due for that month to the extent that it was not paid in that month, "
        "shall accrue simple interest as set forth in Section 12-109 of the Code of Civil "
        "Procedure (305 ILCS 5/10-16.5; 735 ILCS 5/12-109)"
    )
    assert order.lacks("as provided by law")


# -- 8. The lien hearing is cited by kind of property ----------------------------------------


@pytest.mark.parametrize("name", ["lien-account", "lien-lump-sum"])
def test_account_and_lump_sum_hearings_cite_freeze_and_seize(name: str) -> None:
    """IRG 9, Q25: "Both the parties have 15 days to request a hearing from the date of the
    Notice of Lien ... 89 Illinois Administrative Code 160.70 (f)(2)(c)" (cited: the store does
    not hold (f)'s text)."""
    for stem, read in render(name).items():
        assert read.says("(89 Ill. Adm. Code 160.70(f)(2)(C); 5 ILCS 70/1.11)"), stem
        assert read.lacks("160.70(g)(1)(C)"), stem


@pytest.mark.parametrize("name", ["lien-real-estate", "lien-cook-real-estate"])
def test_real_estate_hearing_cites_g_1_c(name: str) -> None:
    """160.70(g)(1)(C): "A written request for hearing made within 15 days after the date of
    mailing the Notice of Lien or Levy"."""
    for stem, read in render(name).items():
        assert read.says("A written request for a hearing must be made within 15 days"), stem
        assert read.says("(89 Ill. Adm. Code 160.70(g)(1)(C); 5 ILCS 70/1.11)"), stem
        assert read.lacks("160.70(f)(2)(C)"), stem


def test_the_store_cites_f_2_c_but_will_not_quote_it() -> None:
    import datetime as _dt

    from counsel.law import get_store

    resolved = get_store().cite("89 Ill. Adm. Code 160.70(f)(2)(C)", on=_dt.date(2026, 11, 23))
    assert not resolved.version.complete and "(f)(2)(C)" in resolved.version.truncated


# -- 9. New employment: in writing, naming the new employer and its address -----------------


def test_new_employment_report_in_writing_with_the_employer() -> None:
    """10-10 (seeds/004 l.1392-1396): report "to the obligee and to the clerk of court within 10
    days each time the obligor obtains new employment, and each time the obligor's employment is
    terminated for any reason. The report shall be in writing and shall, in the case of new
    employment, include the name and address of the new employer"."""
    order = render("pp-judicial-edge")["order-for-support"]
    assert order.says(
        "to the obligee and to the Clerk of the Circuit Court within 10 days each "
        "time the respondent obtains new employment"
    )
    assert order.says("terminated for any reason")
    assert order.says(
        "The report shall be in writing and, in the case of new employment, shall "
        "include the name and address of the new employer"
    )


# -- 10. The legal description verbatim, line by line -------------------------------------


def test_the_legal_description_is_verbatim_line_by_line() -> None:
    """160.70(g)(1)(B)(ii): "a legal description of the real estate": every line as given, in
    order, each on a line of its own, nothing put before it."""
    _, typed = answers("lien-cook-real-estate")
    given = typed["legal_description"].splitlines()
    for stem, read in render("lien-cook-real-estate").items():
        assert read.lacks("(a) LOT 7"), stem
        docx = lines_of(read.docx)
        (start,) = [i for i, line in enumerate(docx) if line.endswith(given[0])]
        assert docx[start + 1 : start + len(given)] == given[1:], stem
        # The PDF wraps a line longer than the column; each given line still starts a line.
        pdf = lines_of(read.pdf)
        (at,) = [i for i, line in enumerate(pdf) if line.endswith(given[0])]
        for line in given[1:]:
            at += 1
            assert line.startswith(pdf[at]), (stem, line, pdf[at])
            joined = pdf[at]
            while joined != line:
                at += 1
                joined += " " + pdf[at]
                assert line.startswith(joined), (stem, line, joined)
        assert read.lacks("(a) LOT 7"), stem


# -- 11. Wording that was wrong on its facts -------------------------------------------------


def test_graduation_on_the_19th_birthday_is_said_as_it_is() -> None:
    order = render("pp-judicial-edge")["order-for-support"]
    assert order.says(
        "March 1, 2031 (the 19th birthday, which is also the day of the expected "
        "high-school graduation)"
    )
    assert order.says(
        "June 15, 2029 (the 19th birthday, which comes before the expected high-school graduation)"
    )
    assert order.says("born on February 29, the child attains that age on March 1")


def test_graduation_after_18_and_before_19() -> None:
    order = render("prior-period-judicial")["order-for-support"]
    assert order.says(
        "May 31, 2035 (the expected high-school graduation, which comes after the "
        "18th birthday and before the 19th)"
    )


@pytest.mark.parametrize(
    ("name", "held", "shown"),
    [
        ("pp-admin-obligor-protected", "Dana P. Protected", "20 Plain Street"),
        ("pp-admin-obligee-protected", "Hana T. Protected", "30 Known Road"),
    ],
)
def test_proof_of_mailing_holds_only_the_protected_address_in_confidence(
    name: str, held: str, shown: str
) -> None:
    order = render(name)["administrative-order-for-support"]
    pdf, _ = order.both
    proof = pdf[pdf.index("Proof of Mailing") :]
    assert f"{held} at the address the Department holds in confidence" in proof
    assert shown in proof
    assert proof.count("holds in confidence") == 1


def test_administrative_job_order_orders_no_diary_and_does_not_cite_10_10() -> None:
    """10-11.1(a): the unit "may order the responsible relative to report to" a program; a diary
    is a court's power (10-10: "report periodically to the court with a diary")."""
    order = render("job-admin-one-contact")["job-program-order"]
    assert order.lacks("diary") and order.lacks("5/10-10)") and order.lacks("5/10-10;")
    assert order.says("as that program's rules require (305 ILCS 5/10-11.1(a))")
    court = render("job-judicial-one-contact")["job-search-order"]
    assert court.says(
        "seek employment and report periodically to the Court with a diary, "
        "listing or other memorandum"
    )
    assert court.says("at least 1 application or contact with employers in each week")
    assert court.lacks("1 applications")


def test_no_number_before_a_plural_noun_in_the_singular() -> None:
    import re

    for name in ("pp-admin-obligee-protected", "job-judicial-one-contact", "pp-judicial-edge"):
        for read in render(name).values():
            for text in read.both:
                assert not re.search(r"\b1 (days|months|applications|children)\b", text)


def test_lien_notice_to_the_obligor_speaks_to_the_obligor() -> None:
    for name in ("lien-account", "lien-lump-sum", "lien-cook-real-estate"):
        notice = render(name)["notice-of-lien-to-obligor"]
        assert notice.says("owed by you,")
        assert notice.says("You may prevent action against the property")
        assert notice.lacks("The responsible relative may")
        assert notice.lacks("the responsible relative's interest")


def test_the_signer_is_the_offices_states_attorney() -> None:
    """A Cook County case is prepared and signed by the Cook office (an office prepares only
    its own county's cases: the Sangamon office refuses it at `county`)."""
    order = render("pp-judicial-edge")["order-for-support"]
    assert order.says("IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS")
    assert order.says("Cook County State's Attorney") and order.lacks("Sangamon")


def test_no_ssn_known_the_order_says_so_and_requires_it() -> None:
    """750 ILCS 28/20(a)(3): the order includes the obligor's SSN, "which the obligor shall
    disclose to the court"; with none known no confidential notice exists to point to."""
    docs = render("pp-judicial-edge")
    assert set(docs) == {"order-for-support"}
    assert docs["order-for-support"].says("The respondent shall disclose it to the Court")


def test_delinquency_base_follows_the_answers() -> None:
    """750 ILCS 28/20(a)(2): "not less than 20% of the total of the current support amount and
    the amount to be paid periodically for payment of any arrearage"."""
    without = render("pp-judicial-edge")["order-for-support"]
    assert without.says("an additional $160.00 a month, 20% of current support")
    with_payment = render("prior-period-judicial")["order-for-support"]
    assert with_payment.says("20% of the total of current support and the periodic payment")


def test_full_numbers_never_appear_and_ssn_digits_stay_out() -> None:
    for name in ("registration-two-mods", "lien-lump-sum", "pp-admin-obligor-protected"):
        _, typed = answers(name)
        full = typed["obligor_ssn"]
        for stem, read in render(name).items():
            if read.built.spec.confidential:
                assert read.says(full), stem
                continue
            assert read.lacks(full), stem
            if "Social Security number" in read.pdf:
                assert read.says(f"XXX-XX-{digits(full)[-4:]}"), stem


def test_an_order_dated_before_the_2019_amendment_cites_the_earlier_version() -> None:
    """Before P.A. 101-336 (eff. 8-9-19) the store holds 10-16.5 only as the IRG quotes it: the
    order cites that version and does not put the 2019 words in its mouth."""
    docs = render(
        "pp-judicial-edge",
        document_date=dt.date(2015, 6, 1),
        current_support_start=dt.date(2015, 6, 1),
        separation_date=dt.date(2014, 1, 1),
        segments=[{"start_date": dt.date(2014, 1, 1), "end_date": dt.date(2015, 5, 31)}],
    )
    order = docs["order-for-support"]
    assert order.says(
        "accrues interest as Section 10-16.5 of the Illinois Public Aid Code "
        "provides in the version in force on the date of this order"
    )
    assert order.lacks("12-109")
