"""The DOCX writer: the document model as real Word styles, numbering and page setup."""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from typing import Any

from counsel.render.html_out import SIGNATURE_RULE
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

FONT = "Times New Roman"  # Liberation Serif (the PDF font) is metric-compatible with it
LINE_PT = 16.2  # style.css: 12 pt at line-height 1.35
HEADER_DISTANCE_IN = 0.5
FOOTER_DISTANCE_IN = 0.4
FIRST_PAGE_TOP_IN = 2.0
TWIPS_PER_PT = 20
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Our own list definitions, so every list restarts at 1 (or a) and nests as courts expect.
_ABSTRACT = {
    "numbered": (90, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]),
    "lettered": (91, [("lowerLetter", "(%1)"), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]),
    "bulleted": (92, [("bullet", "\u2022"), ("bullet", "\u2013"), ("bullet", "\u2022")]),
}

PARAGRAPH_STYLES = {
    "body": "Body Text",
    "noindent": "Normal",
    "center": "Counsel Center",
    "right": "Counsel Right",
    "quote": "Quote",
    "small": "Normal",
    "title": "Counsel Title",
}


def _abstract_xml(num_id: int, levels: list[tuple[str, str]]) -> str:
    lvls = []
    for ilvl, (fmt, text) in enumerate(levels):
        left = 720 * (ilvl + 1)
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{num_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
    )


