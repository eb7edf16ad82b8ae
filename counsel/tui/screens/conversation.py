"""The interview as a conversation: one question at a time, the transcript above it, findings
said as they become true. The same interview engine, answers and draft as the form."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from counsel import drafts
from counsel.case.identity import case_numbers
from counsel.tui import catalog, dialogue, questions, sayings
from counsel.tui.dialogue import Step
from counsel.tui.offers import CASE_KEYS, Offer, Source, case_sources, offers
from counsel.tui.screens.review import field_words, readable
from counsel.tui.session import RULE_138_LAST4, InterviewSession
from counsel.tui.text import Hanging, assemble, clean, plain
from counsel.tui.widgets.answer_box import (
    AnswerArea,
    AnswerLine,
    AreaSubmitted,
    HelpAsked,
    LeaveUp,
)
from counsel.tui.widgets.findings_panel import refused
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp

CHECK_DOCUMENTS = "=check"
"""The end review's first option: check the documents, then on to the render screen."""

ERROR_KEY = "!"
"""Said-sentence keys starting with this are errors (an answer that cannot stand with
another), not findings: said as warnings, and gone once the answers are fixed."""

_ROW_FIELD = re.compile(r"^([a-z0-9_]+)\[(\d+)\]\.([a-z0-9_]+)$")


def error_sentence(field: str, message: str, interview: Any) -> str:
    """An engine error between answers as the transcript says it, with the statute the
    message cites and answer ids as the questions' labels: `"First day current support is
    due" must be on or after the order's date ("Date of the document"): ... (305 ILCS
    5/10-10).`, `Segment 2: "First day of the segment" overlaps the entry before it; ...`."""
    words = field_words(field, interview)
    row, sep, label = words.partition(": ") if _ROW_FIELD.match(field) else ("", "", words)
    text = readable(message, interview).strip().rstrip(".")
    if row and text.lower().startswith(row.lower() + " "):
        return f"{text[:1].upper()}{text[1:]}."  # the message names its row itself
    subject = f'{row}{sep}"{label}"'
    if text.startswith(("must ", "overlaps ")):
        return f"{subject} {text}."
    return f"{subject}: {text[:1].upper()}{text[1:]}."


def answer_text(step: Step, value: Any) -> str:
    """A raw answer as the text the answer field starts with when the step is asked again."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


class Transcript(OptionList):
    """The answers so far; Enter changes the highlighted one, x removes its list row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "remove_row", "Remove row"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "x Remove row" only shows on a list row's answer (False hides a binding).
        if action == "remove_row":
            if self.highlighted is None:
                return False
            option_id = self.get_option_at_index(self.highlighted).id or ""
            return bool(re.match(r"step:[a-z_]+\[\d+\]\.", option_id))
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def action_remove_row(self) -> None:
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id or ""
        screen = self.screen
        if isinstance(screen, ConversationScreen):
            screen.remove_row(option_id.removeprefix("step:"))


