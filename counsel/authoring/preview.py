"""A document as a reviewer reads it: plain text, then every citation with its version."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.errors import UsageError
from counsel.law.citations import CITATION_IN_TEXT, citations_in_text
from counsel.render.model import (
    Caption,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    runs_text,
)

if TYPE_CHECKING:
    from counsel.case import Prepared
    from counsel.law import Store
    from counsel.office import Office

WIDTH = 88
CITATIONS_RULE = "=" * WIDTH
"""The line between a preview's document text and its list of citations."""

# The one pattern for citations in text (render checks, lint, impact, statutes check).
CITATION_RE = CITATION_IN_TEXT


@dataclass(frozen=True)
class CitedVersion:
    """A citation found in a document and the version of its section in force that day."""

    citation: str
    section: str
    effective: str
    """ISO date, or "unknown"."""
    source: str
    """The version's source line, e.g. "(Source: P.A. 101-336, eff. 8-9-19.)"."""
    complete: bool
    error: str = ""
    """Why the citation does not resolve (the renderer's checks should have refused it)."""

    def line(self) -> str:
        if self.error:
            return f"{self.citation}: DOES NOT RESOLVE: {self.error}"
        note = "" if self.complete else " [store text incomplete]"
        return f"{self.citation}: version effective {self.effective}, {self.source}{note}"

    def to_json(self) -> dict[str, Any]:
        return {
            "citation": self.citation,
            "section": self.section,
            "effective": self.effective,
            "source": self.source,
            "complete": self.complete,
            "error": self.error,
        }


def _fill(text: str, indent: str = "", first: str | None = None) -> list[str]:
    out: list[str] = []
    for n, part in enumerate(text.split("\n")):
        lead = first if (first is not None and n == 0) else indent
        wrapped = textwrap.wrap(
            part, WIDTH, initial_indent=lead, subsequent_indent=indent, break_long_words=False
        )
        out.extend(wrapped or [lead.rstrip()])
    return out


def _marker(kind: str, n: int) -> str:
    if kind == "numbered":
        return f"{n}. "
    if kind == "lettered":
        return f"({chr(ord('a') + (n - 1) % 26)}) "
    return "- "


def _list(block: ListBlock, depth: int) -> list[str]:
    out: list[str] = []
    for n, item in enumerate(block.items, start=1):
        pad = "    " * depth
        mark = _marker(block.kind, n)
        out.extend(_fill(runs_text(item.runs), pad + " " * len(mark), pad + mark))
        for child in item.children:
            out.extend(_list(child, depth + 1))
    return out


def _lines(lines: tuple[tuple[Run, ...], ...], center: bool = False) -> list[str]:
    texts = [runs_text(line) for line in lines]
    return [t.center(WIDTH).rstrip() if center else t for t in texts]


def reviewer_text(doc: Document) -> str:
    """The document's text laid out for reading in a terminal (no styling, lists numbered)."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            text = runs_text(block.runs)
            out += ["", text.center(WIDTH).rstrip() if block.level == 1 else text.upper(), ""]
        elif isinstance(block, Paragraph):
            text = runs_text(block.runs)
            if block.kind in ("center", "title"):
                out += [t.center(WIDTH).rstrip() for t in text.split("\n")]
            elif block.kind == "right":
                out += [t.rjust(WIDTH) for t in text.split("\n")]
            elif block.kind == "quote":
                out += _fill(text, "    ")
            else:
                out += _fill(text)
            out.append("")
        elif isinstance(block, ListBlock):
            out += _list(block, 0) + [""]
        elif isinstance(block, Caption):
            out += _lines(block.court, center=True) + [""]
            out += _lines(block.parties) + [""] + _lines(block.number) + [""]
        elif isinstance(block, Table):
            widths = [max(len(r[i]) for r in block.rows) for i in range(len(block.rows[0]))]
            for n, row in enumerate(block.rows):
                cells = [
                    c.rjust(w) if i in block.numeric else c.ljust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                ]
                out.append("  ".join(cells).rstrip())
                if n == 0 and block.header:
                    out.append("  ".join("-" * w for w in widths))
            out.append("")
        elif isinstance(block, Signature):
            if block.rule:
                out.append("_" * 36)
            out += _lines(block.lines) + [""]
        elif isinstance(block, PageBreak):
            out += ["", "-" * 30 + " page break " + "-" * 30, ""]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out)


def citations_in(text: str) -> list[str]:
    """Citations written in the text, in order of first appearance."""
    return citations_in_text(text)


def cited_versions(text: str, on: dt.date, store: Store | None = None) -> list[CitedVersion]:
    """Each citation in the text resolved to the version in force on `on`."""
    from counsel.errors import CounselError
    from counsel.law import get_store

    store = store if store is not None else get_store()
    out: list[CitedVersion] = []
    for citation in citations_in(text):
        try:
            resolved = store.cite(citation, on=on)
        except CounselError as exc:
            out.append(CitedVersion(citation, "", "", "", False, str(exc)))
            continue
        version = resolved.version
        out.append(
            CitedVersion(
                citation=citation,
                section=resolved.section.citation,
                effective=version.effective_iso or "unknown",
                source=version.source
                or f"no source line; text from {version.origin or 'an unnamed source'}",
                complete=version.complete,
            )
        )
    return out


def preview_text(doc: Document, on: dt.date, store: Store | None = None) -> str:
    """The reviewer's text followed by the citations, each with its version's source line."""
    from counsel.render.model import document_text

    body = reviewer_text(doc)
    # From the text as written, not as wrapped for the terminal: a citation the layout breaks
    # across two lines ("750 ILCS" / "46/802") is still a citation of the document.
    cited = cited_versions(document_text(doc), on, store)
    tail = [
        "",
        CITATIONS_RULE,
        f"Citations ({len(cited)}), versions in force on {on.isoformat()}:",
    ]
    tail += [f"  {c.line()}" for c in cited] or ["  (none)"]
    return body + "\n" + "\n".join(tail)


def preview_documents(name: str, example: Path, office: Office, on: dt.date | None) -> Prepared:
    """Prepare the documents `name` picks (template file, document id or output name) from an
    example answers file, through `counsel.case.prepare` as every front end: the checks run as
    in a real render (RenderError lists problems), on the same as-of rule."""
    from counsel import case
    from counsel.interviewer import load_answers_file
    from counsel.render import default_renderer

    interview_id, raw = load_answers_file(example)
    specs = default_renderer().documents_for(interview_id)
    picked = [
        s.id for s in specs if name in (s.template, s.id, s.name, s.template.removesuffix(".html"))
    ]
    if not picked:
        known = ", ".join(dict.fromkeys(s.template for s in specs))
        raise UsageError(
            f"{name!r} is not a document of the {interview_id} interview (its templates: {known})",
            what="name",
        )
    try:
        prepared = case.prepare(interview_id, raw, office, on, only=picked)
    except case.AnswersInvalid as exc:
        first = exc.errors[0]
        raise UsageError(
            f"{len(exc.errors)} answer(s) do not validate; first: {first}", what="example"
        ) from None
    if not prepared.documents:
        raise UsageError(
            f"the example's answers produce no {name!r} document (its `when`)", what="name"
        )
    return prepared
