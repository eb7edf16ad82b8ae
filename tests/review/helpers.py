"""The review's answers files (tests/review/answers), rendered once each in both formats and
read back as a reader reads them (the legal tests' reading: tests/legal/helpers.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.legal.helpers import Read, flat, office, renderer

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = Path(__file__).resolve().parent / "answers"

__all__ = ["ANSWERS", "ROOT", "Read", "answers", "flat", "office", "raw", "render", "renderer"]


def raw(name: str) -> tuple[str, dict[str, Any]]:
    """(interview id, raw answers) of tests/review/answers/<name>.toml."""
    from counsel.interviewer import load_answers_file

    interview_id, answers = load_answers_file(ANSWERS / f"{name}.toml")
    return interview_id, dict(answers)


def answers(name: str, **changes: Any) -> tuple[str, dict[str, Any]]:
    """(interview id, typed answers); the file must validate."""
    from counsel.interviewer import load_interview

    interview_id, given = raw(name)
    result = load_interview(interview_id).validate({**given, **changes}, office())
    assert not result.errors, [str(e) for e in result.errors]
    return interview_id, dict(result.answers)


_RENDERED: dict[str, dict[str, Read]] = {}


def render(name: str, **changes: Any) -> dict[str, Read]:
    """Every document of the answers file, by output stem, read back from PDF and DOCX (each
    file and set of changes rendered once per session)."""
    from tests.legal.helpers import _docx_text, _pdf_text

    key = f"{name}:{sorted(changes.items())!r}"
    if key not in _RENDERED:
        interview_id, typed = answers(name, **changes)
        r = renderer()
        _RENDERED[key] = {
            built.stem: Read(built, _pdf_text(r.to_pdf(built)), _docx_text(r.to_docx(built)))
            for built in r.build(interview_id, typed, office())
        }
    return _RENDERED[key]
