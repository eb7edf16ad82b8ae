"""Subsection labels in statute text (`(a)`, `(b)(1)`, `(c-10)`) and truncation marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What the importer writes where ILGA's copy dropped the rest of a list item (`| ||`).
NOT_IN_SOURCE = "[text not in source]"

_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x|xi{1,3}|xiv|xv)$")
_TOKEN = r"[a-z]{1,2}(?:-\d+)?|\d+(?:\.\d+)?|[A-Z](?:-\d+)?"
# A label opening a line: "(a) ...", "    (1) ...", or the Administrative Code's "a) ...".
_LINE_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\((?P<p>" + _TOKEN + r")\)|(?P<bare>[a-z]|\d+|[A-Z]|[ivx]+)\))(?=[ \t]|$)"
)
# A label inside a running paragraph, after a sentence or a colon: ". (b) The Department".
_INLINE_LABEL = re.compile(r"[.:]\)?[ \t]+\((?P<p>" + _TOKEN + r")\)(?=[ \t]+[A-Z\"(\[])")
# A label continuing a run inside a paragraph: "...; (b) the size", "...; and (c) the margins".
_RUN_LABEL = re.compile(r"[;,][ \t]+(?:and[ \t]+|or[ \t]+)?\((?P<p>[a-z]|\d+)\)(?=[ \t]+\S)")
# Words that, ending the previous line, make a line-opening "(b)" a cross-reference.
_REFERENCE_WORDS = re.compile(
    r"(?i)(?:\b(?:subsections?|paragraphs?|items?|subparagraphs?|sections?|of|under|in|to)"
    r"|(?<![;,])\s(?:and|or)|,)\s*$"
)
# (used with .match at the label's end, so no "^" anchor: "^" would not match there)
_REFERENCE_AFTER = re.compile(
    r"[ \t]*(?:of\s+(?:this\s+)?(?:Section|subsection|paragraph|Article|Act)\b"
    r"|(?:or|and|through|to)\s+\()|[,;)]"
)
# Gaps marked in the sources/ files: "[... cut ...]", "[... not retrieved ...]".
SOURCE_GAP = re.compile(r"\[\.\.\.[^\]]*\]")


@dataclass(frozen=True)
class Cleaned:
    """Text with the `| ||` artifacts replaced, and the offsets where text is missing."""

    text: str
    gaps: tuple[int, ...]


def clean_artifacts(raw: str) -> Cleaned:
    """Remove ILGA's `| ||` artifacts; mark each cut item with NOT_IN_SOURCE."""
    out: list[str] = []
    gaps: list[int] = []
    offset = 0
    for line in raw.split("\n"):
        stripped = line.rstrip()
        if stripped == "| ||":
            continue  # the empty continuation row of a cut list item
        if stripped.endswith("| ||"):
            line = stripped[: -len("| ||")].rstrip() + " " + NOT_IN_SOURCE
            gaps.append(offset + len(line) - len(NOT_IN_SOURCE))
        out.append(line)
        offset += len(line) + 1
    return Cleaned("\n".join(out), tuple(gaps))


def source_gaps(text: str) -> tuple[int, ...]:
    """Offsets of the `[... cut ...]` marks in a sources/ file's text."""
    return tuple(m.start() for m in SOURCE_GAP.finditer(text))


def _level(token: str, stack: list[tuple[int, str]]) -> int:
    if token[0].isdigit():
        return 2
    if token[0].isupper():
        return 3
    if _ROMAN.match(token):
        top = next((lab for lev, lab in stack if lev == 1), None)
        if len(token) == 1 and top is not None and ord(top[0]) == ord(token) - 1:
            return 1  # "(i)" after "(h)" is the letter
        if len(token) == 1 and top is None:
            return 1
        return 4
    return 1


def _successor(token: str, previous: str) -> bool:
    if token.isdigit() and previous.isdigit():
        return int(token) == int(previous) + 1
    if len(token) == 1 and len(previous) == 1 and token.isalpha() and previous.isalpha():
        return ord(token) == ord(previous) + 1
    return False


def _line_before(text: str, start: int) -> str:
    end = start
    while end > 0 and text[end - 1] in " \t\n":
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end]


def find_labels(text: str) -> list[tuple[int, str]]:
    """Each subsection label with its offset, as a full path: `(b)(1)` for `(1)` under `(b)`.

    A label counts where it opens a line or follows a sentence or colon; one that follows a
    semicolon or comma ("...; (b) the size") counts only as the next in a run already begun
    ((a) then (b)), so a list inside a sentence ("in (a) the Act; (b) ...") is not taken.
    """
    candidates: list[tuple[int, str, bool]] = []
    for m in _LINE_LABEL.finditer(text):
        token = m.group("p") or m.group("bare")
        before = _line_before(text, m.start())
        if before and _REFERENCE_WORDS.search(before) and not before.rstrip().endswith((".", ":")):
            continue
        if _REFERENCE_AFTER.match(text, m.end()):
            continue
        candidates.append((m.start(), token, False))
    for m in _INLINE_LABEL.finditer(text):
        candidates.append((m.start("p") - 1, m.group("p"), False))
    for m in _RUN_LABEL.finditer(text):
        candidates.append((m.start("p") - 1, m.group("p"), True))
    candidates.sort()
    stack: list[tuple[int, str]] = []
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    last_offset = -1
    for offset, token, needs_run in candidates:
        if offset == last_offset:
            continue
        level = _level(token, stack)
        if needs_run:
            same = [lab for lev, lab in stack if lev == level]
            if not same or not _successor(token, same[-1]):
                continue
        last_offset = offset
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, token))
        label = "".join(f"({lab})" for _, lab in stack)
        if label not in seen:
            seen.add(label)
            found.append((offset, label))
    return found


def truncated_labels(labels: list[tuple[int, str]], gaps: tuple[int, ...]) -> tuple[str, ...]:
    """The label in force at each gap (the item the copy cut off), in text order, no repeats."""
    out: list[str] = []
    for gap in gaps:
        current = ""
        for offset, label in labels:
            if offset > gap:
                break
            current = label
        if current and current not in out:
            out.append(current)
    return tuple(out)
