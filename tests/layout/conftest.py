"""Render every example, the long answers files here, and sweeps that move page breaks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.layout.readback import Page, pdf_pages

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ANSWERS = sorted(
    [p for p in (ROOT / "examples").glob("*.toml") if p.name != "office.toml"]
    + list((HERE / "answers").glob("*.toml"))
)
ON = dt.date(2026, 11, 23)
# Sweeps: the same case with more and more text before the signature, so that the page
# break falls at every place near a signature block (the defects show only at some lengths).
LEGAL_WORDS = "Commencing at the northeast corner of the lot, thence south along the line"
SWEEP_LIEN = range(0, 12)
SWEEP_CHILDREN = range(1, 9)


@dataclass(frozen=True)
class Case:
    name: str
    built: Any  # BuiltDocument
    pdf: bytes
    docx: bytes
    pages: tuple[Page, ...]


def _answers() -> list[tuple[str, str, dict[str, Any]]]:
    from counsel.interviewer import load_answers_file

    out = []
    for path in ANSWERS:
        interview_id, raw = load_answers_file(path)
        out.append((path.stem, interview_id, dict(raw)))
    _, lien = load_answers_file(ROOT / "examples" / "lien-real-estate.toml")
    for n in SWEEP_LIEN:
        raw = dict(lien)
        raw["legal_description"] = " ".join([str(raw["legal_description"])] + [LEGAL_WORDS] * n)
        out.append((f"sweep-lien-{n}", "lien", raw))
    _, order = load_answers_file(ROOT / "examples" / "prior-period-judicial.toml")
    for n in SWEEP_CHILDREN:
        raw = dict(order)
        raw["children"] = [
            {"name": f"Child{i} Sweep", "birth_date": dt.date(2010 + i, 1 + i, 1)} for i in range(n)
        ]
        out.append((f"sweep-children-{n}", "prior-period", raw))
    return out


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    from counsel.interviewer import load_interview
    from counsel.office import load_office
    from counsel.render.core import Renderer

    office = load_office(ROOT / "examples" / "office.toml")
    renderer = Renderer()
    out = []
    for name, interview_id, raw in _answers():
        result = load_interview(interview_id).validate(raw, office)
        assert result.complete, (name, result.errors)
        for built in renderer.build(interview_id, result.answers, office, ON):
            pdf = renderer.to_pdf(built)
            out.append(
                Case(
                    f"{name}/{built.stem}",
                    built,
                    pdf,
                    renderer.to_docx(built),
                    tuple(pdf_pages(pdf)),
                )
            )
    return out
