"""The conversation's answer field: one line, or several for an address; Enter answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from counsel.tui.text import PICTURED, PicturedTextArea


@dataclass
class HelpAsked(Message):
    """`?` typed into an empty answer: the user asks why the question is asked."""


@dataclass
class LeaveUp(Message):
    """Up from the answer's first line: the user moves up into the transcript."""


@dataclass
class AreaSubmitted(Message):
    area: AnswerArea
    value: str


Answered = Callable[[str], None]
"""What Enter does with the answer's text, called at once (see AnswerLine)."""


class AnswerLine(Input):
    """A one-line answer; `?` on an empty line asks for help instead of typing.

    Enter calls `on_answer` at once, inside the key's own handling, instead of posting
    Input.Submitted: keys typed ahead are already queued behind Enter, and they must reach
    the next question, not this one (a posted message would run after them)."""

    def __init__(self, *, id: str | None = None, compact: bool = True) -> None:  # noqa: A002
        # The screen decides what is selected when an answer is shown (an earlier answer
        # opened for change is; one asked again to be mended is not), not the focus.
        super().__init__(id=id, compact=compact, highlighter=PICTURED, select_on_focus=False)
        self.on_answer: Answered | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.on_answer is not None:
            event.stop()
            event.prevent_default()
            self.on_answer(self.value)
            return
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(HelpAsked())
            return
        if event.key == "up":
            event.stop()
            event.prevent_default()
            self.post_message(LeaveUp())
            return
        await super()._on_key(event)


class AnswerArea(PicturedTextArea):
    """Several lines (an address): Enter answers, Ctrl+J starts a new line (Ctrl+J types
    the newline character itself, so the line break is part of the answer)."""

    def __init__(self, text: str = "", *, widget_id: str | None = None) -> None:
        super().__init__(
            text,
            id=widget_id,
            soft_wrap=True,
            show_line_numbers=False,
            compact=True,
            tab_behavior="focus",
        )
        self.on_answer: Answered | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.on_answer is not None:  # at once, as AnswerLine
                self.on_answer(self.text)
            else:
                self.post_message(AreaSubmitted(self, self.text))
            return
        if event.key in ("ctrl+j", "shift+enter") or event.character == "\n":
            # Handled here, not by a binding: a terminal's Ctrl+J arrives with the character
            # "\n", which never reaches the binding.
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.character == "?" and not self.text:
            event.stop()
            event.prevent_default()
            self.post_message(HelpAsked())
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        start, end = self.selection
        self._replace_via_keyboard("\n", start, end)

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == 0:
            self.post_message(LeaveUp())
            return
        super().action_cursor_up(select)

    @property
    def value(self) -> str:
        return self.text
