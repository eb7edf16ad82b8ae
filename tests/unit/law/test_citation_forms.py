"""One pattern finds citations written in text, for the render check, lint, preview and impact:
a citation of each form counsel writes is seen by each of them alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counsel.authoring.lint import text_citations
from counsel.authoring.preview import citations_in
from counsel.authoring.sources import template_uses
from counsel.law import parse_citation
from counsel.law.citations import citations_in_text
from counsel.render import checks
from counsel.render.model import Document, Metadata, Paragraph, Run

FORMS = [
    "305 ILCS 5/10-11.1(b)(1)",  # ILCS, pinpoint of a number
    "305 ILCS 5/9A-4(b)",  # a section with a letter (the old render pattern missed it)
    "20 ILCS 1005/1005-130",  # an Act of four digits (the old render pattern missed it)
    "305 ILCS 5/10-15.1(d-5)",  # a lettered pinpoint with a number
    "89 Ill. Adm. Code 160.70(g)(1)(A)",  # Administrative Code
    "Ill. S. Ct. R. 138(c)",  # Supreme Court Rule
    "42 U.S.C. 654(26)",  # United States Code
    "45 CFR 303.21",  # Code of Federal Regulations
]


def _sentence(citation: str) -> str:
    return f"As required by {citation}, the order says so."


@pytest.mark.parametrize("citation", FORMS)
def test_each_form_is_found_alike(citation: str, tmp_path: Path) -> None:
    text = _sentence(citation)
    parse_citation(citation)  # a form the store's parser reads
    assert citations_in_text(text) == [citation]
    document = Document("d", Metadata("T", "A", "S"), (Paragraph((Run(text),)),), frozenset())
    assert checks.citations_in_text(document) == [citation]  # what render resolves
    assert citations_in(text) == [citation]  # preview and impact
    seen: list[str] = []
    text_citations("t.html", f"<p>{text}</p>", lambda c: seen.append(c) or None)  # lint
    assert seen == [citation]
    (tmp_path / "t.html").write_text(f"<p>{text}</p>\n", "utf-8")
    assert [u.citation for u in template_uses(tmp_path)] == [citation]  # statutes check


def test_a_list_is_found_by_its_first_member_and_each_once() -> None:
    text = "Sections 305 ILCS 5/10-12, 10-12.1 and again 305 ILCS 5/10-12 apply."
    assert citations_in_text(text) == ["305 ILCS 5/10-12"]


def test_a_citation_render_cannot_resolve_is_refused() -> None:
    # The render check resolves every citation it finds: an Adm. Code pinpoint the store
    # lacks is now a problem (the old ILCS-only pattern never looked at it).
    from counsel.errors import CounselError
    from counsel.law import get_store

    document = Document(
        "d",
        Metadata("T", "A", "S"),
        (Paragraph((Run(_sentence("89 Ill. Adm. Code 160.70(z)(9)")),)),),
        frozenset(),
    )
    (found,) = checks.citations_in_text(document)
    with pytest.raises(CounselError):
        get_store().cite(found, on=dt.date(2026, 11, 23))
