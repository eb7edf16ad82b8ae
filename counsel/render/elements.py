"""The elements the law requires of each document (templates/elements.toml), and when."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from counsel.render.env import read_package_text
from counsel.render.model import Block, Document, ListBlock, iter_text, runs_text

ELEMENTS_FILE = "elements.toml"
_KEYS = {
    "id",
    "documents",
    "title",
    "words",
    "citation",
    "source",
    "source_text",
    "when",
    "from",
    "until",
    "note",
}
_REQUIRED = ("id", "documents", "title", "words", "citation", "source", "source_text")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE = re.compile(r"^(?P<file>[A-Za-z0-9_./-]+):(?P<line>[1-9][0-9]*)$")
_PARAMETER = "parameter:"


class ElementsError(ValueError):
    """elements.toml is malformed; the message names the entry and the key."""


@dataclass(frozen=True)
class Element:
    """One thing the law requires a document to state, with the line of law it comes from."""

    id: str
    document: str
    title: str
    words: tuple[str, ...]
    """Phrases the marked text must carry (compared with case and spacing ignored)."""
    citation: str
    source: str
    """"<file under ../shared>:<line>"."""
    source_text: str
    when: str = ""
    starts: dt.date | None = None
    starts_parameter: str = ""
    until: dt.date | None = None
    """Documents dated before this day only (a version of the law that was replaced)."""
    note: str = ""
    line: int = 0
    """Line of its [[element]] table in elements.toml."""

    @property
    def source_file(self) -> str:
        return self.source.rsplit(":", 1)[0]

    @property
    def source_line(self) -> int:
        return int(self.source.rsplit(":", 1)[1])

    def starts_on(self, on: dt.date) -> dt.date | None:
        """The first document date the element applies to (None: always)."""
        if self.starts_parameter:
            from counsel.rules.params import parameter

            value = parameter(self.starts_parameter, on).value
            if not isinstance(value, dt.date):
                raise ElementsError(
                    f"{ELEMENTS_FILE}: {self.id}: parameter {self.starts_parameter} is not a date"
                )
            return value
        return self.starts

    def in_force(self, on: dt.date) -> bool:
        start = self.starts_on(on)
        return (start is None or on >= start) and (self.until is None or on < self.until)


def parse_elements(text: str) -> tuple[Element, ...]:
    """Every element of elements.toml, one per (document, id), in file order."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ElementsError(f"{ELEMENTS_FILE}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"element"})
    if unknown:
        raise ElementsError(f"{ELEMENTS_FILE}: unknown table '{unknown[0]}' (only [[element]])")
    starts = [m.start() for m in re.finditer(r"(?m)^\[\[element\]\]", text)]
    out: list[Element] = []
    seen: set[tuple[str, str, str, str]] = set()
    for n, raw in enumerate(data.get("element", []), start=1):
        line = text.count("\n", 0, starts[n - 1]) + 1 if n <= len(starts) else 0
        where = f"{ELEMENTS_FILE}:{line}: element {raw.get('id', n)!r}"
        bad = sorted(set(raw) - _KEYS)
        if bad:
            raise ElementsError(f"{where}: unknown key '{bad[0]}'")
        for required in _REQUIRED:
            if not raw.get(required):
                raise ElementsError(f"{where}: '{required}' is required")
        if not _ID.match(str(raw["id"])):
            raise ElementsError(f"{where}: id must be snake_case")
        for list_name in ("documents", "words"):
            value = raw[list_name]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ElementsError(f"{where}: '{list_name}' must be a list of non-empty strings")
        for field_name in ("title", "citation", "source", "source_text", "when", "note"):
            if not isinstance(raw.get(field_name, ""), str):
                raise ElementsError(f"{where}: '{field_name}' must be a string")
        if not _SOURCE.match(raw["source"]):
            raise ElementsError(f"{where}: source must be '<file under ../shared>:<line>'")
        start = raw.get("from")
        start_date: dt.date | None = None
        start_param = ""
        if isinstance(start, str) and start.startswith(_PARAMETER):
            start_param = start.removeprefix(_PARAMETER)
        elif isinstance(start, dt.date) and not isinstance(start, dt.datetime):
            start_date = start
        elif start is not None:
            raise ElementsError(f"{where}: 'from' must be a date or \"parameter:<name>\"")
        until = raw.get("until")
        if until is not None and (not isinstance(until, dt.date) or isinstance(until, dt.datetime)):
            raise ElementsError(f"{where}: 'until' must be a date")
        for document in raw["documents"]:
            key = (document, raw["id"], str(start), str(until))
            if key in seen:
                raise ElementsError(f"{where}: {document} already has element '{raw['id']}'")
            seen.add(key)
            out.append(
                Element(
                    id=raw["id"],
                    document=document,
                    title=raw["title"],
                    words=tuple(raw["words"]),
                    citation=raw["citation"],
                    source=raw["source"],
                    source_text=raw["source_text"],
                    when=raw.get("when", ""),
                    starts=start_date,
                    starts_parameter=start_param,
                    until=until,
                    note=raw.get("note", ""),
                    line=line,
                )
            )
    return tuple(out)


@functools.cache
def load_elements() -> tuple[Element, ...]:
    """The bundled elements.toml (parsed once per process)."""
    return parse_elements(read_package_text(ELEMENTS_FILE))


def elements_of(document_id: str, elements: Iterable[Element] | None = None) -> list[Element]:
    """Every element the document must state (whatever its date and answers)."""
    pool = load_elements() if elements is None else elements
    return [e for e in pool if e.document == document_id]


def required_elements(
    document_id: str,
    on: dt.date,
    evaluate: Callable[[str], Any],
    elements: Iterable[Element] | None = None,
) -> list[Element]:
    """The elements a document dated `on` must state; `evaluate(expr)` decides each `when`."""
    return [
        e
        for e in elements_of(document_id, elements)
        if e.in_force(on) and (not e.when or evaluate(e.when))
    ]


def normalize(text: str) -> str:
    """Text compared for the words of an element: case, spacing and curly quotes ignored."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').split()).casefold()


def marked_text(doc: Document, element_id: str) -> str:
    """The text of every block (or list item) marked with `element_id`, in reading order."""
    out: list[str] = []

    def walk(blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, ListBlock):
                if element_id in block.provisions:
                    out.extend(iter_text(block))
                    continue
                for item in block.items:
                    if element_id in item.provisions:
                        out.append(runs_text(item.runs))
                        for child in item.children:
                            out.extend(iter_text(child))
                    else:
                        walk(item.children)
            elif element_id in getattr(block, "provisions", ()):
                out.extend(iter_text(block))

    walk(doc.blocks)
    return "\n".join(out)


def missing_words(doc: Document, element: Element) -> list[str]:
    """The element's words its marked text does not carry."""
    text = normalize(marked_text(doc, element.id))
    return [w for w in element.words if normalize(w) not in text]
