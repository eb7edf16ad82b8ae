"""Termination date: the 18th birthday, or graduation after 18 capped at the 19th birthday."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.rules.datemath import age_on, birthday
from counsel.rules.errors import RuleInputError
from counsel.rules.termination import termination_date

D = dt.date


def test_no_graduation_date_gives_the_18th_birthday() -> None:
    t = termination_date(D(2010, 6, 15))
    assert (t.date, t.reason) == (D(2028, 6, 15), "18th-birthday")
    assert "305 ILCS 5/10-11" in t.citations and "305 ILCS 5/10-2" in t.citations
    assert "does not apply to any arrearage" in t.explanation


def test_graduation_before_the_18th_birthday_gives_the_18th_birthday() -> None:
    t = termination_date(D(2010, 6, 15), D(2028, 5, 20))
    assert (t.date, t.reason) == (D(2028, 6, 15), "18th-birthday")


def test_graduation_on_the_18th_birthday_is_not_after_it() -> None:
    # "will not graduate ... until after attaining the age of 18": same day is not after.
    t = termination_date(D(2010, 6, 15), D(2028, 6, 15))
    assert (t.date, t.reason) == (D(2028, 6, 15), "18th-birthday")


def test_graduation_after_18_and_before_19_gives_graduation() -> None:
    t = termination_date(D(2010, 1, 10), D(2028, 5, 25))
    assert (t.date, t.reason) == (D(2028, 5, 25), "graduation")


def test_graduation_the_day_after_the_18th_birthday() -> None:
    t = termination_date(D(2010, 1, 10), D(2028, 1, 11))
    assert (t.date, t.reason) == (D(2028, 1, 11), "graduation")


def test_graduation_after_the_19th_birthday_is_capped_at_19() -> None:
    t = termination_date(D(2010, 1, 10), D(2029, 5, 25))
    assert (t.date, t.reason) == (D(2029, 1, 10), "19th-birthday")


def test_graduation_on_the_19th_birthday() -> None:
    t = termination_date(D(2010, 1, 10), D(2029, 1, 10))
    assert t.date == D(2029, 1, 10)


def test_feb_29_birth_turns_18_on_march_1() -> None:
    t = termination_date(D(2008, 2, 29))
    assert t.date == D(2026, 3, 1)
    assert "Convention" in t.explanation and "February 29" in t.explanation


def test_feb_29_birth_19th_birthday_cap_is_march_1() -> None:
    t = termination_date(D(2008, 2, 29), D(2027, 6, 1))
    assert (t.date, t.reason) == (D(2027, 3, 1), "19th-birthday")


def test_feb_29_birth_graduating_on_feb_28_of_the_18th_year_is_before_18() -> None:
    # Feb 28, 2026 is the day before the child attains 18 under the Mar 1 reading.
    t = termination_date(D(2008, 2, 29), D(2026, 2, 28))
    assert (t.date, t.reason) == (D(2026, 3, 1), "18th-birthday")


def test_graduation_not_after_birth_is_an_input_error() -> None:
    with pytest.raises(RuleInputError) as info:
        termination_date(D(2010, 1, 10), D(2010, 1, 10))
    assert info.value.field == "graduation"


def test_birthday_and_age_helpers_agree_on_feb_29() -> None:
    assert birthday(D(2008, 2, 29), 4) == D(2012, 2, 29)
    assert age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18


@settings(max_examples=200, deadline=None)
@given(
    birth=st.dates(D(1990, 1, 1), D(2030, 12, 31)),
    grad_offset=st.one_of(st.none(), st.integers(1, 365 * 25)),
)
def test_termination_is_between_the_18th_and_19th_birthdays(
    birth: dt.date, grad_offset: int | None
) -> None:
    graduation = None if grad_offset is None else birth + dt.timedelta(days=grad_offset)
    t = termination_date(birth, graduation)
    assert birthday(birth, 18) <= t.date <= birthday(birth, 19)
    if graduation is not None and birthday(birth, 18) < graduation < birthday(birth, 19):
        assert t.date == graduation
