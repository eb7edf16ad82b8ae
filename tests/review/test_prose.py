"""Lists and typed text read as sentences in both formats: names joined with "and", every
sentence ending with its full stop, and no paper said to state what it does not."""

from __future__ import annotations

import pytest

from counsel.render.env import and_list, sentence
from tests.review.helpers import render


def test_two_children_are_named_with_and() -> None:
    statement = render("registration-paternity-default")["sworn-statement-of-past-due-support"]
    assert statement.says("ordered to pay support for Indy Someone and Jo Someone.")
    assert statement.lacks("Indy Someone, Jo Someone")


def test_three_children_and_three_modifications_read_as_a_list() -> None:
    children = [
        {"name": "Indy Someone", "birth_date": "2019-07-04"},
        {"name": "Jo Someone", "birth_date": "2021-12-25"},
        {"name": "Kit Someone", "birth_date": "2023-01-02"},
    ]
    modifications = [
        {"date": "2024-02-29", "description": "Support set for the second child."},
        {"date": "2025-09-02", "description": "Medical support term added."},
        {"date": "2026-03-03", "description": "Third child added"},
    ]
    docs = render("registration-paternity-default", children=children, modifications=modifications)
    statement = docs["sworn-statement-of-past-due-support"]
    assert statement.says("for Indy Someone, Jo Someone and Kit Someone.")
    for stem in ("sworn-statement-of-past-due-support", "notice-of-registration"):
        assert docs[stem].says(
            "as modified on February 29, 2024, September 2, 2025 and March 3, 2026"
        ), stem
        assert docs[stem].lacks("February 29, 2024 and September 2, 2025 and"), stem


def test_a_typed_description_ends_its_sentence() -> None:
    # "claim WC-0000-1111" was typed without a full stop; the notice's sentence still ends.
    for stem, doc in render("lien-lump-sum-at-threshold").items():
        assert doc.says("Workers' compensation settlement, claim WC-0000-1111."), stem


def test_typed_reasons_and_factors_end_their_sentences() -> None:
    changes = {
        "factor_reason_for_delay": "The petitioner applied in July 2026",
        "segments": [
            {"start_date": "2024-01-31", "end_date": "2024-02-29"},
            {
                "start_date": "2024-03-01",
                "end_date": "2025-12-31",
                "monthly_amount": "1100.00",
                "deviation_reason": "Two children only",
            },
            {"start_date": "2026-01-01", "end_date": "2026-11-25"},
        ],
    }
    order = render("pp-judicial-thanksgiving-obligee-protected", **changes)["order-for-support"]
    assert order.says("Why the action was not filed earlier: The petitioner applied in July 2026.")
    assert order.says("guideline amount of $1,320.00 a month because: Two children only.")


def test_the_papers_claim_no_obligor_address_when_none_is_known() -> None:
    docs = render("registration-paternity-default", obligor_address="")
    assert docs["registration-of-administrative-order"].says("whose address is not known")
    for stem in ("notice-of-registration", "certificate-of-service"):
        assert docs[stem].says("which states the obligor's name and the obligee's name and address")
        assert docs[stem].lacks("obligor's name and address"), stem


@pytest.mark.parametrize(
    ("values", "said"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_and_list(values: list[str], said: str) -> None:
    assert and_list(values) == said


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("claim 7", "claim 7."),
        ("done.", "done."),
        ("why?", "why?"),
        ('he said "no."', 'he said "no."'),
        ("see (exhibit A)", "see (exhibit A)."),
        ("  trailing  ", "trailing."),
        ("", ""),
    ],
)
def test_sentence(typed: str, said: str) -> None:
    assert sentence(typed) == said
