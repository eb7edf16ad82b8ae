"""The family-violence check keeps the protected party's address out of what others are served
(42 U.S.C. 654(26); 45 CFR 303.21), line by line. A city-and-ZIP line the protected address
shares with another address the document must give (the bank's "Springfield, IL 62701") said
nothing about where the protected party lives, yet it refused the notice of lien to the bank:
no lien could be served on an account in the protected obligor's own town."""

from __future__ import annotations

import pytest

from counsel.errors import CounselError
from counsel.render.privacy import protected_values
from tests.review.helpers import answers, office, render, renderer

OBLIGOR_PROTECTED = {"family_violence": True, "protected_party": "obligor"}
OTHER_HOME = [
    {"name": "Terry Q. Threshold", "address": "5 Elsewhere Road\nSpringfield, IL 62702"},
    {"name": "Uma V. Cosigner", "address": "22 Other Street\nPetersburg, IL 62675"},
]


def test_a_holder_in_the_protected_partys_town_can_be_served() -> None:
    docs = render("lien-account-at-thresholds", joint_owners=OTHER_HOME, **OBLIGOR_PROTECTED)
    assert set(docs) == {
        "notice-of-lien",
        "notice-of-lien-to-obligor",
        "notice-of-lien-to-joint-owner-1",
        "notice-of-lien-to-joint-owner-2",
    }
    assert docs["notice-of-lien"].says("1 Bank Plaza, Springfield, IL 62701")
    for stem, doc in docs.items():
        assert doc.lacks("1000 Exact Avenue"), stem


def test_the_report_office_in_the_protected_obligees_zip_can_be_named() -> None:
    order = render(
        "job-admin-work-activities", obligee_address="Hidden Shelter Address\nSpringfield, IL 62701"
    )["job-program-order"]
    assert order.says("1 Resource Drive, Springfield, IL 62701")
    assert order.lacks("Hidden Shelter Address")


def test_the_street_line_is_still_protected() -> None:
    lines = dict(
        (line, key)
        for key, line in protected_values(
            answers("lien-account-at-thresholds", joint_owners=OTHER_HOME, **OBLIGOR_PROTECTED)[1]
        )
    )
    assert lines == {"1000 Exact Avenue": "obligor_address"}


def test_an_address_that_is_the_protected_one_lends_no_line() -> None:
    # Joint owner 1 lives at the protected home: that address is not "another" address, so
    # its lines are not made public, and the notice that would carry it is refused.
    interview_id, typed = answers("lien-account-at-thresholds", **OBLIGOR_PROTECTED)
    with pytest.raises(CounselError) as refused:
        renderer().build(interview_id, typed, office())
    assert "notice-of-lien-to-joint-owner-1: 'obligor_address'" in str(refused.value.problems)  # type: ignore[attr-defined]
