"""show_if visibility, next/previous navigation, section completeness, batch rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.interviewer import (
    columns,
    flatten_answers,
    load_answers_file,
    load_interview,
    parse_interview,
    unflatten_row,
)

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _ids(questions: list) -> list[str]:  # type: ignore[type-arg]
    return [q.id for q in questions]


def test_lien_target_drives_visibility() -> None:
    iv = load_interview("lien")
    account = _ids(iv.visible({"lien_target": "account"}))
    assert "account_type" in account and "account_last4" in account
    assert "legal_description" not in account
    estate = _ids(iv.visible({"lien_target": "real_estate"}))
    assert "legal_description" in estate and "account_type" not in estate
    lump = _ids(iv.visible({"lien_target": "lump_sum"}))
    assert "holder_name" in lump and "joint_owners" not in lump
    nothing = _ids(iv.visible({}))
    assert "holder_name" not in nothing and "mailing_date" in nothing


def test_section_show_if_hides_the_whole_section() -> None:
    iv = load_interview("prior-period")
    judicial = _ids(iv.visible({"track": "judicial"}))
    assert "factor_knowledge_of_birth" in judicial and "order_mailing_date" not in judicial
    admin = _ids(iv.visible({"track": "administrative"}))
    assert "factor_knowledge_of_birth" not in admin and "order_mailing_date" in admin


def test_hidden_answers_count_as_none_downstream() -> None:
    """A stale past_due_remedy answer must not show the plan question once its gate closes."""
    iv = load_interview("job-program")
    answers = {
        "track": "administrative",
        "past_due_owed": True,
        "child_receives_assistance": True,
        "past_due_remedy": "plan",
    }
    assert "plan_monthly_payment" in _ids(iv.visible(answers))
    answers["past_due_owed"] = False
    shown = _ids(iv.visible(answers))
    assert "past_due_remedy" not in shown and "plan_monthly_payment" not in shown


def test_visibility_reads_raw_strings_too() -> None:
    iv = load_interview("track")
    assert "judicial_necessary_reason" in _ids(iv.visible({"judicial_necessary": "yes"}))
    assert "judicial_necessary_reason" not in _ids(iv.visible({"judicial_necessary": "no"}))
    assert "judicial_necessary_reason" not in _ids(iv.visible({"judicial_necessary": "?"}))


def test_next_and_previous_skip_hidden_questions() -> None:
    iv = load_interview("track")
    answers = {"judicial_necessary": False}
    assert iv.next_question(answers, None).id == iv.questions[0].id  # type: ignore[union-attr]
    nxt = iv.next_question(answers, "judicial_necessary")
    assert nxt is not None and nxt.id == "parties_are_parents"
    answers["judicial_necessary"] = True
    nxt = iv.next_question(answers, "judicial_necessary")
    assert nxt is not None and nxt.id == "judicial_necessary_reason"
    prev = iv.previous_question({"judicial_necessary": False}, "parties_are_parents")
    assert prev is not None and prev.id == "judicial_necessary"
    assert iv.previous_question({}, iv.questions[0].id) is None
    last = iv.visible({})[-1]
    assert iv.next_question({}, last.id) is None
    assert iv.previous_question({}, None) == last


def test_next_from_a_question_that_just_became_hidden() -> None:
    iv = load_interview("track")
    nxt = iv.next_question({"judicial_necessary": False}, "judicial_necessary_reason")
    assert nxt is not None and nxt.id == "parties_are_parents"


def test_section_completeness_and_first_unanswered() -> None:
    iid, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    iv = load_interview(iid)
    assert all(iv.section_complete(s.id, raw) for s in iv.sections)
    assert iv.first_unanswered(raw) is None
    del raw["account_balance"]
    assert not iv.section_complete("target", raw)
    assert iv.section_complete("debt", raw)
    q = iv.first_unanswered(raw)
    assert q is not None and q.id == "account_balance"
    assert iv.section_of("account_balance").id == "target"


def test_item_show_if_sees_item_fields_and_outer_answers() -> None:
    iv = load_interview("prior-period")
    raw = {"guideline_monthly": "400", "segments": [{"monthly_amount": "400.00"}]}
    typed = iv.validate(raw).answers
    assert typed["segments"][0]["deviation_reason"] is None
    errs = [e.field for e in iv.validate(raw).errors]
    assert "segments[1].deviation_reason" not in errs
    raw["segments"][0]["monthly_amount"] = "300"
    errs = [e.field for e in iv.validate(raw).errors]
    assert "segments[1].deviation_reason" in errs


def test_show_if_is_sandboxed() -> None:
    """An unsafe show_if fails at load (dry run); one unsafe only for some answers fails when
    evaluated, with the sandbox's SecurityError, never running the attribute access."""
    from jinja2.exceptions import SecurityError

    text = """
id = "sandbox"
title = "Sandbox"
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "a"
type = "bool"
label = "A"
[[sections.questions]]
id = "b"
type = "text"
label = "B"
show_if = "a and a.__class__.__subclasses__()"
"""
    iv = parse_interview(text, "sandbox")
    assert [q.id for q in iv.visible({"a": False})] == ["a"]
    with pytest.raises(SecurityError):
        iv.visible({"a": True})


# --- batch rows --------------------------------------------------------------------------


def test_flatten_and_unflatten_round_trip() -> None:
    iid, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    iv = load_interview(iid)
    typed = iv.validate(raw).answers
    row = flatten_answers(iv, typed)
    assert row["joint_owner_1_name"] == "Sam K. Madeup"
    assert row["family_violence"] == "no"
    assert row["past_due_amount"] == "4210.00"
    assert row["mailing_date"] == "2026-11-24"
    assert "joint_owners" not in row
    back = iv.validate(unflatten_row(iv, row)).answers
    assert back == typed


def test_validate_takes_flat_rows_directly() -> None:
    iid, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    iv = load_interview(iid)
    typed = iv.validate(raw).answers
    row = flatten_answers(iv, typed)
    row["child_3_name"] = ""  # an empty third child's columns: dropped
    row["child_3_birth_date"] = ""
    result = iv.validate(row)
    assert result.errors == ()
    assert result.answers == typed


def test_columns_repeat_list_fields() -> None:
    iv = load_interview("lien")
    cols = columns(iv, {"joint_owners": 2})
    assert cols[-5:] == [
        "joint_owner_1_name",
        "joint_owner_1_address",
        "joint_owner_2_name",
        "joint_owner_2_address",
        "mailing_date",
    ]
    assert "joint_owners" not in cols


def test_unflatten_orders_by_number_and_keeps_other_keys() -> None:
    iv = load_interview("prior-period")
    row = {
        "segment_2_start_date": "2025-07-01",
        "segment_1_start_date": "2024-01-31",
        "segment_10_start_date": "2026-01-01",
        "track": "judicial",
    }
    out = unflatten_row(iv, row)
    assert [s["start_date"] for s in out["segments"]] == ["2024-01-31", "2025-07-01", "2026-01-01"]
    assert out["track"] == "judicial"
