"""The legal decisions the interview layer used to make, now rules: each tested from the words
of its source, and none stated before the answers it rests on are given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counsel.rules import job_program, registration
from counsel.rules.deadlines import administrative_order_deadlines
from counsel.rules.lien import lien_eligibility, notice_deadlines, recipients
from counsel.rules.prior_period import FACTORS, factors_recorded
from counsel.rules.track import CRITERIA, chosen_track, decided_track

ON = dt.date(2026, 6, 1)
M = Decimal
ALL_NO = {cid: False for cid in CRITERIA}


# --- 750 ILCS 24/15(b)(4); IRG 6, Q1.2: "the judicial process is used where any of these holds"


def test_any_criterion_answered_yes_decides_judicial_before_the_rest_are_answered() -> None:
    answers: dict[str, bool | None] = {cid: None for cid in CRITERIA}
    answers["domestic-violence"] = True
    d = decided_track(answers, None, None)
    assert d is not None and d.recommended == "judicial"
    assert d.reasons == ("domestic-violence",)


def test_no_recommendation_while_a_criterion_is_unanswered() -> None:
    answers: dict[str, bool | None] = dict(ALL_NO)
    answers["older-child"] = None
    assert decided_track(answers, True, True) is None


@pytest.mark.parametrize(
    ("parents", "agree", "expected"),
    [
        (True, True, "administrative"),
        (True, False, "judicial"),
        (False, None, "judicial"),  # parents_agree is not asked when they are not the parents
        (True, None, None),
        (None, None, None),
    ],
)
def test_administrative_only_when_the_two_parents_generally_agree(
    parents: bool | None, agree: bool | None, expected: str | None
) -> None:
    d = decided_track(ALL_NO, parents, agree)
    assert (d.recommended if d else None) == expected


def test_the_chosen_track_waits_for_the_override_answer() -> None:
    d = decided_track(ALL_NO, True, True)
    assert d is not None
    assert chosen_track(d, None) is None
    kept = chosen_track(d, False)
    assert kept is not None and kept.value == "administrative"
    other = chosen_track(d, True)
    assert other is not None and other.value == "judicial"
    assert "written reason" in other.explanation


# --- 750 ILCS 46/802 (IRG 6, Q4.1): five factors; "none may be left blank" (LEGAL.md)


def test_factors_are_recorded_only_when_none_is_blank() -> None:
    written = ["known", "refused", "told", "no address", "none"]
    f = factors_recorded("judicial", written)
    assert f is not None and f.value is True and "none is blank" in f.explanation
    assert f.citations == ("750 ILCS 46/802",)
    assert factors_recorded("judicial", [None] * 5) is None
    assert factors_recorded("judicial", ["", "  ", "x", "y", "z"]) is None
    assert factors_recorded("administrative", written) is None
    assert factors_recorded(None, written) is None
    assert len(FACTORS) == 5


# --- 305 ILCS 5/10-15.1


def test_service_is_first_class_mail_unless_default_or_an_affirmative_remedy() -> None:
    # (d-5): first-class mail "unless the order was entered by default or an affirmative
    # remedy is sought" (LEGAL.md Interview 3).
    mail = registration.service_method(False, False)
    assert mail is not None and mail.value == "first_class_mail"
    for by_default, remedy in ((True, None), (None, True), (True, False), (False, True)):
        other = registration.service_method(by_default, remedy)
        assert other is not None and other.value == "other_methods"
    assert registration.service_method(False, None) is None
    assert registration.service_method(None, None) is None


def test_sealed_address_follows_the_affidavit_once_answered() -> None:
    # (a)(4): the obligee's address "unless an affidavit says disclosure would endanger".
    assert registration.obligee_address_sealed(None) is None
    sealed = registration.obligee_address_sealed(True)
    assert sealed is not None and sealed.value is True
    filed = registration.obligee_address_sealed(False)
    assert filed is not None and filed.value is False


def test_the_filing_checklist_never_says_ready_for_an_unanswered_item() -> None:
    assert registration.filing_checklist(None, True) is None
    assert registration.filing_checklist(True, None) is None
    ready = registration.filing_checklist(True, True)
    assert ready is not None and ready.value == ()
    missing = registration.filing_checklist(False, True)
    assert missing is not None
    assert missing.value == ("two copies of the order, one certified",)


# --- 305 ILCS 5/10-11.1 and 10-10


@pytest.mark.parametrize(
    ("unemployed", "services", "proceeding", "value"),
    [
        (True, True, "10-7", True),
        (False, True, "10-7", False),
        (True, False, "10-11", False),
        (None, True, "10-7", None),
        (True, None, "10-7", None),
        (True, True, None, None),
    ],
)
def test_administrative_job_program_order(
    unemployed: bool | None, services: bool | None, proceeding: str | None, value: bool | None
) -> None:
    # (a): "determined to be unemployed" in a proceeding under 10-6, 10-7, 10-11 or 10-17.1,
    # for an aid applicant or recipient or a person given IV-D services.
    f = job_program.job_program_order("administrative", unemployed, services, proceeding)
    assert (f.value if f else None) is value
    if f is not None:
        assert f.citations == ("305 ILCS 5/10-11.1(a)",)


def test_judicial_job_program_order_reads_unemployment_only() -> None:
    # 10-10: the court may order a parent "who is unemployed" to seek employment.
    assert job_program.job_program_order("judicial", None, None, None) is None
    f = job_program.job_program_order("judicial", True, None, None)
    assert f is not None and f.value is True and f.citations == ("305 ILCS 5/10-10",)
    assert job_program.job_program_order(None, True, True, "10-7") is None


def test_work_activities_only_for_the_unemployed_not_incapacitated() -> None:
    # (b): work activities for an obligor "unemployed and not incapacitated" (paraphrased).
    assert job_program.work_activities_problem("work_activities", True, False) is None
    assert "not incapacitated" in str(
        job_program.work_activities_problem("work_activities", True, True)
    )
    assert "unemployed" in str(job_program.work_activities_problem("work_activities", False, None))
    assert job_program.work_activities_problem("plan", False, True) is None


def test_reasonable_modification_recorded_once_answered() -> None:
    assert job_program.reasonable_modification(None) is None
    asked = job_program.reasonable_modification(True)
    assert asked is not None and asked.value is True and "asked for" in asked.explanation
    assert job_program.reasonable_modification(False) is not None


# --- 305 ILCS 5/10-25(a); 89 Ill. Adm. Code 160.70


def test_no_interest_in_the_real_estate_refuses_the_lien() -> None:
    # 10-25(a): the lien is "on all legal and equitable interests of responsible relatives in
    # their real property".
    e = lien_eligibility("real-estate", M("20000"), None, None, ON, interest=False)
    assert e.eligible is False
    failed = [t for t in e.tests if not t.passed]
    assert [t.input for t in failed] == ["interest"]
    assert "305 ILCS 5/10-25(a)" in failed[0].refusal and "305 ILCS 5/10-25(a)" in e.citations
    held = lien_eligibility("real-estate", M("20000"), None, None, ON, interest=True)
    assert held.eligible is True
    # `counsel calc` does not ask: the threshold alone decides, the reminder stays.
    assert lien_eligibility("real-estate", M("20000"), None, None, ON).eligible is True


def test_refusals_never_quote_the_amounts() -> None:
    e = lien_eligibility("account", M("999.99"), M("123.45"), "ira", ON)
    assert [t.input for t in e.tests if not t.passed] == ["past_due", "account_type", "balance"]
    for t in e.tests:
        assert "999.99" not in t.refusal and "123.45" not in t.refusal
        assert t.reason in e.reasons


def test_a_refused_lien_has_no_hearing_deadline() -> None:
    mailed = dt.date(2026, 11, 24)
    refused = lien_eligibility("account", M("50000"), M("50000"), "ira", ON)
    assert notice_deadlines(refused, "account", mailed) is None
    assert notice_deadlines(None, "account", mailed) is None
    allowed = lien_eligibility("account", M("50000"), M("50000"), "checking", ON)
    assert notice_deadlines(allowed, "account", None) is None
    found = notice_deadlines(allowed, "account", mailed)
    assert found is not None
    hearing, expiry = found
    assert hearing.date == dt.date(2026, 12, 9)  # mailing + 15 days (160.70(g)(1)(C))
    assert expiry is not None and expiry.value == mailed + dt.timedelta(days=120)
    land = lien_eligibility("real-estate", M("50000"), None, None, ON, interest=True)
    found = notice_deadlines(land, "real-estate", mailed)
    assert found is not None and found[1] is None  # the 120 days are a bank lien's


def test_every_joint_owner_is_told() -> None:
    assert recipients("account", 2) == ("holder", "obligor", "joint owner 1", "joint owner 2")
    assert recipients("lump-sum", 3) == ("holder", "obligor")
    assert recipients("real-estate", 1) == ("obligor", "recorder", "joint owner 1")


# --- 305 ILCS 5/10-12, 10-14.1: deadlines of administrative orders only


def test_petition_and_relief_deadlines_only_for_an_administrative_order() -> None:
    mailed = dt.date(2026, 11, 24)
    assert administrative_order_deadlines("judicial", mailed) is None
    assert administrative_order_deadlines("administrative", None) is None
    found = administrative_order_deadlines("administrative", mailed)
    assert found is not None
    assert found[0].nominal == mailed + dt.timedelta(days=30)


@pytest.mark.parametrize(
    ("target", "cited"),
    [
        ("account", "89 Ill. Adm. Code 160.70(f)(2)(C)"),
        ("lump-sum", "89 Ill. Adm. Code 160.70(f)(2)(C)"),
        ("real-estate", "89 Ill. Adm. Code 160.70(g)(1)(C)"),
        (None, "89 Ill. Adm. Code 160.70(g)(1)(C)"),
    ],
)
def test_the_hearing_deadline_cites_the_subsection_for_the_property(
    target: str | None, cited: str
) -> None:
    # LEGAL.md Dates: real estate 160.70(g)(1)(C); accounts and other personal property
    # ("freeze and seize") 160.70(f)(2)(C), as IRG 9, Q25 cites it: cited, never quoted.
    from counsel.law import get_store
    from counsel.rules.deadlines import lien_hearing_deadline

    d = lien_hearing_deadline(dt.date(2026, 11, 24), {}, target=target)
    assert d.citations[0] == cited
    assert d.nominal == dt.date(2026, 12, 9)  # the same 15 days either way
    resolved = get_store().cite(cited, on=dt.date(2026, 11, 24))
    if "(f)" in cited:
        assert resolved.text == "" and "(f)(2)(C)" in resolved.version.truncated
