"""Bounds on one answer and on one list, checked before the answer is read: a field error
in milliseconds instead of minutes of rendering (documented in examples/README.md)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from counsel.interviewer.values import AnswerError

ONE_LINE_MAX = 200
"""Characters in a one-line answer (a name, a case number, a county): the longest real
name or case number is far shorter, and a case number goes into the DOCX properties,
which hold at most 255."""
MULTILINE_MAX = 4_000
"""Characters in a multi-line answer (an address, a legal description, a factor): about
a page."""
MAX_LINES = 60
"""Lines in a multi-line answer."""
COMBINING_RUN_MAX = 8
"""Combining marks (accents) on one letter: languages stack at most three or four;
thousands of them make the PDF writer's line layout take minutes."""
LIST_MAX = 100
"""Items in a list whose question sets no `max_items` of its own."""
KEY_SHOWN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\[\]]{0,79}")
"""What an unknown key must look like to be named in an error (ids, never free text)."""


class LimitError(AnswerError):
    """An answer or list over its bound; the message says the bound, never the value."""


def check_scalar(raw: Any, *, multiline: bool = False) -> None:
    """Refuse a text value over its bound before any parser reads it (every scalar type:
    a 10 MB string is no date or amount either)."""
    if not isinstance(raw, str):
        return
    limit = MULTILINE_MAX if multiline else ONE_LINE_MAX
    if len(raw) > limit:
        # len() of a str is O(1): this costs nothing whatever the size.
        raise LimitError(f"too long ({len(raw):,} characters; at most {limit:,}): shorten it")
    if multiline and raw.count("\n") >= MAX_LINES:
        raise LimitError(f"too many lines (at most {MAX_LINES}): shorten it")
    run = 0
    for ch in raw:
        if unicodedata.category(ch).startswith("M"):
            run += 1
            if run > COMBINING_RUN_MAX:
                raise LimitError(
                    f"a letter carries more than {COMBINING_RUN_MAX} accent or combining "
                    "marks: retype it"
                )
        else:
            run = 0


def check_list(raw: Any, max_items: int | None) -> int | None:
    """The bound a list answer exceeds (before its items are read), else None."""
    limit = max_items if max_items is not None else LIST_MAX
    if isinstance(raw, list | tuple) and len(raw) > limit:
        return limit
    return None


def shown_key(key: object) -> str:
    """An unknown answer key as an error names it: itself when it looks like an id, else a
    placeholder (a key may be anything typed, a value pasted in the wrong place)."""
    text = str(key)
    return text if KEY_SHOWN.fullmatch(text) else "(a key that is not an answer id)"
