"""What the conversation says, read as a specialist reads it: each child's termination in the
order's words (a 19th birthday that is also the graduation day; a child whose date comes before
current support begins gets none), amounts echoed as the documents write them (what was typed
kept in the draft), and a refused lien that names no one to notify.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.rules.termination import CITATIONS, termination_date
from counsel.tui import dialogue, questions, sayings
from counsel.tui.dialogue import Step
from counsel.tui.screens.conversation import ConversationScreen
from tests.tui.conftest import MakeApp
from tests.tui.converse import Keys, answer_for, press, type_answer
from tests.tui.helpers import settle

REVIEW = Path(__file__).resolve().parent.parent / "review" / "answers"
D = dt.date


class _Found:
    def __init__(self, value: Any) -> None:
        self.value = value
        self.citations = CITATIONS


def _said(children: list[dict[str, Any]], starts: dt.date | None = None) -> list[str]:
    terms = tuple(termination_date(c["birth_date"], c.get("graduation_date")) for c in children)
    answers: dict[str, Any] = {"children": children, "current_support_start": starts}
    return list(sayings.sentences({"termination_dates": _Found(terms)}, answers, {}).values())


@pytest.mark.parametrize(
    ("child", "words"),
    [
        ({"birth_date": D(2011, 4, 2)}, "ends April 2, 2029, the 18th birthday ("),
        (
            {"birth_date": D(2011, 4, 2), "graduation_date": D(2029, 3, 1)},
            "ends April 2, 2029, the 18th birthday (",
        ),
        (
            {"birth_date": D(2011, 4, 2), "graduation_date": D(2029, 6, 1)},
            "ends June 1, 2029, the expected high-school graduation, which comes after the 18th "
            "birthday and before the 19th (",
        ),
        (
            {"birth_date": D(2011, 4, 2), "graduation_date": D(2030, 4, 2)},
            "ends April 2, 2030, the 19th birthday, which is also the day of the expected "
            "high-school graduation (",
        ),
        (
            {"birth_date": D(2011, 4, 2), "graduation_date": D(2030, 5, 30)},
            "ends April 2, 2030, the 19th birthday, which comes before the expected "
            "high-school graduation (",
        ),
        (
            {"birth_date": D(2012, 2, 29)},
            "ends March 1, 2030, the 18th birthday; born on February 29, the child attains that "
            "age on March 1 in a year without February 29 (",
        ),
    ],
    ids=["18", "graduates-before-18", "graduation", "19-is-graduation", "19", "feb-29"],
)
def test_each_termination_is_said_in_the_orders_words(child: dict[str, Any], words: str) -> None:
    (sentence,) = _said([{"name": "Sam Sample", **child}])
    assert sentence.startswith(f"Support for Sam Sample {words}"), sentence
    assert sentence.endswith("(305 ILCS 5/10-2, 10-8.1, 10-10, 10-11).")
    assert "before the expected graduation" not in sentence or "comes before" in sentence


def test_a_child_past_termination_before_current_support_gets_none() -> None:
    young = {"name": "Young Sample", "birth_date": D(2015, 1, 10)}
    old = {"name": "Old Sample", "birth_date": D(2009, 6, 1)}
    said = _said([young, old], starts=D(2027, 7, 5))
    assert "no current support" not in said[0]
    # In the words `counsel check` uses (rules.termination.before_current_support).
    assert said[1] == (
        "Support for Old Sample ends June 1, 2027, the 18th birthday. That day comes before "
        "current support begins (July 5, 2027), so the order sets no current support for this "
        "child; support for the period before may still be owed (305 ILCS 5/10-2, 10-8.1, "
        "10-10, 10-11)."
    )
    # On the day current support begins, it is still ordered (the order's own test: <).
    (same_day,) = _said([old], starts=D(2027, 6, 1))
    assert "no current support" not in same_day


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("80000.00", "$80,000.00"),
        ("$80000", "$80,000.00"),
        ("1045", "$1,045.00"),
        (".50", "$0.50"),
        ("1,045.5", "$1,045.50"),
        ("1o45.00", "1o45.00"),  # unreadable: shown as typed, its message says why
    ],
)
def test_amounts_are_echoed_as_the_documents_write_them(typed: str, shown: str) -> None:
    from counsel.interviewer import load_interview

    q = load_interview("lien").question("past_due_amount")
    step = Step("past_due_amount", "question", q)
    assert step.answer_type == "money" and questions.kind(q) == "money"
    assert dialogue.shown(step, typed) == shown


def _transcript(screen: ConversationScreen) -> list[tuple[str, str]]:
    t = screen.query_one("#transcript", OptionList)
    out = []
    for i in range(t.option_count):
        option = t.get_option_at_index(i)
        out.append((option.id or "", str(option.prompt)))
    return out


async def _converse(pilot: Any, answers_file: Path) -> ConversationScreen:
    """A new conversation answered from `answers_file` by keys, to the end review."""
    interview_id, raw = load_answers_file(answers_file)
    pilot.app.screen.open_draft(drafts.new_draft(interview_id).in_view("conversation"))
    await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen)
    await settle(pilot, lambda: screen.ready)
    keys = Keys()
    for _ in range(120):
        if screen.current is None:
            return screen
        await type_answer(pilot, answer_for(screen.current, raw), keys)
        await press(pilot, keys, "enter")
    raise AssertionError("the conversation did not end")


@pytest.mark.slow
async def test_four_children_each_said_as_the_order_says_it(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _converse(pilot, REVIEW / "pp-admin-holiday-four-children.toml")
        said = [s for oid, s in _transcript(screen) if oid.startswith("say:termination_dates")]
        text = "\n".join(said)
        assert (
            "Exact Eighteen Konstantinopoulos ends June 1, 2027, the 18th birthday. That day "
            "comes before current support begins (July 5, 2027), so the order sets no current "
            "support for this child" in text
        )
        assert (
            "Exact Nineteen Konstantinopoulos ends May 20, 2029, the 19th birthday, which is "
            "also the day of the expected high-school graduation" in text
        )
        assert "before the expected graduation" not in text
        # The guideline amount typed as 1500.00: echoed as the order writes it, kept as typed.
        entries = dict(_transcript(screen))
        assert entries["step:guideline_monthly"].endswith("> $1,500.00")
        assert screen.session.raw["guideline_monthly"] == "1500.00"


@pytest.mark.slow
async def test_a_refused_lien_names_no_one_to_notify(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _converse(pilot, REVIEW / "lien-ira-refused.toml")
        said = [s for oid, s in _transcript(screen) if oid.startswith("say:")]
        assert any(s.startswith("  ! No lien may be imposed") and "IRA" in s for s in said)
        assert not any("goes to" in s for s in said), said
        assert not any("hearing" in s.lower() for s in said), said
        entries = dict(_transcript(screen))
        assert entries["step:account_balance"].endswith("> $80,000.00")
        # The documents' check refuses the notice in a sentence, no internal names.
        await pilot.press("enter")
        await settle(pilot, lambda: bool(screen.problems))
        problems = " ".join(screen.problems or [])
        assert "no lien may be imposed on these answers" in problems
        assert "_" not in problems and "finding)" not in problems


@pytest.mark.parametrize(
    ("interview", "whole"),
    [
        (
            "prior-period",
            "the whole number is printed only in the Notice of Confidential Information Within "
            "Court Filing (judicial track), filed apart from them.",
        ),
        (
            "registration",
            "the whole number is printed only in the Notice of Confidential Information Within "
            "Court Filing, filed apart from them.",
        ),
        ("lien", "no document of this interview prints the whole number."),
    ],
)
async def test_why_on_the_ssn_says_what_the_documents_print(
    make_app: MakeApp, drafts_folder: Path, interview: str, whole: str
) -> None:
    from counsel.tui.screens.why import WhyModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pilot.app.screen.open_draft(drafts.new_draft(interview).in_view("conversation"))
        await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
        screen = pilot.app.screen
        assert isinstance(screen, ConversationScreen)
        await settle(pilot, lambda: screen.ready)
        screen._edit_key("obligor_ssn")
        await pilot.pause()
        await type_answer(pilot, "?", Keys())  # ? on an empty answer asks why
        await settle(pilot, lambda: isinstance(app.screen, WhyModal))
        text = " ".join(str(app.screen.query_one("#why-text").render()).split())
        assert "as given" not in text
        assert (
            "Filed documents show only its last four digits, as XXX-XX-1234 (Ill. S. Ct. R. 138); "
            + whole
        ) in text, text
