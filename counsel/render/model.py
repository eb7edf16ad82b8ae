"""The document model: the one structure both the PDF and the DOCX writers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParagraphKind = Literal["body", "noindent", "center", "right", "quote", "small", "title"]
ListKind = Literal["numbered", "lettered", "bulleted"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of character styles; "\\n" is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading, level 1 (document title) to 3."""

    level: int
    runs: tuple[Run, ...]
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    runs: tuple[Run, ...]
    kind: ParagraphKind = "body"
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListItem:
    """One item of a list; `children` holds a nested list when the item has sub-items."""

    runs: tuple[Run, ...]
    children: tuple[ListBlock, ...] = ()
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """A numbered (1.), lettered ((a)) or bulleted list."""

    kind: ListKind
    items: tuple[ListItem, ...]
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Caption:
    """Title of the court and cause (Ill. S. Ct. R. 131(a)): court lines, parties, number."""

    court: tuple[tuple[Run, ...], ...]
    parties: tuple[tuple[Run, ...], ...]
    number: tuple[tuple[Run, ...], ...]
    indented: tuple[int, ...] = ()
    """Indexes of party lines set in (Petitioners, v., Respondent)."""


@dataclass(frozen=True)
class Table:
    """A table of plain cells; the first row is the header when `header` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = True
    numeric: tuple[int, ...] = ()
    """Column indexes aligned right (amounts)."""
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    """A signature block (Ill. S. Ct. R. 131(d)): one line each, under a signature rule."""

    lines: tuple[tuple[Run, ...], ...]
    rule: bool = True
    provisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (e.g. before a certificate of service)."""


Block = Heading | Paragraph | ListBlock | Caption | Table | Signature | PageBreak


@dataclass(frozen=True)
class Metadata:
    """Document metadata written into the PDF info dictionary and DOCX core properties."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    date: str = ""
    """ISO date (YYYY-MM-DD) used for the fixed created/modified timestamps."""


@dataclass(frozen=True)
class Document:
    """One parsed document: metadata and blocks, ready for checks and the writers."""

    doc_id: str
    metadata: Metadata
    blocks: tuple[Block, ...]
    provisions: frozenset[str] = field(default_factory=frozenset)
    """Provision ids marked in the blocks (`data-provision`), for the required-provision check."""


def runs_text(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def iter_text(block: Block) -> list[str]:
    """Every text line of a block, in reading order (for checks and golden text)."""
    out: list[str] = []
    if isinstance(block, Heading | Paragraph):
        out.append(runs_text(block.runs))
    elif isinstance(block, ListBlock):
        for item in block.items:
            out.append(runs_text(item.runs))
            for child in item.children:
                out.extend(iter_text(child))
    elif isinstance(block, Caption):
        for group in (block.court, block.parties, block.number):
            out.extend(runs_text(line) for line in group)
    elif isinstance(block, Table):
        out.extend(" | ".join(row) for row in block.rows)
    elif isinstance(block, Signature):
        out.extend(runs_text(line) for line in block.lines)
    return out


def document_text(doc: Document) -> str:
    lines: list[str] = [doc.metadata.title, doc.metadata.subject]
    for block in doc.blocks:
        lines.extend(iter_text(block))
    return "\n".join(lines)
