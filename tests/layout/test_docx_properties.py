"""The DOCX read back with python-docx: Word's own pagination properties and real geometry."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from counsel.render.measure import CAPTION_WIDTHS, CONTENT_WIDTH, column_widths
from counsel.render.model import Paragraph, Signature, Table
from tests.layout.conftest import Case
from tests.layout.readback import effective

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(case: Case) -> Any:
    import docx

    return docx.Document(io.BytesIO(case.docx))


def _body(d: Any) -> list[Any]:
    """Body paragraphs and tables in order, as python-docx objects."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    out: list[Any] = []
    for child in d.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(DocxParagraph(child, d))
        elif child.tag == f"{W}tbl":
            out.append(DocxTable(child, d))
    return out


def test_styles_and_page_geometry(cases: list[Case]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt

    for case in cases[:3] + cases[-3:]:
        d = _open(case)
        styles = d.styles
        assert styles["Normal"].paragraph_format.widow_control is True, "widows/orphans: 2 lines"
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            assert styles[name].paragraph_format.keep_with_next is True, name
        # aligned as the PDF: the title centred, section headings flush left
        assert styles["Heading 1"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert styles["Heading 2"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
        lp = styles["List Paragraph"]
        assert lp.paragraph_format.space_after == Pt(6)
        assert not lp.element.xpath("./w:pPr/w:contextualSpacing"), "the PDF's 6 pt stays"
        section = d.sections[0]
        assert (section.top_margin, section.bottom_margin) == (Inches(1), Inches(1))
        # page one's 2-inch top through a first-page header, never the first paragraph
        assert section.different_first_page_header_footer
        head = section.first_page_header.paragraphs[0].paragraph_format
        assert section.header_distance + head.line_spacing == Inches(2)
        # the page number inside the bottom margin: its line ends above the margin's top
        line = Pt(14)
        assert section.footer_distance + line < section.bottom_margin
        for footer in (section.footer, section.first_page_footer):
            assert "NUMPAGES" in footer.paragraphs[0]._p.xml
        names = zipfile.ZipFile(io.BytesIO(case.docx)).namelist()
        assert not any("thumbnail" in n for n in names), "no blank default thumbnail"


def test_no_empty_paragraphs_as_spacing(cases: list[Case]) -> None:
    from docx.table import Table as DocxTable

    for case in cases:
        body = _body(_open(case))
        for n, item in enumerate(body):
            if isinstance(item, DocxTable) or item.text.strip():
                continue
            # the one empty paragraph allowed: a hairline where Word needs one after a table
            assert item.style.name == "Counsel Separator", (case.name, n)
            assert isinstance(body[n - 1], DocxTable), (case.name, n)
        assert body[0].paragraph_format.space_before is None, "no first-line spacing"


def test_signatures_keep_with_what_they_sign(cases: list[Case]) -> None:
    from docx.table import Table as DocxTable

    checked = 0
    for case in cases:
        body = _body(_open(case))
        groups: list[list[int]] = []
        for n, item in enumerate(body):
            if not isinstance(item, DocxTable) and item.style.name == "Counsel Signature":
                if groups and groups[-1][-1] == n - 1:
                    groups[-1].append(n)
                else:
                    groups.append([n])
        signatures = [b for b in case.built.model.blocks if isinstance(b, Signature)]
        assert len(groups) == len(signatures), case.name
        for group in groups:
            for n in group:
                assert effective(body[n], "keep_together"), (case.name, n)
            for n in group[:-1]:
                assert effective(body[n], "keep_with_next"), (case.name, n)
            lead = body[group[0] - 1]
            if isinstance(lead, DocxTable):
                last_row = lead.rows[-1].cells[0].paragraphs[0]
                assert effective(last_row, "keep_with_next"), case.name
            else:
                assert effective(lead, "keep_with_next"), (case.name, lead.text)
            checked += 1
        # the text before a lead line keeps with it too ("Dated:" never alone with the block)
        blocks = case.built.model.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, Signature) and i >= 2 and isinstance(blocks[i - 1], Paragraph):
                assert blocks[i - 2].keep_with_next, case.name  # type: ignore[union-attr]
    assert checked >= 40


def _twips(table: Any) -> tuple[list[int], list[list[int]]]:
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iterchildren(f"{W}gridCol")]
    cells = [
        [int(tc.tcPr.find(f"{W}tcW").get(f"{W}w")) for tc in tr.iterchildren(f"{W}tc")]
        for tr in table._tbl.iterchildren(f"{W}tr")
    ]
    return grid, cells


def test_tables_have_grids_that_match_their_cells(cases: list[Case]) -> None:
    checked = 0
    for case in cases:
        d = _open(case)
        model_tables = [b for b in case.built.model.blocks if isinstance(b, Table)]
        tables = d.tables
        captions = [t for t in tables if t.style is None or t.style.name != "Table Grid"]
        data = [t for t in tables if t.style is not None and t.style.name == "Table Grid"]
        assert len(data) == len(model_tables), case.name
        for t in captions:
            grid, cells = _twips(t)
            assert grid == [round(w * 1440) for w in CAPTION_WIDTHS], case.name
            assert all(row == grid for row in cells)
        for t, block in zip(data, model_tables, strict=True):
            grid, cells = _twips(t)
            assert grid == [round(w * 20) for w in column_widths(block)], case.name
            assert sum(grid) == round(CONTENT_WIDTH * 20)
            assert all(row == grid for row in cells), "a grid that matches the cells"
            assert t._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
            rows = list(t._tbl.iterchildren(f"{W}tr"))
            for r, tr in enumerate(rows):
                tr_pr = tr.find(f"{W}trPr")
                assert tr_pr is not None and tr_pr.find(f"{W}cantSplit") is not None, (
                    "rows never split"
                )
                assert (tr_pr.find(f"{W}tblHeader") is not None) == (block.header and r == 0)
            for row in t.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        assert effective(p, "space_after") == 0, "no 8 pt under cell text"
            if len(rows) >= 3:
                # the header keeps with the first row, the next-to-last row with the last
                assert effective(t.rows[0].cells[0].paragraphs[0], "keep_with_next")
                assert effective(t.rows[len(rows) - 2].cells[0].paragraphs[0], "keep_with_next")
            checked += 1
    assert checked >= 10
