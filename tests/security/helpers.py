"""Shared helpers: the example office, every example's typed answers, one renderer, text out."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@functools.cache
def office() -> Any:
    from counsel.office import load_office

    return load_office(EXAMPLES / "office.toml")


def example_files() -> list[Path]:
    """Every answers file in examples/ (office.toml is the profile, not answers)."""
    return sorted(p for p in EXAMPLES.glob("*.toml") if p.name != "office.toml")


@functools.cache
def example(name: str) -> tuple[str, dict[str, Any]]:
    """(interview id, raw answers) of examples/<name>.toml."""
    from counsel.interviewer import load_answers_file

    interview_id, raw = load_answers_file(EXAMPLES / f"{name}.toml")
    return interview_id, dict(raw)


def typed(interview_id: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Validated, typed answers; fails the test if the answers do not validate."""
    from counsel.interviewer import load_interview

    result = load_interview(interview_id).validate(raw, office())
    assert result.complete, [str(e) for e in result.errors]
    return dict(result.answers)


@functools.cache
def renderer() -> Any:
    from counsel.render import default_renderer

    return default_renderer()


def pdf_text(data: bytes) -> str:
    """Every page's extracted text (pypdf), whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def docx_text(data: bytes) -> str:
    """Every w:t of the main document, headers and footers, as python-docx reads them."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return re.sub(r"\s+", " ", " ".join(parts))


def docx_all_xml(data: bytes) -> str:
    """Every XML part of the package, concatenated (properties included)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(
            zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml")
        )


OFFICE_FILE = str(EXAMPLES / "office.toml")
"""The example office profile, as a command-line argument."""


def render_argv(interview_id: str, answers: Path, out: Path, *extra: str) -> list[str]:
    """`counsel --office <example office> render ... --format both`, plus `extra`."""
    return [
        "--office",
        OFFICE_FILE,
        "render",
        interview_id,
        "--answers",
        str(answers),
        "--out",
        str(out),
        "--format",
        "both",
        *extra,
    ]


def batch_argv(sheet: Path, out: Path, fmt: str, *extra: str) -> list[str]:
    """`counsel --office <example office> batch lien SHEET` in one quiet process, plus `extra`."""
    return [
        "--office",
        OFFICE_FILE,
        "batch",
        "lien",
        str(sheet),
        "--out",
        str(out),
        "--format",
        fmt,
        "--jobs",
        "1",
        "--quiet",
        *extra,
    ]
