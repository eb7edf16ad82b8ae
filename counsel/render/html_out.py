"""The document model as the final HTML that WeasyPrint lays out (one fixed structure)."""

from __future__ import annotations

from html import escape

from counsel.render.measure import CAPTION_WIDTHS, column_widths
from counsel.render.model import (
    Block,
    Caption,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
)

SIGNATURE_RULE = "_" * 36
NUM = ' class="num"'


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = escape(run.text, quote=False).replace("\n", "<br>")
        if run.underline:
            text = f"<u>{text}</u>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _lines(lines: tuple[tuple[Run, ...], ...]) -> str:
    return "<br>".join(_runs(line) for line in lines)


def _party_lines(block: Caption) -> str:
    return "".join(
        f'<p class="{"indent" if n in block.indented else "line"}">{_runs(line)}</p>'
        for n, line in enumerate(block.parties)
    )


def _keeps(block: Block, *classes: str) -> str:
    """The class attribute: the block's own classes and its pagination (style.css)."""
    names = [c for c in classes if c]
    if getattr(block, "keep_with_next", False):
        names.append("keep-next")
    if getattr(block, "keep_together", False):
        names.append("keep")
    return f' class="{" ".join(names)}"' if names else ""


def _list(block: ListBlock, attrs: str = "") -> str:
    tag = "ul" if block.kind == "bulleted" else "ol"
    items = []
    for item in block.items:
        inner = _runs(item.runs) + "".join(_list(c) for c in item.children)
        items.append(f"<li>{inner}</li>")
    attrs = attrs or f' class="{block.kind}"'
    return f"<{tag}{attrs}>{''.join(items)}</{tag}>"


def _table(block: Table) -> str:
    total = sum(column_widths(block))
    cols = "".join(f'<col style="width:{100 * w / total:.3f}%">' for w in column_widths(block))
    rows = []
    for n, row in enumerate(block.rows):
        tag = "th" if block.header and n == 0 else "td"
        cells = "".join(
            f"<{tag}{NUM if i in block.numeric else ''}>{escape(cell, quote=False)}</{tag}>"
            for i, cell in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    # <thead> repeats on every page the table reaches (a tagged header row in PDF/UA)
    head = f"<thead>{rows[0]}</thead>" if block.header and rows else ""
    body = "".join(rows[1:] if head else rows)
    return (
        f"<table{_keeps(block, 'data')}><colgroup>{cols}</colgroup>"
        f"{head}<tbody>{body}</tbody></table>"
    )


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}{_keeps(block)}>{_runs(block.runs)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p{_keeps(block, block.kind)}>{_runs(block.runs)}</p>"
    if isinstance(block, ListBlock):
        return _list(block, _keeps(block, block.kind))
    if isinstance(block, Caption):
        # Two block cells, not a <table>: a tagged PDF must not announce a layout as a table.
        left, right = (f"{100 * w / sum(CAPTION_WIDTHS):.3f}%" for w in CAPTION_WIDTHS)
        return (
            f'<div{_keeps(block, "caption")}><p class="court">{_lines(block.court)}</p>'
            '<div class="cause">'
            f'<div class="parties" style="width:{left}">{_party_lines(block)}</div>'
            f'<div class="number" style="width:{right}">{_lines(block.number)}</div>'
            "</div></div>"
        )
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Signature):
        rule = f'<p class="rule">{SIGNATURE_RULE}</p>' if block.rule else ""
        lines = "".join(f"<p>{_runs(line)}</p>" for line in block.lines)
        return f"<div{_keeps(block, 'signature')}>{rule}{lines}</div>"
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(type(block).__name__)


def document_html(doc: Document, extra_meta: dict[str, str]) -> str:
    """A complete HTML page for `doc`; metadata become the PDF info dictionary."""
    md = doc.metadata
    meta = [
        f'<meta name="author" content="{escape(md.author)}">',
        f'<meta name="description" content="{escape(md.subject)}">',
        '<meta name="generator" content="counsel">',
    ]
    if md.keywords:
        meta.append(f'<meta name="keywords" content="{escape(", ".join(md.keywords))}">')
    if md.date:
        stamp = f"{md.date}T00:00:00Z"
        meta.append(f'<meta name="dcterms.created" content="{stamp}">')
        meta.append(f'<meta name="dcterms.modified" content="{stamp}">')
    for key, value in sorted(extra_meta.items()):
        meta.append(f'<meta name="{escape(key)}" content="{escape(value)}">')
    body = "".join(block_html(b) for b in doc.blocks)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(md.title, quote=False)}</title>{''.join(meta)}</head>"
        f"<body>{body}</body></html>"
    )
