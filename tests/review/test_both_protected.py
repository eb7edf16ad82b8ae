"""Issue 12 asks for documents read with both parents protected; the interview could not say
it (protected_party was the obligee or the obligor), so a case with a family-violence
indicator on both printed one parent's address in what the other was served (the
administrative order's proof of mailing gave the obligor's address on a copy mailed to the
obligee). `protected_party = "both"`: neither parent's address or employer appears in
anything served on the other, the children's go with the obligee's, and a party's own lines
may still appear in what is served on that party alone."""

from __future__ import annotations

import pytest

from counsel.render import RenderError
from counsel.render.privacy import protected_values, served_on_other
from tests.review.helpers import answers, office, render, renderer

BOTH = {"family_violence": True, "protected_party": "both"}


def test_the_administrative_order_gives_neither_address() -> None:
    (order,) = render("pp-admin-both-protected").values()
    for words in ("Hidden Hollow", "Pleasant Plains", "PO Box 4411", "Auburn", "Quiet Works"):
        assert order.lacks(words), words
    assert order.says(
        "to Gale T. Guarded at the address the Department holds in confidence, by certified mail,"
        " and a copy to Hollis V. Sheltered at the address the Department holds in confidence"
    )


def test_the_lien_notices_withhold_the_obligors_address() -> None:
    docs = render("lien-account-both-protected")
    assert set(docs) == {
        "notice-of-lien",
        "notice-of-lien-to-obligor",
        "notice-of-lien-to-joint-owner-1",
    }
    for stem, read in docs.items():
        assert read.lacks("Hidden Hollow") and read.lacks("Pleasant Plains"), stem
    assert docs["notice-of-lien-to-joint-owner-1"].says("To: Kai Cosigner, 5 Open Lane")


def test_the_court_order_keeps_each_residence_from_the_other() -> None:
    order = render("pp-judicial-thanksgiving-obligee-protected", **BOTH)["order-for-support"]
    assert order.says(
        "disclosure of either party's residence would seriously endanger the health or safety "
        "of a party or a child, neither party's residence shall be disclosed to the other party"
    )
    assert order.lacks("PO Box 77") and order.lacks("88 Elm Road")


def test_a_registration_needs_the_obligees_affidavit_and_hides_the_obligor() -> None:
    interview_id, typed = answers(
        "registration-paternity-default", **BOTH, obligee_endangerment_affidavit=False
    )
    with pytest.raises(RenderError, match="10-15.1\\(a\\)\\(4\\)"):
        renderer().build(interview_id, typed, office())
    docs = render("registration-paternity-default", **BOTH, obligee_endangerment_affidavit=True)
    certificate = docs["certificate-of-service"]
    assert certificate.lacks("9 Secret Court") and certificate.lacks("40 Visible Avenue")
    filing = docs["registration-of-administrative-order"]
    assert filing.lacks("40 Visible Avenue")


def test_what_is_kept_from_whom() -> None:
    a = {
        **BOTH,
        "obligor_address": "1 Obligor Street\nTown A, IL 60001",
        "obligee_address": "2 Obligee Street\nTown B, IL 60002",
        "children": [{"name": "C", "address": "3 Child Street\nTown B, IL 60002"}],
    }
    kept = {
        served: {line for _, line in protected_values(a, served)}
        for served in ("obligor", "obligee", "third", "both")
    }
    assert kept["obligor"] == {"2 Obligee Street", "Town B, IL 60002", "3 Child Street"}
    assert kept["obligee"] == {"1 Obligor Street", "Town A, IL 60001"}
    assert kept["third"] == kept["both"] == kept["obligor"] | kept["obligee"]
    assert all(served_on_other(s, a) for s in ("obligor", "obligee", "third", "both"))
    one = {**a, "protected_party": "obligor"}
    assert not served_on_other("obligor", one) and served_on_other("obligee", one)
    assert {line for _, line in protected_values(one, "obligee")} == kept["obligee"]
