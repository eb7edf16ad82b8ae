"""One reading of money and dates: the interview engine, `counsel calc`, a batch cell and the
terminal's fields give the same verdict and value for the same text, and a field keeps every
character typed (a refused keystroke would turn 1o45.00 into 145.00)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from counsel.batch.cells import prepare_cells
from counsel.cli import main
from counsel.interviewer import load_interview
from counsel.tui.widgets.date_input import DateInput, check_date
from counsel.tui.widgets.money_input import MoneyInput, check_money

LIEN = load_interview("lien")
MONEY_ID = "past_due_amount"
DATE_ID = "mailing_date"

Verdict = tuple[bool, Any]
"""(accepted, value): the typed value when accepted, the message when refused."""

# Texts a specialist could type, slips included: a letter O or l for a digit, a stray point
# or comma, a sign, a space, other scripts' digits.
_money_chars = st.sampled_from(list("0123456789$,.-  oOlI1e+") + ["\u0661", "\uff11"])
money_texts = st.one_of(
    st.text(_money_chars, min_size=1, max_size=12),
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: f"{d:,.2f}"),
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: f"${d}"),
    st.integers(0, 10**7).map(str),
).filter(lambda s: bool(s.strip()))
_date_chars = st.sampled_from(list("0123456789-/ ") + ["\u0662"])
_days = st.dates(dt.date(1850, 1, 1), dt.date(2350, 12, 31))
date_texts = st.one_of(
    st.text(_date_chars, min_size=1, max_size=12),
    _days.map(dt.date.isoformat),
    _days.map(lambda d: f"{d.month}/{d.day}/{d.year}"),
    _days.map(lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}"),
    st.tuples(st.integers(0, 14), st.integers(0, 33), st.integers(1890, 2210)).map(
        lambda t: f"{t[2]}-{t[0]:02d}-{t[1]:02d}"
    ),
).filter(lambda s: bool(s.strip()))

NAMED_MONEY = ("1o45.00", "1234.", ".50", "$.50", "12,50", "1,234.567", "-5", "1 234", "l00")
NAMED_DATES = ("2300-01-01", "1899-12-31", "2026-02-29", "02/30/2026", "31/12/2026", "2026/1/5")


def _engine(qid: str, text: str) -> Verdict:
    value, problem = LIEN.validate_answer(qid, text)
    return (True, value) if problem is None else (False, problem)


def _batch_cell(qid: str, text: str) -> Verdict:
    raw, problems = prepare_cells({qid: text})
    if problems:
        return False, problems[0].message
    result = LIEN.validate(raw)
    errors = [e.message for e in result.errors if e.field == qid]
    return (False, errors[0]) if errors else (True, result.answers[qid])


def _calc(argv: list[str]) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refuses a bad `type=` value by exiting 2
            code = int(exc.code or 0)
    return code, (json.loads(out.getvalue()) if code == 0 else {"stderr": err.getvalue()})


def _calc_money(text: str) -> Verdict:
    # `--past-due=TEXT`: a text starting with "-" would otherwise read as an option.
    code, data = _calc(["calc", "lien", "--target", "lump-sum", f"--past-due={text}", "--json"])
    if code != 0:
        return False, data["stderr"]
    # The first reason restates the amount read: "Past-due support of $1,234.50 is ...".
    shown = data["reasons"][0].split("$", 1)[1].split(" ", 1)[0]
    return True, Decimal(shown.replace(",", ""))


def _calc_date(text: str) -> Verdict:
    code, data = _calc(["calc", "deadline", "lien-hearing", f"--from={text}", "--json"])
    if code != 0:
        return False, data["stderr"]
    # The nominal last day is the mailing date read + 15 days (160.70(g)(1)(C)).
    return True, dt.date.fromisoformat(data["nominal"]) - dt.timedelta(days=15)


def _widget(check: Any, text: str) -> Verdict:
    value, problem = check(text)
    return (True, value) if problem is None else (False, problem)


def _same_words(field_message: str, engine_message: str) -> bool:
    """The field shows the engine's message as a sentence (capital, full stop)."""
    return field_message.rstrip(".").lower() == engine_message.rstrip(".").lower()


@settings(max_examples=150, deadline=None)
@given(text=money_texts)
@example(text="1o45.00")
@example(text="1234.")
@example(text=".50")
def test_money_entry_points_agree(text: str) -> None:
    engine = _engine(MONEY_ID, text)
    assert _batch_cell(MONEY_ID, text)[0] == engine[0]
    assert _calc_money(text)[0] == engine[0]
    field = _widget(check_money, text)
    assert field[0] == engine[0]
    if engine[0]:
        value = engine[1]
        assert isinstance(value, Decimal) and value.as_tuple().exponent == -2
        assert _batch_cell(MONEY_ID, text)[1] == value
        assert _calc_money(text)[1] == value
        assert field[1] == value
    else:
        assert _same_words(field[1], engine[1])


