"""Table column widths, the same in the PDF and the DOCX, measured in the PDF's font."""

from __future__ import annotations

import functools
import subprocess
import threading
from collections.abc import Callable

from counsel.render.model import Table

FONT_FAMILY = "Liberation Serif"  # the PDF's font; Times New Roman in Word has its metrics
FONT_SIZE = 12.0
CONTENT_WIDTH = 468.0
"""Points between the 1-inch margins of a letter page (6.5 in)."""
CELL_PADDING = 4.0
"""Left and right padding of a data cell, points (style.css; tblCellMar in the DOCX)."""
CELL_SPAN = 2 * CELL_PADDING + 1.0
"""What a cell adds to its text: both paddings and a border share (0.75 pt, rounded up)."""
# The caption's two cells (parties | case number), inches: the grid and both writers use them.
CAPTION_WIDTHS = (3.8, 2.7)

_lock = threading.Lock()


def _font_file(style: str) -> str:
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", f"{FONT_FAMILY}:{style}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()


@functools.cache
def _advances(bold: bool) -> Callable[[str], float]:
    """A function giving a character's advance in points (a fixed 0.5 em without the font)."""
    path = ""
    try:
        path = _font_file("bold" if bold else "regular")
    except OSError:
        pass
    fallback = FONT_SIZE * 0.5
    if not path:
        return lambda ch: fallback
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:  # read what we need, then close the file
        scale = FONT_SIZE / font["head"].unitsPerEm
        cmap = dict(font.getBestCmap())
        metrics = dict(font["hmtx"].metrics)
    cache: dict[str, float] = {}

    def advance(ch: str) -> float:
        width = cache.get(ch)
        if width is None:
            glyph = cmap.get(ord(ch))
            width = metrics[glyph][0] * scale if glyph in metrics else fallback
            cache[ch] = width
        return width

    return advance


def text_width(text: str, bold: bool = False) -> float:
    """Width of `text` on one line, points (advances only: no kerning, as a close estimate)."""
    with _lock:  # fontTools' lazy tables are not safe to load from two threads at once
        advance = _advances(bold)
        return sum(advance(ch) for ch in text)


def column_widths(table: Table, total: float = CONTENT_WIDTH) -> tuple[float, ...]:
    """Column widths in points summing to `total`, as CSS's automatic table layout sets them.

    Each column's minimum is its longest word, its maximum its longest cell on one line.
    When every maximum fits, the spare width is shared in proportion to the maximums; else
    each column gets its minimum plus a share of the rest in proportion to how much it
    would need to reach its maximum (CSS 2.1 17.5.2.2; what WeasyPrint does). The PDF then
    lays the table out with these widths fixed, and the DOCX writes them as its grid, so
    the two wrap the same cells.
    """
    if not table.rows or not table.rows[0]:
        return ()
    n = len(table.rows[0])
    least = [CELL_SPAN] * n
    most = [CELL_SPAN] * n
    for r, row in enumerate(table.rows):
        bold = table.header and r == 0
        for c, text in enumerate(row):
            words = text.split()
            widest = max((text_width(w, bold) for w in words), default=0.0)
            least[c] = max(least[c], widest + CELL_SPAN)
            most[c] = max(most[c], text_width(" ".join(words), bold) + CELL_SPAN)
    if sum(most) <= total:
        widths = [total * m / sum(most) for m in most]
    elif sum(least) >= total:
        widths = [total * m / sum(least) for m in least]
    else:
        spare = total - sum(least)
        need = [m - s for m, s in zip(most, least, strict=True)]
        widths = [s + spare * d / sum(need) for s, d in zip(least, need, strict=True)]
    # Whole twentieths of a point (Word's unit), the rounding put in the last column, so both
    # formats get the same numbers on every machine.
    rounded = [round(w * 20) / 20 for w in widths[:-1]]
    return (*rounded, round((total - sum(rounded)) * 20) / 20)
