"""Checks on the model: Rule 138, the family-violence flag, required provisions."""

from __future__ import annotations

import pytest

from counsel.render.checks import (
    citations_in_text,
    family_violence,
    luhn_ok,
    missing_elements,
    pii_values,
    rule_138,
)
from counsel.render.core import protected_values, served_on_other
from counsel.render.model import Document, Metadata, Paragraph, Run


def doc(*lines: str, provisions: frozenset[str] = frozenset()) -> Document:
    return Document(
        "d",
        Metadata("T", "A", "S"),
        tuple(Paragraph((Run(line),)) for line in lines),
        provisions,
    )


def test_last_four_is_allowed() -> None:
    answers = {"obligor_ssn": "900-00-0001"}
    assert rule_138(doc("Social Security number XXX-XX-0001"), answers) == []


@pytest.mark.parametrize(
    "text", ["SSN 900-00-0001.", "SSN 900000001", "SSN 900 00 0001", "number 900.00.0001"]
)
def test_full_ssn_in_any_shape_is_refused(text: str) -> None:
    problems = rule_138(doc(text), {"obligor_ssn": "900-00-0001"})
    assert problems and "obligor_ssn" in problems[0] and "R. 138(c)" in problems[0]
    assert "900" not in problems[0], "the message never repeats the number"


def test_ssn_shaped_number_is_refused_even_if_not_an_answer() -> None:
    assert rule_138(doc("Ref 123-45-6789"), {})


def test_zip_plus_four_dates_phones_and_case_numbers_are_not_ssns() -> None:
    text = "Springfield, IL 62704-1234; (217) 555-0142; 2026-11-23; No. 2026-F-000417"
    assert rule_138(doc(text), {}) == []


def test_full_account_and_card_numbers_are_refused() -> None:
    answers = {"account_number": "0012-3456-7890-12", "holder": {"card_number": "4111"}}
    assert pii_values(answers) == [("account_number", "00123456789012")]
    assert rule_138(doc("acct 0012 3456 7890 12"), answers)
    assert luhn_ok("4111111111111111")
    assert rule_138(doc("card 4111 1111 1111 1111"), {})
    assert rule_138(doc("card ending in 1111"), {}) == []


def test_last4_answers_are_not_identity_numbers() -> None:
    assert pii_values({"account_last4": "4821"}) == []


def test_family_violence_keeps_protected_address_and_employer_out() -> None:
    answers = {
        "family_violence": True,
        "protected_party": "obligee",
        "obligee_address": "42 Placeholder Lane\nSpringfield, IL 62702",
        "obligee_employer_name": "Safe Haven Inc.",
        "obligor_address": "1200 Example Avenue",
        "children": [{"name": "A", "address": "9 Hidden Court"}],
    }
    protected = protected_values(answers)
    assert ("obligee_address", "Springfield, IL 62702") in protected
    assert {k for k, _ in protected} == {
        "obligee_address",
        "obligee_employer_name",
        "children[1].address",
    }
    served = doc("Mail to 42 PLACEHOLDER LANE please", "works at Safe Haven Inc.")
    problems = family_violence(served, protected, served_on_other("obligor", answers))
    assert len(problems) == 2
    assert all("42 Placeholder" not in p for p in problems), "never echo the address"
    # served on the protected party itself, or not served: no problem
    assert family_violence(served, protected, served_on_other("obligee", answers)) == []
    assert family_violence(served, protected, served_on_other("", answers)) == []
    # the obligor's own address is not protected when the obligee is
    assert family_violence(doc("1200 Example Avenue"), protected, True) == []


def test_no_flag_no_protection() -> None:
    assert protected_values({"family_violence": False, "obligee_address": "x"}) == []
    assert not served_on_other("obligor", {"family_violence": False})


def test_missing_elements_lists_each_one_with_its_source_line() -> None:
    from counsel.render.elements import Element

    def element(id_: str, words: tuple[str, ...]) -> Element:
        return Element(id_, "d", id_.upper(), words, "305 ILCS 5/10-10.4", "sources/x.txt:17", "t")

    marked = Document(
        "d",
        Metadata("T", "A", "S"),
        (Paragraph((Run("the t words"),), provisions=("x",)),),
        frozenset({"x"}),
    )
    required = [element("payment_to_sdu", ("Disbursement",)), element("x", ("T Words",))]
    problems = missing_elements(marked, required)
    assert len(problems) == 1 and 'data-provision="payment_to_sdu"' in problems[0]
    assert "sources/x.txt:17" in problems[0]
    # Marked, but without its words: refused, naming the words and the source line.
    (wrong,) = missing_elements(marked, [element("x", ("the w words",))])
    assert '"the w words"' in wrong and "sources/x.txt:17" in wrong


def test_citations_written_into_the_text_are_found() -> None:
    text = "as 305 ILCS 5/10-11.1(b)(1) and 750 ILCS 24/15(b)(4) say; 5 ILCS 70/1.11."
    assert citations_in_text(doc(text)) == [
        "305 ILCS 5/10-11.1(b)(1)",
        "5 ILCS 70/1.11",
        "750 ILCS 24/15(b)(4)",
    ]


def test_a_line_the_other_party_shares_is_not_protected() -> None:
    answers = {
        "family_violence": True,
        "protected_party": "obligee",
        "obligee_address": "42 Placeholder Lane\nSpringfield, IL 62702",
        "obligor_address": "1200 Example Avenue\nSpringfield,  IL 62702",
    }
    assert protected_values(answers) == [("obligee_address", "42 Placeholder Lane")]
    served = doc("To: 1200 Example Avenue, Springfield, IL 62702")
    assert family_violence(served, protected_values(answers), True) == []


@pytest.mark.parametrize(
    "text",
    [
        "PIN 19-23-112-021-0000",  # LEGAL.md's Cook County PIN; its check digit passes Luhn
        "Permanent Index Number: 19231120210000",
        "P.I.N. 19231120210000 (Cook County)",
        "Lot 12 in Block 3, PIN 19-23-112-021-0000 and 19-23-112-022-0000",
        "Document No. 1923112021000 recorded 2026-11-23",  # 13 digits, not Luhn-valid
    ],
)
def test_a_parcel_index_number_is_not_a_card_number(text: str) -> None:
    """Rule 138(b) names SSN/ITIN, driver's license, account and card numbers only; a card is
    told by how it is written and its Luhn digit, never by its digit count alone."""
    assert luhn_ok("19231120210000")
    assert rule_138(doc(text), {}) == []


@pytest.mark.parametrize(
    "text",
    [
        "card 4111111111111111",
        "card 4111-1111-1111-1111",
        "Amex 3782 822463 10005",
        "Diners 3056 930902 5904",
        "ref 12 4111 1111 1111 1111 2026",  # digits around the card do not hide it
        "Visa 4222222222222",
        "PIN 4111 1111 1111 1111",  # a parcel word does not excuse a card's 16 digits
    ],
)
def test_card_numbers_are_refused_however_they_are_grouped(text: str) -> None:
    problems = rule_138(doc(text), {})
    assert problems and "138(b)(4)" in problems[0]


def test_reader_text_is_what_a_reader_sees() -> None:
    from counsel.render.checks import reader_text

    assert reader_text("9\u00ad00\u200b-\u201100\u2212\u20130002") == "900--00--0002"
    assert reader_text("a\u00a0b\u2003c\u3000d\te") == "a b c d e"
    assert reader_text("\uff19\U0001d7ce") == "90"
    assert reader_text("line\nbreak") == "line\nbreak"
    assert reader_text("plain ASCII 123-45") == "plain ASCII 123-45"
