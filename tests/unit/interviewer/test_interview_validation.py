"""Typed validation: dates, amounts, yes/no, choices, SSNs; messages name the field and the
fix and never repeat the value given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from counsel.interviewer import load_answers_file, load_interview
from counsel.interviewer.values import AnswerError, parse_date, parse_money, parse_text

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-28", dt.date(2026, 2, 28)),
        ("02/28/2026", dt.date(2026, 2, 28)),
        ("2/3/2026", dt.date(2026, 2, 3)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        (" 12/31/2026 ", dt.date(2026, 12, 31)),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
    ],
)
def test_dates_accepted(text: Any, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("02/30/2026", "not a real date: February has no 30th day"),
        ("2026-04-31", "not a real date: April has no 31st day"),
        ("02/29/2026", "not a real date: February 2026 has no 29th day"),
        ("2026-13-01", "not a real date: there is no month 13"),
        ("2026-01-00", "not a real date: there is no day 0"),
        ("31/12/2026", "not a real date: there is no month 31"),
        ("next Tuesday", "not a date; use YYYY-MM-DD or MM/DD/YYYY"),
        ("2026/01/05", "not a date"),
        (20260105, "not a date"),
        (dt.datetime(2026, 1, 5, 9, 30), "without a time"),
    ],
)
def test_dates_refused_with_a_reason(text: Any, message: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_date(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,234.50", Decimal("1234.50")),
        ("1234.5", Decimal("1234.50")),
        ("1234", Decimal("1234.00")),
        ("$ 12", Decimal("12.00")),
        (".75", Decimal("0.75")),
        (Decimal("412.50"), Decimal("412.50")),
        (300, Decimal("300.00")),
        (0.1, Decimal("0.10")),
        ("1,000,000.00", Decimal("1000000.00")),
    ],
)
def test_money_accepted(text: Any, expected: Decimal) -> None:
    value = parse_money(text)
    assert value == expected
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,23", "not an amount"),
        ("12.345", "more than two decimal places"),
        ("-5.00", "must not be negative"),
        ("twelve", "not an amount"),
        ("1.2.3", "not an amount"),
        (True, "not an amount"),
        ("$", "not an amount"),
    ],
)
def test_money_refused(text: Any, message: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_money(text)
    assert message in str(info.value)


def test_ssn_normalized_and_checked() -> None:
    assert parse_text("900000001", "ssn") == "900-00-0001"
    assert parse_text("900 00 0001", "ssn") == "900-00-0001"
    with pytest.raises(AnswerError, match=r"must be 9 digits \(123-45-6789\)"):
        parse_text("900-00-001", "ssn")


def _lien() -> tuple[Any, dict[str, Any]]:
    iid, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    return load_interview(iid), raw


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("obligor_ssn", "900-00-00012", "must be 9 digits (123-45-6789)"),
        ("account_last4", "123456789", "give exactly the last four digits"),
        ("obligor_birth_date", "02/30/1985", "not a real date: February has no 30th day"),
        ("past_due_amount", "4,21.00", "not an amount"),
        ("account_balance", "-12.00", "must not be negative"),
        ("family_violence", "maybe", "answer yes or no"),
        ("lien_target", "boat", "choose one of: account, lump_sum, real_estate"),
        ("obligor_name", "Jordan\nMadeup", "give one line of text"),
        ("obligor_name", 42, "give text"),
    ],
)
def test_field_errors_name_the_field_and_never_echo(field: str, bad: Any, message: str) -> None:
    iv, raw = _lien()
    raw[field] = bad
    result = iv.validate(raw)
    assert [e.field for e in result.errors] == [field]
    err = result.errors[0]
    assert message in err.message
    assert str(err).startswith(f"{field}: ")
    if isinstance(bad, str):
        assert bad not in str(err)
        assert bad.strip("-").replace("\n", " ") not in str(err)


def test_private_values_never_in_any_message() -> None:
    """Garble every private answer of every example: no message repeats what was typed."""
    for path in sorted(EXAMPLES.glob("*.toml")):
        if path.name == "office.toml":
            continue
        iid, raw = load_answers_file(path)
        iv = load_interview(iid)
        for q in iv.visible(raw):
            if not q.private or q.type == "list":
                continue
            garbled = dict(raw)
            garbled[q.id] = "Zq7 secret 5551212 \n line"
            result = iv.validate(garbled)
            # Multi-line text (addresses) takes any text; everything else must refuse it.
            assert q.multiline or result.errors, f"{path.name}: {q.id} accepted garbage"
            for e in result.errors:
                assert "secret" not in str(e) and "5551212" not in str(e)


def test_csv_style_strings_are_typed() -> None:
    iv, raw = _lien()
    raw.update(
        document_date="11/23/2026",
        family_violence="No",
        past_due_amount="$4,210.00",
        account_balance="1850.75",
        lien_target="Account",
        mailing_date="11/24/2026",
        past_due_as_of="2026-10-31",
    )
    result = iv.validate(raw)
    assert result.errors == ()
    a = result.answers
    assert a["document_date"] == dt.date(2026, 11, 23)
    assert a["family_violence"] is False
    assert a["past_due_amount"] == Decimal("4210.00")
    assert a["lien_target"] == "account"


def test_hidden_answers_are_dropped_and_every_id_present() -> None:
    iv, raw = _lien()
    raw["legal_description"] = "stale text from a real-estate draft"
    result = iv.validate(raw)
    assert result.errors == ()
    assert result.answers["legal_description"] is None
    assert set(result.answers) == {q.id for q in iv.questions}
    assert result.answers["court_case_number"] is None


def test_unknown_keys_are_errors_but_other_interviews_answers_are_not() -> None:
    iv, raw = _lien()
    raw["guideline_monthly"] = "412.50"  # a prior-period answer: same case, ignored here
    raw["obligor_nmae"] = "typo"
    result = iv.validate(raw)
    assert [(e.field, e.message) for e in result.errors] == [
        ("obligor_nmae", "not a question of this interview (check the spelling)")
    ]


def test_integer_bounds_and_types() -> None:
    # The diary's minimum is asked on the judicial track only (305 ILCS 5/10-10).
    iid, raw = load_answers_file(EXAMPLES / "job-program-judicial.toml")
    iv = load_interview(iid)
    for bad, message in (
        (0, "must be at least 1"),
        (51, "must be at most 50"),
        ("ten", "whole number"),
        (True, "whole number"),
    ):
        raw["efforts_minimum_contacts"] = bad
        result = iv.validate(raw)
        assert [e.field for e in result.errors] == ["efforts_minimum_contacts"]
        assert message in result.errors[0].message
    raw["efforts_minimum_contacts"] = "12"
    assert iv.validate(raw).answers["efforts_minimum_contacts"] == 12


def test_list_item_errors_use_paths_and_columns() -> None:
    iid, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    iv = load_interview(iid)
    raw["children"][1]["birth_date"] = "02/30/2016"
    raw["children"][0]["nickname"] = "x"
    result = iv.validate(raw)
    fields = [e.field for e in result.errors]
    assert fields == ["children[1].nickname", "children[2].birth_date"]
    assert result.errors[1].column == "child_2_birth_date"
    assert "February has no 30th day" in result.errors[1].message


def test_children_required_at_least_one() -> None:
    iid, raw = load_answers_file(EXAMPLES / "job-program-judicial.toml")
    raw["children"] = []
    result = load_interview(iid).validate(raw)
    assert [e.field for e in result.errors] == ["children"]
    assert "add at least 1 child" in result.errors[0].message


def test_case_number_one_or_the_other() -> None:
    # A judicial case: either number names it (a lien or an administrative order needs the
    # IV-D number: tests/review/test_case_numbers.py).
    iid, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    iv = load_interview(iid)
    del raw["iv_d_case_number"]
    raw["court_case_number"] = ""
    result = iv.validate(raw)
    assert [e.field for e in result.errors] == ["iv_d_case_number"]
    raw["court_case_number"] = "2026-F-1"
    assert iv.validate(raw).complete


def test_segments_must_be_ordered_and_within_the_period() -> None:
    iid, raw = load_answers_file(EXAMPLES / "prior-period-administrative.toml")
    iv = load_interview(iid)
    raw["segments"][1]["start_date"] = dt.date(2025, 6, 30)  # overlaps segment 1
    assert [e.field for e in iv.validate(raw).errors] == ["segments[2].start_date"]
    raw["segments"][1]["start_date"] = dt.date(2025, 7, 1)
    raw["segments"][0]["start_date"] = dt.date(2024, 1, 30)  # before the birth (Jan 31)
    result = iv.validate(raw)
    assert [e.field for e in result.errors] == ["segments[1].start_date"]
    assert "birth" in result.errors[0].message
    raw["segments"][0]["start_date"] = dt.date(2024, 1, 31)
    # Past the order's date (Nov 23, 10-7(b)) and into current support (from Nov 23).
    raw["segments"][1]["end_date"] = dt.date(2026, 12, 1)
    errors = iv.validate(raw).errors
    assert {e.field for e in errors} == {"segments[2].end_date"} and len(errors) == 2
    assert any("before the order's date" in e.message for e in errors)
    raw["segments"][1]["end_date"] = dt.date(2025, 6, 1)  # before its own start
    assert "segments[2].end_date" in [e.field for e in iv.validate(raw).errors]


def test_deviation_needs_a_reason_only_when_amount_differs() -> None:
    iid, raw = load_answers_file(EXAMPLES / "prior-period-administrative.toml")
    iv = load_interview(iid)
    del raw["segments"][1]["deviation_reason"]
    assert [e.field for e in iv.validate(raw).errors] == ["segments[2].deviation_reason"]
    raw["segments"][1]["monthly_amount"] = "412.50"  # the guideline amount: no reason needed
    assert iv.validate(raw).complete


def test_judicial_factors_none_blank() -> None:
    iid, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    iv = load_interview(iid)
    raw["factor_reason_for_delay"] = "   "
    assert [e.field for e in iv.validate(raw).errors] == ["factor_reason_for_delay"]
    raw["track"] = "administrative"  # factors hidden; the mailing date is now required
    assert [e.field for e in iv.validate(raw).errors] == ["order_mailing_date"]


def test_work_activities_not_for_incapacitated_obligor() -> None:
    iid, raw = load_answers_file(EXAMPLES / "job-program-administrative.toml")
    iv = load_interview(iid)
    raw["past_due_remedy"] = "work_activities"
    raw["obligor_incapacitated"] = True
    result = iv.validate(raw)
    assert [e.field for e in result.errors] == ["past_due_remedy"]
    assert "10-11.1(b)" in result.errors[0].message


def test_graduation_must_follow_birth_and_birth_not_after_document() -> None:
    iid, raw = load_answers_file(EXAMPLES / "track-judicial.toml")
    iv = load_interview(iid)
    raw["children"][0]["graduation_date"] = dt.date(2012, 5, 1)
    raw["children"][1]["birth_date"] = dt.date(2027, 1, 1)
    assert [e.field for e in iv.validate(raw).errors] == [
        "children[1].graduation_date",
        "children[2].birth_date",
    ]


def test_prior_period_checks_hold_as_soon_as_their_own_answers_are_known() -> None:
    # Current support against the order's date needs no segment (a front end says it when
    # it is typed); a segment's checks need only that segment, whichever is first given.
    iid, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    iv = load_interview(iid)
    raw["current_support_start"] = dt.date(2026, 11, 1)
    del raw["segments"]
    fields = [e.field for e in iv.validate(raw).errors]
    assert "current_support_start" in fields
    raw["current_support_start"] = dt.date(2026, 11, 23)
    raw["segments"] = [{"end_date": dt.date(2026, 11, 30)}, {"start_date": dt.date(2025, 1, 1)}]
    fields = [e.field for e in iv.validate(raw).errors]
    assert "segments[1].end_date" in fields  # on or after the order, with no start given
    assert "segments[2].start_date" in fields  # before the separation


def test_validate_answer_for_a_form_field() -> None:
    iv = load_interview("lien")
    assert iv.validate_answer("past_due_amount", "$1,000") == (Decimal("1000.00"), None)
    value, message = iv.validate_answer("mailing_date", "02/30/2026")
    assert value is None and message is not None and "February has no 30th day" in message
    assert iv.validate_answer("joint_owners", []) == ([], None)
