"""Parse a template's rendered HTML (the documented vocabulary only) into the document model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from counsel.render.model import (
    Block,
    Caption,
    Heading,
    ListBlock,
    ListItem,
    ListKind,
    PageBreak,
    Paragraph,
    ParagraphKind,
    Run,
    Signature,
    Table,
    iter_text,
    keep,
    paginate,
)

# HTML void elements: never closed, so an unknown <img> must not swallow what follows it.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
INLINE = frozenset({"strong", "b", "em", "i", "u", "span", "br"})
PARAGRAPH_CLASSES: dict[str, ParagraphKind] = {
    "": "body",
    "noindent": "noindent",
    "center": "center",
    "right": "right",
    "quote": "quote",
    "small": "small",
    "title": "title",
}
DIV_CLASSES = frozenset({"", "caption", "signature", "court", "parties", "number", "keep"})
_WS = re.compile(r"[ \t\r\n\f]+")
# XML 1.0 forbids these; both writers would fail on them, so they become visible escapes
# (\x07) rather than vanish: the reader sees exactly what was entered.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


class StructureError(ValueError):
    """The rendered HTML uses something outside the vocabulary (a template author's error)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def visible(text: str) -> str:
    return _XML_BAD.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class _El:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_El | str] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return self.attrs.get("class", "").strip()

    def provisions(self) -> tuple[str, ...]:
        raw = self.attrs.get("data-provision", "")
        return tuple(p for p in raw.split() if p)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("root", {}, 0)
        self.stack: list[_El] = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = _El(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = _El(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(el)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                if i != len(self.stack) - 1:
                    self.problems.append(
                        f"line {self.getpos()[0]}: </{tag}> closes unclosed "
                        f"<{self.stack[-1].tag}> (line {self.stack[-1].line})"
                    )
                del self.stack[i:]
                return
        self.problems.append(f"line {self.getpos()[0]}: stray </{tag}>")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        pass  # template comments never reach the document

    def handle_decl(self, decl: str) -> None:
        pass

    def close(self) -> None:
        super().close()
        for el in self.stack[1:]:
            self.problems.append(f"line {el.line}: <{el.tag}> is never closed")


class _Converter:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.provisions: set[str] = set()

    def fail(self, el: _El, message: str) -> None:
        self.problems.append(f"line {el.line}: <{el.tag}> {message}")

    # -- inline ------------------------------------------------------------------------
    def runs(self, el: _El, style: tuple[bool, bool, bool] = (False, False, False)) -> list[Run]:
        out: list[Run] = []
        for child in el.children:
            if isinstance(child, str):
                text = _WS.sub(" ", visible(child))
                if text:
                    out.append(Run(text, *style))
                continue
            b, i, u = style
            if child.tag == "br":
                out.append(Run("\n", *style))
            elif child.tag in ("strong", "b"):
                out.extend(self.runs(child, (True, i, u)))
            elif child.tag in ("em", "i"):
                out.extend(self.runs(child, (b, True, u)))
            elif child.tag == "u":
                out.extend(self.runs(child, (b, i, True)))
            elif child.tag == "span":
                inner = self.runs(child, style)
                if any(r.text.strip() for r in inner):
                    self.provisions.update(child.provisions())
                out.extend(inner)
            else:
                self.fail(child, "is not allowed inside text (use strong, em, u, span, br)")
        return out

    def line(self, el: _El) -> tuple[Run, ...]:
        return _tidy(self.runs(el))

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, el: _El, inherited: tuple[str, ...] = ()) -> list[Block]:
        out: list[Block] = []
        for child in el.children:
            if isinstance(child, str):
                if child.strip():
                    self.problems.append(
                        f"line {el.line}: text outside a paragraph in <{el.tag}> (wrap it in <p>)"
                    )
                continue
            out.extend(self.block(child, inherited))
        return out

    def block(self, el: _El, inherited: tuple[str, ...]) -> list[Block]:
        result = self._block(el, inherited + el.provisions())
        # An empty marked element must not satisfy the required-provision check.
        if any(line.strip() for b in result for line in iter_text(b)):
            self.provisions.update(el.provisions())
        return result

    def _block(self, el: _El, marks: tuple[str, ...]) -> list[Block]:
        tag, cls = el.tag, el.cls
        if tag in ("h1", "h2", "h3"):
            return [Heading(int(tag[1]), self.line(el), marks)]
        if tag == "p":
            if cls not in PARAGRAPH_CLASSES:
                self.fail(el, f"has unknown class {cls!r} (allowed: {_allowed(PARAGRAPH_CLASSES)})")
                return []
            runs = self.line(el)
            return [Paragraph(runs, PARAGRAPH_CLASSES[cls], marks)] if runs else []
        if tag in ("ol", "ul"):
            return [self.list_block(el, marks)]
        if tag == "table":
            return [self.table(el, marks)]
        if tag == "hr":
            if cls != "page-break":
                self.fail(el, 'needs class="page-break"')
            return [PageBreak()]
        if tag in ("div", "section"):
            if cls not in DIV_CLASSES:
                self.fail(el, f"has unknown class {cls!r} (allowed: {_allowed(DIV_CLASSES)})")
                return []
            if cls == "caption":
                return [self.caption(el)]
            if cls == "signature":
                return [self.signature(el, marks)]
            if cls in ("court", "parties", "number"):
                self.fail(el, 'belongs inside <div class="caption">')
                return []
            inner = self.blocks(el, marks)
            if cls == "keep":
                # one unit on one page: no break inside any block, none between them
                last = len(inner) - 1
                inner = [
                    keep(b, with_next=n < last or None, together=True) for n, b in enumerate(inner)
                ]
            return inner
        self.fail(el, "is not in the template vocabulary (see counsel/templates/README.md)")
        return []

    def list_block(self, el: _El, marks: tuple[str, ...]) -> ListBlock:
        kind: ListKind
        if el.tag == "ul":
            kind = "bulleted"
        else:
            kind_attr = el.attrs.get("type", "1")
            if kind_attr not in ("1", "a"):
                self.fail(el, 'type must be "1" (numbered) or "a" (lettered)')
            kind = "lettered" if kind_attr == "a" else "numbered"
        items: list[ListItem] = []
        for child in el.children:
            if isinstance(child, str):
                if child.strip():
                    self.fail(el, "holds text outside <li>")
                continue
            if child.tag != "li":
                self.fail(child, "is not allowed in a list (only <li>)")
                continue
            nested: list[ListBlock] = []
            inline = _El("li", {}, child.line)
            for grand in child.children:
                if isinstance(grand, _El) and grand.tag in ("ol", "ul"):
                    nested.append(self.list_block(grand, ()))
                elif nested and not (isinstance(grand, str) and not grand.strip()):
                    self.fail(child, "has text after a nested list")
                else:
                    inline.children.append(grand)
            runs = self.line(inline)
            if runs:
                self.provisions.update(child.provisions())
            items.append(ListItem(runs, tuple(nested), marks + child.provisions()))
        if not items:
            self.fail(el, "has no items")
        return ListBlock(kind, tuple(items), marks)

    def table(self, el: _El, marks: tuple[str, ...]) -> Table:
        rows: list[tuple[str, ...]] = []
        header = False
        numeric: set[int] = set()

        def walk(node: _El) -> None:
            nonlocal header
            for child in node.children:
                if isinstance(child, str):
                    if child.strip():
                        self.fail(node, "holds text outside a cell")
                    continue
                if child.tag in ("thead", "tbody"):
                    walk(child)
                elif child.tag == "tr":
                    cells: list[str] = []
                    for cell in child.children:
                        if isinstance(cell, str):
                            continue
                        if cell.tag not in ("th", "td"):
                            self.fail(cell, "is not allowed in a table row")
                            continue
                        if cell.tag == "th" and not rows:
                            header = True
                        if cell.cls == "num":
                            numeric.add(len(cells))
                        cells.append(_plain(self.line(cell)))
                    rows.append(tuple(cells))
                else:
                    self.fail(child, "is not allowed in a table")

        walk(el)
        width = {len(r) for r in rows}
        if len(width) > 1:
            self.fail(el, "rows have different numbers of cells")
        return Table(tuple(rows), header, tuple(sorted(numeric)), marks)

    def caption(self, el: _El) -> Caption:
        parts: dict[str, tuple[tuple[Run, ...], ...]] = {}
        indented: tuple[int, ...] = ()
        for child in el.children:
            if isinstance(child, str):
                if child.strip():
                    self.fail(el, "holds text outside court/parties/number")
                continue
            if child.tag != "div" or child.cls not in ("court", "parties", "number"):
                self.fail(child, 'in a caption must be <div class="court|parties|number">')
                continue
            parts[child.cls] = self.lines(child)
            if child.cls == "parties":
                paras = [c for c in child.children if isinstance(c, _El) and c.tag == "p"]
                indented = tuple(i for i, c in enumerate(paras) if c.cls == "indent")
        for need in ("court", "parties", "number"):
            if need not in parts:
                self.problems.append(f'line {el.line}: caption lacks <div class="{need}">')
        return Caption(
            parts.get("court", ()), parts.get("parties", ()), parts.get("number", ()), indented
        )

    def signature(self, el: _El, marks: tuple[str, ...]) -> Signature:
        rule = el.attrs.get("data-rule", "yes") != "no"
        return Signature(self.lines(el), rule, marks)

    def lines(self, el: _El) -> tuple[tuple[Run, ...], ...]:
        """Lines of a block given as <p> children, or as text broken by <br>."""
        if any(isinstance(c, _El) and c.tag == "p" for c in el.children):
            out = []
            for child in el.children:
                if isinstance(child, _El) and child.tag == "p":
                    if child.cls not in ("", "indent"):
                        self.fail(child, 'in a block of lines takes only class="indent"')
                    out.append(self.line(child))
                elif isinstance(child, _El) or child.strip():
                    self.fail(el, "mixes <p> lines with other content")
            return tuple(out)
        runs = self.line(el)
        lines: list[list[Run]] = [[]]
        for run in runs:
            parts = run.text.split("\n")
            for n, part in enumerate(parts):
                if n:
                    lines.append([])
                if part:
                    lines[-1].append(Run(part, run.bold, run.italic, run.underline))
        return tuple(_tidy(line) for line in lines)


def _allowed(classes: object) -> str:
    return ", ".join(repr(c) for c in sorted(classes) if c)  # type: ignore[call-overload]


def _plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Merge runs of one style, drop spaces at line starts/ends, as a browser would."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].underline) == (
            run.bold,
            run.italic,
            run.underline,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.underline)
        else:
            merged.append(run)
    # collapse space across run boundaries and around line breaks
    out: list[Run] = []
    prev_end = "\n"
    for run in merged:
        text = run.text
        if prev_end in (" ", "\n"):
            text = text.lstrip(" ")
        text = re.sub(r" *\n *", "\n", text)
        if not text:
            continue
        if text.startswith("\n") and out and out[-1].text.endswith(" "):
            last = out[-1]
            out[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.underline)
        out.append(Run(text, run.bold, run.italic, run.underline))
        prev_end = text[-1]
    while out and not out[-1].text.rstrip(" "):
        out.pop()
    if out:
        last = out[-1]
        out[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.underline)
    return tuple(r for r in out if r.text)


def parse_html(html: str) -> tuple[list[Block], frozenset[str]]:
    """Parse rendered template HTML into blocks and the provision ids it marks.

    Raises StructureError listing every construct outside the vocabulary.
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    conv = _Converter()
    blocks = conv.blocks(builder.root)
    problems = builder.problems + conv.problems
    if problems:
        raise StructureError(problems)
    return list(paginate(blocks)), frozenset(conv.provisions)