class ConversationScreen(Screen[None]):
    """One question at a time; Enter answers (a blank Enter leaves an answer for later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "why", "Why?"),
        Binding("f2", "statute", "Statute"),
        Binding("f4", "form", "Form"),
        Binding("ctrl+r", "review", "Review", priority=True),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("escape", "home", "Home"),
    ]

    def __init__(
        self,
        draft: drafts.Draft,
        *,
        session: InterviewSession | None = None,
        offered: dict[str, Offer] | None = None,
    ) -> None:
        super().__init__()
        self.interview = catalog.interview(draft.interview_id)
        self.draft = draft
        self._session = session
        self.session: InterviewSession
        self.title = catalog.title(draft.interview_id)
        self.sub_title = self._case_words(draft.answers)
        self.offered: dict[str, Offer] = dict(offered or {})
        """Answers the case already has elsewhere, by question id: shown, never reused
        until the user confirms them."""
        self._fixed_offers = bool(offered)
        self.offers_ready = False
        """True once the case's answers elsewhere were looked up (a thread; see _find_offers)."""
        self.editing: Step | None = None
        self.current: Step | None = None
        self.all_steps: list[Step] = []
        self.errors: dict[str, str] = {}
        self.holding: dict[str, str] = {}
        """The errors that keep an answer open: answers unreadable on their own (an error
        across answers is said in the transcript and listed at the end, never re-asked)."""
        self.course_at: int | None = None
        """The position (in all_steps) of the last question answered in the course: the next
        question is the first open one from there on, so the conversation never goes back to
        an earlier question on its own."""
        self.sentences: dict[str, str] = {}
        self.said: dict[str, tuple[str, str]] = {}
        """Finding key -> (the step after which it was said, the sentence)."""
        self.resumed: set[str] = set()
        """Keys said when the draft was opened (under "Findings so far"), until said again."""
        self.last_said: list[str] = []
        self.last_keys: list[str] = []
        """The keys of `last_said` (a finding's name, or `!field` for an error)."""
        self.said_mid = False
        """True when the last findings said were placed after an earlier answer (an edit)."""
        self.undo: list[tuple[str, int, dict[str, Any]]] = []
        self.ready = False
        """True once mounted and the first question is shown."""
        self.refusing: set[str] = set()
        """Findings that refuse the documents (a lien that may not be imposed)."""
        self._skip_armed = ""
        """The required question a blank Enter was pressed on once: a second one leaves it
        for later (one Enter alone never passes a required question unnoticed)."""
        self.problems: list[str] | None = None
        """The document checks at the end: None until run, [] when they all pass."""

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Transcript(id="transcript", markup=False)
        with Vertical(id="ask"):
            yield Static("", id="said")
            yield Static("", id="where")
            yield Static("", id="question")
            yield Static("", id="choices")
            yield AnswerLine(id="answer-line", compact=True)
            yield AnswerArea(widget_id="answer-area")
            yield Static("", id="note")
            yield OptionList(id="end", markup=False)
        yield KeyBar()

    async def on_mount(self) -> None:
        self.query_one("#answer-line", AnswerLine).on_answer = self.submit
        self.query_one("#answer-area", AnswerArea).on_answer = self.submit
        self.session = self._session or InterviewSession(
            self.interview,
            self.draft,
            self.counsel.office,
            self.counsel.today,
            self.counsel.drafts_folder,
        )
        if self.session.draft.view != "conversation":
            self.session.draft = self.session.draft.in_view("conversation")
            if self.session.raw:
                self.session.save()
        self._find_offers()
        self.sentences = self._sentences()
        self.compute()
        # What a resumed draft's answers already make true is said after its last answer,
        # so what is answered from here on follows it, in order.
        raw, asked = self.session.raw, set(self.session.draft.asked)
        done = [s.key for s in self.all_steps if dialogue.is_done(s, raw, asked, self.holding)]
        end = self.all_steps.index(self.current) if self.current is not None else None
        before = [s.key for s in self.all_steps[:end] if s.key in done]
        last = before[-1] if before else ""
        self.said = {k: (last, s) for k, s in self.sentences.items()}
        self.resumed = set(self.sentences)
        self.advance()
        self.ready = True

    # -- the course ---------------------------------------------------------------------------

    @staticmethod
    def _case_words(answers: Any) -> str:
        from counsel.tui.screens.home import case_number

        number = case_number(dict(answers))
        return "new case" if number == "-" else clean(number)

    def _subtitle(self) -> None:
        words = self._case_words(self.session.raw)
        if words != self.sub_title:
            self.sub_title = words

    def _find_offers(self) -> None:
        """Look up what the case already has elsewhere (other drafts, the register) in a
        thread: a county's shared register takes a moment, and typing goes on meanwhile."""
        if self._fixed_offers:  # started from an issued case: those offers stand
            ids = set(self._question_ids())
            self.offered = {k: v for k, v in self.offered.items() if k in ids}
            self.offers_ready = True
            return
        if not case_numbers(self.session.raw):
            self.offered = {}
            self.offers_ready = True
            return
        self.offers_ready = False
        self._look_up_offers(dict(self.session.raw), self.session.draft.id)

    @work(thread=True, exclusive=True, group="offers")
    def _look_up_offers(self, answers: dict[str, Any], draft_id: str) -> None:
        sources = case_sources(
            answers,
            draft_id=draft_id,
            drafts_folder=self.counsel.drafts_folder,
            office=self.counsel.office,
            title=catalog.title,
        )
        self.app.call_from_thread(self._offers_found, answers, sources)

    def _offers_found(self, answers: dict[str, Any], sources: list[Source]) -> None:
        if case_numbers(answers) != case_numbers(self.session.raw):
            return  # the case number changed meanwhile: a newer look-up is on its way
        self.offered = offers(self._question_ids(), self.session.raw, sources)
        self.offers_ready = True
        # The question on screen may have an offer now (or a list the case's rows): shown
        # at once when nothing is typed in it yet and the user is at it; else from the next
        # question on. Nothing typed is ever replaced.
        if (
            self.offered
            and self.ready
            and self.editing is None
            and self.current is not None
            and not self.answer_field_text()
            and self.focused is self.answer_field()
        ):
            self.advance()

    def _question_ids(self) -> list[str]:
        return [str(q.id) for q in self.interview.questions]

    def _sentences(self) -> dict[str, str]:
        found, _ = self.session.findings()
        self.refusing = set(refused(found))
        said = sayings.sentences(
            found, self.session.result.answers, self.counsel.office.closure_dates()
        )
        said.update(self._error_sentences())
        return said

    def _error_sentences(self) -> dict[str, str]:
        """Errors between answers (a date before another, periods that overlap), each as a
        sentence with its statute, by key `!field`. Not said: an answer unreadable on its own
        (its question says it), or a required answer not given yet (the review lists it)."""
        raw = self.session.raw
        asked = set(self.session.draft.asked)
        out: dict[str, str] = {}
        for field, message in self.session.errors_by_field().items():
            step = self._step_for_field(field)
            if step is None:
                continue
            value = dialogue.value_of(step, raw)
            if dialogue.is_blank(value):
                if message.startswith("required") or step.key not in asked:
                    continue
            elif dialogue.own_error(step, raw) is not None:
                continue
            out[ERROR_KEY + field] = error_sentence(field, message, self.interview)
        return out

    def _step_for_field(self, field: str) -> Step | None:
        """The step whose answer an engine error field names (a step of its own, even when
        the conversation has not reached it)."""
        try:
            m = _ROW_FIELD.match(field)
            if m is None:
                return Step(field, "question", self.interview.question(field))
            qid, row, fid = m.groups()
            q = self.interview.question(qid)
            return Step(field, "field", q, q.field_by_id(fid), int(row) - 1)
        except KeyError:
            return None

    def _offered_lists(self) -> set[str]:
        return {
            qid
            for qid, o in self.offered.items()
            if isinstance(o.value, list) and questions.kind(self.interview.question(qid)) == "list"
        }

    def compute(self) -> None:
        """Steps, errors and the next step: the first not done from the last one answered
        (from the start when opened or after a change), then any left before it."""
        raw = self.session.raw
        self.errors = self.session.errors_by_field()
        self.all_steps = dialogue.steps(
            self.interview, raw, self.session.result.answers, self._offered_lists()
        )
        self.holding = {
            s.error_field: self.errors[s.error_field]
            for s in self.all_steps
            if s.error_field in self.errors and dialogue.own_error(s, raw) is not None
        }
        asked = set(self.session.draft.asked)
        open_ = [
            i
            for i, s in enumerate(self.all_steps)
            if not dialogue.is_done(s, raw, asked, self.holding)
        ]
        start = self.course_at or 0
        ahead = [i for i in open_ if i >= start] or open_
        self.current = self.all_steps[ahead[0]] if ahead else None

    def advance(self) -> None:
        """Move to the first step not done (or the end review) and redraw."""
        self.compute()
        self.refresh_transcript()
        self.show(self.editing or self.current)

    def left(self) -> int:
        return dialogue.left(self.all_steps, self.session.raw, self.errors)

    # -- drawing ------------------------------------------------------------------------------

    def _offer_phrase(self, step: Step) -> str:
        o = self.offered.get(step.qid)
        if o is None:
            return ""
        n = len(o.value) if isinstance(o.value, list) else 0
        item = dialogue.item_words(step.question)
        return f"the {n} {item}{'' if n == 1 else 's'} of {o.where}"

    def step_label(self, step: Step) -> str:
        return dialogue.label(step, self.session.raw, self._offer_phrase(step))

    def refresh_transcript(self) -> None:
        raw = self.session.raw
        asked = set(self.session.draft.asked)
        intro = assemble(
            (str(self.interview.title), "bold"),
            "\n",
            (str(self.interview.summary), "dim"),
            (
                "\nAnswer each question, then Enter. Up goes back to an earlier answer; "
                "F1 or ? says why a question is asked; F4 shows the same answers as a form.",
                "dim italic",
            ),
        )
        options: list[Option] = [Option(intro, disabled=True)]
        section = ""
        placed: set[str] = set()
        by_step: dict[str, list[tuple[str, str]]] = {}
        for key, (after, sentence) in self.said.items():
            by_step.setdefault(after, []).append((key, sentence))
        for step in self.all_steps:
            if step is self.current or not dialogue.is_done(step, raw, asked, self.holding):
                if step is self.current:
                    break
                continue
            title = str(self.interview.section_of(step.qid).title)
            if title != section:
                section = title
                options.append(Option(plain(title, "bold $accent"), disabled=True))
            options.append(Option(self._entry(step), id=f"step:{step.key}"))
            here = by_step.get(step.key, [])
            if any(key in self.resumed for key, _ in here):
                options.append(Option(plain("Findings so far", "bold $accent"), disabled=True))
            for key, sentence in sorted(here, key=lambda said: said[0] not in self.resumed):
                options.append(Option(self._finding(sentence, key), id=f"say:{key}"))
                placed.add(key)
        rest = [(k, s) for k, (_, s) in self.said.items() if k not in placed]
        if rest:
            options.append(Option(plain("Findings so far", "bold $accent"), disabled=True))
            options.extend(Option(self._finding(s, k), id=f"say:{k}") for k, s in rest)
        transcript = self.query_one("#transcript", OptionList)
        transcript.clear_options()
        transcript.add_options(options)
        transcript.highlighted = None
        transcript.scroll_end(animate=False)
        # Again once the new entries are laid out (their wrapped height is known then).
        self.call_after_refresh(transcript.scroll_end, animate=False)

    def _entry(self, step: Step) -> Hanging:
        value = dialogue.value_of(step, self.session.raw)
        if step.kind in ("another", "any", "offer"):
            shown = "No"
        else:
            shown = dialogue.shown(step, value)
            default = getattr(step.asks, "office_default", "")
            if dialogue.is_blank(value) and default and step.kind == "question":
                office_value = getattr(self.counsel.office, default, "")
                if office_value:
                    shown = f"(blank: the office profile's {default}, {office_value})"
        # Each line of the answer after its mark, wrapped lines under the line's start.
        lines = [(plain("  > ", "bold"), plain(line, "bold")) for line in shown.splitlines()]
        return Hanging(
            (Content(""), plain(self.step_label(step), "dim")),
            *(lines or [(plain("  > ", "bold"), Content(""))]),
        )

    def _said_line(self, sentence: str, key: str = "") -> tuple[Content, Content]:
        if key in self.refusing or key.startswith(ERROR_KEY):
            # The documents may not be made (a refused lien), or two answers cannot both
            # stand: said as a warning.
            return plain("  ! ", "bold $error"), plain(sentence, "bold $error")
        return plain("  * ", "bold $success"), plain(sentence, "$success")

    def _finding(self, sentence: str, key: str = "") -> Hanging:
        """A sentence said in the transcript, its wrapped lines under its first word."""
        return Hanging(self._said_line(sentence, key))

    def show(self, step: Step | None, *, again: bool = False) -> None:
        """Ask `step`, or show the end review when there is none. An earlier answer opened
        for change, or an offered default, starts selected (typing replaces it); an answer
        asked `again` because it cannot be read keeps the cursor at its end (to mend it)."""
        left = self.left()
        count = (
            "no required answer left"
            if left == 0
            else f"{left} question{'' if left == 1 else 's'} left"
        )
        said = self.query_one("#said", Static)
        said.update(
            Hanging(
                *(
                    self._said_line(self.sentences[k], k)
                    for k in self.last_keys
                    if k in self.sentences
                )
            )
        )
        # Findings said after an earlier answer changed land mid-transcript: say them here
        # too, above the question, where the eye is.
        said.display = bool(self.last_said) and self.said_mid
        note = self.query_one("#note", Static)
        line = self.query_one("#answer-line", AnswerLine)
        area = self.query_one("#answer-area", AnswerArea)
        end = self.query_one("#end", OptionList)
        if step is None:
            self.query_one("#where", Static).update(plain(f"End of the questions: {count}"))
            self._end_review()
            for w in (line, area, self.query_one("#choices")):
                w.display = False
            self.query_one("#question", Static).update(
                plain("Review: what is missing, then the documents", "bold")
            )
            note.display = False
            end.display = True
            end.focus()
            return
        note.display = True
        end.display = False
        section = str(self.interview.section_of(step.qid).title)
        editing = " (changing an earlier answer)" if self.editing is not None else ""
        self.query_one("#where", Static).update(plain(f"{section}: {count}{editing}", "dim"))
        self.query_one("#question", Static).update(plain(self.step_label(step), "bold"))
        self._show_choices(step, "")
        multiline = step.kind in ("question", "field") and questions.multiline(step.asks)
        value = dialogue.value_of(step, self.session.raw)
        offer = self.offered.get(step.qid) if step.kind in ("question", "offer") else None
        if step.kind == "offer":
            text = "yes"
        elif value is None and offer is not None and step.kind == "question":
            text = answer_text(step, offer.value)
        else:
            text = answer_text(step, value)
        select = bool(text) and not again
        widget: AnswerLine | AnswerArea
        if multiline:
            line.display = False
            area.display = True
            area.text = text
            if select:
                area.select_all()
            else:
                area.move_cursor(area.document.end)
            widget = area
        else:
            area.display = False
            line.display = True
            line.value = text
            if select:
                line.select_all()
            else:
                line.cursor_position = len(text)
            widget = line
        # At once, not on the next message loop: keys typed ahead go to this answer.
        self.set_focus(widget)
        self._note(step, offer, value)

    def answer_field(self) -> AnswerLine | AnswerArea:
        """The answer field shown: one line, or several for an address or a reason."""
        line = self.query_one("#answer-line", AnswerLine)
        return line if line.display else self.query_one("#answer-area", AnswerArea)

    def answer_field_text(self) -> str:
        """What the answer field holds now (an offered default, or what was typed)."""
        field = self.answer_field()
        return field.value if isinstance(field, AnswerLine) else field.text

    def _note(self, step: Step, offer: Offer | None, value: Any) -> None:
        note = self.query_one("#note", Static)
        error = dialogue.error_of(step, self.errors)
        if step.kind in ("question", "field") and error and not dialogue.is_blank(value):
            note.update(plain(readable(error, self.interview), "bold $error"))
            return
        kind = step.answer_type
        hint = {
            "bool": "Type y or n, then Enter.",
            "choice": "Type the number or the first letters of an option, then Enter.",
            "date": "Type the date (YYYY-MM-DD or MM/DD/YYYY), then Enter.",
            "money": "Type the amount in dollars and cents, then Enter.",
            "integer": "Type a whole number, then Enter.",
        }.get(kind, "Type the answer, then Enter.")
        if step.kind == "another":
            hint = "Type y for another, or Enter for no more."
        elif step.kind == "any":
            hint = "Type y if there is one, or Enter for none."
        elif step.kind == "offer":
            hint = "Enter uses them; type n to enter them anew."
        elif kind == "text" and questions.multiline(step.asks):
            hint = "Ctrl+J starts a new line; Enter answers."
        if step.kind in ("question", "field") and not step.required:
            hint += " Optional: Enter alone leaves it blank."
        elif step.kind in ("question", "field"):
            hint += " Enter alone leaves it for later."
        if offer is not None and step.kind == "question" and dialogue.is_blank(value):
            hint = f"From {offer.where}: Enter keeps it, or type another answer."
        note.update(assemble((hint, "dim"), ("  ? why it is asked", "dim italic")))

    def _show_choices(self, step: Step, typed: str) -> None:
        box = self.query_one("#choices", Static)
        if step.answer_type != "choice" or step.kind != "question" and step.kind != "field":
            box.display = False
            return
        options = questions.choices(step.asks)
        picked = dialogue.resolve_choice(options, typed) if typed.strip() else None
        lines: list[str | tuple[str, str]] = []
        for n, (value, text) in enumerate(options, start=1):
            mark = "> " if value == picked else "  "
            style = "bold reverse" if value == picked else ""
            chosen = "  (Enter chooses it)" if value == picked else ""
            lines.append((f"{mark}{n}  {text}{chosen}", style))
            lines.append("\n")
        box.update(assemble(*lines[:-1]))
        box.display = True

    @on(Input.Changed, "#answer-line")
    def _typed(self, event: Input.Changed) -> None:
        step = self.editing or self.current
        if step is not None and step.answer_type == "choice":
            self._show_choices(step, event.value)

    # -- answering ----------------------------------------------------------------------------

    @on(Input.Submitted, "#answer-line")
    def _line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    @on(AreaSubmitted)
    def _area_submitted(self, event: AreaSubmitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, text: str) -> None:
        step = self.editing or self.current
        if step is None:
            return
        if self.editing is None:
            self.course_at = next(
                (i for i, s in enumerate(self.all_steps) if s.key == step.key), self.course_at
            )
        before = dict(self.sentences)
        if step.kind in ("another", "any", "offer"):
            if not self._list_step(step, text):
                return
        else:
            value = self._typed_value(step, text)
            if (
                dialogue.is_blank(value)
                and step.required
                and self._skip_armed != step.key
                and dialogue.is_blank(dialogue.value_of(step, self.session.raw))
            ):
                self._skip_armed = step.key
                self.query_one("#note", Static).update(
                    plain(
                        "The documents need this answer: type it, or press Enter again to "
                        "leave it for later (the review at the end lists it).",
                        "bold $warning",
                    )
                )
                return
            self._skip_armed = ""
            self.session.mark_asked(step.key, save=False)
            if step.kind == "field":
                rows = [
                    dict(r) for r in self.session.raw.get(step.qid) or [] if isinstance(r, dict)
                ]
                while len(rows) <= step.row:
                    rows.append({})
                fid = str(step.field.id)
                if dialogue.is_blank(value):
                    rows[step.row].pop(fid, None)
                else:
                    rows[step.row][fid] = value
                self.session.confirm(step.qid, rows)
            else:
                self.session.confirm(step.qid, value)
            if self.session.refused:
                # Not kept, so not answered: the same question stays open.
                self.session.mark_asked(step.key, False)
                self.query_one("#answer-line", AnswerLine).value = ""
                self.query_one("#answer-area", AnswerArea).text = ""
                self.compute()
                self.query_one("#note", Static).update(
                    plain(f"Not kept: {RULE_138_LAST4}.", "bold $error")
                )
                return
            if dialogue.own_error(step, self.session.raw) is not None:
                # Unreadable (not a date, not an amount): kept as typed (nothing typed is
                # lost) and asked again with the message. An error across answers is not
                # asked again: it is said (below) and the end review lists it.
                self.compute()
                self.show(step, again=True)
                return
            if step.qid in CASE_KEYS:
                self._subtitle()
                if not self._fixed_offers:
                    self._find_offers()
        self._said_after(step, before)
        self.said_mid = self.editing is not None
        if self.editing is not None:
            self.course_at = None  # back to the first open question, usually the one left
        self.editing = None
        self.problems = None
        self.advance()

    def _typed_value(self, step: Step, text: str) -> Any:
        """What to store for typed text: yes/no as a bool, a choice as its value, else the
        text as typed (an unreadable answer is kept and its message shown)."""
        multiline = questions.multiline(step.asks)
        text = text.strip() if not multiline else text.strip("\n ").rstrip()
        if not text:
            return None
        kind = step.answer_type
        if kind == "bool":
            yes = dialogue.parse_yes_no(text)
            return text if yes is None else yes
        if kind == "choice":
            return dialogue.resolve_choice(questions.choices(step.asks), text) or text
        return text

    def _list_step(self, step: Step, text: str) -> bool:
        """Another / any / offer: yes adds a row (or takes the offered rows), no closes the
        list. False (asked again) when the answer is neither."""
        default = step.kind == "offer"
        yes = dialogue.parse_yes_no(text) if text.strip() else default
        if yes is None:
            self.query_one("#note", Static).update(
                plain("Answer y (yes) or n (no), then Enter.", "bold $error")
            )
            return False
        rows = [dict(r) for r in self.session.raw.get(step.qid) or [] if isinstance(r, dict)]
        if step.kind == "offer":
            self.session.mark_asked(step.key, save=False)
            if yes:
                offered = [dict(r) for r in self.offered[step.qid].value if isinstance(r, dict)]
                # Taken whole: their blank optional fields are not asked one by one.
                for n in range(len(offered)):
                    for f in questions.fields(step.question):
                        self.session.mark_asked(f"{step.qid}[{n + 1}].{f.id}", save=False)
                self.session.confirm(step.qid, offered)
            else:
                self.session.save()
            return True
        if yes:
            rows.append({})
            self.session.mark_asked(step.key, False, save=False)
            self.session.confirm(step.qid, rows)
        else:
            self.session.mark_asked(step.key)
        return True

    # -- the end review -------------------------------------------------------------------------

    def _end_review(self) -> None:
        raw = self.session.raw
        end = self.query_one("#end", OptionList)
        missing = [
            s
            for s in self.all_steps
            if s.kind in ("question", "field")
            and (
                dialogue.error_of(s, self.errors) is not None
                or (s.required and dialogue.is_blank(dialogue.value_of(s, raw)))
            )
        ]
        options: list[Option] = []
        if not missing:
            if self.problems is None:
                first = "Check the documents and go on to render them"
            elif self.problems:
                first = "The documents' checks fail (below): fix them, then check again"
            else:
                first = "Every check passes: go on to render the documents"
            options.append(Option(plain(first, "bold"), id=CHECK_DOCUMENTS))
            for p in self.problems or []:  # already in words (review.document_check)
                # Wrapped lines under the text, not at the edge.
                options.append(Option(Hanging((plain("  "), plain(p, "$error"))), disabled=True))
        else:
            n = len(missing)
            options.append(
                Option(
                    plain(f"{n} answer{'' if n == 1 else 's'} missing or wrong; Enter goes there:"),
                    disabled=True,
                )
            )
        for s in missing:
            why = dialogue.error_of(s, self.errors) or "required"
            if why.startswith("required") and dialogue.is_blank(dialogue.value_of(s, raw)):
                why = "Not answered yet; the documents need it."
            else:
                why = readable(why, self.interview)
            options.append(
                Option(
                    Hanging(
                        (Content(""), plain(self.step_label(s), "bold")),
                        (plain("  "), plain(why, "$error")),
                    ),
                    id=f"step:{s.key}",
                )
            )
        end.clear_options()
        end.add_options(options)
        first_enabled = next((i for i, o in enumerate(options) if not o.disabled), None)
        end.highlighted = first_enabled

    @on(OptionList.OptionSelected, "#end")
    def _end_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id == CHECK_DOCUMENTS:
            if self.problems == []:
                self.open_render()
            else:
                self.query_one("#where", Static).update(plain("Checking the documents...", "dim"))
                self.check_documents()
            return
        self._edit_key(option_id.removeprefix("step:"))

    @work(thread=True, exclusive=True)
    def check_documents(self) -> None:
        """Build and check the documents off the UI thread (no PDF or DOCX is written)."""
        from counsel.tui.screens.review import document_problems

        problems = document_problems(self.session)
        self.app.call_from_thread(self._checked, problems)

    def _checked(self, problems: list[str]) -> None:
        self.problems = problems
        if not problems and self.current is None and self.editing is None:
            self.open_render()
            return
        self.show(self.editing or self.current)

    def open_render(self) -> None:
        from counsel.tui.screens.render import RenderScreen

        self.app.push_screen(RenderScreen(self.session))

    # -- moving about -----------------------------------------------------------------------

    def _edit_key(self, key: str) -> None:
        step = next((s for s in self.all_steps if s.key == key), None)
        if step is None:
            return
        self.editing = step
        self.last_said = []
        self.last_keys = []
        self.show(step)

    @on(LeaveUp)
    def _up(self, event: LeaveUp) -> None:
        transcript = self.query_one("#transcript", OptionList)
        if not transcript.option_count:
            return
        transcript.focus()
        last = next(
            (
                i
                for i in range(transcript.option_count - 1, -1, -1)
                if not transcript.get_option_at_index(i).disabled
            ),
            None,
        )
        transcript.highlighted = last

    @on(OptionList.OptionSelected, "#transcript")
    def _transcript_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("step:"):
            self._edit_key(option_id.removeprefix("step:"))
        elif option_id.startswith(f"say:{ERROR_KEY}"):
            # An error said between answers: Enter opens the answer it is about.
            field = option_id.removeprefix(f"say:{ERROR_KEY}")
            step = next((s for s in self.all_steps if s.error_field == field), None)
            if step is not None:
                self._edit_key(step.key)

    @on(HelpAsked)
    def _help(self, event: HelpAsked) -> None:
        self.action_why()

    def action_why(self) -> None:
        from counsel.tui.screens.why import WhyModal

        step = self._focused_step()
        if step is not None:
            self.app.push_screen(WhyModal(self.session, step))

    def _focused_step(self) -> Step | None:
        transcript = self.query_one("#transcript", OptionList)
        if self.focused is transcript and transcript.highlighted is not None:
            option = transcript.get_option_at_index(transcript.highlighted)
            key = (option.id or "").removeprefix("step:")
            found = next((s for s in self.all_steps if s.key == key), None)
            if found is not None:
                return found
        return self.editing or self.current

    def action_statute(self) -> None:
        from counsel.tui.screens.statute_modal import StatuteModal

        step = self._focused_step()
        cites = questions.pinpoint_citations(step.asks) if step is not None else ()
        if not cites:
            cites = questions.citations(self.interview)
        self.app.push_screen(StatuteModal(cites, self.session.case_date))

    def action_form(self) -> None:
        from counsel.tui.screens.interview import InterviewScreen

        section = self.interview.section_of((self.editing or self.current or self._last()).qid)
        self.session.draft = self.session.draft.in_view("form").at_section(str(section.id))
        if self.session.raw:
            self.session.save()
        self.app.switch_screen(InterviewScreen(self.session.draft, session=self.session))

    def _last(self) -> Step:
        return (
            self.all_steps[-1]
            if self.all_steps
            else Step("", "question", self.interview.questions[0])
        )

    def action_review(self) -> None:
        from counsel.tui.screens.review import ReviewScreen

        def edit(question_id: str | None) -> None:
            if question_id:
                key = next(
                    (s.key for s in self.all_steps if s.qid == question_id and s.kind != "another"),
                    question_id,
                )
                self._edit_key(key)

        self.app.push_screen(ReviewScreen(self.session), edit)

    def action_home(self) -> None:
        if self.focused is self.query_one("#transcript") or self.editing is not None:
            # Escape from the transcript or from an earlier answer: back to the question.
            self.editing = None
            self.show(self.current)
            return
        self.app.pop_screen()

    def remove_row(self, key: str) -> None:
        """Remove the list row an answer belongs to, after asking; Ctrl+Z puts it back."""
        from counsel.tui.screens.confirm import ConfirmModal

        step = next((s for s in self.all_steps if s.key == key), None)
        if step is None or step.kind != "field":
            self.notify("Only a row of a list (a child, a segment, an owner) can be removed.")
            return
        rows = [dict(r) for r in self.session.raw.get(step.qid) or [] if isinstance(r, dict)]
        if step.row >= len(rows):
            return
        name = dialogue.row_title(step.question, step.row, rows[step.row])

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            now = [dict(r) for r in self.session.raw.get(step.qid) or [] if isinstance(r, dict)]
            if step.row < len(now):
                self.undo.append((step.qid, step.row, now.pop(step.row)))
                before = dict(self.sentences)
                self.session.confirm(step.qid, now)
                self._said_after(step, before)
                self.said_mid = True
                self.notify(f"Removed {name}. Ctrl+Z puts it back.", markup=False)
                self.editing = None
                self.course_at = None
                self.advance()

        detail = questions.row_text(step.question, rows[step.row])
        self.app.push_screen(ConfirmModal(f"Remove {name}?", detail, yes="Remove"), answered)

    def _said_after(self, step: Step, before: dict[str, str]) -> None:
        """Say the findings an answer made new or changed, after that answer's entry."""
        self.sentences = self._sentences()
        changed = sayings.changed(before, self.sentences)
        for key in list(self.said):
            if key not in self.sentences:
                del self.said[key]
        for key in changed:
            self.said[key] = (step.key, self.sentences[key])
            self.resumed.discard(key)
        self.last_said = [self.sentences[k] for k in changed]
        self.last_keys = list(changed)

    def action_undo(self) -> None:
        if not self.undo:
            self.notify("Nothing to undo.")
            return
        qid, index, row = self.undo.pop()
        rows = [dict(r) for r in self.session.raw.get(qid) or [] if isinstance(r, dict)]
        rows.insert(min(index, len(rows)), row)
        before = dict(self.sentences)
        self.session.confirm(qid, rows)
        step = next((s for s in self.all_steps if s.qid == qid), None)
        if step is not None:
            self._said_after(step, before)
        self.notify("The row is back.")
        self.course_at = None
        self.advance()
