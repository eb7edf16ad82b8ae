"""Property tests: date and money parsing round trips; batch rows round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.interviewer import flatten_answers, load_interview, unflatten_row
from counsel.interviewer.values import parse_date, parse_money

_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(_dates)
def test_both_date_forms_read_back(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**11 - 1))  # up to $999,999,999.99
def test_money_forms_read_back_exactly(cents: int) -> None:
    amount = Decimal(cents) / 100
    assert parse_money(f"{amount:.2f}") == amount
    assert parse_money(f"${amount:,.2f}") == amount
    assert parse_money(str(amount)) == amount


_text = st.text(alphabet="abcdefghij ABC.-'", min_size=1, max_size=20).map(str.strip).filter(bool)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"name": _text, "birth_date": _dates, "graduation_date": st.none() | _dates}
        ),
        min_size=1,
        max_size=5,
    )
)
def test_rows_round_trip(children: list[dict[str, object]]) -> None:
    iv = load_interview("track")
    typed = iv.validate({"children": children}).answers
    row = flatten_answers(iv, typed)
    assert iv.validate(unflatten_row(iv, row)).answers == typed
    assert sum(1 for k in row if k.startswith("child_") and k.endswith("_birth_date")) == len(
        children
    )
