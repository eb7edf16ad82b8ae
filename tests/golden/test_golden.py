"""Golden text for every example (PDF and DOCX), plus the checks a reviewer would make.

Regenerate the golden files after a deliberate template change with
`COUNSEL_REGEN_GOLDEN=1 .venv/bin/pytest tests/golden` and review the diff before committing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.golden.conftest import EXAMPLES, GOLDEN_DATE, Rendered, normalize

EXPECTED = Path(__file__).resolve().parent / "expected"
REGEN = os.environ.get("COUNSEL_REGEN_GOLDEN") == "1"


def _compare(path: Path, actual: str) -> None:
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with COUNSEL_REGEN_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs from the golden file"


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden_text(rendered: dict[str, Rendered], example: str) -> None:
    r = rendered[example]
    assert r.documents, "every example produces at least one document"
    for stem in r.pdf:
        _compare(EXPECTED / example / f"{stem}.pdf.txt", normalize(r.pdf_txt[stem]))
        _compare(EXPECTED / example / f"{stem}.docx.txt", normalize(r.docx_txt[stem]))


_CITATION_BREAK = re.compile(r"(/[\w.\-]+(?:\([\w.\-]+\))+)\s+\(")


def _words(text: str) -> list[str]:
    # List markers are drawn by each format's own numbering (CSS counters, Word numbering),
    # so they are the one thing allowed to differ. The PDF may break a line between two
    # pinpoints of a citation ("28/20(a)" / "(2)"): the words are the same.
    words = _CITATION_BREAK.sub(r"\1(", text).split()
    # pdftotext joins a word broken at a line-end hyphen, dropping the hyphen
    return [w.replace("-", "") for w in words if not re.fullmatch(r"\(?[0-9a-z]{1,3}[.)]|•|–", w)]


def _without_repeated_headers(words: list[str], document: Any) -> list[str]:
    """The PDF repeats a table's header row on every page the table reaches (the DOCX
    marks it to repeat, but its text is there once): keep the first of each."""
    from counsel.render.model import Table

    for block in document.model.blocks:
        if not (isinstance(block, Table) and block.header and block.rows):
            continue
        head = _words(" ".join(block.rows[0]))
        found = [i for i in range(len(words)) if words[i : i + len(head)] == head]
        for i in reversed(found[1:]):
            del words[i : i + len(head)]
    return words


@pytest.mark.parametrize("example", EXAMPLES)
def test_pdf_and_docx_say_the_same(rendered: dict[str, Rendered], example: str) -> None:
    r = rendered[example]
    docs = {d.stem: d for d in r.documents}
    for stem in r.pdf:
        pdf_words = _without_repeated_headers(_words(r.pdf_txt[stem].replace("|", " ")), docs[stem])
        docx_words = _words(r.docx_txt[stem].replace("|", " "))
        pdf_words = [w for w in pdf_words if not re.fullmatch(r"Page|of|\d+", w)]
        docx_words = [w for w in docx_words if not re.fullmatch(r"Page|of|\d+", w)]
        assert sorted(pdf_words) == sorted(docx_words), stem


def _texts(r: Rendered) -> dict[str, str]:
    return {stem: r.pdf_txt[stem] for stem in r.pdf}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_template_syntax_and_last_four_only(rendered: dict[str, Rendered], example: str) -> None:
    r = rendered[example]
    ssn = r.answers.get("obligor_ssn") or ""
    for d in r.documents:
        text = r.pdf_txt[d.stem] + r.docx_txt[d.stem]
        for token in ("{{", "}}", "{%", "%}", "{#"):
            assert token not in text, (d.stem, token)
        digits = re.sub(r"\D", "", ssn)
        if d.spec.confidential:
            assert ssn in text, "the confidential notice carries the full number"
        elif digits:
            assert ssn not in text and digits not in text, d.stem
        if "Social Security number" in text and not d.spec.confidential:
            assert f"XXX-XX-{digits[-4:]}" in _flat(text)


def _caption_checks(kind: str, text: str, office: Any) -> None:
    flat = _flat(text)
    if kind == "judicial":
        assert "IN THE CIRCUIT COURT OF THE SEVENTH JUDICIAL CIRCUIT" in flat
        assert "SANGAMON COUNTY, ILLINOIS" in flat
        assert "THE PEOPLE OF THE STATE OF ILLINOIS ex rel." in flat
        assert "Petitioners," in flat and "Respondent." in flat
        assert flat.index("Petitioners,") < flat.index("Respondent.")
    else:
        assert "ILLINOIS DEPARTMENT OF HEALTHCARE AND FAMILY SERVICES" in flat
        assert "SANGAMON COUNTY UNIFIED CHILD SUPPORT SERVICES PROGRAM" in flat
        assert "IV-D Case No." in flat


@pytest.mark.parametrize("example", EXAMPLES)
def test_captions(rendered: dict[str, Rendered], example: str, office: Any) -> None:
    r = rendered[example]
    for d in r.documents:
        kind = d.spec.caption
        if kind == "track":
            kind = str(r.answers["track"])
        if kind:
            _caption_checks(kind, r.pdf_txt[d.stem], office)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.startswith("prior-period")])
def test_orders_carry_every_required_element(rendered: dict[str, Rendered], example: str) -> None:
    """Each element templates/elements.toml requires of the order is marked, and its words
    are in the PDF and the DOCX as a reader reads them."""
    from counsel.render.elements import elements_of, normalize

    r = rendered[example]
    (order,) = [d for d in r.documents if not d.spec.confidential]
    required = [e for e in elements_of(order.spec.id) if e.in_force(GOLDEN_DATE) and not e.when]
    assert len(required) >= (12 if r.answers["track"] == "judicial" else 11)
    flat = _flat(r.pdf_txt[order.stem])
    for text in (r.pdf_txt[order.stem], r.docx_txt[order.stem]):
        reader = normalize(text.replace("-\n", "-"))
        for e in required:
            assert e.id in order.model.provisions, e.id
            for word in e.words:
                assert normalize(word) in reader, (e.id, word)
    # each child's termination date, as the rules computed it
    for t in r.findings["termination_dates"].value:
        assert f"{t.date:%B} {t.date.day}, {t.date.year}" in flat
    assert f"${r.findings['prior_period_total'].value:,.2f}" in flat
    # 750 ILCS 28/20(a)(2): 20% of current support plus the periodic arrearage payment
    base = r.answers["guideline_monthly"] + (r.answers["prior_period_monthly_payment"] or 0)
    assert f"an additional ${base * 20 / 100:,.2f} a month" in flat


def _long(day: Any) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def test_deadlines_as_computed(rendered: dict[str, Rendered]) -> None:
    admin = rendered["prior-period-administrative"]
    flat = _flat(next(iter(admin.pdf_txt.values())))
    petition = _long(admin.findings["petition_deadline"].value)
    assert f"the last day for the Department to receive a petition is {petition}" in flat
    # 2026-11-25 + 30 = Friday 2026-12-25 (Christmas), then Sat/Sun: Monday 2026-12-28
    assert admin.findings["petition_deadline"].value.isoformat() == "2026-12-28"
    assert _long(admin.findings["relief_deadline"].value) in flat

    reg = rendered["registration"]
    notice = _flat(reg.pdf_txt["notice-of-registration"])
    contest = reg.findings["registration_contest_deadline"].value
    assert f"the last day to request a hearing is {_long(contest)}" in notice
    assert "$2,875.40" in notice

    for example in ("lien-account", "lien-real-estate"):
        lien = rendered[example]
        day = _long(lien.findings["lien_hearing_deadline"].value)
        for stem, text in lien.pdf_txt.items():
            assert f"the last day is {day}" in _flat(text), stem


def test_lien_notices_go_to_holder_obligor_and_each_joint_owner(
    rendered: dict[str, Rendered],
) -> None:
    account = rendered["lien-account"]
    assert sorted(account.pdf) == [
        "notice-of-lien",
        "notice-of-lien-to-joint-owner-1",
        "notice-of-lien-to-obligor",
    ]
    owner = _flat(account.pdf_txt["notice-of-lien-to-joint-owner-1"])
    assert "To: Sam K. Madeup" in owner
    assert "As a joint owner, you may request a hearing" in owner
    assert "ending in 4821" in owner
    real = rendered["lien-real-estate"]
    notice = _flat(real.pdf_txt["notice-of-lien"])
    assert "Lot 12 in Example Subdivision" in notice  # 160.70(g)(1)(B)(ii)
    assert "Recorder of Deeds" in notice


def test_registration_documents(rendered: dict[str, Rendered]) -> None:
    reg = rendered["registration"]
    assert list(reg.pdf) == [
        "registration-of-administrative-order",
        "notice-of-registration",
        "sworn-statement-of-past-due-support",
        "notice-of-confidential-information",
        "certificate-of-service",
    ]
    sworn = _flat(reg.pdf_txt["sworn-statement-of-past-due-support"])
    assert "Section 1-109 of the Code of Civil Procedure (735 ILCS 5/1-109)" in sworn
    cert = _flat(reg.pdf_txt["certificate-of-service"])
    # entered by default: not first-class mail alone (10-15.1(d-5)); the Department always is
    assert "not first-class mail alone, because the order was entered by default" in cert
    assert "Healthcare and Family Services, by first-class mail" in cert


def test_family_violence_keeps_the_protected_address_out(rendered: dict[str, Rendered]) -> None:
    r = rendered["prior-period-judicial"]
    assert r.answers["family_violence"] and r.answers["protected_party"] == "obligee"
    for stem, pdf in r.pdf_txt.items():
        text = pdf + r.docx_txt[stem]
        for line in str(r.answers["obligee_address"]).splitlines():
            assert line not in text, stem


def test_job_program_orders(rendered: dict[str, Rendered]) -> None:
    admin = _flat(next(iter(rendered["job-program-administrative"].pdf_txt.values())))
    assert "no later than December 7, 2026" in admin
    assert "as that program's rules require" in admin and "diary" not in admin
    assert "reasonable modification" in admin
    assert "$50.00 a month" in admin  # the plan under 10-11.1(b)
    judicial = _flat(next(iter(rendered["job-program-judicial"].pdf_txt.values())))
    assert "delivered to the Court every month" in judicial
    assert "telephone check-ins" in judicial


def _ink_box(png: bytes, limit: int) -> tuple[int, int, int, int, int, int]:
    """Page size and the box holding all ink above y = `limit` (the body, not the footer)."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    inverted = img.point(lambda v: 255 if v < 200 else 0).crop((0, 0, img.width, limit))
    left, top, right, bottom = inverted.getbbox() or (0, 0, 0, 0)
    return img.width, img.height, left, top, right, bottom


