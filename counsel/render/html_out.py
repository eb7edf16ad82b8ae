"""The document model as the final HTML that WeasyPrint lays out (one fixed structure)."""

from __future__ import annotations

from html import escape

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


def _list(block: ListBlock) -> str:
    tag = "ul" if block.kind == "bulleted" else "ol"
    items = []
    for item in block.items:
        inner = _runs(item.runs) + "".join(_list(c) for c in item.children)
        items.append(f"<li>{inner}</li>")
    return f'<{tag} class="{block.kind}">{"".join(items)}</{tag}>'


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_runs(block.runs)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f'<p class="{block.kind}">{_runs(block.runs)}</p>'
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Caption):
        return (
            f'<div class="caption"><p class="court">{_lines(block.court)}</p>'
            '<table class="cause"><tr>'
            f'<td class="parties">{_party_lines(block)}</td>'
            f'<td class="number">{_lines(block.number)}</td>'
            "</tr></table></div>"
        )
    if isinstance(block, Table):
        rows = []
        for n, row in enumerate(block.rows):
            tag = "th" if block.header and n == 0 else "td"
            cells = "".join(
                f"<{tag}{NUM if i in block.numeric else ''}>{escape(cell, quote=False)}</{tag}>"
                for i, cell in enumerate(row)
            )
            rows.append(f"<tr>{cells}</tr>")
        return f'<table class="data">{"".join(rows)}</table>'
    if isinstance(block, Signature):
        rule = f'<p class="rule">{SIGNATURE_RULE}</p>' if block.rule else ""
        lines = "".join(f"<p>{_runs(line)}</p>" for line in block.lines)
        return f'<div class="signature">{rule}{lines}</div>'
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
