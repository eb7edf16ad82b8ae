"""Preview text: the document laid out for a reviewer, citations listed with their versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counsel.authoring.preview import citations_in, preview_text, reviewer_text
from counsel.law import Store
from counsel.render.model import (
    Caption,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Run,
    Signature,
    Table,
)

SECTION = """citation = "305 ILCS 5/10-16.5"
heading = "Interest"
[[versions]]
effective = "unknown"
source = "(Source: earlier text quoted in the IRG.)"
origin = "test"
text = "(a) Old."
labels = ["(a)"]
truncated = []
complete = true
[[versions]]
effective = 2019-08-09
source = "(Source: P.A. 101-336, eff. 8-9-19.)"
origin = "test"
text = "(a) New."
labels = ["(a)"]
truncated = []
complete = true
"""


def _doc() -> Document:
    return Document(
        doc_id="order",
        metadata=Metadata(title="Order", author="Office", subject="Support"),
        blocks=(
            Caption(
                court=((Run("IN THE CIRCUIT COURT"),),),
                parties=((Run("PEOPLE ex rel. HFS"),), (Run("v."),)),
                number=((Run("No. 2026-D-1"),),),
            ),
            Heading(1, (Run("Order for Support"),)),
            Paragraph((Run("Unpaid support accrues interest (305 ILCS 5/10-16.5(a))."),)),
            ListBlock(
                "numbered",
                (
                    ListItem((Run("Pay through the SDU."),)),
                    ListItem(
                        (Run("Report changes:"),),
                        children=(ListBlock("lettered", (ListItem((Run("employer"),)),)),),
                    ),
                ),
            ),
            Table((("Child", "Amount"), ("A.", "$10.00")), numeric=(1,)),
            Signature(((Run("Taylor M. Sample"),),)),
        ),
    )


def test_reviewer_text_numbers_lists_and_keeps_every_line() -> None:
    text = reviewer_text(_doc())
    lines = text.splitlines()
    assert "1. Pay through the SDU." in lines
    assert "2. Report changes:" in lines
    assert "    (a) employer" in lines
    assert "Child  Amount" in lines and "A.     $10.00" in lines
    assert "Taylor M. Sample" in lines
    assert lines[0].strip() == "IN THE CIRCUIT COURT"


def test_preview_lists_each_citation_with_the_version_in_force(tmp_path: Path) -> None:
    (tmp_path / "305_ILCS_5__10-16.5.toml").write_text(SECTION, "utf-8")
    store = Store(tmp_path)
    after = preview_text(_doc(), dt.date(2026, 11, 23), store)
    assert (
        "305 ILCS 5/10-16.5(a): version effective 2019-08-09, "
        "(Source: P.A. 101-336, eff. 8-9-19.)" in after
    )
    before = preview_text(_doc(), dt.date(2019, 8, 8), store)
    assert "version effective unknown, (Source: earlier text quoted in the IRG.)" in before


def test_a_citation_the_store_cannot_resolve_is_flagged(tmp_path: Path) -> None:
    (tmp_path / "305_ILCS_5__10-16.5.toml").write_text(SECTION, "utf-8")
    doc = Document(
        "x",
        Metadata("X", "O", "S"),
        (Paragraph((Run("See 305 ILCS 5/10-16.5(q)."),)),),
    )
    text = preview_text(doc, dt.date(2026, 1, 1), Store(tmp_path))
    assert "305 ILCS 5/10-16.5(q): DOES NOT RESOLVE" in text


def test_citations_in_finds_every_form_once() -> None:
    text = (
        "Under 305 ILCS 5/10-15.1(f) and 89 Ill. Adm. Code 160.70(g)(1)(C); "
        "Ill. S. Ct. R. 138(c); 42 U.S.C. 654(26); 45 CFR 303.21; again 305 ILCS 5/10-15.1(f)."
    )
    assert citations_in(text) == [
        "305 ILCS 5/10-15.1(f)",
        "89 Ill. Adm. Code 160.70(g)(1)(C)",
        "Ill. S. Ct. R. 138(c)",
        "42 U.S.C. 654(26)",
        "45 CFR 303.21",
    ]
