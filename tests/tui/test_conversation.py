"""The conversation, driven by keys as a specialist types: each of the five interviews from the
first question to the render screen with the answers' characters and Enter only, the documents
compared with the goldens, the keys counted (navigation keys at most one per question asked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from counsel import drafts
from counsel.interviewer import load_answers_file, load_interview
from counsel.tui import questions
from counsel.tui.app import CounselApp
from counsel.tui.screens.conversation import ConversationScreen
from counsel.tui.screens.home import HomeScreen
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.render import RenderScreen
from counsel.tui.screens.review import ReviewScreen
from counsel.tui.screens.row_editor import RowEditor
from counsel.tui.widgets.key_bar import KeyBar
from tests.golden.conftest import docx_text, normalize
from tests.tui.conftest import EXAMPLES, MakeApp
from tests.tui.converse import Keys, answer_for, as_text, press, type_answer
from tests.tui.helpers import settle

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "expected"
# The prior-period example goes through the conversation in the key-count test below (form
# and conversation, documents compared there too).
EXAMPLES_BY_INTERVIEW = [
    "track-judicial",
    "registration",
    "lien-account",
    "job-program-administrative",
]


def _compare_docx(example: str, out: Path) -> None:
    """Every DOCX golden of the example was written to `out` and reads the same."""
    compared = 0
    for golden in sorted((GOLDEN / example).glob("*.docx.txt")):
        written = out / golden.name.removesuffix(".txt")
        assert written.exists(), f"{written.name} was not written"
        text = normalize(docx_text(written.read_bytes()))
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
        compared += 1
    assert compared


async def converse(pilot: Any, screen: ConversationScreen, raw: dict[str, Any]) -> Keys:
    """Answer every question the conversation asks, from `raw`, by keys; then Enter at the
    end review (check the documents) and on to the render screen."""
    count = Keys()
    await settle(pilot, lambda: screen.ready)
    while screen.current is not None:
        step = screen.current
        count.asked += 1
        wanted = answer_for(step, raw)
        shown = screen.answer_field_text()
        if shown != wanted:  # an offered default that is not the answer: clear it first
            if shown:
                await press(pilot, count, "ctrl+u")
            await type_answer(pilot, wanted, count)
        await press(pilot, count, "enter")
        await settle(
            pilot,
            lambda s=step: (
                screen.current is None
                or screen.current.key != s.key
                or screen.errors.get(s.error_field) is not None
            ),
        )
        assert screen.current is None or screen.current.key != step.key, (
            f"{step.key} was asked again: {screen.errors.get(step.error_field)}"
        )
        assert count.asked < 200, "the conversation does not end"
    assert screen.problems is None
    count.asked += 1  # the end review is a question too: "check the documents?"
    await press(pilot, count, "enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, RenderScreen), timeout=60)
    return count


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES_BY_INTERVIEW)
async def test_each_interview_by_text_and_enter_matches_the_goldens(
    make_app: MakeApp, tmp_path: Path, drafts_folder: Path, example: str
) -> None:
    interview_id, raw = load_answers_file(EXAMPLES / f"{example}.toml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        order = ["track", "prior-period", "registration", "lien", "job-program"]
        await pilot.press(*["down"] * order.index(interview_id), "enter")
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        count = await converse(pilot, screen, raw)

        # Every answer typed reads as the example's, as the engine reads both.
        expected = load_interview(interview_id).validate(raw, app.office)
        assert screen.session.result.errors == ()
        assert screen.session.result.answers == expected.answers
        # Navigation keys: at most one per question asked (here exactly Enter each).
        assert count.navigation <= count.asked, count.names

        render = app.screen
        assert isinstance(render, RenderScreen)
        folder = render.query_one("#folder", Input).value
        assert Path(folder).is_absolute() and Path(folder).parent.name == "counsel-documents"
        await pilot.press("2", "enter")  # DOCX (the goldens hold both; PDF is the slow one)
        await settle(pilot, lambda: bool(render.written), timeout=120)
        out = Path(folder)
    _compare_docx(example, out)
    print(
        f"{example}: conversation {count.asked} questions, {count.characters} characters, "
        f"{count.navigation} navigation keys"
    )


async def test_resumed_conversation_opens_at_the_same_question(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    _, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.open_draft(drafts.new_draft("lien"))  # type: ignore[attr-defined]
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        await settle(pilot, lambda: screen.ready)
        count = Keys()
        for _ in range(6):
            step = screen.current
            assert step is not None
            await type_answer(pilot, answer_for(step, raw), count)
            await press(pilot, count, "enter")
        where = screen.current
        assert where is not None
        saved = dict(screen.session.raw)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        again = app.screen
        assert isinstance(again, ConversationScreen)
        await settle(pilot, lambda: again.ready)
        assert again.current is not None and again.current.key == where.key
        assert dict(again.session.raw) == saved


async def fill_form_by_keys(pilot: Any, screen: InterviewScreen, raw: dict[str, Any]) -> Keys:
    """The form as a specialist drives it from the keyboard: Tab to a field, type, Enter
    (Tab out of a several-line field), y/n, a number for an option, `a` and the row dialog
    for a list, Ctrl+N to the next section; at the end the review, then `r`."""
    count = Keys()
    done: set[str] = set()
    while True:
        section = screen.session.sections[screen.current]
        todo = [
            q
            for q in screen.session.visible_questions(section)
            if str(q.id) not in done and raw.get(str(q.id)) not in (None, [])
        ]
        if not todo:
            before = screen.current
            await press(pilot, count, "ctrl+n")
            await settle(
                pilot, lambda b=before: pilot.app.screen is not screen or screen.current != b
            )
            if pilot.app.screen is not screen:
                return count
            continue
        q = todo[0]
        qid = str(q.id)
        for _ in range(30):  # Tab until the question's field has the focus
            block = screen.focused_block()
            if block is not None and block.question_id == qid:
                break
            await press(pilot, count, "tab")
        else:
            raise AssertionError(f"Tab never reached {qid}")
        value = raw[qid]
        kind = questions.kind(q)
        if kind == "list":
            for row in value:
                await press(pilot, count, "a")
                await settle(pilot, lambda: isinstance(pilot.app.screen, RowEditor))
                fields = questions.fields(q)
                for f in fields:
                    await type_answer(pilot, as_text(row.get(str(f.id))), count)
                    await press(pilot, count, "enter")  # next field; on the last, saves
                await settle(pilot, lambda: pilot.app.screen is screen)
        elif kind == "bool":
            await type_answer(pilot, as_text(value), count)
            await press(pilot, count, "enter")
        elif kind == "choice":
            number = [v for v, _ in questions.choices(q)].index(str(value)) + 1
            await type_answer(pilot, str(number), count)
            await press(pilot, count, "enter")
        elif questions.multiline(q):
            # In the form's several-line field Enter is a line break: Tab leaves it.
            await type_answer(pilot, as_text(value).replace("\n", "\r"), count)
            await press(pilot, count, "tab")
        else:
            await type_answer(pilot, as_text(value), count)
            await press(pilot, count, "enter")
        await pilot.pause()
        done.add(qid)


@pytest.mark.slow
async def test_prior_period_form_and_conversation_key_counts(
    make_app: MakeApp, drafts_folder: Path, tmp_path: Path
) -> None:
    """The prior-period judicial example both ways: the same answers, fewer keys talking."""
    interview_id, raw = load_answers_file(EXAMPLES / "prior-period-judicial.toml")
    expected = load_interview(interview_id).validate(raw, make_app().office).answers
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.open_draft(drafts.new_draft(interview_id).in_view("form"))  # type: ignore[attr-defined]
        await settle(pilot, lambda: isinstance(app.screen, InterviewScreen))
        form = app.screen
        assert isinstance(form, InterviewScreen)
        await pilot.pause()
        form_keys = await fill_form_by_keys(pilot, form, raw)
        assert form.session.result.answers == expected
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await settle(pilot, lambda: review.docs is not None, timeout=60)
        await press(pilot, form_keys, "r")
        await settle(pilot, lambda: isinstance(app.screen, RenderScreen))
    # A desk of its own: the form's draft of the same case would be offered to the
    # conversation (and Enter would take it), which is not what is being counted here.
    app = CounselApp(app.office, drafts_folder=tmp_path / "drafts2", today=app.today)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.open_draft(drafts.new_draft(interview_id))  # type: ignore[attr-defined]
        await settle(pilot, lambda: isinstance(app.screen, ConversationScreen))
        talk = app.screen
        assert isinstance(talk, ConversationScreen)
        talk_keys = await converse(pilot, talk, raw)
        assert talk.session.result.answers == expected
        render = app.screen
        assert isinstance(render, RenderScreen)
        await pilot.press("2", "enter")
        await settle(pilot, lambda: bool(render.written), timeout=120)
        out = Path(render.query_one("#folder", Input).value)
    _compare_docx("prior-period-judicial", out)
    print(
        f"prior-period-judicial to the render screen: form {form_keys.characters} characters + "
        f"{form_keys.navigation} navigation keys; conversation {talk_keys.characters} + "
        f"{talk_keys.navigation} over {talk_keys.asked} questions"
    )
    assert talk_keys.navigation <= talk_keys.asked
    assert talk_keys.navigation < form_keys.navigation


async def _start(pilot: Any, draft: drafts.Draft) -> ConversationScreen:
    pilot.app.screen.open_draft(draft.in_view("conversation"))
    await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen)
    await settle(pilot, lambda: screen.ready)
    return screen


async def _answer(pilot: Any, screen: ConversationScreen, text: str) -> None:
    if screen.answer_field_text():
        await pilot.press("ctrl+u")
    await type_answer(pilot, text, Keys())
    await press(pilot, Keys(), "enter")


async def test_hidden_questions_are_never_asked_and_a_list_is_a_sub_conversation(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, drafts.new_draft("track"))
        asked: list[str] = []
        answers = {
            "court_case_number": "2026-F-1",
            "document_date": "2026-11-23",
            "judicial_necessary": "n",
            "parties_are_parents": "n",
            "track_override": "n",
        }
        kids = iter(["Ada Example", "2012-03-01", "", "y", "Ben Example", "2015-07-04", "", ""])
        while screen.current is not None and len(asked) < 60:
            step = screen.current
            asked.append(step.key)
            if step.qid == "children":
                text = next(kids)
            else:
                text = answers.get(step.qid, "n" if step.answer_type == "bool" else "")
            await _answer(pilot, screen, text)
        # Conditions: no written reason without "judicial necessary", no "parents agree"
        # unless they are the parents, no override reason without an override.
        for hidden in ("judicial_necessary_reason", "parents_agree", "track_override_reason"):
            assert hidden not in asked
        assert [k for k in asked if k.startswith("children")] == [
            "children[1].name",
            "children[1].birth_date",
            "children[1].graduation_date",
            "children+1",
            "children[2].name",
            "children[2].birth_date",
            "children[2].graduation_date",
            "children+2",
        ]
        assert [c["name"] for c in screen.session.raw["children"]] == ["Ada Example", "Ben Example"]
        transcript = str(
            [
                screen.query_one("#transcript").get_option_at_index(i).prompt  # type: ignore[attr-defined]
                for i in range(screen.query_one("#transcript").option_count)
            ]  # type: ignore[attr-defined]
        )
        assert "Support for Ada Example ends March 1, 2030, the 18th birthday" in transcript


async def test_a_changed_answer_says_its_finding_again_and_left_counts_down(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    app = make_app()
    draft = drafts.new_draft("track")
    for key, value in {"court_case_number": "2026-F-1", "document_date": "2026-11-23"}.items():
        draft = draft.with_answer(key, value)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        while screen.current is not None and screen.current.key != "children[1].name":
            await _answer(pilot, screen, "")
        left = screen.left()
        assert f"{left} questions left" in str(screen.query_one("#where").render())
        await _answer(pilot, screen, "Riley Fictional")
        await _answer(pilot, screen, "2013-02-28")
        assert screen.left() == left - 2
        said = "Support for Riley Fictional ends February 28, 2031, the 18th birthday"
        assert any(said in s for s in screen.last_said)
        # Up into the transcript, to the birth date, Enter, a new date: said again, above
        # the question too (the sentence lands mid-transcript).
        await pilot.press("up")
        transcript = screen.query_one("#transcript")
        assert transcript.has_focus
        target = next(
            i
            for i in range(transcript.option_count)  # type: ignore[attr-defined]
            if transcript.get_option_at_index(i).id == "step:children[1].birth_date"  # type: ignore[attr-defined]
        )
        transcript.highlighted = target  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.editing is not None and screen.editing.key == "children[1].birth_date"
        assert screen.answer_field_text() == "2013-02-28"
        await _answer(pilot, screen, "2013-03-31")
        new = "Support for Riley Fictional ends March 31, 2031, the 18th birthday"
        assert any(new in s for s in screen.last_said)
        assert new in str(screen.query_one("#said").render())
        assert screen.editing is None


async def test_the_end_review_lists_what_is_missing_each_enter_away(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    interview_id, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, drafts.new_draft(interview_id))
        count = Keys()
        while screen.current is not None:
            step = screen.current
            if step.qid == "obligor_name":  # left for later: Enter warns, a second Enter skips
                await press(pilot, count, "enter")
                assert screen.current is step
                assert "Enter again to leave it for later" in str(
                    screen.query_one("#note").render()
                )
                await press(pilot, count, "enter")
                assert screen.current is not None and screen.current.qid != "obligor_name"
                continue
            await type_answer(pilot, answer_for(step, raw), count)
            await press(pilot, count, "enter")
        end = screen.query_one("#end")
        assert end.has_focus
        assert "1 answer missing or wrong" in str(end.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert "Not answered yet" in str(end.get_option_at_index(1).prompt)  # type: ignore[attr-defined]
        assert end.highlighted == 1 and end.get_option_at_index(1).id == "step:obligor_name"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.editing is not None and screen.editing.qid == "obligor_name"
        await _answer(pilot, screen, "Jordan P. Madeup")
        assert screen.current is None
        await pilot.press("enter")  # check the documents, then the render screen
        await settle(pilot, lambda: isinstance(app.screen, RenderScreen), timeout=60)


async def test_answers_of_the_same_case_are_offered_never_reused_silently(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    other = drafts.new_draft("prior-period")
    for key, value in {
        "court_case_number": "2026-F-000417",
        "obligor_name": "Morgan T. Fictional",
        "children": [{"name": "Riley Fictional", "birth_date": "2013-02-28"}],
    }.items():
        other = other.with_answer(key, value)
    drafts.save_draft(other, drafts_folder)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, drafts.new_draft("track"))
        await _answer(pilot, screen, "2026-F-000417")  # the case number: now its answers
        await settle(pilot, lambda: screen.offers_ready)  # looked up in a thread
        while screen.current is not None and screen.current.qid != "obligor_name":
            await _answer(
                pilot, screen, answer_for(screen.current, {"document_date": "2026-11-23"})
            )
        assert "obligor_name" not in screen.session.raw  # offered, not copied
        assert screen.answer_field_text() == "Morgan T. Fictional"
        assert "the draft Order for support" in str(screen.query_one("#note").render())
        await press(pilot, Keys(), "enter")  # confirmed with Enter
        assert screen.session.raw["obligor_name"] == "Morgan T. Fictional"
        while screen.current is not None and screen.current.qid != "children":
            await _answer(pilot, screen, "")
        assert screen.current is not None and screen.current.kind == "offer"
        assert "use the 1 child of the draft Order for support" in screen.step_label(screen.current)
        await press(pilot, Keys(), "enter")
        assert screen.session.raw["children"] == [
            {"name": "Riley Fictional", "birth_date": "2013-02-28"}
        ]
        assert screen.current is not None and screen.current.key == "children+1"


async def test_the_case_look_up_never_holds_up_typing(
    make_app: MakeApp, drafts_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other drafts and the register are read in a thread (a county's shared register
    takes a moment): answers typed meanwhile land where they were typed, and an offer that
    arrives later never replaces what was typed; it is shown on a question still empty."""
    import threading

    from counsel.tui.screens import conversation

    other = drafts.new_draft("prior-period")
    for key, value in {"court_case_number": "2026-F-000417", "county": "Sangamon"}.items():
        other = other.with_answer(key, value)
    drafts.save_draft(other, drafts_folder)
    gate = threading.Event()
    real = conversation.case_sources

    def slow(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(conversation, "case_sources", slow)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, drafts.new_draft("track"))
        await _answer(pilot, screen, "2026-F-000417")
        assert not screen.offers_ready
        assert screen.current is not None and screen.current.qid == "iv_d_case_number"
        await type_answer(pilot, "IVD-1", Keys())  # typed while the look-up runs
        gate.set()
        await settle(pilot, lambda: screen.offers_ready)
        assert screen.answer_field_text() == "IVD-1"  # not replaced
        await press(pilot, Keys(), "enter")
        assert screen.session.raw["iv_d_case_number"] == "IVD-1"
        # The next question, still empty, shows the other draft's county to confirm.
        assert screen.current is not None and screen.current.qid == "county"
        assert screen.answer_field_text() == "Sangamon"
        assert "county" not in screen.session.raw
        assert "the draft Order for support" in str(screen.query_one("#note").render())


