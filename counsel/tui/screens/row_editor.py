"""A modal form for one row of a list answer (a child, a party, a joint owner)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from counsel.tui import questions
from counsel.tui.widgets.date_input import check_date
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.money_input import check_money
from counsel.tui.widgets.question_block import make_input, read_input


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
        name = questions.item_name(self.question)
        with Vertical(id="row-dialog", classes="dialog"):
            yield Label(f"{'Add' if self.new else 'Edit'} {name}", classes="title")
            with VerticalScroll():
                for f in questions.fields(self.question):
                    fid = str(f.id)
                    mark = "" if questions.required(f) else " [dim](optional)[/dim]"
                    yield Label(f"{questions.label(f)}{mark}")
                    yield make_input(f, self.row.get(fid), widget_id=f"row-{fid}")
                    yield Static("", id=f"err-{fid}", classes="q-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        for err in self.query(".q-error"):
            err.display = False

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
        problems = self.check(row) if self.check is not None else row_problems(self.question, row)
        for f in questions.fields(self.question):
            err = self.query_one(f"#err-{f.id}", Static)
            err.update(problems.get(str(f.id), ""))
            err.display = str(f.id) in problems
        if problems:
            self.notify("Fix the marked fields, or press Escape to cancel.", severity="warning")
            return
        self.dismiss(row)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
