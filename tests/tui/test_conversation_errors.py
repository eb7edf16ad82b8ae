"""Errors between answers in the conversation, typed as a specialist types them (ahead of the
screen): said in the transcript when they become true, with their statute; the conversation
goes on forward and never takes the user back to an earlier question on its own; an earlier
answer opened for change starts selected, so typing replaces it; the end review lists what
is wrong, one Enter away.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList
from textual.widgets._input import Selection

from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.tui.screens.conversation import ConversationScreen
from counsel.tui.widgets.answer_box import AnswerLine
from tests.tui.conftest import EXAMPLES, MakeApp
from tests.tui.converse import Keys, answer_for, press, send, type_answer
from tests.tui.helpers import settle


def _text(value: Any) -> Any:
    """An answer as the draft holds what was typed (dates as text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: _text(v) for k, v in row.items()} for row in value]
    return value


def _draft(example: str, keep: set[str], **changed: Any) -> tuple[drafts.Draft, dict[str, Any]]:
    """A new draft holding the example's answers named in `keep` (as if typed earlier), with
    `changed` answers instead of the example's; and the example's answers."""
    interview_id, raw = load_answers_file(EXAMPLES / f"{example}.toml")
    raw = {**raw, **changed}
    draft = drafts.new_draft(interview_id)
    for key in keep:
        draft = draft.with_answer(key, _text(raw[key]))
    return draft, raw


async def _start(pilot: Any, draft: drafts.Draft) -> ConversationScreen:
    pilot.app.screen.open_draft(draft.in_view("conversation"))
    await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen)
    await settle(pilot, lambda: screen.ready)
    return screen


async def _until(pilot: Any, screen: ConversationScreen, key: str, raw: dict[str, Any]) -> None:
    """Answer from the example until the conversation asks `key`."""
    for _ in range(80):
        step = screen.current
        assert step is not None, f"{key} was never asked"
        if step.key == key:
            return
        await type_answer(pilot, answer_for(step, raw), Keys())
        await press(pilot, Keys(), "enter")
    raise AssertionError(f"{key} was never asked")


async def _type_ahead(pilot: Any, *answers: str) -> None:
    """Each answer and its Enter, all sent at once: the keys of a specialist who types on
    without looking up (the app handles them in order, while it saves and redraws)."""
    keys: list[str] = []
    for text in answers:
        keys.extend(text)
        keys.append("enter")
    await send(pilot, keys)


def _transcript(screen: ConversationScreen) -> list[tuple[str, str]]:
    """(option id, text) of every transcript entry, in order."""
    t = screen.query_one("#transcript", OptionList)
    out = []
    for i in range(t.option_count):
        option = t.get_option_at_index(i)
        out.append((option.id or "", str(option.prompt)))
    return out


