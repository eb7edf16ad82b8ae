"""Read written documents back: PDF pages as visual rows of words, DOCX list labels as Word."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 72.0
FIRST_TOP = 144.0
FOOTER = re.compile(r"Page \d+ of \d+")
# Words further apart than this on one row are in different table cells (a space is ~3 pt;
# a cell boundary at least the 8 pt of two paddings).
CELL_GAP = 6.0


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Row:
    """Words whose tops are within a point of each other, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def runs(self) -> list[str]:
        """The row's text split where words are a cell boundary apart."""
        out: list[list[str]] = []
        last: Word | None = None
        for w in self.words:
            if last is None or w.x0 - last.x1 > CELL_GAP:
                out.append([])
            out[-1].append(w.text)
            last = w
        return [" ".join(r) for r in out]


@dataclass(frozen=True)
class Page:
    number: int
    rows: tuple[Row, ...]

    @property
    def footer(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.y0 >= PAGE_H - MARGIN and FOOTER.search(r.text))

    @property
    def body(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r not in self.footer)


def pdf_pages(data: bytes) -> list[Page]:
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    root = ET.fromstring(out)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for n, page in enumerate(root.iterfind(".//x:page", ns), start=1):
        words = [
            Word(
                w.text or "",
                float(w.get("xMin", 0)),
                float(w.get("yMin", 0)),
                float(w.get("xMax", 0)),
                float(w.get("yMax", 0)),
            )
            for w in page.iterfind(".//x:word", ns)
        ]
        words.sort(key=lambda w: (round(w.y0), w.x0))
        rows: list[list[Word]] = []
        for w in words:
            if rows and abs(rows[-1][0].y0 - w.y0) < 1.0:
                rows[-1].append(w)
            else:
                rows.append([w])
        pages.append(Page(n, tuple(Row(tuple(sorted(r, key=lambda w: w.x0))) for r in rows)))
    return pages


def flat(text: str) -> str:
    return " ".join(text.split())


def matches_row(row: Row, cells: tuple[str, ...]) -> bool:
    """The visual row is (the first line of) a table row with these cells.

    Each run of words a cell gap apart must begin its cell, in order; a cell that wraps
    shows its first line only.
    """
    runs = row.runs()
    filled = [flat(c) for c in cells if c.strip()]
    if len(runs) != len(filled) or len(runs) < 2:
        return False
    return all(c.startswith(r) for r, c in zip(runs, filled, strict=True))


# -- DOCX: list labels as Word numbers them -------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _fmt(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt == "lowerLetter":
        # Word: a..z, then aa..zz, aaa..
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "lowerRoman":
        vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for v, s in vals:
            while n >= v:
                out += s
                n -= v
        return out
    if fmt == "bullet":
        return ""
    raise AssertionError(f"numbering format {fmt} not handled")


def docx_list_labels(data: bytes) -> list[tuple[str, str]]:
    """(label, paragraph text) of every numbered body paragraph, as Word numbers them.

    Word keeps one counter per level of an abstract numbering, shared by every w:num that
    refers to it; a w:num's lvlOverride/startOverride resets that level where the num is
    first used; a paragraph at level L resets the levels below L.
    """
    import docx

    d = docx.Document(io.BytesIO(data))
    numbering = d.part.numbering_part.element
    levels: dict[str, dict[int, tuple[int, str, str]]] = {}
    for ab in numbering.iter(f"{W}abstractNum"):
        lv: dict[int, tuple[int, str, str]] = {}
        for lvl in ab.iter(f"{W}lvl"):
            start = lvl.find(f"{W}start")
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            lv[int(lvl.get(f"{W}ilvl"))] = (
                int(start.get(f"{W}val")) if start is not None else 0,
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "",
            )
        levels[ab.get(f"{W}abstractNumId")] = lv
    nums: dict[str, tuple[str, dict[int, int]]] = {}
    for num in numbering.iter(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId").get(f"{W}val")
        overrides = {
            int(o.get(f"{W}ilvl")): int(o.find(f"{W}startOverride").get(f"{W}val"))
            for o in num.iter(f"{W}lvlOverride")
            if o.find(f"{W}startOverride") is not None
        }
        nums[num.get(f"{W}numId")] = (abstract, overrides)
    counters: dict[str, dict[int, int]] = {}
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for p in d.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            continue
        num_id, ilvl = str(num_pr.numId.val), int(num_pr.ilvl.val if num_pr.ilvl is not None else 0)
        abstract, overrides = nums[num_id]
        lv = levels[abstract]
        count = counters.setdefault(abstract, {})
        if num_id not in seen:
            seen.add(num_id)
            for level, start in overrides.items():
                count[level] = start - 1
        count[ilvl] = count.get(ilvl, lv[ilvl][0] - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        label = lv[ilvl][2]
        for k in range(ilvl + 1):
            value = count.get(k, lv[k][0])
            label = label.replace(f"%{k + 1}", _fmt(value, lv[k][1]))
        out.append((label, p.text))
    return out


def effective(paragraph: Any, name: str) -> Any:
    """A paragraph property as Word resolves it: direct formatting, else the style chain."""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return value
