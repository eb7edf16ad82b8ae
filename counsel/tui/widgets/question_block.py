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
from textual.widgets import Input, Label, RadioSet, Static, TextArea

from counsel.tui import questions
from counsel.tui.widgets.choice_input import ChoiceInput
from counsel.tui.widgets.date_input import DateInput
from counsel.tui.widgets.list_input import ListInput, RowChecker
from counsel.tui.widgets.money_input import MoneyInput
from counsel.tui.widgets.yes_no import YesNo


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
        return Input(text, type="integer", id=widget_id, compact=True)
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
        area = TextArea(text, id=widget_id, soft_wrap=True, show_line_numbers=False, compact=True)
        area.styles.height = 3
        return area
    return Input(text, id=widget_id, compact=True)


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
    ) -> None:
        qid = str(question.id)
        super().__init__(id=f"q-{qid}", classes="question")
        self.question = question
        self.question_id = qid
        self.checker = checker
        self.row_checker = row_checker
        """The engine's one-answer check (question id, text) -> message; used as the user types."""
        self._confirmed = value
        self._error: str | None = ""  # "" (not None) so the first set_error always applies

    def compose(self) -> ComposeResult:
        mark = "" if questions.required(self.question) else " [dim](optional)[/dim]"
        yield Label(f"{questions.label(self.question)}{mark}", classes="q-label")
        yield make_input(
            self.question,
            self._confirmed,
            widget_id=f"in-{self.question_id}",
            row_checker=self.row_checker,
        )
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
        err.update(message or "")
        err.display = bool(message)
        self.set_class(bool(message), "has-error")

    def confirm(self) -> bool:
        """Post Confirmed if the value changed since the last confirmation."""
        changed, value = self.take_change()
        if changed:
            self.post_message(self.Confirmed(self, self.question_id, value))
        return changed

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

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # Immediate feedback while typing (the engine re-checks when the answer is confirmed).
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
        self.confirm()
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
