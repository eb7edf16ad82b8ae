"""Render every example answers file once per session (PDF and DOCX bytes, in memory)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.toml") if p.name != "office.toml")
# Golden files are rendered at this fixed document date (the examples' own date).
GOLDEN_DATE = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class Rendered:
    example: str
    interview: str
    answers: dict[str, Any]
    findings: dict[str, Any]
    documents: list[Any]  # BuiltDocument
    pdf: dict[str, bytes]
    docx: dict[str, bytes]
    pdf_txt: dict[str, str]
    docx_txt: dict[str, str]


def pdf_text(data: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)


def normalize(text: str) -> str:
    """One line per non-empty line, inner whitespace collapsed, page footers dropped."""
    import re

    out = []
    for line in text.replace("\f", "\n").splitlines():
        line = " ".join(line.split())
        if not line or re.fullmatch(r"Page \d+ of \d+", line):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture(scope="session")
def renderer() -> Any:
    from counsel.render.core import Renderer

    return Renderer()


@pytest.fixture(scope="session")
def office() -> Any:
    from counsel.office import load_office

    return load_office(ROOT / "examples" / "office.toml")


@pytest.fixture(scope="session")
def rendered(renderer: Any, office: Any) -> dict[str, Rendered]:
    from counsel.interviewer import load_answers_file, load_interview

    out: dict[str, Rendered] = {}
    for example in EXAMPLES:
        interview_id, raw = load_answers_file(ROOT / "examples" / f"{example}.toml")
        iv = load_interview(interview_id)
        result = iv.validate(raw, office)
        assert result.complete, (example, result.errors)
        findings = iv.findings(result.answers, office, GOLDEN_DATE)
        docs = renderer.build(interview_id, result.answers, office, GOLDEN_DATE)
        pdf = {d.stem: renderer.to_pdf(d) for d in docs}
        docx = {d.stem: renderer.to_docx(d) for d in docs}
        out[example] = Rendered(
            example,
            interview_id,
            result.answers,
            findings,
            docs,
            pdf,
            docx,
            {k: pdf_text(v) for k, v in pdf.items()},  # extracted once: pdftotext is a process
            {k: docx_text(v) for k, v in docx.items()},
        )
    return out