@pytest.mark.parametrize("example", EXAMPLES)
def test_first_page_image_size_and_margins(
    rendered: dict[str, Rendered], example: str, tmp_path: Path
) -> None:
    r = rendered[example]
    (tmp_path / "doc.pdf").write_bytes(next(iter(r.pdf.values())))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-singlefile", "-f", "1", "-l", "1"]
        + [str(tmp_path / "doc.pdf"), str(tmp_path / "page")],
        check=True,
    )
    png = (tmp_path / "page.png").read_bytes()
    # The page number sits centred in the bottom margin (about 750-763 pt): look above it.
    width, height, left, top, right, bottom = _ink_box(png, 742)
    assert (width, height) == (612, 792)  # 8.5 x 11 in. at 72 dpi (Ill. S. Ct. R. 10)
    assert top >= 144 - 1, "page one keeps a 2-inch top margin for the clerk's stamp"
    assert left >= 72 - 1 and right <= 612 - 72 + 1, "1-inch side margins"
    assert bottom <= 792 - 72 + 1, "1-inch bottom margin"
    assert top < 200, "the caption starts right below the 2-inch margin"


def test_pdf_metadata_fonts_and_no_encryption(rendered: dict[str, Rendered]) -> None:
    import io

    from pypdf import PdfReader

    r = rendered["registration"]
    doc = r.documents[1]
    data = r.pdf[doc.stem]
    reader = PdfReader(io.BytesIO(data))
    assert not reader.is_encrypted
    info = reader.metadata
    assert info is not None
    assert info["/Title"] == "Notice of Registration of Administrative Support Order"
    assert info["/Author"] == "Sangamon County State's Attorney, Child Support Division"
    assert info["/Subject"] == "IVD-2025-000303"  # no court number yet: the IV-D number
    assert info["/counseltemplatehash"] == doc.provenance.template_hash
    assert info["/counselstatutesnapshot"] == doc.provenance.statute_snapshot
    assert info["/counselanswershash"] == doc.provenance.answers_hash
    assert "Ill" in reader.pages[0].extract_text()  # text-searchable
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    rows = fonts.stdout.decode().splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), "every font embedded (subset)"
    assert all("Liberation-Serif" in row for row in rows)


