"""DOCX (and PDF) output of hostile text: XML syntax is escaped and shown literally; XML-illegal
control characters are replaced by a visible escape (`\\x07`), never dropped silently and never
a crash (counsel.render.parse.visible)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from lxml import etree

from tests.security import helpers, tally

CONTROL = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f"
VALUES = [
    "Smith & Sons",
    "a < b > c",
    "</w:t></w:r><w:r><w:t>injected",
    "<![CDATA[x]]> ]]>",
    "&amp; &#x41; &lt;",
    "\"quoted\" 'single'",
    "tab\there",
    f"ctl{CONTROL}end",
    "\ufffe\uffff nonchars",
    "emoji \U0001f600 and accents \u00e9 \u00f1",
]


def _expected(value: str) -> str:
    """What the reader must see: the value with each XML-illegal character as \\xNN."""
    from counsel.render.parse import visible

    return visible(value)


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[bytes, bytes]]:
    """One registration render per value, in the obligor's name, address and IV-D number."""
    from counsel.interviewer import load_interview

    interview_id, raw = helpers.example("registration")
    out: dict[str, tuple[bytes, bytes]] = {}
    for value in VALUES:
        answers = load_interview(interview_id).validate(
            {
                **raw,
                "obligor_name": f"Ann {value} Doe",
                "obligor_address": f"1 Main St {value}\nSpringfield, IL 62704",
                "iv_d_case_number": f"IVD-{value}",
            },
            helpers.office(),
        )
        assert answers.complete, [str(e) for e in answers.errors]
        built = helpers.renderer().build(interview_id, dict(answers.answers), helpers.office())
        doc = built[0]
        out[value] = (helpers.renderer().to_docx(doc), helpers.renderer().to_pdf(doc))
    return out


@pytest.mark.parametrize("value", VALUES)
def test_docx_opens_and_shows_the_literal_text(
    rendered: dict[str, tuple[bytes, bytes]], value: str
) -> None:
    tally.attack()
    docx_bytes, _ = rendered[value]
    # Every XML part is well-formed (what Word's parser needs first).
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name))
    text = helpers.docx_text(docx_bytes)
    assert f"Ann {_expected(value)} Doe".replace("\t", " ") in text.replace("\t", " ")
    # No element was injected: the only w:t holding "injected" also holds the closing tag text.
    xml = helpers.docx_all_xml(docx_bytes)
    assert "<w:t>injected" not in xml


@pytest.mark.parametrize("value", VALUES)
def test_pdf_shows_the_same_literal_text(
    rendered: dict[str, tuple[bytes, bytes]], value: str
) -> None:
    _, pdf = rendered[value]
    words = helpers.pdf_text(pdf).replace(" ", "")
    # pypdf drops some invisible characters; compare the printable part.
    printable = "".join(c for c in _expected(value) if c.isprintable() and not c.isspace())
    assert printable in words


def test_control_characters_are_replaced_visibly_not_dropped(
    rendered: dict[str, tuple[bytes, bytes]],
) -> None:
    text = helpers.docx_text(rendered[f"ctl{CONTROL}end"][0])
    assert "ctl\\x00\\x01\\x07\\x08\\x0b\\x0c\\x0e\\x1b\\x1f\\x7fend" in text


def test_docx_metadata_survives_hostile_case_number(
    rendered: dict[str, tuple[bytes, bytes]],
) -> None:
    import docx

    document: Any = docx.Document(io.BytesIO(rendered[f"ctl{CONTROL}end"][0]))
    assert document.core_properties.subject == f"IVD-{_expected(f'ctl{CONTROL}end')}"