async def test_why_says_the_purpose_the_rule_and_the_statute_at_its_pinpoint(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    from counsel.tui.screens.why import WhyModal

    _, raw = load_answers_file(EXAMPLES / "lien-account.toml")
    draft = drafts.new_draft("lien")
    for key, value in raw.items():
        if key not in ("interview", "mailing_date"):
            draft = draft.with_answer(key, value)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _start(pilot, draft)
        while screen.current is not None and screen.current.qid != "mailing_date":
            await press(pilot, Keys(), "enter")  # optional blanks not asked yet: left blank
        assert screen.current is not None and screen.current.qid == "mailing_date"
        await type_answer(pilot, "?", Keys())  # ? on an empty answer asks why
        await settle(pilot, lambda: isinstance(app.screen, WhyModal))
        text = str(app.screen.query_one("#why-text").render())
        assert "A hearing must be requested within 15 days" in text  # why
        assert "Lien hearing deadline" in text  # the rule that reads it
        assert "Financial-institution lien lapses" in text
        assert "The law as in force on November 23, 2026" in text
        assert "89 Ill. Adm. Code 160.70(g)(1)(C)" in text  # at its pinpoint
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.answer_field_text() == ""


async def test_a_row_is_removed_only_when_confirmed_and_comes_back(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    from counsel.tui.screens.confirm import ConfirmModal

    draft = drafts.new_draft("track").with_answer(
        "children",
        [
            {"name": "Ada Example", "birth_date": "2012-03-01"},
            {"name": "Ben Example", "birth_date": "2015-07-04"},
        ],
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        while screen.current is not None and not screen.current.key.startswith("children+"):
            await press(pilot, Keys(), "enter", "enter")
        await pilot.press("up")
        transcript = screen.query_one("#transcript")
        target = next(
            i
            for i in range(transcript.option_count)  # type: ignore[attr-defined]
            if transcript.get_option_at_index(i).id == "step:children[1].name"  # type: ignore[attr-defined]
        )
        transcript.highlighted = next(  # type: ignore[attr-defined]
            i
            for i in range(transcript.option_count)  # type: ignore[attr-defined]
            if transcript.get_option_at_index(i).id == "step:court_case_number"  # type: ignore[attr-defined]
        )
        await pilot.pause()
        assert "Remove row" not in screen.query_one(KeyBar).text()  # not a list's answer
        transcript.highlighted = target  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Remove row" in screen.query_one(KeyBar).text()
        await pilot.press("x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # kept
        await pilot.pause()
        assert len(screen.session.raw["children"]) == 2
        transcript.focus()
        transcript.highlighted = target  # type: ignore[attr-defined]
        await pilot.press("x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await settle(pilot, lambda: app.screen is screen)
        saved = drafts.load_draft(screen.session.draft.id, drafts_folder).answers["children"]
        assert [c["name"] for c in saved] == ["Ben Example"]
        assert not any("Ada Example" in s for s in screen.sentences.values())
        await pilot.press("ctrl+z")
        await pilot.pause()
        saved = drafts.load_draft(screen.session.draft.id, drafts_folder).answers["children"]
        assert [c["name"] for c in saved] == ["Ada Example", "Ben Example"]