class DocxWriter:
    """Builds the styled base document once; each document starts from a copy of it."""

    def __init__(self) -> None:
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Inches, Pt, RGBColor

        base = docx.Document()
        styles = base.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        pf = normal.paragraph_format
        pf.space_after = Pt(8)
        pf.space_before = Pt(0)
        # The PDF's line box (12 pt at line-height 1.35): at least 16.2 pt, the same in Word
        # and LibreOffice whatever their reading of a font's natural line height.
        pf.line_spacing = Pt(LINE_PT)
        pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        pf.widow_control = True  # widows and orphans: 2 lines, as the PDF
        rpr = normal.element.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in ("w:eastAsia", "w:cs"):
            rfonts.set(_qn(attr), FONT)
        # Spacing mirrors style.css; Word adds a paragraph's space before to the previous
        # one's space after where CSS collapses them, so a heading's space before is what
        # CSS's margin leaves after a body paragraph's 8 pt.
        spacing = {
            "Title": (0, 8),
            "Heading 1": (14, 6),
            "Heading 2": (4, 6),
            "Heading 3": (4, 6),
            "Body Text": (0, 8),
            "Quote": (0, 8),
        }
        for name, (before, after) in spacing.items():
            st = styles[name]
            st.font.name = FONT
            st.font.size = Pt(12)
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.font.italic = name == "Quote"
            st.paragraph_format.space_before = Pt(before)
            st.paragraph_format.space_after = Pt(after)
            if name.startswith("Heading") or name == "Title":
                st.font.bold = True
                st.paragraph_format.keep_with_next = True
                st.paragraph_format.keep_together = True
            # left as the PDF sets them: the title (h1) centred, section headings flush left
            st.paragraph_format.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if name in ("Title", "Heading 1")
                else WD_ALIGN_PARAGRAPH.LEFT
            )
        title = styles["Title"].element
        for child in list(title.pPr if title.pPr is not None else []):
            if child.tag.endswith("}pBdr"):
                title.pPr.remove(child)
        styles["Heading 3"].font.underline = True
        styles["Body Text"].paragraph_format.first_line_indent = Inches(0.5)
        styles["Quote"].paragraph_format.left_indent = Inches(0.5)
        styles["Quote"].paragraph_format.right_indent = Inches(0.5)
        from docx.enum.style import WD_STYLE_TYPE

        for name, align in (
            ("Counsel Center", WD_ALIGN_PARAGRAPH.CENTER),
            ("Counsel Right", WD_ALIGN_PARAGRAPH.RIGHT),
            ("Counsel Title", WD_ALIGN_PARAGRAPH.CENTER),
            ("Counsel Signature", WD_ALIGN_PARAGRAPH.LEFT),
            ("Counsel Caption", WD_ALIGN_PARAGRAPH.LEFT),
            ("Counsel Court", WD_ALIGN_PARAGRAPH.CENTER),
            ("Counsel Table Text", WD_ALIGN_PARAGRAPH.LEFT),
            ("Counsel Separator", WD_ALIGN_PARAGRAPH.LEFT),
        ):
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = normal
            st.paragraph_format.alignment = align
            if name in ("Counsel Title", "Counsel Court"):
                st.font.bold = True
                st.paragraph_format.keep_with_next = True
            if name == "Counsel Signature":
                # a signature block is one unit: every line keeps with the next (the
                # writer releases the last line unless the block keeps with what follows)
                st.paragraph_format.left_indent = Inches(3)
                st.paragraph_format.space_after = Pt(0)
                st.paragraph_format.keep_with_next = True
                st.paragraph_format.keep_together = True
            if name in ("Counsel Caption", "Counsel Court", "Counsel Table Text"):
                st.paragraph_format.space_after = Pt(0)
            if name in ("Counsel Caption", "Counsel Court"):
                st.paragraph_format.keep_with_next = True  # the caption stays with the title
            if name == "Counsel Separator":
                # only where Word needs a paragraph between two tables or after a last one
                st.paragraph_format.space_after = Pt(0)
                st.paragraph_format.line_spacing = Pt(1)
                st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                st.font.size = Pt(1)
        lp = styles["List Paragraph"]
        lp.paragraph_format.space_after = Pt(6)
        # Word's List Paragraph drops the space between items of one list (contextual
        # spacing); the PDF keeps 6 pt between items.
        for ctx in lp.element.xpath("./w:pPr/w:contextualSpacing"):
            ctx.getparent().remove(ctx)
        footer_style = styles["Footer"]
        footer_style.paragraph_format.space_after = Pt(0)
        footer_style.paragraph_format.space_before = Pt(0)
        footer_style.paragraph_format.line_spacing = 1.0
        footer_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

        _one_font(styles.element)

        section = base.sections[0]
        section.page_width = Inches(8.5)
        section.page_height = Inches(11)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))
        section.header_distance = Inches(HEADER_DISTANCE_IN)
        # The page number sits in the bottom margin, centred as the PDF's @bottom-center box
        # sets it (its line about half an inch from the bottom edge).
        section.footer_distance = Inches(FOOTER_DISTANCE_IN)
        # Page one's 2-inch top margin (the clerk's stamp): a first-page header as tall as
        # the extra inch, so editing or deleting the first line of the text keeps it.
        section.different_first_page_header_footer = True
        first_header = section.first_page_header.paragraphs[0]
        first_header.style = styles["Header"]
        fpf = first_header.paragraph_format
        fpf.space_before = Pt(0)
        fpf.space_after = Pt(0)
        fpf.line_spacing = Inches(FIRST_PAGE_TOP_IN - HEADER_DISTANCE_IN)
        fpf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        for footer in (section.footer, section.first_page_footer):
            footer_p = footer.paragraphs[0]
            footer_p.style = footer_style
            _footer_page_numbers(footer_p)
        # python-docx's template carries a blank thumbnail image: no thumbnail beats a blank
        for rid, rel in list(base.part.package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                base.part.package.rels.pop(rid)

        from docx.oxml import parse_xml

        numbering = base.part.numbering_part.element
        for num_id, levels in reversed(list(_ABSTRACT.values())):
            # abstractNum elements must precede every w:num (schema order)
            numbering.insert(0, parse_xml(_abstract_xml(num_id, levels)))
        self._doc = base
        self._custom = _add_custom_part(base)
        self._lock = threading.Lock()
        self._body = base.element.body
        self._numbering = numbering
        self._base_nums = len(numbering.xpath("./w:num"))
        self._style_ids: dict[str, str] = {}
        # Serialized XML of the parts no document changes (styles, theme, settings, fonts,
        # footer...): serializing them again for every document cost ~3 ms of ~25.
        self._static_blobs: dict[str, bytes] = {}
        for name in (
            *PARAGRAPH_STYLES.values(),
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "List Paragraph",
            "Counsel Signature",
            "Counsel Caption",
            "Counsel Court",
            "Counsel Table Text",
            "Counsel Separator",
            "Table Grid",
        ):
            self._style_ids[name] = styles[name].style_id

    def write(self, doc: Document, meta: dict[str, str], identifier: str) -> bytes:
        # One styled package is reused: parsing a fresh .docx costs ~15 ms a document. The
        # body and the added list instances are reset before each document.
        with self._lock:
            self._reset()
            state = _State(self._doc, self._style_ids, self._base_nums + 1)
            blocks = doc.blocks
            for n, block in enumerate(blocks):
                state.block(block, blocks[n + 1] if n + 1 < len(blocks) else None)
            _core_properties(self._doc, doc, meta, identifier)
            self._custom._blob = _custom_properties_xml(meta)
            return _serialize(self._doc, self._static_blobs)

    def _reset(self) -> None:
        for child in list(self._body):
            if not child.tag.endswith("}sectPr"):
                self._body.remove(child)
        for num in self._numbering.xpath("./w:num")[self._base_nums :]:
            self._numbering.remove(num)


def _one_font(styles_el: Any) -> None:
    """Every style and the document defaults in FONT at 12 pt.

    Word prefers a theme font (asciiTheme="majorHAnsi": Calibri Light for headings) over the
    named one, and python-docx's `font.name` leaves the theme attributes in place.
    """
    for rfonts in styles_el.iter(_qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(_qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(_qn(attr), FONT)
    for size in styles_el.iter(_qn("w:sz"), _qn("w:szCs")):
        parent = size.getparent()
        if parent is not None and parent.getparent() is not None:
            grand = parent.getparent()
            if grand.tag == _qn("w:rPrDefault"):
                size.set(_qn("w:val"), "24")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _footer_page_numbers(paragraph: Any) -> None:
    """ "Page N of M" with Word's PAGE and NUMPAGES fields (python-docx has no field API)."""
    from docx.oxml import OxmlElement

    def field(code: str) -> None:
        fld = OxmlElement("w:fldSimple")
        fld.set(_qn("w:instr"), f" {code} ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        fld.append(run)
        paragraph._p.append(fld)

    paragraph.add_run("Page ")
    field("PAGE")
    paragraph.add_run(" of ")
    field("NUMPAGES")


def _pt(points: float) -> int:
    """Points as EMU (python-docx lengths)."""
    return round(points * 12700)


class _State:
    def __init__(self, document: Any, style_ids: dict[str, str], next_num: int) -> None:
        self.doc = document
        self.ids = style_ids
        self.numbering = document.part.numbering_part.element
        self.next_num = next_num
        self.body = document.element.body
        # properties the next paragraph takes: a page break before it, space after a table
        self.break_before = False
        self.space_before: float | None = None
        self.last: Any = None  # the last paragraph written

    def paragraph(self, style: str, container: Any = None) -> Any:
        p = (container or self.doc).add_paragraph()
        p._p.style = self.ids[style]  # by id: add_paragraph(style=name) costs ~2 ms a lookup
        if container is None:
            if self.break_before:
                # a property of the paragraph, not a manual break: Word and LibreOffice
                # both honour it, and deleting text before it keeps the new page
                p.paragraph_format.page_break_before = True
                self.break_before = False
            if self.space_before is not None:
                p.paragraph_format.space_before = _pt(self.space_before)
                self.space_before = None
            self.last = p
        return p

    def runs(self, p: Any, runs: tuple[Run, ...]) -> None:
        for run in runs:
            parts = run.text.split("\n")
            for n, part in enumerate(parts):
                r = p.add_run(part)
                if n < len(parts) - 1:
                    r.add_break()
                if run.bold:
                    r.bold = True
                if run.italic:
                    r.italic = True
                if run.underline:
                    r.underline = True

    def block(self, block: Block, following: Block | None) -> None:
        if isinstance(block, Heading):
            self.runs(self.paragraph(f"Heading {block.level}"), block.runs)
        elif isinstance(block, Paragraph):
            p = self.paragraph(PARAGRAPH_STYLES[block.kind])
            self.runs(p, block.runs)
            if block.keep_with_next:
                p.paragraph_format.keep_with_next = True
            if block.keep_together:
                p.paragraph_format.keep_together = True
        elif isinstance(block, ListBlock):
            paragraphs: list[Any] = []
            self.list_block(block, 0, paragraphs)
            for n, p in enumerate(paragraphs):
                if block.keep_together:
                    p.paragraph_format.keep_together = True
                if (block.keep_together and n < len(paragraphs) - 1) or (
                    block.keep_with_next and n == len(paragraphs) - 1
                ):
                    p.paragraph_format.keep_with_next = True
        elif isinstance(block, Caption):
            self.caption(block)
        elif isinstance(block, Table):
            self.table(block, following)
        elif isinstance(block, Signature):
            self.signature(block)
        elif isinstance(block, PageBreak):
            self.break_before = True
            if following is None:
                self.paragraph("Normal")

    def signature(self, block: Signature) -> None:
        lines: list[Any] = []
        if block.rule:
            p = self.paragraph("Counsel Signature")
            # style.css: 12 pt above the rule, which the previous paragraph's 8 pt after
            # already gives in part (Word adds the two where CSS collapses them)
            p.paragraph_format.space_before = _pt(4)
            p.add_run(SIGNATURE_RULE)
            lines.append(p)
        for line in block.lines:
            p = self.paragraph("Counsel Signature")
            self.runs(p, line)
            lines.append(p)
        if lines:
            last = lines[-1].paragraph_format
            last.space_after = _pt(10)
            if not block.keep_with_next:
                last.keep_with_next = False  # the style keeps each line with the next

    def new_num(self, kind: str) -> int:
        """A numbering instance of its own that restarts EVERY level at 1 (or a).

        Word counts each level per abstract numbering, across every instance that refers to
        it, unless the instance overrides that level's start: a startOverride on level 0
        only let a second list's sub-items go on from the first list's ((f), (g) after a
        list's (a)-(e)).
        """
        from docx.oxml import parse_xml

        num_id = self.next_num
        self.next_num += 1
        abstract = _ABSTRACT[kind][0]
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for ilvl in range(len(_ABSTRACT[kind][1]))
        )
        self.numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            )
        )
        return num_id

    def list_block(self, block: ListBlock, level: int, out: list[Any]) -> None:
        num_id = self.new_num(block.kind)  # every list, nested or not, restarts
        for item in block.items:
            p = self.paragraph("List Paragraph")
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = min(level, 2)
            num_pr.get_or_add_numId().val = num_id
            self.runs(p, item.runs)
            out.append(p)
            for child in item.children:
                self.list_block(child, level + 1, out)

    def caption(self, block: Caption) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.shared import Inches

        court: list[Any] = []
        for line in block.court:
            p = self.paragraph("Counsel Court")
            self.runs(p, line)
            court.append(p)
        if court:
            court[-1].paragraph_format.space_after = _pt(12)  # style.css .caption p.court
        widths = [round(w * 1440) for w in CAPTION_WIDTHS]
        table = self._table(1, widths)
        left, right = table.rows[0].cells
        _cell_border(left, "right")
        _cell_margins(left, left=0, right=160)
        _cell_margins(right, left=360, right=160)
        for cell, lines in ((left, block.parties), (right, block.number)):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            first = cell.paragraphs[0]
            for n, line in enumerate(lines):
                p = first if n == 0 else cell.add_paragraph()
                p._p.style = self.ids["Counsel Caption"]
                if cell is left and n in block.indented:
                    p.paragraph_format.left_indent = Inches(1.5)
                self.runs(p, line)
        self.space_before = None  # the title's own space before follows the caption

    def _table(self, rows: int, widths: list[int]) -> Any:
        """A table with a grid that matches its cells: fixed layout, widths in twips."""
        from docx.oxml import parse_xml
        from docx.shared import Twips

        if self.body[-2 if len(self.body) > 1 else -1].tag == _qn("w:tbl"):
            # Word merges two tables that touch: keep them apart with a hairline paragraph
            self.paragraph("Counsel Separator")
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.autofit = False  # w:tblLayout fixed: the grid decides, as in the PDF
        tbl_pr = table._tbl.tblPr
        for old in tbl_pr.findall(_qn("w:tblW")):
            tbl_pr.remove(old)
        tbl_w = parse_xml(f'<w:tblW xmlns:w="{W_NS}" w:w="{sum(widths)}" w:type="dxa"/>')
        style = tbl_pr.find(_qn("w:tblStyle"))
        if style is not None:
            style.addnext(tbl_w)
        else:
            tbl_pr.insert(0, tbl_w)
        for col, width in zip(table.columns, widths, strict=True):
            col.width = Twips(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Twips(width)
        self.last = None
        return table

    def table(self, block: Table, following: Block | None) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import parse_xml

        widths = [round(w * TWIPS_PER_PT) for w in column_widths(block)]
        if not widths:
            return
        table = self._table(len(block.rows), widths)
        tbl_pr = table._tbl.tblPr
        tbl_pr.style = self.ids["Table Grid"]
        look = tbl_pr.find(_qn("w:tblLook"))
        margins = parse_xml(
            f'<w:tblCellMar xmlns:w="{W_NS}"><w:top w:w="40" w:type="dxa"/>'
            '<w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            '<w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        )
        if look is not None:
            look.addprevious(margins)
        else:
            tbl_pr.append(margins)
        last = len(block.rows) - 1
        for r, row in enumerate(block.rows):
            tr = table.rows[r]
            header = block.header and r == 0
            # rows never split; the header row repeats on every page
            tr_pr = tr._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:cantSplit xmlns:w="{W_NS}"/>'))
            if header:
                tr_pr.append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
            # keep-with-next on a row's paragraphs keeps the row with the next one: the
            # header with the first row, the next-to-last row with the last (no row alone
            # at a page top), every row when the table is kept whole, the last row when the
            # table keeps with what follows
            keep_next = (
                header
                or r == last - 1
                or (block.keep_together and r < last)
                or (block.keep_with_next and r == last)
            )
            for c, (cell, text) in enumerate(zip(tr.cells, row, strict=True)):
                p = cell.paragraphs[0]
                p._p.style = self.ids["Counsel Table Text"]
                run = p.add_run(text)
                if header:
                    run.bold = True
                if c in block.numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if keep_next:
                    p.paragraph_format.keep_with_next = True
        if following is None or isinstance(following, Table | PageBreak):
            self.paragraph("Counsel Separator")
        else:
            self.space_before = 10  # style.css: table.data margin-bottom


def _cell_margins(cell: Any, *, left: int, right: int) -> None:
    from docx.oxml import parse_xml

    cell._tc.get_or_add_tcPr().append(
        parse_xml(
            f'<w:tcMar xmlns:w="{W_NS}"><w:left w:w="{left}" w:type="dxa"/>'
            f'<w:right w:w="{right}" w:type="dxa"/></w:tcMar>'
        )
    )


def _cell_border(cell: Any, side: str) -> None:
    from docx.oxml import parse_xml

    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(
        parse_xml(
            f'<w:tcBorders xmlns:w="{W_NS}"><w:{side} w:val="single" w:sz="8" '
            'w:space="0" w:color="000000"/></w:tcBorders>'
        )
    )


CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _add_custom_part(document: Any) -> Any:
    """docProps/custom.xml: provenance as named custom properties (core ones cap at 255)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, b"", package)
    package.relate_to(part, CUSTOM_RT)
    return part


def _custom_properties_xml(meta: dict[str, str]) -> bytes:
    from xml.sax.saxutils import escape

    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(k)}">'
        f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>"
        for pid, (k, v) in enumerate(sorted(meta.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{props}</Properties>'
    ).encode()


def _core_properties(out: Any, doc: Document, meta: dict[str, str], identifier: str) -> None:
    cp = out.core_properties
    md = doc.metadata
    cp.title = md.title
    cp.author = md.author
    cp.subject = md.subject
    cp.keywords = ", ".join(md.keywords)
    cp.last_modified_by = md.author
    cp.category = "counsel"
    cp.identifier = identifier
    cp.comments = f"counsel provenance id {identifier} (details in the custom properties)"
    cp.revision = 1
    when = dt.datetime.fromisoformat(md.date) if md.date else dt.datetime(2000, 1, 1)
    cp.created = when
    cp.modified = when
    cp.last_printed = when


# The parts a document writes into; every other part of the shared package is static.
_DYNAMIC_PARTS = frozenset(
    {"/word/document.xml", "/word/numbering.xml", "/docProps/core.xml", "/docProps/custom.xml"}
)
# Level 1 deflates the XML about 3x faster than the default (6) for files a few KB larger.
_COMPRESSLEVEL = 1


def _serialize(document: Any, static_blobs: dict[str, bytes]) -> bytes:
    """Save the package with fixed member timestamps (zipfile stamps the current time).

    `static_blobs` caches the serialized parts outside _DYNAMIC_PARTS across documents.
    """
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.iter_parts())
    members = [
        (CONTENT_TYPES_URI, _ContentTypesItem.from_parts(parts).blob),  # type: ignore[no-untyped-call]
        (PACKAGE_URI.rels_uri, package.rels.xml),
    ]
    for part in parts:
        name = str(part.partname)
        if name in _DYNAMIC_PARTS:
            blob = part.blob
        else:
            cached = static_blobs.get(name)
            if cached is None:
                cached = static_blobs[name] = part.blob
            blob = cached
        members.append((part.partname, blob))
        if len(part.rels):
            members.append((part.partname.rels_uri, part.rels.xml))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSLEVEL) as dst:
        for uri, blob in members:
            info = zipfile.ZipInfo(uri.membername, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, blob, compresslevel=_COMPRESSLEVEL)
    return buf.getvalue()
