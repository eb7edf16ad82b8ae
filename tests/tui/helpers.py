"""Drive the interview screen from the keyboard, the way a specialist would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from counsel.tui import questions
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.row_editor import RowEditor
from counsel.tui.widgets.list_input import RowList


def as_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def focus(pilot: Pilot[Any], widget: Any) -> None:
    """Focus now (Widget.focus defers to the next message loop, costing a pause per field)."""
    pilot.app.screen.set_focus(widget)


async def paste(pilot: Pilot[Any], widget: Any, text: str) -> None:
    """Paste text into the focused field as a terminal does (one Paste event): typing every
    character through the Pilot would make the end-to-end tests take minutes."""
    assert pilot.app.focused is widget
    # Sent to the App, as the terminal driver does; the App forwards it to the focused field.
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()  # the paste is handled before whatever key the caller presses next


async def answer_widget(pilot: Pilot[Any], widget: Any, q: Any, value: Any) -> None:
    """Type one answer into a focused-able widget (not a list)."""
    kind = questions.kind(q)
    focus(pilot, widget)
    if kind == "bool":
        await pilot.press("y" if value else "n")
    elif kind == "choice":
        index = [v for v, _ in questions.choices(q)].index(str(value))
        await pilot.press(*(["down"] * index), "enter")
    elif isinstance(widget, TextArea):
        await paste(pilot, widget, as_text(value))
        await pilot.press("tab")
    else:
        assert isinstance(widget, Input)
        await paste(pilot, widget, as_text(value))
        await pilot.press("enter")
    await pilot.pause()


async def add_row(pilot: Pilot[Any], q: Any, row: dict[str, Any]) -> None:
    """Press a on the list, fill the row editor, save with Ctrl+S."""
    await pilot.press("a")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, RowEditor)
    for f in questions.fields(q):
        if str(f.id) in row:
            widget = editor.query_one(f"#row-{f.id}")
            kind = questions.kind(f)
            focus(pilot, widget)
            if kind == "bool":
                await pilot.press("y" if row[f.id] else "n")
            elif kind == "choice":
                index = [v for v, _ in questions.choices(f)].index(str(row[f.id]))
                await pilot.press(*(["down"] * index), "enter")
            else:
                await paste(pilot, widget, as_text(row[f.id]))
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, RowEditor), "the row editor refused the row"


async def answer(pilot: Pilot[Any], screen: InterviewScreen, qid: str, value: Any) -> None:
    block = screen.block_for(qid)
    assert block is not None, f"{qid} is not on the current section"
    q = block.question
    if questions.kind(q) == "list":
        block.input.query_one(RowList).focus()
        for row in value:
            await add_row(pilot, q, row)
        await pilot.pause()
        return
    await answer_widget(pilot, block.input, q, value)


async def fill_section(pilot: Pilot[Any], screen: InterviewScreen, raw: dict[str, Any]) -> None:
    """Answer every shown question of the current section that `raw` answers, in order;
    questions revealed by an answer (show_if) are answered as they appear."""
    done: set[str] = set()
    while True:
        section = screen.session.sections[screen.current]
        todo = [
            str(q.id)
            for q in screen.session.visible_questions(section)
            if str(q.id) in raw and str(q.id) not in done
        ]
        if not todo:
            return
        qid = todo[0]
        await answer(pilot, screen, qid, raw[qid])
        done.add(qid)


async def settle(pilot: Pilot[Any], done: Any, timeout: float = 10.0) -> bool:
    """Pause until `done()` holds (a section redraw spans several message loops); fails the
    test if it never does."""
    waited = 0.0
    while not done():
        assert waited < timeout, "the screen did not reach the expected state"
        await pilot.pause(0.02)
        waited += 0.02
    return True


async def fill_interview(pilot: Pilot[Any], screen: InterviewScreen, raw: dict[str, Any]) -> None:
    """Every section from the first, moving on with Ctrl+N (which opens the review at the end)."""
    while True:
        await fill_section(pilot, screen, raw)
        before = screen.current
        await pilot.press("ctrl+n")
        moved = await settle(
            pilot, lambda b=before: pilot.app.screen is not screen or screen.current != b
        )
        assert moved, f"Ctrl+N did not leave section {before}"
        if pilot.app.screen is not screen:
            return
