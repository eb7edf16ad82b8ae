"""The two writers: page setup, fonts, metadata, no fetching, adversarial text as literal."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from counsel.render.model import Document, Metadata
from counsel.render.parse import parse_html

ADVERSARIAL = [
    "<b>bold</b><script>alert(1)</script>",
    "{{ 7*7 }} {% for x in y %}",
    "file:///etc/passwd",
    "a\x07b\x0bc \"quoted\" & 'single'",
    "<img src='http://example.com/x.png'>",
]


def _doc(html: str) -> Document:
    blocks, marks = parse_html(html)
    return Document(
        "t", Metadata("Title", "Office", "2026-F-1", (), "2026-11-23"), tuple(blocks), marks
    )


@pytest.fixture(scope="module")
def pdf_writer() -> Any:
    from counsel.render.pdf import PdfWriter

    return PdfWriter()


@pytest.fixture(scope="module")
def docx_writer() -> Any:
    from counsel.render.docx_writer import DocxWriter

    return DocxWriter()


def _adversarial_doc() -> Document:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(autoescape=True)
    html = env.from_string(
        "<h1>{{ vals[0] }}</h1>{% for v in vals %}<p>{{ v }}</p>{% endfor %}"
        '<ol type="a">{% for v in vals %}<li>{{ v }}</li>{% endfor %}</ol>'
        "<table><tr><th>v</th></tr>{% for v in vals %}<tr><td>{{ v }}</td></tr>{% endfor %}</table>"
    ).render(vals=ADVERSARIAL)
    return _doc(html)


def _expected_literals() -> list[str]:
    return [
        "<b>bold</b><script>alert(1)</script>",
        "{{ 7*7 }} {% for x in y %}",
        "file:///etc/passwd",
        "a\\x07b\\x0bc",
        "<img src='http://example.com/x.png'>",
    ]


def test_adversarial_values_are_literal_text_in_the_pdf(pdf_writer: Any, tmp_path: Any) -> None:
    from pypdf import PdfReader

    data = pdf_writer.write(_adversarial_doc(), {}, "x")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    for literal in _expected_literals():
        assert literal in flat, literal
    assert "49" not in flat, "Jinja syntax in a value is never evaluated"


def test_adversarial_values_are_literal_text_in_the_docx(docx_writer: Any) -> None:
    import docx

    data = docx_writer.write(_adversarial_doc(), {}, "x")
    d = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    text += "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    for literal in _expected_literals():
        assert literal in text, literal


def test_the_fetcher_refuses_file_http_and_data_urls(pdf_writer: Any) -> None:
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://x", "data:,x"):
        with pytest.raises(ValueError, match="fetches nothing"):
            pdf_writer.fetcher.fetch(url)
    assert pdf_writer.fetcher.fetch("counsel-package:style.css").read().startswith(b"/*")


def test_html_that_asks_for_a_file_cannot_get_it(pdf_writer: Any) -> None:
    from weasyprint.urls import FatalURLFetchingError

    html = '<html><body><img src="file:///etc/passwd"><p>x</p></body></html>'
    with pytest.raises(FatalURLFetchingError):
        pdf_writer.write_html(html, "x")


def test_pdf_page_setup_and_metadata(pdf_writer: Any) -> None:
    from pypdf import PdfReader

    data = pdf_writer.write(_doc("<p>Hello</p>"), {"counsel-template-hash": "abc"}, "x")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)
    assert not reader.is_encrypted
    meta = reader.metadata
    assert meta is not None
    assert (meta["/Title"], meta["/Author"], meta["/Subject"]) == ("Title", "Office", "2026-F-1")
    assert meta["/CreationDate"].startswith("D:20261123000000")
    assert meta["/counseltemplatehash"] == "abc"
    assert "Page 1 of 1" in reader.pages[0].extract_text()


def test_docx_structure(docx_writer: Any) -> None:
    import docx
    from docx.shared import Inches, Pt

    data = docx_writer.write(
        _doc("<h1>T</h1><p>Body</p><ol><li>a</li><li>b</li></ol><ol><li>c</li></ol>"),
        {"k": "v"},
        "x",
    )
    d = docx.Document(io.BytesIO(data))
    assert [p.style.name for p in d.paragraphs][:2] == ["Heading 1", "Body Text"]
    section = d.sections[0]
    # page one's 2-inch top: a first-page header reaching 2 in, not space on the first line
    assert section.different_first_page_header_footer
    header = section.first_page_header.paragraphs[0].paragraph_format
    assert section.header_distance + header.line_spacing == Inches(2)
    assert d.paragraphs[0].paragraph_format.space_before is None
    assert "PAGE" in section.first_page_footer.paragraphs[0]._p.xml
    nums = [p._p.pPr.numPr.numId.val for p in d.paragraphs if p._p.pPr.numPr is not None]
    assert len(nums) == 3 and nums[0] == nums[1] != nums[2], "each list restarts numbering"
    assert d.styles["Normal"].font.size == Pt(12)
    assert d.sections[0].top_margin == Inches(1)
    footer = d.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/custom.xml" in names
    assert all(
        i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
    )


def test_docx_writer_reuse_does_not_leak_between_documents(docx_writer: Any) -> None:
    first = docx_writer.write(_doc("<p>First</p><ol><li>x</li></ol>"), {}, "a")
    docx_writer.write(_doc("<p>Other</p><ol><li>y</li></ol><ol><li>z</li></ol>"), {}, "b")
    again = docx_writer.write(_doc("<p>First</p><ol><li>x</li></ol>"), {}, "a")
    assert first == again


def test_docx_uses_one_font_everywhere(docx_writer: Any) -> None:
    """Word prefers a theme font over a named one: no style may keep a theme font."""
    import re

    data = docx_writer.write(_doc("<h1>T</h1><h2>S</h2><p>Body</p>"), {}, "x")
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    fonts = set(re.findall(r"<w:rFonts[^>]*>", styles))
    assert fonts == {
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        'w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
    }
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults is not None and '<w:sz w:val="24"/>' in defaults.group()


def test_docx_every_used_style_is_at_least_12_point(docx_writer: Any) -> None:
    import docx
    from docx.shared import Pt

    html = (
        '<div class="caption"><div class="court">C</div><div class="parties">P</div>'
        '<div class="number">N</div></div><h1>T</h1><h2>S</h2><h3>s</h3><p>b</p>'
        '<p class="center">c</p><p class="title">t</p><p class="quote">q</p><ol><li>i</li></ol>'
        '<table><tr><th>a</th></tr><tr><td>1</td></tr></table><div class="signature"><p>x</p></div>'
    )
    d = docx.Document(io.BytesIO(docx_writer.write(_doc(html), {}, "x")))

    def size(style: Any) -> Any:
        while style is not None:
            if style.font.size is not None:
                return style.font.size
            style = style.base_style
        return Pt(12)  # the document default, set to 12 pt

    paragraphs = list(d.paragraphs) + list(d.sections[0].footer.paragraphs)
    paragraphs += [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in paragraphs:
        assert size(p.style) >= Pt(12), p.style.name
        for run in p.runs:
            assert run.font.size is None or run.font.size >= Pt(12)
