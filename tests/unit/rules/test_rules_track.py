"""Track: judicial when any of the eight criteria holds; administrative only with agreement."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.rules.errors import RuleInputError
from counsel.rules.track import (
    CRITERIA,
    PARENTS_AGREE,
    PARENTS_NOT_AGREED,
    older_child,
    recommend_track,
)

IDS = [
    "court-order",
    "other-family-order",
    "domestic-violence",
    "iv-e-referral",
    "contentious-law",
    "parent-conflict",
    "older-child",
    "judicial-necessary",
]


def test_the_eight_criteria_in_the_guides_order() -> None:
    assert list(CRITERIA) == IDS
    for c in CRITERIA.values():
        assert c.label and "?" in c.question
        assert "750 ILCS 24/15" in c.source
    assert [c.id for c in CRITERIA.values() if c.requires_reason] == ["judicial-necessary"]


@pytest.mark.parametrize("criterion", IDS)
@pytest.mark.parametrize("agree", [True, False])
def test_any_one_criterion_means_judicial(criterion: str, agree: bool) -> None:
    d = recommend_track([criterion], parents_agree=agree)
    assert d.recommended == "judicial"
    assert d.reasons == (criterion,)
    assert "750 ILCS 24/15(b)(4)" in d.citations
    assert CRITERIA[criterion].label in d.explanation


def test_every_holding_criterion_is_listed_in_order_once() -> None:
    d = recommend_track(["older-child", "court-order", "older-child"], parents_agree=True)
    assert d.reasons == ("court-order", "older-child")


def test_administrative_only_when_none_holds_and_the_parents_agree() -> None:
    d = recommend_track([], parents_agree=True)
    assert d.recommended == "administrative"
    assert d.reasons == (PARENTS_AGREE,)
    assert {"750 ILCS 24/15(b)(4)", "305 ILCS 5/10-7(b)", "305 ILCS 5/10-11"} <= set(d.citations)


def test_none_holds_but_no_agreement_is_judicial() -> None:
    d = recommend_track([], parents_agree=False)
    assert d.recommended == "judicial"
    assert d.reasons == (PARENTS_NOT_AGREED,)


def test_unknown_criterion_is_an_input_error_naming_the_choices() -> None:
    with pytest.raises(RuleInputError, match="court-order") as info:
        recommend_track(["bogus"], parents_agree=True)
    assert info.value.field == "yes"


D = dt.date


def test_older_child_at_exactly_the_office_age() -> None:
    assert older_child(D(2016, 5, 1), D(2026, 5, 1), 10).value is True
    assert older_child(D(2016, 5, 1), D(2026, 4, 30), 10).value is False


def test_older_child_states_the_convention_and_age() -> None:
    f = older_child(D(2016, 5, 1), D(2026, 5, 1), 12)
    assert f.value is False
    assert "Convention" in f.explanation and "12 years" in f.explanation


def test_older_child_born_feb_29() -> None:
    assert older_child(D(2016, 2, 29), D(2026, 2, 28), 10).value is False
    assert older_child(D(2016, 2, 29), D(2026, 3, 1), 10).value is True


def test_older_child_default_age_comes_from_the_store() -> None:
    f = older_child(D(2016, 5, 1), D(2026, 5, 1))
    assert f.value is True and "10 years" in f.explanation
    assert older_child(D(2016, 5, 2), D(2026, 5, 1)).value is False


def test_older_child_bad_age_and_future_birth() -> None:
    with pytest.raises(RuleInputError):
        older_child(D(2016, 5, 1), D(2026, 5, 1), 0)
    with pytest.raises(RuleInputError):
        older_child(D(2027, 5, 1), D(2026, 5, 1), 10)
