"""One question: its label, the input for its type, and the message under it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, RadioSet, Static, TextArea

from counsel.tui import questions
from counsel.tui.offers import Offer
from counsel.tui.text import PICTURED, PicturedTextArea, assemble, plain
from counsel.tui.widgets.choice_input import ChoiceInput
from counsel.tui.widgets.date_input import DateInput
from counsel.tui.widgets.list_input import ListInput, RowChecker
from counsel.tui.widgets.money_input import MoneyInput
from counsel.tui.widgets.yes_no import Entered, YesNo


def make_input(
    q: Any, value: Any, *, widget_id: str | None = None, row_checker: RowChecker | None = None
) -> Widget:
    """The widget for a question's type, showing `value` (a raw answer)."""
    k = questions.kind(q)
    req = questions.required(q)
    text = "" if value is None else str(value)
    if k == "date":
        return DateInput(text, required=req, widget_id=widget_id)
    if k == "money":
        return MoneyInput(text, required=req, widget_id=widget_id)
    if k == "integer":
        # Not type="integer": Textual would drop a mistyped character silently; the engine says
        # what is wrong with the text as typed.
        return Input(text, id=widget_id, compact=True, highlighter=PICTURED)
    if k == "bool":
        return YesNo(value if isinstance(value, bool) else None, widget_id=widget_id)
    if k == "choice":
        return ChoiceInput(
            questions.choices(q), None if value is None else str(value), widget_id=widget_id
        )
    if k == "list":
        rows = value if isinstance(value, list) else []
        return ListInput(q, rows, widget_id=widget_id, row_checker=row_checker)
    if questions.multiline(q):
        area = PicturedTextArea(
            text, id=widget_id, soft_wrap=True, show_line_numbers=False, compact=True
        )
        area.styles.height = 3
        return area
    return Input(text, id=widget_id, compact=True, highlighter=PICTURED)


def read_input(widget: Widget) -> Any:
    """The raw answer a widget holds: text, a bool, a choice value, rows, or None if empty."""
    if isinstance(widget, YesNo | ChoiceInput):
        return widget.answer
    if isinstance(widget, ListInput):
        return [dict(r) for r in widget.rows]
    if isinstance(widget, TextArea):
        return widget.text.strip() or None
    if isinstance(widget, Input):
        return widget.value.strip() or None
    raise TypeError(type(widget).__name__)


class QuestionBlock(Vertical):
    """A question with its input; posts `Confirmed` when the user commits an answer.

    An answer is confirmed by Enter, by leaving the field, by choosing a radio button, or
    by saving a list row; unchanged values are not confirmed twice.
    """

    @dataclass
    class Confirmed(Message):
        block: QuestionBlock
        question_id: str
        value: Any

    def __init__(
        self,
        question: Any,
        value: Any,
        checker: Callable[[str, Any], str | None] | None = None,
        row_checker: RowChecker | None = None,
        offer: Offer | None = None,
    ) -> None:
        qid = str(question.id)
        super().__init__(id=f"q-{qid}", classes="question")
        self.question = question
        self.question_id = qid
        self.checker = checker
        self.row_checker = row_checker
        """The engine's one-answer check (question id, text) -> message; used as the user types."""
        self.offer = offer
        """A value the case already has elsewhere, shown in the field; kept only once the
        user confirms it (Enter on it, or an edit), never by merely passing through."""
        self._confirmed = value if offer is None else offer.value
        self._error: str | None = ""  # "" (not None) so the first set_error always applies

    def compose(self) -> ComposeResult:
        mark = "" if questions.required(self.question) else "  (optional)"
        yield Static(assemble(questions.label(self.question), (mark, "dim")), classes="q-label")
        yield make_input(
            self.question,
            self._confirmed,
            widget_id=f"in-{self.question_id}",
            row_checker=self.row_checker,
        )
        note = f"From {self.offer.where}: Enter keeps it." if self.offer is not None else ""
        yield Static(plain(note, "italic dim"), classes="q-offer")
        yield Static("", classes="q-error")

    @property
    def input(self) -> Widget:
        return self.query_one(f"#in-{self.question_id}")

    @property
    def value(self) -> Any:
        return read_input(self.input)

    def set_error(self, message: str | None) -> None:
        message = message or None
        if message == self._error:
            return  # restyling on every keystroke would cost more than the check itself
        self._error = message
        err = self.query_one(".q-error", Static)
        err.update(plain(message or ""))
        err.display = bool(message)
        self.set_class(bool(message), "has-error")

    def confirm(self) -> bool:
        """Post Confirmed if the value changed since the last confirmation."""
        changed, value = self.take_change()
        if changed:
            self.post_message(self.Confirmed(self, self.question_id, value))
        return changed

    def confirm_offer(self) -> None:
        """Enter on an offered value: keep it (a value passed through is never kept)."""
        if self.offer is not None and self.value == self._confirmed:
            self.offer = None
            self.query_one(".q-offer", Static).display = False
            self.post_message(self.Confirmed(self, self.question_id, self.value))

    def forget(self) -> None:
        """Empty the field: its value was not kept (Rule 138), so it must not linger."""
        widget = self.input
        self._forgetting = True  # the Changed event this causes must not clear the reason
        if isinstance(widget, Input):
            widget.value = ""
        elif isinstance(widget, TextArea):
            widget.text = ""
        self._confirmed = None

    def take_change(self) -> tuple[bool, Any]:
        """(changed, value): the value now held, marked confirmed; for callers that save it
        themselves at once (leaving the section) instead of waiting for the message."""
        value = self.value
        if value == self._confirmed:
            return False, value
        self._confirmed = value
        return True, value

    def on_mount(self) -> None:
        self.set_error(None)
        self.query_one(".q-offer", Static).display = self.offer is not None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # Immediate feedback while typing (the engine re-checks when the answer is confirmed).
        if getattr(self, "_forgetting", False):
            self._forgetting = False
            return
        if not event.value.strip():
            self.set_error(None)
        elif self.checker is not None:
            self.set_error(self.checker(self.question_id, event.value))
        else:
            result = event.validation_result
            failed = result is not None and not result.is_valid
            self.set_error(result.failure_descriptions[0] if failed and result else None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.confirm():
            self.confirm_offer()
        self.screen.focus_next()

    @on(Entered)
    def _entered(self, event: Entered) -> None:
        # Enter on a yes/no: an unanswered required one says so instead of being passed over.
        event.stop()
        if event.answer is None and questions.required(self.question):
            self.set_error("Answer it: type y for yes or n for no.")
            return
        if not self.confirm():
            self.confirm_offer()
        self.screen.focus_next()

    @on(RadioSet.Changed)
    def _chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.confirm()

    @on(ListInput.Changed)
    def _rows(self, event: ListInput.Changed) -> None:
        event.stop()
        self.confirm()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A class on this block only: the :focus-within pseudo-class restyles the whole screen
        # on every focus change, which cost more than everything else on a keypress.
        self.add_class("-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.remove_class("-focused")
        if not isinstance(self.input, ListInput):
            self.confirm()
