"""Strict loading: the bundled interviews load; each broken fixture fails naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.errors import NotFoundError
from counsel.interviewer import (
    INTERVIEW_ORDER,
    QUESTION_TYPES,
    InterviewDefinitionError,
    list_interviews,
    load_interview,
    load_interview_file,
)

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "interviews"

# fixture -> (key path the message must name, words of the problem)
BAD = {
    "bad_unknown_top_key": ("top level.colour", "unknown key"),
    "bad_unknown_question_key": ("questions[0] (q).requried", "unknown key"),
    "bad_type": ("questions[0] (q).type", "must be one of"),
    "bad_required_not_bool": ("questions[0] (q).required", "must be true or false"),
    "bad_dangling_show_if": ("questions[0] (q).show_if", "unknown name 'lien_targt'"),
    "bad_show_if_later_name": ("questions[0] (first).show_if", "unknown name 'second'"),
    "bad_show_if_syntax": ("questions[1] (q).show_if", "not a valid expression"),
    "bad_show_if_unsafe": ("questions[1] (q).show_if", "unsafe expression"),
    "bad_duplicate_id": ("questions[0].id", "duplicate question id 'county'"),
    "bad_duplicate_section": ("sections[1].id", "duplicate section id 's'"),
    "bad_choice_without_choices": ("questions[0] (q).choices", "missing"),
    "bad_duplicate_choice": ("choices[1].value", "duplicate choice value 'a'"),
    "bad_list_without_fields": ("questions[0] (owners).fields", "missing"),
    "bad_nested_list": ("fields[0] (pets).type", "must be one of"),
    "bad_unknown_use": ("sections[0].use", "no shared section 'casee'"),
    "bad_optional_unknown": ("sections[0].optional", "no 'obligor_adress'"),
    "bad_id_not_snake": ("questions[0].id", "snake_case"),
    "bad_min_on_text": ("questions[0] (q).min", "only money and integer"),
    "bad_money_bound": ("questions[0] (q).min", "two decimal places"),
    "bad_id_mismatch": ("top level.id", "must match the file name"),
    "bad_not_toml": ("bad_not_toml.toml", "not valid TOML"),
    "bad_format": ("questions[0] (q).format", "must be one of"),
}


def test_every_bad_fixture_is_covered() -> None:
    on_disk = {p.stem for p in FIXTURES.glob("bad_*.toml")}
    assert on_disk == set(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_fixture_fails_naming_file_and_key(name: str) -> None:
    key, problem = BAD[name]
    with pytest.raises(InterviewDefinitionError) as info:
        load_interview_file(FIXTURES / f"{name}.toml")
    message = str(info.value)
    assert f"{name}.toml" in message
    assert key in message
    assert problem in message


def test_good_fixture_loads_with_shared_section() -> None:
    iv = load_interview_file(FIXTURES / "good_minimal.toml")
    assert [s.id for s in iv.sections] == ["case", "own"]
    assert iv.question("pet_count").show_if == "has_pet"
    assert [q.id for q in iv.visible({"has_pet": False})][-1] == "has_pet"
    assert [q.id for q in iv.visible({"has_pet": True})][-1] == "pet_count"


def test_bundled_interviews_in_spec_order() -> None:
    assert [iv.id for iv in list_interviews()] == list(INTERVIEW_ORDER)


def test_unknown_interview_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no interview 'liens'"):
        load_interview("liens")


def test_bundled_questions_are_well_formed() -> None:
    for iv in list_interviews():
        ids = [q.id for q in iv.questions]
        assert len(ids) == len(set(ids)), iv.id
        for q in iv.questions:
            assert q.type in QUESTION_TYPES
            assert q.citations, f"{iv.id}.{q.id} names no statute"
            if q.type == "list":
                assert q.item_prefix and q.fields


def test_question_types_all_used() -> None:
    used = {q.type for iv in list_interviews() for q in iv.questions}
    used |= {f.type for iv in list_interviews() for q in iv.questions for f in q.fields}
    assert used == set(QUESTION_TYPES)


def test_shared_case_model_is_the_same_question_everywhere() -> None:
    """One case model: an id asked by two interviews is the same question (type, label)."""
    seen: dict[str, tuple[str, str]] = {}
    for iv in list_interviews():
        for q in iv.questions:
            sig = (q.type, q.label)
            assert seen.setdefault(q.id, sig) == sig, f"{q.id} differs in {iv.id}"


def test_track_choice_where_two_tracks() -> None:
    for iid in ("prior-period", "job-program"):
        q = load_interview(iid).question("track")
        assert q.choice_values() == ("administrative", "judicial")


def test_every_citation_resolves_in_the_store() -> None:
    import datetime as dt

    from counsel.law import get_store

    store = get_store()
    on = dt.date(2026, 11, 23)
    for iv in list_interviews():
        cites = set(iv.citations)
        for q in iv.questions:
            cites.update(q.citations)
            for f in q.fields:
                cites.update(f.citations)
        for c in sorted(cites):
            store.cite(c, on=on)  # raises CitationError / NotInForceError