def _screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it, line by line."""
    update = app.screen._compositor.render_full_update()
    return ["".join(seg.text for strip in line for seg in strip) for line in update.strips]


def _said_after(screen: ConversationScreen, step_key: str) -> list[str]:
    """The sentences the transcript says right after the answer to `step_key`."""
    entries = _transcript(screen)
    at = [i for i, (oid, _) in enumerate(entries) if oid == f"step:{step_key}"]
    assert at, f"{step_key} is not in the transcript"
    said = []
    for oid, text in entries[at[0] + 1 :]:
        if not oid.startswith("say:"):
            break
        said.append(text)
    return said


async def _reopen(pilot: Any, screen: ConversationScreen, step_key: str, entry: str = "") -> None:
    """Up into the transcript, to an earlier answer (or the entry `entry`, an error said
    about it), Enter: as the keys do it."""
    await pilot.press("up")
    transcript = screen.query_one("#transcript", OptionList)
    assert transcript.has_focus
    target = [oid for oid, _ in _transcript(screen)].index(entry or f"step:{step_key}")
    while transcript.highlighted != target:
        await pilot.press("up")
    await pilot.press("enter")
    assert screen.editing is not None and screen.editing.key == step_key


PRIOR_PERIOD_EARLY = {
    "court_case_number",
    "iv_d_case_number",
    "county",
    "document_date",
    "track",
    "obligor_name",
    "obligor_address",
    "obligor_ssn",
    "obligor_birth_date",
    "obligor_employer_name",
    "obligor_employer_address",
    "obligee_name",
    "obligee_address",
    "children",
    "family_violence",
    "protected_party",
    "guideline_monthly",
}


async def test_current_support_before_the_order_is_said_and_the_conversation_goes_on(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    # The lead's drive (prior-period, judicial, 80x24): the order's date is November 30;
    # current support typed as November 1, then the rest typed on without looking up.
    draft, raw = _draft(
        "prior-period-judicial", PRIOR_PERIOD_EARLY, document_date=dt.date(2026, 11, 30)
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        await _until(pilot, screen, "current_support_start", raw)
        await _type_ahead(pilot, "2026-11-01", "2", "2025-03-15", "2025-03-15")
        # Said at once, at the answer, with its statute; the next questions were asked in
        # turn and took their own answers.
        said = _said_after(screen, "current_support_start")
        assert any(
            s.startswith('  ! "First day current support is due" must be on or after the order')
            and "(305 ILCS 5/10-10)" in s
            for s in said
        ), said
        assert screen.current is not None and screen.current.key == "segments[1].end_date"
        # It wraps at 80 columns, each line under the sentence's first word.
        lines = _screen_lines(app)
        at = next(i for i, line in enumerate(lines) if '! "First day current' in line)
        indent = lines[at].index('"First day')
        assert lines[at + 1][:indent].strip() == "" and lines[at + 1][indent] != " "
        await _type_ahead(pilot, "2026-12-31", "1045")
        answers = screen.session.raw
        assert answers["current_support_start"] == "2026-11-01"
        assert answers["support_start_basis"] == "separation"
        assert answers["separation_date"] == "2025-03-15"
        assert answers["segments"] == [
            {"start_date": "2025-03-15", "end_date": "2026-12-31", "monthly_amount": "1045"}
        ]
        said = _said_after(screen, "segments[1].end_date")
        assert any(
            s.startswith("  ! Segment 1 must end before the order's date") and "5/10-10" in s
            for s in said
        ), said
        assert screen.current is not None and screen.current.key == "segments+1"
        assert screen.answer_field_text() == ""

        # Enter on an error said in the transcript opens the answer it is about; Escape
        # goes back to the question.
        await _reopen(pilot, screen, "segments[1].end_date", "say:!segments[1].end_date")
        assert screen.answer_field_text() == "2026-12-31"
        await pilot.press("escape")
        assert screen.editing is None
        assert screen.current is not None and screen.current.key == "segments+1"

        # Up to current support, Enter: its text is selected, so what is typed replaces it.
        await _reopen(pilot, screen, "current_support_start")
        note = str(screen.query_one("#note").render())
        assert "must be on or after" in note and "document_date" not in note
        line = screen.query_one("#answer-line", AnswerLine)
        assert line.value == "2026-11-01" and line.selection == Selection(0, 10)
        assert line.has_focus
        await _type_ahead(pilot, "2026-11-30")
        assert screen.session.raw["current_support_start"] == "2026-11-30"
        assert not any("must be on or after" in s for _, s in _transcript(screen))
        # Back where the user was, not at any question behind it.
        assert screen.editing is None
        assert screen.current is not None and screen.current.key == "segments+1"

        # On to the end: the review lists the segment's end date, one Enter away, selected.
        await press(pilot, Keys(), "enter")  # no other segment
        while screen.current is not None:
            await type_answer(pilot, answer_for(screen.current, raw), Keys())
            await press(pilot, Keys(), "enter")
        end = screen.query_one("#end", OptionList)
        assert end.has_focus and end.highlighted is not None
        first = end.get_option_at_index(end.highlighted)
        assert first.id == "step:segments[1].end_date"
        assert "must end before the order's date" in str(first.prompt)
        await pilot.press("enter")
        assert screen.editing is not None and screen.editing.key == "segments[1].end_date"
        assert line.value == "2026-12-31" and line.selection == Selection(0, 10)
        await _type_ahead(pilot, "2026-11-29")
        assert screen.session.raw["segments"][0]["end_date"] == "2026-11-29"
        assert screen.current is None and screen.errors == {}
        assert "1 answer missing" not in str(end.get_option_at_index(0).prompt)


# Every check across answers in interviewer/validation.py, typed where it becomes true:
# (example, answers kept from it, answers changed, the step typed at, what is typed there
# and after it, the field the error lands on, words the sentence says, the step asked next).
CLASS = [
    pytest.param(
        "track-judicial",
        {"court_case_number", "iv_d_case_number", "county", "document_date"},
        {},
        "children[1].birth_date",
        ["2027-01-05"],
        "children[1].birth_date",
        ['must not be after "Date of the document"'],
        "children[1].graduation_date",
        id="birth-after-document-date",
    ),
    pytest.param(
        "track-judicial",
        {"court_case_number", "iv_d_case_number", "county", "document_date"},
        {},
        "children[1].birth_date",
        ["2013-02-28", "2013-01-01"],
        "children[1].graduation_date",
        ["must be after the child's birth date"],
        "children+1",
        id="graduation-before-birth",
    ),
    pytest.param(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start", "support_start_basis", "separation_date"},
        {},
        "segments[1].start_date",
        ["2025-03-15", "2025-06-30", "", "y", "2025-06-01"],
        "segments[2].start_date",
        ["overlaps the entry before it"],
        "segments[2].end_date",
        id="segments-overlap",
    ),
    pytest.param(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start", "support_start_basis", "separation_date"},
        {},
        "segments[1].start_date",
        ["2025-06-30", "2025-03-15"],
        "segments[1].end_date",
        ["must not be before start date"],
        "segments[1].monthly_amount",
        id="segment-ends-before-it-starts",
    ),
    pytest.param(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start", "support_start_basis", "separation_date"},
        {},
        "segments[1].start_date",
        ["2025-01-01"],
        "segments[1].start_date",
        ["reaches back only to the separation (305 ILCS 5/10-10)"],
        "segments[1].end_date",
        id="segment-before-separation",
    ),
    pytest.param(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start"},
        {},
        "support_start_basis",
        ["1", "2012-01-01"],
        "segments[1].start_date",
        ["reaches back only to the birth (305 ILCS 5/10-10)"],
        "segments[1].end_date",
        id="segment-before-birth",
    ),
    pytest.param(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start", "support_start_basis", "separation_date"},
        {"current_support_start": dt.date(2026, 12, 15)},
        "segments[1].start_date",
        ["2025-03-15", "2026-12-20"],
        "segments[1].end_date",
        ["Segment 1 must end before the order's date", "5/10-10"],
        "segments[1].monthly_amount",
        id="segment-after-the-order",
    ),
    pytest.param(
        "job-program-administrative",
        {
            "iv_d_case_number",
            "county",
            "document_date",
            "track",
            "obligor_name",
            "obligor_address",
            "obligor_ssn",
            "obligor_birth_date",
            "obligee_name",
            "obligee_address",
            "children",
            "family_violence",
            "unemployment_finding",
            "proceeding_section",
            "iv_d_services",
            "program",
            "report_to_name",
            "report_to_address",
            "report_by_date",
            "past_due_owed",
            "past_due_amount",
            "child_receives_assistance",
        },
        {},
        "obligor_incapacitated",
        ["y", "2"],
        "past_due_remedy",
        ["not incapacitated (305 ILCS 5/10-11.1(b))"],
        "disability_modification",
        id="work-activities-incapacitated",
    ),
    pytest.param(
        "track-judicial",
        set(),
        {},
        "court_case_number",
        ["", ""],
        "iv_d_case_number",
        ["Give the IV-D case number or the court case number"],
        "county",
        id="no-case-number",
    ),
]


@pytest.mark.parametrize(
    ("example", "keep", "changed", "at", "typed", "field", "words", "then"), CLASS
)
async def test_each_error_between_answers_is_said_where_it_becomes_true(
    make_app: MakeApp,
    drafts_folder: Path,
    example: str,
    keep: set[str],
    changed: dict[str, Any],
    at: str,
    typed: list[str],
    field: str,
    words: list[str],
    then: str,
) -> None:
    draft, raw = _draft(example, keep, **changed)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        await _until(pilot, screen, at, raw)
        await _type_ahead(pilot, *typed)
        assert field in screen.errors, screen.errors
        said = [s for oid, s in _transcript(screen) if oid == f"say:!{field}"]
        assert len(said) == 1 and all(w in said[0] for w in words), said
        assert said[0].endswith(".")
        assert "_" not in said[0].replace("IV-D", ""), said  # no answer ids
        # Said right after the answer that made it true, and the conversation went on.
        assert screen.current is not None and screen.current.key == then
        ids = [oid for oid, _ in _transcript(screen)]
        answered = [oid for oid in ids if oid.startswith("step:")]
        assert ids.index(f"say:!{field}") > ids.index(answered[-1])


async def test_an_earlier_answer_changed_says_what_it_breaks_and_comes_back(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    # Segments end the day before the order; the order's date is then moved a week on: the
    # current support start (November 23) is now before it. Said after the changed answer;
    # the user is back at the question they left, and it is not the broken one.
    draft, raw = _draft(
        "prior-period-judicial",
        PRIOR_PERIOD_EARLY | {"current_support_start", "support_start_basis", "separation_date"},
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        await _until(pilot, screen, "segments[1].start_date", raw)
        await _type_ahead(pilot, "2025-03-15", "2026-11-22", "")
        assert screen.current is not None and screen.current.key == "segments+1"
        await _reopen(pilot, screen, "document_date")
        assert screen.answer_field_text() == "2026-11-23"
        await _type_ahead(pilot, "2026-11-30")
        said = _said_after(screen, "document_date")
        assert any('"First day current support is due" must be on or after' in s for s in said)
        assert any(s in str(screen.query_one("#said").render()) for s in said)
        assert screen.current is not None and screen.current.key == "segments+1"
        assert screen.answer_field_text() == ""
