"""A modal form for one row of a list answer (a child, a party, a joint owner)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from counsel.tui import questions
from counsel.tui.session import must_not_keep
from counsel.tui.text import assemble, plain
from counsel.tui.widgets.date_input import check_date
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.money_input import check_money
from counsel.tui.widgets.question_block import make_input, read_input
from counsel.tui.widgets.yes_no import Entered


def row_problems(question: Any, row: dict[str, Any]) -> dict[str, str]:
    """Field id -> what is wrong, for the checks the form can make before the engine does."""
    problems: dict[str, str] = {}
    for f in questions.fields(question):
        fid = str(f.id)
        value = row.get(fid)
        condition = getattr(f, "condition", None)
        if condition is not None and not condition(row):
            continue
        if value is None or value == "":
            if questions.required(f):
                problems[fid] = f"{questions.label(f)} is required."
            continue
        k = questions.kind(f)
        if k == "date":
            problem = check_date(str(value))[1]
        elif k == "money":
            problem = check_money(str(value))[1]
        else:
            problem = None
        if problem:
            problems[fid] = problem
    return problems


class RowEditor(ModalScreen[dict[str, Any] | None]):
    """Edit one row; Ctrl+S saves, Escape cancels (the row is unchanged)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save row", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        question: Any,
        row: dict[str, Any],
        *,
        new: bool,
        check: Callable[[dict[str, Any]], dict[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.check = check
        """The engine's check of this row in context; without it, the form's own checks."""
        self.question = question
        self.row = dict(row)
        self.new = new

    def compose(self) -> ComposeResult:
        name = questions.item_name(self.question).replace("_", " ")
        with Vertical(id="row-dialog", classes="dialog"):
            yield Static(plain(f"{'Add a' if self.new else 'Edit the'} {name}"), classes="title")
            with VerticalScroll():
                for f in questions.fields(self.question):
                    fid = str(f.id)
                    mark = "" if questions.required(f) else "  (optional)"
                    yield Static(assemble(questions.label(f), (mark, "dim")), classes="q-label")
                    yield make_input(f, self.row.get(fid), widget_id=f"row-{fid}")
                    yield Static("", id=f"err-{fid}", classes="q-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        for err in self.query(".q-error"):
            err.display = False
        # What is typed first goes into the first field, not nowhere.
        self.inputs()[0].focus()

    def inputs(self) -> list[Widget]:
        return [self.query_one(f"#row-{f.id}") for f in questions.fields(self.question)]

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves the row."""
        event.stop()
        self._after(event.input)

    @on(Entered)
    def _entered(self, event: Entered) -> None:
        event.stop()
        node = self.focused
        if node is not None:
            self._after(node)

    def _after(self, widget: Widget) -> None:
        fields = self.inputs()
        if widget in fields and fields.index(widget) + 1 < len(fields):
            fields[fields.index(widget) + 1].focus()
        else:
            self.action_save()

    def collect(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for f in questions.fields(self.question):
            value = read_input(self.query_one(f"#row-{f.id}"))
            if value is not None:
                row[str(f.id)] = value
        return row

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        row = self.collect()
        refused = {}
        for f in questions.fields(self.question):
            why = must_not_keep(f, row.get(str(f.id)))
            if why:
                refused[str(f.id)] = why
                row.pop(str(f.id))
                widget = self.query_one(f"#row-{f.id}")
                if isinstance(widget, Input):
                    widget.value = ""
        problems = self.check(row) if self.check is not None else row_problems(self.question, row)
        problems.update(refused)
        for f in questions.fields(self.question):
            err = self.query_one(f"#err-{f.id}", Static)
            err.update(plain(problems.get(str(f.id), "")))
            err.display = str(f.id) in problems
        if problems:
            self.notify("Fix the marked fields, or press Escape to cancel.", severity="warning")
            first = next(f for f in questions.fields(self.question) if str(f.id) in problems)
            self.query_one(f"#row-{first.id}").focus()
            return
        self.dismiss(row)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
