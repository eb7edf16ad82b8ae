"""Text a user or a file typed, made safe to show: never read as markup, no control codes."""

from __future__ import annotations

import re
from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import TextArea

# C0 and C1 controls (ESC starts terminal sequences), DEL, and the bidirectional overrides
# and isolates that make text read differently from what it holds. Newline and tab stay.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> str:
    """`value` as text with every control or direction-override character made visible
    (`\\x1b`), so what is shown is what is stored and nothing reaches the terminal raw."""
    text = "" if value is None else str(value)
    return _HIDDEN.sub(lambda m: f"\\x{ord(m.group()):02x}", text).replace("\t", " ")


def plain(value: Any, style: str = "") -> Content:
    """Typed or stored text as Content: shown literally, `[b]` and `[/]` included."""
    return Content.styled(clean(value), style) if style else Content(clean(value))


def assemble(*parts: str | Content | tuple[str, str]) -> Content:
    """Pieces of text (each literal, never markup) with optional styles, joined.

    Strings are cleaned of control codes; a (text, style) pair is styled text.
    """
    out: list[str | Content | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, str):
            out.append(clean(part))
        elif isinstance(part, tuple):
            out.append((clean(part[0]), part[1]))
        else:
            out.append(part)
    return Content.assemble(*out)


def cell(value: Any, style: str = "") -> Text:
    """A DataTable cell: DataTable reads a str as markup, so data goes in as rich Text."""
    return Text(clean(value), style=style, end="")


class Hanging(Visual):
    """Lines of text, each after a marker, with its wrapped lines starting under its first
    (a hanging indent: `  * The hearing request deadline is ...` wraps under `The`).
    `items` are (marker, body) pairs, stacked; an empty marker indents nothing."""

    def __init__(self, *items: tuple[Content, Content]) -> None:
        self.items = items

    def __str__(self) -> str:
        return "\n".join(f"{m.plain}{b.plain}" for m, b in self.items)

    def __repr__(self) -> str:
        return f"Hanging({str(self)!r})"

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                m.cell_length + b.get_optimal_width(rules, container_width - m.cell_length)
                for m, b in self.items
            ),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(b.get_height(rules, max(width - m.cell_length, 1)) for m, b in self.items)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        out: list[Strip] = []
        for marker, body in self.items:
            indent = marker.cell_length
            lines = body.render_strips(max(width - indent, 1), None, style, options)
            if not indent:
                out.extend(lines)
                continue
            first = marker.render_strips(indent, 1, style, options)[:1] or [Strip.blank(indent)]
            blank = Strip.blank(indent, style.rich_style)
            out.extend(
                Strip.join([first[0] if n == 0 else blank, line]) for n, line in enumerate(lines)
            )
        return out if height is None else out[:height]


def join_lines(lines: list[Content]) -> Content:
    """Content lines joined by newlines."""
    return Content("\n").join(lines)


# One visible character for each hidden one, so an editable field keeps its length (and its
# cursor positions) while showing what it holds: U+2400.. control pictures for C0 and DEL,
# U+FFFD for C1 controls and direction overrides.
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_PICTURES.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def pictured(text: str) -> str:
    """`text` with each hidden character drawn as one visible one (same length)."""
    return text.translate(_PICTURES)


class Pictured(Highlighter):
    """An Input highlighter that draws hidden characters visibly (the value is unchanged)."""

    def highlight(self, text: Text) -> None:
        shown = pictured(text.plain)
        if shown != text.plain:
            text.plain = shown


PICTURED = Pictured()
"""The highlighter every Input of the TUI uses."""


class PicturedTextArea(TextArea):
    """A TextArea that draws hidden characters visibly (the text itself is unchanged)."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        PICTURED.highlight(line)
        return line