@settings(max_examples=150, deadline=None)
@given(text=date_texts)
@example(text="2300-01-01")
@example(text="2/30/2026")
def test_date_entry_points_agree(text: str) -> None:
    engine = _engine(DATE_ID, text)
    assert _batch_cell(DATE_ID, text) == engine
    calc = _calc_date(text)
    assert calc[0] == engine[0]
    field = _widget(check_date, text)
    assert field[0] == engine[0]
    if engine[0]:
        assert isinstance(engine[1], dt.date)
        assert calc[1] == engine[1]
        assert field[1] == engine[1]
    else:
        assert _same_words(field[1], engine[1])


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("1o45.00", False), ("1234.", False), (".50", True), ("$1,045.00", True), ("12,50", False)],
)
def test_named_money_verdicts(text: str, accepted: bool) -> None:
    assert _engine(MONEY_ID, text)[0] is accepted
    assert _calc_money(text)[0] is accepted


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("2300-01-01", False), ("2199-12-31", True), ("1900-01-01", True), ("3/4/2026", True)],
)
def test_named_date_verdicts(text: str, accepted: bool) -> None:
    assert _engine(DATE_ID, text)[0] is accepted
    assert _calc_date(text)[0] is accepted


# --- the fields, typed key by key ---------------------------------------------------------


class _Fields(App[None]):
    def compose(self) -> ComposeResult:
        yield MoneyInput(widget_id="money")
        yield DateInput(widget_id="date")


@pytest.fixture
async def fields() -> AsyncIterator[tuple[Pilot[None], MoneyInput, DateInput]]:
    app = _Fields()
    async with app.run_test(size=(80, 24)) as pilot:
        yield pilot, app.query_one(MoneyInput), app.query_one(DateInput)


async def _type(pilot: Pilot[None], field: Any, text: str) -> None:
    """Each character as a key press."""
    field.value = ""
    pilot.app.set_focus(field)
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


def _insert(field: Any, text: str) -> None:
    """Each character through the call a key press makes (Input._on_key ->
    insert_text_at_cursor), without the Pilot's wait per key."""
    field.value = ""
    field.cursor_position = 0
    for ch in text:
        field.insert_text_at_cursor(ch)


async def _shows(field: Any) -> str | None:
    result = field.validate(field.value)
    return None if result is None or result.is_valid else result.failure_descriptions[0]


_printable_money = st.text(
    st.sampled_from(list("0123456789$,.- oOlI1e+")), min_size=1, max_size=10
).filter(lambda s: bool(s.strip()))
_printable_date = st.text(st.sampled_from(list("0123456789-/ ab")), min_size=1, max_size=12).filter(
    lambda s: bool(s.strip())
)


def _assert_kept_and_judged(field: Any, text: str, qid: str, shown: str | None) -> None:
    assert field.value == text  # nothing dropped, nothing added
    engine = _engine(qid, text)
    if engine[0]:
        assert shown is None
    else:
        assert shown is not None and _same_words(shown, engine[1])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(money=_printable_money, date=_printable_date)
@example(money="1o45.00", date="2300-01-01")
@example(money="1234.", date="12/31/2026x")
async def test_fields_keep_every_character_and_show_the_engine_verdict(
    fields: tuple[Pilot[None], MoneyInput, DateInput], money: str, date: str
) -> None:
    _, money_field, date_field = fields
    for field, text, qid in ((money_field, money, MONEY_ID), (date_field, date, DATE_ID)):
        _insert(field, text)
        _assert_kept_and_judged(field, text, qid, await _shows(field))


@pytest.mark.parametrize(
    ("money", "date"),
    [("1o45.00", "2300-01-01"), ("1234.", "12/31/2026x"), ("$.50", "2/29/2024")],
)
async def test_keys_typed_into_the_fields_are_kept(
    fields: tuple[Pilot[None], MoneyInput, DateInput], money: str, date: str
) -> None:
    pilot, money_field, date_field = fields
    for field, text, qid in ((money_field, money, MONEY_ID), (date_field, date, DATE_ID)):
        await _type(pilot, field, text)
        _assert_kept_and_judged(field, text, qid, await _shows(field))


async def test_a_paste_over_two_lines_is_kept_whole(
    fields: tuple[Pilot[None], MoneyInput, DateInput],
) -> None:
    from textual import events

    pilot, money_field, _ = fields
    money_field.value = ""
    pilot.app.set_focus(money_field)
    await pilot.pause()
    pilot.app.post_message(events.Paste("1,045\n.00"))
    await pilot.pause()
    assert money_field.value == "1,045 .00"  # not "1,045": the second line is not lost
    assert await _shows(money_field) is not None
