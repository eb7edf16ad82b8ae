"""Drive the conversation (and the form) by keys, as a terminal sends them, and count them.

Every key goes through the terminal driver as a Key event, the way a keyboard's would: the
characters of an answer one by one (a newline as Ctrl+J), then Enter. Keys are sent without
waiting for a repaint between characters (the app handles them in order, as it does a fast
typist's), so typing a whole interview takes seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from counsel.tui import questions
from counsel.tui.dialogue import Step


@dataclass
class Keys:
    """Keys sent: characters of answers, and every other key (navigation)."""

    characters: int = 0
    navigation: int = 0
    asked: int = 0
    """Questions the conversation asked (steps answered)."""
    names: list[str] = field(default_factory=list)
    """The navigation keys, in order (for a failure message)."""


def _event(key: str) -> events.Key:
    if key == "\r":
        return events.Key("enter", "\r")
    if len(key) == 1:
        char = key
        name = _character_to_key(key) if not key.isalnum() else key
        return events.Key(name, char)
    if key == "ctrl+j":
        return events.Key("ctrl+j", "\n")
    return events.Key(key, "\r" if key == "enter" else None)


async def send(pilot: Pilot[Any], keys: list[str]) -> None:
    """Send keys to the driver in order, then wait until the app has handled them all."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = _event(key)
        event.set_sender(pilot.app)
        driver.send_message(event)
    # As Pilot.press waits after each key: idle, animations done, idle again.
    await pilot.pause()
    await pilot.app._animator.wait_until_complete()
    await pilot.pause()


async def type_answer(pilot: Pilot[Any], text: str, count: Keys) -> None:
    """The characters of an answer (Ctrl+J for a line break; "\r" is Enter, the form's line
    break): answer keys, not navigation."""
    keys = ["ctrl+j" if ch == "\n" else ch for ch in text]
    count.characters += len(keys)
    assert all(unicodedata.category(ch)[0] != "C" or ch in "\n\r" for ch in text)
    await send(pilot, keys)


async def press(pilot: Pilot[Any], count: Keys, *keys: str) -> None:
    """Navigation keys (Enter, Tab, Ctrl+N, a, ...)."""
    count.navigation += len(keys)
    count.names.extend(keys)
    await send(pilot, list(keys))


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "y"
    if value is False:
        return "n"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def answer_for(step: Step, raw: dict[str, Any]) -> str:
    """What a specialist types for `step`, reading the example answers file."""
    rows = raw.get(step.qid) or []
    if step.kind == "question":
        value = raw.get(step.qid)
    elif step.kind == "field":
        row = rows[step.row] if step.row < len(rows) else {}
        value = row.get(str(step.field.id))
    if step.kind in ("question", "field"):
        if step.answer_type == "choice" and value is not None:
            # An option by its number, as the screen lists them (one key).
            return str([v for v, _ in questions.choices(step.asks)].index(str(value)) + 1)
        return as_text(value)
    if step.kind == "another":
        return "y" if len(rows) > step.row else ""  # Enter alone: no more
    if step.kind == "any":
        return "y" if rows else ""
    return ""  # offer: Enter takes the offered rows
