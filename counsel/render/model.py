"""The document model: the one structure both the PDF and the DOCX writers read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
    keep_with_next: bool = True
    """A heading always stays on the page with the block it introduces."""
    keep_together: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    runs: tuple[Run, ...]
    kind: ParagraphKind = "body"
    provisions: tuple[str, ...] = ()
    keep_with_next: bool = False
    """Stay on one page with the next block (its last lines: widows still apply)."""
    keep_together: bool = False
    """No page break inside the block."""


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
    keep_with_next: bool = False
    """Stay on one page with the next block (its last lines: widows still apply)."""
    keep_together: bool = False
    """No page break inside the block."""


@dataclass(frozen=True)
class Caption:
    """Title of the court and cause (Ill. S. Ct. R. 131(a)): court lines, parties, number."""

    court: tuple[tuple[Run, ...], ...]
    parties: tuple[tuple[Run, ...], ...]
    number: tuple[tuple[Run, ...], ...]
    indented: tuple[int, ...] = ()
    """Indexes of party lines set in (Petitioners, v., Respondent)."""
    keep_with_next: bool = True
    """The caption stays on the page with the title under it."""
    keep_together: bool = True


@dataclass(frozen=True)
class Table:
    """A table of plain cells; the first row is the header when `header` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = True
    numeric: tuple[int, ...] = ()
    """Column indexes aligned right (amounts)."""
    provisions: tuple[str, ...] = ()
    keep_with_next: bool = False
    """Stay on one page with the next block (its last lines: widows still apply)."""
    keep_together: bool = False
    """No page break inside the block."""


@dataclass(frozen=True)
class Signature:
    """A signature block (Ill. S. Ct. R. 131(d)): one line each, under a signature rule."""

    lines: tuple[tuple[Run, ...], ...]
    rule: bool = True
    provisions: tuple[str, ...] = ()
    keep_with_next: bool = False
    keep_together: bool = True
    """A signature block is never split."""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (e.g. before a certificate of service)."""


Block = Heading | Paragraph | ListBlock | Caption | Table | Signature | PageBreak

# Pagination (both writers): widows and orphans of 2 lines; a table's header row repeats on
# every page, rows never split, the header stays with the first row and the last row with
# the one before it (no row alone at a page top). The rules that depend on the neighbours of
# a block are set by `paginate`.
WIDOWS = ORPHANS = 2


def keep(block: Block, *, with_next: bool | None = None, together: bool | None = None) -> Block:
    """`block` with its keep flags set (a page break has none)."""
    if isinstance(block, PageBreak):
        return block
    changes: dict[str, bool] = {}
    if with_next is not None:
        changes["keep_with_next"] = with_next
    if together is not None:
        changes["keep_together"] = together
    return replace(block, **changes)  # type: ignore[arg-type]


def paginate(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Tie every signature block to what it signs.

    The block before a signature (its lead line: "Dated:", "ENTERED:", "Prepared by:", or the
    text itself) keeps with it; when that block is a lead paragraph, the block before the
    lead keeps with it too, so the signature page always carries the end of the text it
    signs (at least its last two lines), never a signature alone.
    """
    out = list(blocks)
    for i, block in enumerate(out):
        if not isinstance(block, Signature) or i == 0:
            continue
        lead = out[i - 1]
        if isinstance(lead, PageBreak):
            continue
        out[i - 1] = keep(lead, with_next=True)
        if isinstance(lead, Paragraph) and i >= 2 and not isinstance(out[i - 2], PageBreak):
            out[i - 2] = keep(out[i - 2], with_next=True)
    return tuple(out)


@dataclass(frozen=True)
class Metadata:
    """Document metadata written into the PDF info dictionary and DOCX core properties."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    date: str = ""
    """ISO date (YYYY-MM-DD) used for the fixed created/modified timestamps."""
    pdf_variant: str = ""
    """The PDF standard to write (counsel.office.PDF_VARIANTS; empty: the default)."""


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
