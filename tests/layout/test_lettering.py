"""Every list item's label, read back from the PDF and from the DOCX as Word numbers it."""

from __future__ import annotations

from counsel.render.model import ListBlock, runs_text
from tests.layout.conftest import Case
from tests.layout.readback import docx_list_labels, flat


def _items(block: ListBlock, depth: int = 0) -> list[tuple[str, str]]:
    """(expected label, text) depth first, as style.css and the DOCX numbering mean them."""
    out = []
    for n, item in enumerate(block.items):
        if block.kind == "bulleted":
            label = "\u2022" if depth != 1 else "\u2013"
        elif depth >= 2:
            label = f"({'i ii iii iv v vi vii viii ix x'.split()[n]})"
        elif block.kind == "lettered" or depth == 1:
            label = f"({chr(ord('a') + n)})"
        else:
            label = f"{n + 1}."
        out.append((label, flat(runs_text(item.runs))))
        for child in item.children:
            out += _items(child, depth + 1)
    return out


def _expected(case: Case) -> list[tuple[str, str]]:
    out = []
    for block in case.built.model.blocks:
        if isinstance(block, ListBlock):
            out += _items(block)
    return out


def _pdf_labels(case: Case, expected: list[tuple[str, str]]) -> list[str]:
    """The word before each item's first words in the PDF, in order."""
    words = [w.text for page in case.pages for row in page.body for w in row.words]
    labels = []
    at = 0
    for _, text in expected:
        head = text.split()[:4]
        while words[at + 1 : at + 1 + len(head)] != head:
            at += 1
            assert at < len(words), (case.name, text[:40])
        labels.append(words[at])
        at += 1
    return labels


def test_lettering_is_the_same_in_both_formats(cases: list[Case]) -> None:
    lettered = 0
    for case in cases:
        expected = _expected(case)
        if not expected:
            continue
        docx = docx_list_labels(case.docx)
        assert [flat(t) for _, t in docx] == [t for _, t in expected], case.name
        want = [label for label, _ in expected]
        assert [label for label, _ in docx] == want, case.name
        pdf = _pdf_labels(case, expected)
        assert [p for p, w in zip(pdf, want, strict=True) if w] == [w for w in want if w], case.name
        lettered += sum(1 for w in want if w.startswith("("))
    assert lettered >= 100


def test_a_second_lettered_list_starts_again_at_a(cases: list[Case]) -> None:
    """The order for support: the children under "Termination" are (a), (b), never (f), (g)
    after the 802 factors' (a)-(e)."""
    case = next(c for c in cases if c.name == "prior-period-judicial/order-for-support")
    labels = [label for label, _ in docx_list_labels(case.docx)]
    lettered = [label for label in labels if label.startswith("(")]
    assert lettered == ["(a)", "(b)", "(c)", "(d)", "(e)", "(a)", "(b)"]
