"""The DOCX writer caches the package parts no document changes; that must never show.

A long-lived writer (what a batch worker holds) must give the same bytes as a fresh writer
for every document, whatever was written before it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counsel.interviewer import load_answers_file, load_interview
from counsel.office import load_office
from counsel.render import default_renderer
from counsel.render.docx_writer import DocxWriter


def test_long_lived_writer_equals_fresh_writer(examples_dir: Path) -> None:
    office = load_office(None)
    renderer = default_renderer()
    long_lived = DocxWriter()
    files = sorted(p for p in examples_dir.glob("*.toml") if p.name != "office.toml")
    assert len(files) >= 5
    checked = 0
    for path in files + files[:3]:  # a second pass: the cache is warm and other docs came first
        interview_id, raw = load_answers_file(path)
        answers = load_interview(interview_id).validate(raw, office).answers
        for built in renderer.build(interview_id, answers, office, dt.date(2026, 11, 23)):
            meta = built.provenance.metadata()
            ours = long_lived.write(built.model, meta, built.provenance.digest)
            fresh = DocxWriter().write(built.model, meta, built.provenance.digest)
            assert ours == fresh, f"{path.name}: cached static part differs"
            checked += 1
    assert checked >= 20
    assert "/word/styles.xml" in long_lived._static_blobs
    assert "/word/document.xml" not in long_lived._static_blobs
