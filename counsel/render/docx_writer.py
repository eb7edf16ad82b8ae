"""The DOCX writer: the document model as real Word styles, numbering and page setup."""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from typing import Any

from counsel.render.html_out import SIGNATURE_RULE
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
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, Pt, RGBColor

        base = docx.Document()
        styles = base.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.15
        rpr = normal.element.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in ("w:eastAsia", "w:cs"):
            rfonts.set(_qn(attr), FONT)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Body Text", "Quote"):
            st = styles[name]
            st.font.name = FONT
            st.font.size = Pt(12)
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.font.italic = name == "Quote"
            st.paragraph_format.space_before = Pt(12 if name.startswith("Heading") else 0)
            st.paragraph_format.space_after = Pt(6 if name.startswith("Heading") else 8)
            if name.startswith("Heading") or name == "Title":
                st.font.bold = True
                st.paragraph_format.keep_with_next = True
        for name in ("Title", "Heading 1", "Heading 2"):
            styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        ):
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = normal
            st.paragraph_format.alignment = align
            if name == "Counsel Title":
                st.font.bold = True
            if name == "Counsel Signature":
                st.paragraph_format.left_indent = Inches(3)
                st.paragraph_format.space_after = Pt(0)
                st.paragraph_format.keep_with_next = True
            if name == "Counsel Caption":
                st.paragraph_format.space_after = Pt(0)
        lp = styles["List Paragraph"]
        lp.paragraph_format.space_after = Pt(6)

        _one_font(styles.element)

        section = base.sections[0]
        section.page_width = Inches(8.5)
        section.page_height = Inches(11)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))
        section.header_distance = Inches(0.5)
        section.footer_distance = Inches(0.5)
        footer_p = section.footer.paragraphs[0]
        footer_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _footer_page_numbers(footer_p)

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
            "Table Grid",
        ):
            self._style_ids[name] = styles[name].style_id

    def write(self, doc: Document, meta: dict[str, str], identifier: str) -> bytes:
        # One styled package is reused: parsing a fresh .docx costs ~15 ms a document. The
        # body and the added list instances are reset before each document.
        with self._lock:
            self._reset()
            state = _State(self._doc, self._style_ids, self._base_nums + 1)
            for block in doc.blocks:
                state.block(block)
            state.first_page_margin()
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


class _State:
    def __init__(self, document: Any, style_ids: dict[str, str], next_num: int) -> None:
        self.doc = document
        self.ids = style_ids
        self.first: Any = None
        self.numbering = document.part.numbering_part.element
        self.next_num = next_num

    def paragraph(self, style: str) -> Any:
        p = self.doc.add_paragraph()
        p._p.style = self.ids[style]  # by id: add_paragraph(style=name) costs ~2 ms a lookup
        if self.first is None:
            self.first = p
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

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.runs(self.paragraph(f"Heading {block.level}"), block.runs)
        elif isinstance(block, Paragraph):
            self.runs(self.paragraph(PARAGRAPH_STYLES[block.kind]), block.runs)
        elif isinstance(block, ListBlock):
            self.list_block(block, 0)
        elif isinstance(block, Caption):
            self.caption(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Signature):
            if block.rule:
                p = self.paragraph("Counsel Signature")
                p.paragraph_format.space_before = 18 * 12700
                p.add_run(SIGNATURE_RULE)
            for line in block.lines:
                self.runs(self.paragraph("Counsel Signature"), line)
        elif isinstance(block, PageBreak):
            from docx.enum.text import WD_BREAK

            p = self.paragraph("Normal")
            p.add_run().add_break(WD_BREAK.PAGE)

    def new_num(self, kind: str) -> int:
        from docx.oxml import parse_xml

        num_id = self.next_num
        self.next_num += 1
        abstract = _ABSTRACT[kind][0]
        self.numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return num_id

    def list_block(self, block: ListBlock, level: int, num_id: int | None = None) -> None:
        if num_id is None or level == 0:
            num_id = self.new_num(block.kind)
        for item in block.items:
            p = self.paragraph("List Paragraph")
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = min(level, 2)
            num_pr.get_or_add_numId().val = num_id
            self.runs(p, item.runs)
            for child in item.children:
                # a nested list restarts: give it its own numbering instance
                self.list_block(child, level + 1, self.new_num(child.kind))

    def caption(self, block: Caption) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        for line in block.court:
            p = self.paragraph("Counsel Caption")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.runs(p, tuple(Run(r.text, True, r.italic, r.underline) for r in line))
        self.paragraph("Counsel Caption")
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        left, right = table.rows[0].cells
        left.width = Inches(3.8)
        right.width = Inches(2.7)
        _cell_border(left, "right")
        for cell, lines in ((left, block.parties), (right, block.number)):
            first = cell.paragraphs[0]
            for n, line in enumerate(lines):
                p = first if n == 0 else cell.add_paragraph()
                p._p.style = self.ids["Counsel Caption"]
                if cell is left and n in block.indented:
                    p.paragraph_format.left_indent = Inches(1.5)
                self.runs(p, line)
        right.vertical_alignment = 1  # center
        self.paragraph("Counsel Caption")

    def table(self, block: Table) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        width = len(block.rows[0]) if block.rows else 0
        table = self.doc.add_table(rows=len(block.rows), cols=width)
        table._tbl.tblPr.style = self.ids["Table Grid"]
        for r, row in enumerate(block.rows):
            cells = table.rows[r].cells
            for c, text in enumerate(row):
                p = cells[c].paragraphs[0]
                run = p.add_run(text)
                if block.header and r == 0:
                    run.bold = True
                if c in block.numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.paragraph("Normal")

    def first_page_margin(self) -> None:
        """Page one's 2-inch top margin: Word margins are per section, so add 1 inch above."""
        if self.first is not None:
            self.first.paragraph_format.space_before = 72 * 12700


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
