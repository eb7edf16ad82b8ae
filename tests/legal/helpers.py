"""Answers files written for the legal tests, rendered once each in both formats and read back
as a reader reads them (pdftotext; the DOCX paragraphs and table cells)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = Path(__file__).resolve().parent / "answers"


@functools.cache
def office(county: str = "Sangamon") -> Any:
    """The example (Sangamon) office, or for a Cook case a Cook office: an office prepares
    only its own county's cases."""
    from counsel.office import load_office

    if county.casefold() == "cook":
        return load_office(Path(__file__).resolve().parent / "office-cook.toml")
    return load_office(ROOT / "examples" / "office.toml")


def office_of(answers: Any) -> Any:
    """The office whose county the answers name (blank: the example office)."""
    return office(str(answers.get("county") or "Sangamon"))


@functools.cache
def renderer() -> Any:
    from counsel.render.core import Renderer

    return Renderer()


def answers(name: str, **changes: Any) -> tuple[str, dict[str, Any]]:
    """(interview id, typed answers) of tests/legal/answers/<name>.toml (or examples/)."""
    from counsel.interviewer import load_answers_file, load_interview

    path = ANSWERS / f"{name}.toml"
    if not path.exists():
        path = ROOT / "examples" / f"{name}.toml"
    interview_id, raw = load_answers_file(path)
    result = load_interview(interview_id).validate({**raw, **changes}, office_of(raw))
    assert not result.errors, [str(e) for e in result.errors]
    return interview_id, dict(result.answers)


_PAGE_LINE = re.compile(r"(?m)^\s*Page \d+ of \d+\s*$")


def flat(text: str) -> str:
    """One line, single spaces, without the page footers a page break puts mid-sentence; a word
    broken at a line end by the PDF is joined again."""
    return " ".join(_PAGE_LINE.sub("", text).replace("-\n", "-").split())


@dataclass(frozen=True)
class Read:
    """One document as rendered: the model, and the PDF and DOCX text as a reader reads it."""

    built: Any
    pdf: str
    docx: str

    @property
    def both(self) -> tuple[str, str]:
        return flat(self.pdf), flat(self.docx)

    def _pairs(self, words: str) -> list[tuple[str, str]]:
        # pdftotext drops the hyphen of a compound broken at a line end ("high-school" ->
        # "highschool"), so the PDF is compared with hyphens removed on both sides.
        needle = flat(words).casefold()
        pdf, docx = (t.casefold() for t in self.both)
        return [(needle.replace("-", ""), pdf.replace("-", "")), (needle, docx)]

    def says(self, words: str) -> bool:
        """The words are in the PDF and in the DOCX (case and spacing ignored)."""
        return all(needle in text for needle, text in self._pairs(words))

    def lacks(self, words: str) -> bool:
        return all(needle not in text for needle, text in self._pairs(words))


def _pdf_text(data: bytes) -> str:
    from tests.golden.conftest import pdf_text

    return pdf_text(data)


def _docx_text(data: bytes) -> str:
    from tests.golden.conftest import docx_text

    return docx_text(data)


_RENDERED: dict[str, dict[str, Read]] = {}


def render(name: str, **changes: Any) -> dict[str, Read]:
    """Every document of the answers file, by output stem, read back from both formats (each
    answers file and set of changes rendered once per session)."""
    key = f"{name}:{sorted(changes.items())!r}"
    if key not in _RENDERED:
        interview_id, typed = answers(name, **changes)
        r = renderer()
        _RENDERED[key] = {
            built.stem: Read(built, _pdf_text(r.to_pdf(built)), _docx_text(r.to_docx(built)))
            for built in r.build(interview_id, typed, office_of(typed))
        }
    return _RENDERED[key]


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
