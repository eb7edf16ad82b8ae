"""`counsel templates preview` lists every citation the document carries, with its version
(README: "then every citation with the version in force"), wrapped lines or not."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from counsel.authoring.preview import preview_text
from counsel.law.citations import citations_in_text
from counsel.render.model import document_text
from tests.review.helpers import answers, office, renderer


@pytest.mark.parametrize(
    "name",
    [
        "pp-judicial-thanksgiving-obligee-protected",
        "pp-admin-holiday-four-children",
        "registration-paternity-default",
        "lien-real-estate-at-threshold",
        "job-admin-work-activities",
    ],
)
def test_every_citation_in_the_document_is_listed(name: str) -> None:
    interview_id, typed = answers(name)
    on = typed["document_date"]
    assert isinstance(on, dt.date)
    for built in renderer().build(interview_id, typed, office()):
        text = preview_text(built.model, on)
        listed = re.findall(r"(?m)^  (.+?): version ", text.split("Citations (", 1)[1])
        assert set(listed) == set(citations_in_text(document_text(built.model))), built.stem
        assert listed, built.stem


def test_a_citation_wrapped_across_lines_is_listed() -> None:
    # The order's 802 factors and 28/20(a)(3) fall across a line end in the reviewer's text.
    interview_id, typed = answers("pp-judicial-thanksgiving-obligee-protected")
    built = next(
        b for b in renderer().build(interview_id, typed, office()) if b.stem == "order-for-support"
    )
    text = preview_text(built.model, typed["document_date"])
    body, cited = text.split("Citations (", 1)
    assert "750 ILCS\n" in body or "28/20(a)\n" in body or "ILCS\n" in body
    for citation in ("750 ILCS 46/802", "750 ILCS 28/20(a)(3)", "735 ILCS 5/12-109"):
        assert f"\n  {citation}: version" in cited


def test_a_document_of_another_interview_names_each_template_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from counsel.cli import main
    from tests.review.helpers import ANSWERS

    example = str(ANSWERS / "lien-lump-sum-at-threshold.toml")
    assert main(["templates", "preview", "registration-notice", "--example", example]) == 2
    err = capsys.readouterr().err
    assert "(its templates: lien-notice.html, lien-notice-party.html)" in err
