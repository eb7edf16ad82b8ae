"""Fuzzing the rules and parsers (hypothesis): calendar counting, deadlines, termination dates,
lien eligibility, prior-period totals, money parsing and citation parsing return a result or
raise their documented error type (ValueError / RuleInputError / CitationError /
NotInForceError), never anything else, and their results keep their invariants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counsel.law import CitationError, NotInForceError, get_store, parse_citation
from counsel.rules.calendar import closed_reason, count_days
from counsel.rules.deadlines import DEADLINES
from counsel.rules.errors import RuleInputError
from counsel.rules.lien import lien_eligibility
from counsel.rules.money import fmt_money, parse_money
from counsel.rules.prior_period import Segment, prior_period_total
from counsel.rules.termination import termination_date
from tests.security import tally

FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
# The interviews accept years 1900-2199 (counsel.interviewer.values.YEARS).
dates = st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31))
closures = st.dictionaries(dates, st.text(max_size=20), max_size=5)


@FUZZ
@given(start=dates, days=st.integers(-5, 800), closed=closures)
def test_count_days_lands_on_an_open_day_after_the_nominal_one(
    start: dt.date, days: int, closed: dict[dt.date, str]
) -> None:
    tally.fuzz()
    try:
        deadline = count_days(start, days, closed)
    except ValueError:
        assert days < 0
        return
    assert deadline.nominal == start + dt.timedelta(days=days)
    assert deadline.date >= deadline.nominal
    assert closed_reason(deadline.date, closed) is None
    # Every day between the nominal and the last day was skipped, each for a reason.
    assert [s.date for s in deadline.skipped] == [
        deadline.nominal + dt.timedelta(days=i) for i in range(len(deadline.skipped))
    ]
    assert all(s.reason for s in deadline.skipped)
    assert "5 ILCS 70/1.11" in deadline.citations


@FUZZ
@given(kind=st.sampled_from(sorted(DEADLINES)), start=dates, closed=closures)
def test_every_deadline_is_an_open_day_on_or_after_its_start(
    kind: str, start: dt.date, closed: dict[dt.date, str]
) -> None:
    tally.fuzz()
    try:
        deadline = DEADLINES[kind](start, closed)
    except NotInForceError:
        return  # the law's parameter is not in force that early: a documented refusal
    assert deadline.date > start
    assert closed_reason(deadline.date, closed) is None
    assert deadline.citations and deadline.explanation


@FUZZ
@given(birth=dates, graduation=st.none() | dates)
def test_termination_is_between_the_18th_and_19th_birthdays(
    birth: dt.date, graduation: dt.date | None
) -> None:
    tally.fuzz()
    try:
        result = termination_date(birth, graduation)
    except RuleInputError as exc:
        assert exc.field == "graduation" and graduation is not None and graduation <= birth
        return
    eighteen = birth.replace(year=birth.year + 18) if (birth.month, birth.day) != (2, 29) else None
    assert result.date.year - birth.year in (18, 19)
    if eighteen is not None:
        assert result.date >= eighteen
    assert result.reason in ("18th-birthday", "graduation", "19th-birthday")


money_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789$,.- ", max_size=30),
    st.from_regex(r"-?\$?[0-9]{1,3}(,[0-9]{3}){0,4}(\.[0-9]{0,3})?", fullmatch=True),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.floats(),
    st.integers(),
)


@settings(FUZZ, max_examples=300)
@given(value=money_text, negative=st.booleans())
def test_money_parses_to_cents_or_raises_value_error(value: object, negative: bool) -> None:
    tally.fuzz()
    try:
        amount = parse_money(value, field="past_due_amount", allow_negative=negative)  # type: ignore[arg-type]
    except ValueError as exc:
        assert str(exc).startswith("past_due_amount: ")
        text = str(value).strip()
        if len(text) >= 5:
            assert text not in str(exc)  # the message never echoes the value
        return
    assert isinstance(amount, Decimal) and amount == amount.quantize(Decimal("0.01"))
    assert negative or amount >= 0
    assert parse_money(fmt_money(abs(amount))) == abs(amount)


@FUZZ
@given(
    target=st.sampled_from(["account", "lump-sum", "real-estate", "boat", ""]),
    past_due=st.decimals(-10, 10**7, places=2, allow_nan=False),
    balance=st.none() | st.decimals(-10, 10**6, places=2, allow_nan=False),
    account_type=st.none() | st.sampled_from(["checking", "savings", "ira", "hsa", "x"]),
    on=st.dates(dt.date(2000, 1, 1), dt.date(2199, 12, 31)),
)
def test_lien_eligibility_decides_or_names_the_field(
    target: str, past_due: Decimal, balance: Decimal | None, account_type: str | None, on: dt.date
) -> None:
    tally.fuzz()
    try:
        result = lien_eligibility(target, past_due, balance, account_type, on)  # type: ignore[arg-type]
    except RuleInputError as exc:
        assert exc.field in ("target", "past_due", "balance", "account_type")
        return
    except NotInForceError:
        return
    assert result.eligible in (True, False)
    if result.eligible:
        assert past_due >= result.threshold


segment = st.builds(
    lambda start, length, monthly: Segment(start, start + dt.timedelta(days=length), monthly),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    st.integers(-3, 3000),
    st.decimals(-5, 10**5, places=2, allow_nan=False, allow_infinity=False),
)


@FUZZ
@given(segments=st.lists(segment, max_size=4))
def test_prior_period_total_is_the_sum_of_rounded_segments(segments: list[Segment]) -> None:
    tally.fuzz()
    try:
        result = prior_period_total(segments)
    except RuleInputError as exc:
        assert exc.field == "segments" or exc.field.startswith("segment ")
        return
    assert result.total == sum((s.total for s in result.segments), Decimal("0"))
    assert all(
        s.total >= 0 and s.total == s.total.quantize(Decimal("0.01")) for s in result.segments
    )


citation_text = st.one_of(
    st.text(max_size=60),
    st.from_regex(
        r"[0-9]{1,3} ILCS [0-9]{1,3}/[0-9A-Za-z.\-]{1,8}(\([a-z0-9\-]{1,4}\)){0,4}", fullmatch=True
    ),
    st.from_regex(
        r"[0-9]{2} Ill\. Adm\. Code [0-9]{3}\.[0-9]{1,3}(\([A-Za-z0-9]{1,2}\)){0,3}", fullmatch=True
    ),
    st.sampled_from(
        ["305 ILCS 5/10-15.1(f)", "Ill. S. Ct. R. 138(c)", "42 U.S.C. 654(26)", "5 ILCS 70/1.11"]
    ),
)


@settings(FUZZ, max_examples=300)
@given(text=citation_text, on=dates)
def test_citations_parse_and_resolve_or_raise_citation_errors(text: str, on: dt.date) -> None:
    tally.fuzz()
    try:
        citation = parse_citation(text)
    except CitationError:
        return
    assert parse_citation(str(citation)) == citation  # normal form is a fixed point
    try:
        resolved = get_store().cite(text, on=on)
    except (CitationError, NotInForceError):
        return
    assert str(resolved).startswith(citation.section_key.split("/")[0])
