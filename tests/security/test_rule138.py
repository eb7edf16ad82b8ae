"""Ill. S. Ct. R. 138: every filed PDF and DOCX of every example shows an SSN by its last four
digits only; the full number appears only in the Notice of Confidential Information."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.security import helpers, tally
from tests.security.conftest import RenderedExample

CONFIDENTIAL = "notice-of-confidential-information"


def _pattern(ssn: str) -> re.Pattern[str]:
    """The nine digits with any (or no) separators between them: 900-60-4444, 900 60 4444,
    900604444 and 9 0 0-6 0... all match."""
    return re.compile(r"\D{0,3}".join(re.escape(d) for d in re.sub(r"\D", "", ssn)))


def _texts(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        # Text as a reader sees it, plus the raw bytes (metadata is not compressed).
        return helpers.pdf_text(data) + "\n" + data.decode("latin-1")
    if path.suffix == ".docx":
        return helpers.docx_text(data) + "\n" + helpers.docx_all_xml(data)
    return data.decode("utf-8")


def test_every_example_was_rendered(rendered_examples: list[RenderedExample]) -> None:
    names = {r.name for r in rendered_examples}
    assert names == {p.stem for p in helpers.example_files()}
    assert all(r.result.paths for r in rendered_examples)


def test_full_numbers_only_in_the_confidential_notice(
    rendered_examples: list[RenderedExample],
) -> None:
    scanned = 0
    for example in rendered_examples:
        full = _pattern(example.ssn)
        last4 = re.sub(r"\D", "", example.ssn)[-4:]
        for path in example.result.paths:
            text = _texts(path)
            scanned += 1
            if path.name.startswith(CONFIDENTIAL) and path.suffix in (".pdf", ".docx"):
                # Positive control: the scanner finds the number where it must be.
                assert full.search(text), f"{path.name}: the full number is missing"
            else:
                assert not full.search(text), f"{example.name}/{path.name}: full SSN appears"
            if "XXX-XX-" in text:
                assert f"XXX-XX-{last4}" in text
    tally.attack(scanned)
    assert scanned >= 2 * len(rendered_examples)


def test_the_confidential_notice_is_generated_with_the_filing(
    rendered_examples: list[RenderedExample],
) -> None:
    """Registration needs the full SSN (10-15.1(a)(3)): the notice is among its outputs."""
    registration = [r for r in rendered_examples if r.interview_id == "registration"]
    assert registration
    for example in registration:
        names = {p.name for p in example.result.paths}
        assert f"{CONFIDENTIAL}.pdf" in names and f"{CONFIDENTIAL}.docx" in names


def test_last_four_shown_where_an_ssn_is_printed(
    rendered_examples: list[RenderedExample],
) -> None:
    printed = 0
    for example in rendered_examples:
        last4 = re.sub(r"\D", "", example.ssn)[-4:]
        for path in example.result.paths:
            if path.suffix == ".docx" and not path.name.startswith(CONFIDENTIAL):
                text = helpers.docx_text(path.read_bytes())
                if "Social Security number" in text:
                    assert f"XXX-XX-{last4}" in text, path.name
                    printed += 1
    assert printed >= 3  # orders and lien notices print it


@pytest.mark.parametrize(
    "variant", ["900604444", "900 60 4444", "900.60.4444", "SSN 900-60-4444 (full)"]
)
def test_renderer_refuses_a_full_number_typed_into_free_text(variant: str) -> None:
    """A full SSN pasted into a free-text answer is caught before anything is written."""
    from counsel.render import RenderError

    tally.attack()
    interview_id, raw = helpers.example("track-judicial")
    answers = helpers.typed(
        interview_id, {**raw, "obligor_ssn": "900-60-4444", "obligor_name": f"Ann {variant}"}
    )
    with pytest.raises(RenderError) as info:
        helpers.renderer().build(interview_id, answers, helpers.office())
    assert "138" in str(info.value)
    assert "4444" not in str(info.value)


@pytest.mark.parametrize("value", ["123456789012", "1234-5678-9012-3456", "12345", "12a4"])
def test_account_numbers_are_entered_as_last_four_only(value: str) -> None:
    """The lien interview takes only the last four digits of an account (R. 138(b)(3))."""
    from counsel.interviewer import load_interview

    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    result = load_interview(interview_id).validate(
        {**raw, "account_last4": value}, helpers.office()
    )
    errors = [e for e in result.errors if e.field == "account_last4"]
    assert errors and value not in errors[0].message
