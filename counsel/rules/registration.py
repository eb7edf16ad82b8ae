"""Judicial registration of an administrative order (305 ILCS 5/10-15.1; LEGAL.md Interview 3)."""

from __future__ import annotations

from counsel.rules.findings import Finding

# Each finding is stated only once the answers it rests on are given: an unanswered question
# is never read as "no" (a finding stated early would be false when the answer comes).

SERVICE = "305 ILCS 5/10-15.1(d-5)"
SEALED = "305 ILCS 5/10-15.1(a)(4)"
COPIES = "305 ILCS 5/10-15.1(a)(1)"
PROOF = "305 ILCS 5/10-15.1(a)(2)"


def service_method(by_default: bool | None, affirmative_remedy: bool | None) -> Finding | None:
    """How the notice of registration is served on the other party (10-15.1(d-5)).

    First-class mail, unless the order was entered by default or an affirmative remedy is
    sought; then the other methods of (d-5) apply. Either "yes" decides it alone; "first-class
    mail" needs both answered "no". The Department is always served by first-class mail.
    """
    if by_default is True or affirmative_remedy is True:
        why = " and ".join(
            w
            for w, held in (
                ("the order was entered by default", by_default is True),
                ("an affirmative remedy is sought", affirmative_remedy is True),
            )
            if held
        )
        return Finding(
            name="service_method",
            value="other_methods",
            citations=(SERVICE,),
            explanation=(
                f"Because {why}, notice of registration is not served on the other party by "
                "first-class mail alone; the other methods of 10-15.1(d-5) apply (their text "
                "is incomplete in the project's source). The Department is served by "
                "first-class mail."
            ),
        )
    if by_default is False and affirmative_remedy is False:
        return Finding(
            name="service_method",
            value="first_class_mail",
            citations=(SERVICE,),
            explanation=(
                "The order was not entered by default and no affirmative remedy is sought, so "
                "notice of registration is served on the other party, and on the Department, "
                "by first-class mail (305 ILCS 5/10-15.1(d-5))."
            ),
        )
    return None


def obligee_address_sealed(endangerment_affidavit: bool | None) -> Finding | None:
    """The obligee's address is filed under seal when an affidavit says disclosing it would
    endanger the obligee (10-15.1(a)(4)); stated once the affidavit question is answered."""
    if endangerment_affidavit is None:
        return None
    return Finding(
        name="obligee_address_sealed",
        value=endangerment_affidavit,
        citations=(SEALED,),
        explanation=(
            "An affidavit states that disclosing the obligee's address would endanger the "
            "obligee, so the address is filed under seal (305 ILCS 5/10-15.1(a)(4))."
            if endangerment_affidavit
            else "No endangerment affidavit: the obligee's name and address are filed "
            "(305 ILCS 5/10-15.1(a)(4))."
        ),
    )


def filing_checklist(certified_copy: bool | None, notice_10_4_proof: bool | None) -> Finding | None:
    """What 10-15.1(a) still requires to be filed with the order (empty: ready).

    Stated once both items are answered: an unanswered item is neither at hand nor missing,
    and "everything is at hand" must never be said of it.
    """
    if certified_copy is None or notice_10_4_proof is None:
        return None
    missing = []
    if not certified_copy:
        missing.append("two copies of the order, one certified")
    if not notice_10_4_proof:
        missing.append("proof of service of the notice under Section 10-4")
    return Finding(
        name="filing_checklist",
        value=tuple(missing),
        citations=(COPIES, PROOF),
        explanation=(
            "Still needed before filing: " + "; ".join(missing) + " (305 ILCS 5/10-15.1(a))."
            if missing
            else "Everything 10-15.1(a) requires to be filed with the order is at hand: the "
            "copies of the order (one certified), its modifications, any voluntary "
            "acknowledgment of paternity, the proof of service of the 10-4 notice, and the "
            "statement of past-due support."
        ),
    )
