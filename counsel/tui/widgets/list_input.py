"""A list answer (children, parties, joint owners): rows you add to, edit and remove from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from counsel.tui import questions
from counsel.tui.text import assemble, plain

RowChecker = Callable[[str, list[dict[str, Any]], int], dict[str, str]]


def item_words(question: Any) -> str:
    return questions.item_name(question).replace("_", " ")


class RowList(OptionList):
    """The rows, one wrapped line each (a table would cut long labels and values)."""


class ListInput(Widget, can_focus=False):
    """Rows of a list question; a, Enter/e and x add, edit and remove (the bar shows them).

    Removing asks first and can be undone (Ctrl+Z), since a removed child changes the order.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("x,delete", "remove", "Remove"),
        Binding("ctrl+z", "undo", "Undo"),
    ]

    @dataclass
    class Changed(Message):
        list_input: ListInput
        rows: list[dict[str, Any]]

    def __init__(
        self,
        question: Any,
        rows: list[dict[str, Any]] | None,
        *,
        widget_id: str | None = None,
        row_checker: RowChecker | None = None,
    ) -> None:
        super().__init__(id=widget_id)
        self.question = question
        self.row_checker = row_checker
        """The engine's check of one row in context (question id, rows, index) -> problems."""
        self.rows: list[dict[str, Any]] = [dict(r) for r in rows or [] if isinstance(r, dict)]
        self.removed: list[tuple[int, dict[str, Any]]] = []
        """Rows removed, newest last, so Ctrl+Z puts them back where they were."""

    def compose(self) -> ComposeResult:
        yield RowList(markup=False)

    @property
    def table(self) -> RowList:
        return self.query_one(RowList)

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.table
        cursor = table.highlighted or 0
        table.clear_options()
        name = item_words(self.question).capitalize()
        for i, row in enumerate(self.rows):
            table.add_option(
                Option(
                    assemble((f"{name} {i + 1}: ", "bold"), questions.row_text(self.question, row)),
                    id=str(i),
                )
            )
        if not self.rows:
            hint = f"(none yet: press a to add a {item_words(self.question)})"
            table.add_option(Option(plain(hint, "dim"), id="none"))
        if self.rows:
            table.highlighted = min(cursor, len(self.rows) - 1)

    def _changed(self) -> None:
        self._fill()
        self.post_message(self.Changed(self, [dict(r) for r in self.rows]))

    def action_add(self) -> None:
        from counsel.tui.screens.row_editor import RowEditor

        def done(row: dict[str, Any] | None) -> None:
            if row is not None:
                self.rows.append(row)
                self._changed()
                self.table.highlighted = len(self.rows) - 1
                self.table.focus()

        check = self._checker(len(self.rows))
        self.app.push_screen(RowEditor(self.question, {}, new=True, check=check), done)

    def action_edit(self) -> None:
        from counsel.tui.screens.row_editor import RowEditor

        if not self.rows:
            self.action_add()
            return
        index = self.table.highlighted or 0

        def done(row: dict[str, Any] | None) -> None:
            if row is not None:
                self.rows[index] = row
                self._changed()
                self.table.focus()

        check = self._checker(index)
        self.app.push_screen(
            RowEditor(self.question, self.rows[index], new=False, check=check), done
        )

    def _checker(self, index: int) -> Callable[[dict[str, Any]], dict[str, str]] | None:
        checker = self.row_checker
        if checker is None:
            return None
        qid = str(self.question.id)

        def check(row: dict[str, Any]) -> dict[str, str]:
            rows = [dict(r) for r in self.rows]
            if index < len(rows):
                rows[index] = row
            else:
                rows.append(row)
            return checker(qid, rows, index)

        return check

    def action_remove(self) -> None:
        from counsel.tui.screens.confirm import ConfirmModal

        if not self.rows:
            return
        index = self.table.highlighted or 0
        name = f"{item_words(self.question)} {index + 1}"
        what = questions.row_text(self.question, self.rows[index])

        def answered(yes: bool | None) -> None:
            if yes and index < len(self.rows):
                self.removed.append((index, self.rows.pop(index)))
                self._changed()
                self.app.notify(f"Removed {name}. Ctrl+Z puts it back.", markup=False)

        self.app.push_screen(
            ConfirmModal(f"Remove {name}?", f"{name.capitalize()}: {what}", yes="Remove"),
            answered,
        )

    def action_undo(self) -> None:
        if not self.removed:
            self.app.notify("Nothing removed to put back.", markup=False)
            return
        index, row = self.removed.pop()
        self.rows.insert(min(index, len(self.rows)), row)
        self._changed()
        self.table.highlighted = min(index, len(self.rows) - 1)
        self.app.notify(
            f"{item_words(self.question).capitalize()} {index + 1} is back.", markup=False
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()
