"""A list answer (children, parties, joint owners): a table you add to, edit and remove from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from counsel.tui import questions

RowChecker = Callable[[str, list[dict[str, Any]], int], dict[str, str]]


class ListInput(Widget, can_focus=False):
    """Rows of a list question; a, Enter/e and x add, edit and remove (the footer shows them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("x,delete", "remove", "Remove"),
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

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", show_cursor=True)

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        for f in questions.fields(self.question):
            self.table.add_column(questions.label(f), key=str(getattr(f, "id", "")))
        self._fill()

    def _fill(self) -> None:
        table = self.table
        cursor = table.cursor_row
        table.clear()
        cols = questions.fields(self.question)
        for i, row in enumerate(self.rows):
            cells = [questions.display(f, row.get(str(getattr(f, "id", "")))) for f in cols]
            table.add_row(*cells, key=str(i))
        if not self.rows:
            name = questions.item_name(self.question)
            table.add_row(f"(none yet: press a to add a {name})", *[""] * (len(cols) - 1), key="")
        table.styles.height = max(2, len(self.rows)) + 2
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def _changed(self) -> None:
        self._fill()
        self.post_message(self.Changed(self, [dict(r) for r in self.rows]))

    def action_add(self) -> None:
        from counsel.tui.screens.row_editor import RowEditor

        def done(row: dict[str, Any] | None) -> None:
            if row is not None:
                self.rows.append(row)
                self._changed()
                self.table.move_cursor(row=len(self.rows) - 1)
                self.table.focus()

        check = self._checker(len(self.rows))
        self.app.push_screen(RowEditor(self.question, {}, new=True, check=check), done)

    def action_edit(self) -> None:
        from counsel.tui.screens.row_editor import RowEditor

        if not self.rows:
            self.action_add()
            return
        index = self.table.cursor_row

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
        if not self.rows:
            return
        del self.rows[self.table.cursor_row]
        self._changed()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
