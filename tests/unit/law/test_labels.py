"""Subsection labels and the `| ||` truncation artifacts."""

from __future__ import annotations

from counsel.law.labels import NOT_IN_SOURCE, clean_artifacts, find_labels, truncated_labels


def labels(text: str) -> list[str]:
    return [label for _, label in find_labels(text)]


def test_nested_line_labels() -> None:
    text = (
        "(a) First.\n(b) Second:\n(1) one;\n(A) big a;\n(i) roman;\n(ii) roman two;\n"
        "(2) two.\n(c-10) Later."
    )
    assert labels(text) == [
        "(a)",
        "(b)",
        "(b)(1)",
        "(b)(1)(A)",
        "(b)(1)(A)(i)",
        "(b)(1)(A)(ii)",
        "(b)(2)",
        "(c-10)",
    ]


def test_letter_i_after_h_is_a_subsection_not_a_roman_numeral() -> None:
    assert labels("(h) Eighth.\n(1) item.\n(i) Ninth.") == ["(h)", "(h)(1)", "(i)"]


def test_roman_i_directly_under_a_letter() -> None:
    assert labels("(b) Every agreement shall provide:\n    (i) that x;\n    (ii) that y.") == [
        "(b)",
        "(b)(i)",
        "(b)(ii)",
    ]


def test_inline_labels_after_a_sentence_or_colon() -> None:
    text = "Sec. 10-16.7. Debit. (a) For purposes: (1) One thing. (b) The Department shall."
    assert labels(text) == ["(a)", "(a)(1)", "(b)"]


def test_inline_enumerations_inside_a_sentence_are_not_labels() -> None:
    text = "remedies provided in (a) the Illinois Parentage Act; (b) (blank); (b-5) the Act."
    assert labels(text) == []


def test_cross_references_at_line_start_are_not_labels() -> None:
    text = "(a) As provided in subsection\n(b) of Section 10-7, the unit.\n(b) Real."
    assert labels(text) == ["(a)", "(b)"]
    assert find_labels(text)[1][0] == text.index("(b) Real")
    assert labels("(a) See\n(c) of this Section.") == ["(a)"]


def test_item_beginning_with_of_is_still_an_item() -> None:
    # 750 ILCS 22/605(b)(4): "(4) of the amount of any alleged arrearages."
    assert labels(
        "(b) A notice must inform:\n    (4) of the amount of any alleged arrearages."
    ) == ["(b)", "(b)(4)"]


def test_administrative_code_style_labels() -> None:
    text = (
        "a) Definitions\n1) Service\nb) Liens\n1) Real estate\nA) impose when:\n"
        "i) at least $10,000;"
    )
    assert labels(text) == ["(a)", "(a)(1)", "(b)", "(b)(1)", "(b)(1)(A)", "(b)(1)(A)(i)"]


def test_clean_artifacts_marks_each_cut_item() -> None:
    raw = (
        "(b) shall order:\n(1) that the relative pay the past-due | ||\n| ||\n"
        "(2) if owing | ||\n| ||\nEnd."
    )
    cleaned = clean_artifacts(raw)
    assert "| ||" not in cleaned.text
    assert cleaned.text.count(NOT_IN_SOURCE) == 2
    assert cleaned.text.splitlines()[1] == f"(1) that the relative pay the past-due {NOT_IN_SOURCE}"
    assert len(cleaned.gaps) == 2
    assert all(cleaned.text[g:].startswith(NOT_IN_SOURCE) for g in cleaned.gaps)
    found = find_labels(cleaned.text)
    assert truncated_labels(found, cleaned.gaps) == ("(b)(1)", "(b)(2)")


def test_text_without_artifacts_is_unchanged() -> None:
    raw = "(a) Whole text.\n(b) More."
    assert clean_artifacts(raw).text == raw
    assert clean_artifacts(raw).gaps == ()


def test_gap_before_any_label_names_no_label() -> None:
    assert truncated_labels([(10, "(a)")], (5,)) == ()


def test_item_after_semicolon_and_is_an_item() -> None:
    text = "(b) A notice must inform:\n    (3) that failure; and\n    (4) of the amount."
    assert labels(text) == ["(b)", "(b)(3)", "(b)(4)"]


def test_wrapped_inline_enumeration_after_a_comma_is_not_a_label() -> None:
    # 305 ILCS 5/10-10: "... within 7 days, (i) of the name, address ... employer,\n(ii) whether"
    text = "(2) report, within 7 days, (i) of the name of any new employer,\n(ii) whether insured."
    assert labels(text) == ["(2)"]


def test_line_ending_in_or_without_semicolon_is_a_cross_reference() -> None:
    assert labels("(a) Under subsection (b) or\n(c) of this Section, the unit.") == ["(a)"]


def test_run_of_labels_inside_a_paragraph() -> None:
    # Lake County R. 1-2.08 A: "(a) ... font; (b) ... inches; and (c) ... inch; and (d) the top"
    text = "as follows:\n(a) the type is 12 point; (b) the pages; and (c) margins; and (d) top"
    assert labels(text) == ["(a)", "(b)", "(c)", "(d)"]


def test_run_needs_its_start() -> None:
    # 305 ILCS 5/10-17: "remedies provided in (a) the ... Act; (b) (blank); (b-5) the ..."
    text = "remedies provided in (a) the Parentage Act; (b) (blank); (c) (blank); and (d) the Act."
    assert labels(text) == []
    assert labels("(a) x; (c) skips a letter") == ["(a)"]
