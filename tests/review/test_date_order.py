"""A date that must come on or after, or on or before, another was accepted in any order: a
job-search order requiring a report before the order was entered, a notice of lien mailed
before its own date, a past-due amount computed as of a day after the notice, a registration
served before it was made, a modification before the order it modifies, a separation after
the order. The order is data (`not_before`, `not_after` on the date question, naming another
date answer); check, render, batch and the TUI report it at the field, and the blank sheet
and examples/README.md say it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counsel.interviewer import InterviewDefinitionError, load_interview
from counsel.interviewer.loader import parse_interview
from tests.review.helpers import ROOT, office

EXAMPLES = ROOT / "examples"

# (answers file, answer, a value on the wrong side, the message)
CASES = [
    (
        "job-program-judicial",
        "report_by_date",
        dt.date(2026, 11, 22),
        "must not be before document_date",
    ),
    (
        "job-program-administrative",
        "report_by_date",
        dt.date(2026, 1, 1),
        "must not be before document_date",
    ),
    ("lien-account", "mailing_date", dt.date(2026, 11, 22), "must not be before document_date"),
    ("lien-account", "past_due_as_of", dt.date(2026, 11, 24), "must not be after document_date"),
    (
        "prior-period-administrative",
        "order_mailing_date",
        dt.date(2026, 1, 1),
        "must not be before document_date",
    ),
    (
        "prior-period-judicial",
        "separation_date",
        dt.date(2026, 11, 24),
        "must not be after document_date",
    ),
    (
        "prior-period-judicial",
        "obligor_birth_date",
        dt.date(2026, 11, 24),
        "must not be after document_date",
    ),
    ("registration", "service_date", dt.date(2026, 11, 22), "must not be before document_date"),
    ("registration", "arrears_as_of", dt.date(2026, 11, 24), "must not be after document_date"),
    ("registration", "admin_order_date", dt.date(2026, 11, 24), "must not be after document_date"),
]


def _errors(name: str, **changes: object) -> list[str]:
    from counsel.interviewer import load_answers_file

    interview_id, raw = load_answers_file(EXAMPLES / f"{name}.toml")
    result = load_interview(interview_id).validate({**raw, **changes}, office())
    return [f"{e.field}: {e.message}" for e in result.errors]


@pytest.mark.parametrize(("name", "answer", "wrong", "message"), CASES)
def test_a_date_on_the_wrong_side_is_an_error_at_its_field(
    name: str, answer: str, wrong: dt.date, message: str
) -> None:
    assert f"{answer}: {message}" in _errors(name, **{answer: wrong})


@pytest.mark.parametrize(("name", "answer", "wrong", "message"), CASES)
def test_the_same_day_is_allowed(name: str, answer: str, wrong: dt.date, message: str) -> None:
    from counsel.interviewer import load_answers_file

    _, raw = load_answers_file(EXAMPLES / f"{name}.toml")
    errors = _errors(name, **{answer: raw["document_date"]})
    assert not [e for e in errors if e.startswith(f"{answer}:")], errors


def test_a_modification_lies_between_the_order_and_the_registration() -> None:
    from counsel.interviewer import load_answers_file

    _, raw = load_answers_file(EXAMPLES / "registration.toml")
    mods = [dict(m) for m in raw["modifications"]]
    early = [{**mods[0], "date": dt.date(2025, 1, 1)}]  # the order is of 2025-08-14
    late = [{**mods[0], "date": dt.date(2026, 12, 1)}]  # the registration is of 2026-11-23
    assert "modifications[1].date: must not be before admin_order_date" in _errors(
        "registration", modifications=early
    )
    assert "modifications[1].date: must not be after document_date" in _errors(
        "registration", modifications=late
    )


def test_every_date_question_says_its_order() -> None:
    """A new date question says which date it may not cross, or is one of these, whose
    order has its own check (or none to have)."""
    own = {
        "document_date",
        "children.graduation_date",  # after the birth (validation)
        "segments.start_date",  # its own checks: birth, separation, overlap
        "segments.end_date",
        "current_support_start",  # on or after the order's date (rules.prior_period)
    }
    missing = []
    for interview_id in ("track", "prior-period", "registration", "lien", "job-program"):
        for q in load_interview(interview_id).questions:
            pairs = [(q.id, q)] + [(f"{q.id}.{f.id}", f) for f in q.fields]
            for name, asked in pairs:
                if asked.type == "date" and not (asked.not_before or asked.not_after):
                    if name not in own:
                        missing.append(f"{interview_id}: {name}")
    assert missing == []


_INTERVIEW = """
id = "x"
title = "X"
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "when"
type = "date"
label = "When"
[[sections.questions]]
id = "what"
type = "text"
label = "What"
[[sections.questions]]
id = "later"
type = "{type}"
label = "Later"
not_before = "{other}"
"""


@pytest.mark.parametrize(
    ("kind", "other", "says"),
    [
        ("date", "what", "'what' is not another date question"),
        ("date", "nothing", "'nothing' is not another date question"),
        ("date", "later", "'later' is not another date question"),
        ("text", "when", "only date questions take this key"),
    ],
)
def test_the_loader_refuses_an_order_it_cannot_keep(kind: str, other: str, says: str) -> None:
    with pytest.raises(InterviewDefinitionError, match=says):
        parse_interview(_INTERVIEW.format(type=kind, other=other), "x.toml")
    assert parse_interview(_INTERVIEW.format(type="date", other="when"), "x.toml")


def test_the_blank_sheet_says_it(tmp_path: Path) -> None:
    from counsel.cli import main

    sheet = tmp_path / "blank.csv"
    assert main(["batch", "lien", "--blank-sheet", str(sheet)]) == 0
    help_row = sheet.read_text(encoding="utf-8-sig").splitlines()[1]
    assert "Date the notice of lien is (or will be) mailed | on or after document_date" in help_row
    assert "Past-due amount computed as of | on or before document_date" in help_row
