"""A required element says what its statute requires, and adds no requirement the statute does
not make. Read against the statute's own lines: a form the provision does not prescribe ("in
writing") may not appear in the element's text (10-8.1 l.1281-1293 asks administrative orders to
require notice "to the Illinois Department, within 7 days", in no particular form; 10-10 l.1395
asks the court's new-employment report to "be in writing")."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.render.elements import load_elements, marked_text
from tests.review.helpers import ANSWERS, answers, render

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FORMS = ("in writing", "by certified mail", "in person", "notarized")


def _provision_text(source: str, before: int = 6, after: int = 12) -> str:
    """The lines around an element's source line: the sentence it cites and its neighbours."""
    file, line = source.rsplit(":", 1)
    lines = (SHARED / file).read_text(encoding="utf-8").splitlines()
    n = int(line)
    return " ".join(" ".join(lines[max(0, n - 1 - before) : n + after]).split()).casefold()


NAMES = sorted(
    p.stem for p in ANSWERS.glob("*.toml") if "refused" not in p.stem and "below" not in p.stem
)


def _typed_texts(value: object) -> list[str]:
    """Every text the specialist typed (a factor, a reason): the template's own words are what
    is checked, not the answers quoted in them."""
    if isinstance(value, str):
        return [" ".join(value.split()).casefold()]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _typed_texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _typed_texts(v)]
    return []


@pytest.mark.parametrize("name", NAMES)
def test_no_element_adds_a_form_its_statute_does_not_prescribe(name: str) -> None:
    elements = {(e.document, e.id): e for e in load_elements()}
    typed = sorted(_typed_texts(answers(name)[1]), key=len, reverse=True)
    for stem, read in render(name).items():
        doc_id = read.built.spec.id
        for (document, element_id), element in elements.items():
            if document != doc_id:
                continue
            text = " ".join(marked_text(read.built.model, element_id).split()).casefold()
            for answer in typed:
                text = text.replace(answer, " ")
            law = _provision_text(element.source)
            for form in FORMS:
                if form in text:
                    assert form in law, (stem, element_id, form, element.source)


def test_the_administrative_order_asks_notice_to_the_department_as_10_8_1_words_it() -> None:
    order = render("pp-admin-holiday-four-children")["administrative-order-for-support"]
    assert order.says("shall notify the Illinois Department within 7 days")
    assert order.lacks("in writing within 7 days")
    assert "notify the illinois department, within 7 days" in _provision_text(
        "seeds/004_013d7263e2d1d1e6.txt:1285"
    )
