"""A stateful hypothesis test drives the interview engine as the TUI does: answer (valid or
not), back, edit any visible question, save the draft and resume it. Invariants: validation
never raises, every question id is in the typed answers, errors name only visible questions
and never quote a value, navigation is consistent, and a save/resume changes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from counsel.drafts import Draft, load_draft, new_draft, save_draft
from counsel.interviewer import Question, load_interview
from tests.security import helpers, tally

EXAMPLES = [p.stem for p in helpers.example_files()]
GARBAGE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "  ",
            "Canary-900-31-7931",
            "2026-02-30",
            "13/45/2026",
            "$-1",
            "1e9",
            "yes?",
            "{{ 7*7 }}",
            "9" * 60,
            "9" * 5000,
            "\x00\x07",
        ]
    ),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
)


def _value(q: Question, example: Any) -> st.SearchStrategy[Any]:
    """Values a user might enter for q: the example's, plausible ones of its type, garbage."""
    options: list[st.SearchStrategy[Any]] = [GARBAGE]
    if example is not None:
        options.append(st.just(example))
    if q.type == "date":
        options.append(st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31)).map(str))
        options.append(st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31)))
    elif q.type == "money":
        options.append(st.decimals(0, 10**6, places=2, allow_nan=False).map(str))
    elif q.type == "choice":
        options.append(st.sampled_from([c.value for c in q.choices]))
    elif q.type == "bool":
        options.append(st.sampled_from([True, False, "yes", "no"]))
    elif q.type == "integer":
        options.append(st.integers(0, 30))
    elif q.type == "list":
        options.append(st.just([]))
        options.append(
            st.lists(
                st.dictionaries(
                    st.sampled_from([f.id for f in q.fields]),
                    GARBAGE.map(lambda v: v if v is None else str(v)),
                    max_size=3,
                ),
                max_size=2,
            )
        )
    return st.one_of(options)


class InterviewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="counsel-drafts-"))
        self.answers: dict[str, Any] = {}
        self.current: Question | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(name=st.sampled_from(EXAMPLES), keep=st.floats(0, 1))
    def start(self, name: str, keep: float) -> None:
        interview_id, raw = helpers.example(name)
        self.iv = load_interview(interview_id)
        self.example = {k: v for k, v in raw.items() if k != "interview"}
        # Start from a part of the example (a draft in progress) or from nothing.
        ids = sorted(self.example)
        self.answers = {k: self.example[k] for k in ids[: int(len(ids) * keep)]}
        self.draft: Draft = new_draft(interview_id)
        self.current = self.iv.next_question(self.answers, None)

    def _set(self, q: Question, value: Any) -> None:
        typed, message = self.iv.validate_answer(q.id, value)
        if message is not None:
            text = str(value).strip()
            if len(text) >= 6:
                assert text not in message, f"{q.id}: the message quotes the value"
            return
        if value is None:
            self.answers.pop(q.id, None)
        else:
            self.answers[q.id] = value

    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        tally.fuzz()
        if self.current is None:
            return
        q = self.current
        self._set(q, data.draw(_value(q, self.example.get(q.id))))
        if q.id in self.answers:
            self.current = self.iv.next_question(self.answers, q.id)

    @rule()
    def back(self) -> None:
        tally.fuzz()
        previous = self.iv.previous_question(
            self.answers, self.current.id if self.current else None
        )
        if previous is not None:
            self.current = previous

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        tally.fuzz()
        shown = self.iv.visible(self.answers)
        if not shown:
            return
        q = data.draw(st.sampled_from(shown))
        self._set(q, data.draw(_value(q, self.example.get(q.id))))
        self.current = (
            q
            if self.iv.is_visible(q.id, self.answers)
            else self.iv.next_question(self.answers, None)
        )

    @rule()
    def save_and_resume(self) -> None:
        tally.fuzz()
        before = self.iv.validate(self.answers, helpers.office())
        draft = self.draft
        for key in set(draft.answers) - set(self.answers):
            draft = draft.with_answer(key, None)
        for key, value in self.answers.items():
            draft = draft.with_answer(key, value)
        section = self.current.section if self.current else ""
        save_draft(draft.at_section(section), self.folder)
        loaded = load_draft(draft.id, self.folder)
        assert loaded.section == section
        self.draft = loaded
        self.answers = dict(loaded.answers)
        after = self.iv.validate(self.answers, helpers.office())
        assert after.answers == before.answers
        assert after.errors == before.errors
        if self.current is not None:
            assert self.iv.is_visible(self.current.id, self.answers)

    def _fixed_text(self, text: str) -> bool:
        """Whether `text` is in the messages without any answer holding it: the words are the
        message's own (a label, a statute), not the answer quoted (an answer 'paternit' is in
        'required; answer: Was there a voluntary acknowledgment of paternity?')."""
        without = {k: v for k, v in self.answers.items() if str(v).strip() != text}
        result = self.iv.validate(without, helpers.office())
        return any(text in e.message for e in result.errors)

    @invariant()
    def engine_is_consistent(self) -> None:
        if not hasattr(self, "iv"):
            return
        result = self.iv.validate(self.answers, helpers.office())
        all_ids = {q.id for q in self.iv.questions}
        assert set(result.answers) == all_ids
        shown = self.iv.visible(self.answers)
        shown_ids = {q.id for q in shown}
        for q in self.iv.questions:
            if q.id not in shown_ids:
                assert result.answers[q.id] in (None, []), f"hidden {q.id} has a value"
        for error in result.errors:
            root = error.field.split("[", 1)[0].split(".", 1)[0]
            assert root in shown_ids, f"error on a hidden question {error.field}"
            for key, value in self.answers.items():
                text = str(value).strip()
                if len(text) >= 8 and not isinstance(value, bool | int | Decimal | dt.date):
                    if key in all_ids and text in {c.value for c in self.iv.question(key).choices}:
                        continue  # a choice's value is the interview's word ('separation')
                    assert text not in error.message or self._fixed_text(text), error.field
        # first_unanswered judges without an office profile (county is then required).
        first = self.iv.first_unanswered(self.answers)
        assert (first is None) == self.iv.validate(self.answers).complete
        if self.current is not None:
            assert self.current.id in shown_ids
            following = self.iv.next_question(self.answers, self.current.id)
            if following is not None:
                assert self.iv.previous_question(self.answers, following.id) == self.current


InterviewMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestInterviewMachine = InterviewMachine.TestCase


@pytest.mark.parametrize("name", EXAMPLES)
def test_complete_examples_need_no_question(name: str) -> None:
    """Control for the machine's invariant: a complete example has no first_unanswered."""
    interview_id, raw = helpers.example(name)
    iv = load_interview(interview_id)
    assert iv.validate(raw, helpers.office()).complete
    assert iv.first_unanswered(raw) is None


anything = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.dates(),
        st.datetimes(),
        st.text(max_size=30),
        st.sampled_from(["9" * 5000, "1" * 40 + ".00", "9999-12-31", "12/31/9999", "0001-01-01"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data(), name=st.sampled_from(EXAMPLES))
def test_validate_takes_anything_and_answers_with_field_errors(
    data: st.DataObject, name: str
) -> None:
    """Any raw value for any answer (and unknown keys): validation returns field errors and
    the findings compute from what is valid; nothing raises."""
    tally.fuzz()
    interview_id, raw = helpers.example(name)
    iv = load_interview(interview_id)
    ids = [q.id for q in iv.questions]
    changes = data.draw(
        st.dictionaries(st.sampled_from(ids) | st.text(max_size=10), anything, max_size=4)
    )
    answers = {**raw, **changes}
    result = iv.validate(answers, helpers.office())
    assert set(result.answers) == set(ids)
    for error in result.errors:
        assert error.message  # field may be "" for an answers key that is ""
    iv.findings(result.answers, helpers.office(), dt.date(2026, 11, 23))