def test_docx_metadata_and_word_structure(rendered: dict[str, Rendered]) -> None:
    import io

    import docx
    from docx.shared import Inches

    r = rendered["prior-period-judicial"]
    doc = r.documents[0]
    d = docx.Document(io.BytesIO(r.docx[doc.stem]))
    cp = d.core_properties
    assert cp.title == "Order for Support (with prior-period support)"
    assert cp.author == "Sangamon County State's Attorney, Child Support Division"
    assert cp.subject == "2026-F-000417"
    assert cp.created is not None and cp.created.date() == GOLDEN_DATE
    section = d.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == section.right_margin == section.top_margin == Inches(1)
    styles = {p.style.name for p in d.paragraphs}
    assert {"Heading 1", "Heading 2", "List Paragraph", "Body Text"} <= styles
    numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) >= 9, "order items are real Word numbered paragraphs"
    import zipfile

    custom = zipfile.ZipFile(io.BytesIO(r.docx[doc.stem])).read("docProps/custom.xml").decode()
    assert doc.provenance.template_hash in custom
    assert doc.provenance.answers_hash in custom


def test_same_inputs_give_identical_bytes(rendered: dict[str, Rendered], renderer: Any) -> None:
    r = rendered["registration"]
    again = renderer.build(r.interview, r.answers, _office(), GOLDEN_DATE)
    for d in again:
        assert renderer.to_pdf(d) == r.pdf[d.stem]
        assert renderer.to_docx(d) == r.docx[d.stem]


def _office() -> Any:
    from counsel.office import load_office

    return load_office(Path(__file__).resolve().parents[2] / "examples" / "office.toml")


def test_identical_bytes_in_a_fresh_process(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    """No timestamp, random id or hash seed leaks in: another interpreter writes the same."""
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from counsel.interviewer import load_answers_file, load_interview\n"
        "from counsel.office import load_office\n"
        "from counsel.render.core import Renderer\n"
        f"root = Path({str(root)!r})\n"
        "office = load_office(root / 'examples' / 'office.toml')\n"
        "iid, raw = load_answers_file(root / 'examples' / 'lien-real-estate.toml')\n"
        "answers = load_interview(iid).validate(raw, office).answers\n"
        "r = Renderer()\n"
        "d = r.build(iid, answers, office, dt.date(2026, 11, 23))[0]\n"
        "sys.stdout.buffer.write(r.to_pdf(d) + b'--SPLIT--' + r.to_docx(d))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout
    pdf, docx_bytes = out.split(b"--SPLIT--")
    r = rendered["lien-real-estate"]
    assert pdf == r.pdf["notice-of-lien"]
    assert docx_bytes == r.docx["notice-of-lien"]
