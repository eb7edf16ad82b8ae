"""Family-violence flag (42 U.S.C. 654(26); 45 CFR 303.21): a property test over every
interview's documents and generated answers. With the flag set, the protected party's address
and employer never appear in a document served on anyone else."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from counsel.render.model import Paragraph, Run, document_text
from tests.security import helpers, tally

EXAMPLES = [p.stem for p in helpers.example_files()]
# Variants reaching template branches no example takes (the lien's lump-sum target).
VARIANTS: dict[str, tuple[str, dict[str, object]]] = {
    "lien-lump-sum": (
        "lien-account",
        {"lien_target": "lump_sum", "lump_sum_description": "Settlement payable at closing"},
    ),
}


# Distinctive words no template prints (a prefix per field plus consonant clusters), so a hit
# is a leak; the prefixes keep one field's value from being a substring of another's.
def _word(prefix: str) -> st.SearchStrategy[str]:
    return st.text(alphabet="bcdfghjklmnprstvwxz", min_size=4, max_size=9).map(lambda w: prefix + w)


def _address(prefix: str) -> st.SearchStrategy[str]:
    street = st.builds(
        lambda n, w, kind: f"{n} {w} {kind}",
        st.integers(1, 99999),
        _word(prefix),
        st.sampled_from(["Street", "Ave.", "Rd", "Lane #4", "Apt 2B"]),
    )
    city = st.builds(lambda w, z: f"{w}, IL {z:05d}", _word(prefix), st.integers(60000, 62999))
    return st.builds(lambda a, c: f"{a}\n{c}", street, city)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _protected_fields(party: str) -> tuple[str, ...]:
    if party == "obligee":
        return ("obligee_address",)
    return ("obligor_address", "obligor_employer_name", "obligor_employer_address")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    # A failure prints its example; shrinking a render-heavy case costs minutes, not insight.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(
    example=st.sampled_from(EXAMPLES + sorted(VARIANTS)),
    party=st.sampled_from(["obligee", "obligor"]),
    obligee_address=_address("Qe"),
    obligor_address=_address("Qo"),
    employer=st.builds(lambda a, b: f"{a} {b} LLC", _word("Qm"), _word("Qm")),
    employer_address=_address("Qw"),
)
def test_protected_location_never_served_on_the_other_party(
    example: str,
    party: str,
    obligee_address: str,
    obligor_address: str,
    employer: str,
    employer_address: str,
) -> None:
    tally.fuzz()
    base, extra = VARIANTS.get(example, (example, {}))
    interview_id, raw = helpers.example(base)
    raw = {**raw, **extra}
    values = {
        "obligee_address": obligee_address,
        "obligor_address": obligor_address,
        "obligor_employer_name": employer,
        "obligor_employer_address": employer_address,
    }
    answers = helpers.typed(
        interview_id, {**raw, **values, "family_violence": True, "protected_party": party}
    )
    built = helpers.renderer().build(interview_id, answers, helpers.office())
    assert built
    served_elsewhere = 0
    for doc in built:
        served = doc.spec.served_on
        if not served or served == party:
            continue  # internal memo, or served on the protected party alone
        served_elsewhere += 1
        text = _norm(document_text(doc.model))
        for field in _protected_fields(party):
            for line in values[field].splitlines():
                assert _norm(line) not in text, f"{doc.stem}: {field} appears (served {served})"
    if interview_id != "track" and party == "obligee":
        # Every interview but track serves something on the obligor (registration serves
        # the obligor only, so with the obligor protected it has nothing to check).
        assert served_elsewhere, "no served document was checked"


def test_the_scan_detects_a_leak() -> None:
    """Control: without the flag the obligor's address is printed, and the scan sees it."""
    interview_id, raw = helpers.example("registration")
    answers = helpers.typed(
        interview_id, {**raw, "obligor_address": "77 Qzzyx Street\nQvrt, IL 61234"}
    )
    built = helpers.renderer().build(interview_id, answers, helpers.office())
    assert any("77 qzzyx street" in _norm(document_text(d.model)) for d in built)


def test_the_render_check_names_a_leak_without_the_value() -> None:
    """Defence in depth: had a served template printed the protected address, the renderer's
    own check (which turns into a RenderError) names the field, never the address."""
    from dataclasses import replace

    from counsel.render.checks import family_violence
    from counsel.render.core import protected_values

    tally.attack()
    interview_id, raw = helpers.example("registration")
    answers = helpers.typed(
        interview_id,
        {
            **raw,
            "family_violence": True,
            "protected_party": "obligor",
            "obligor_address": "77 Qzzyx Street\nQvrt, IL 61234",
        },
    )
    built = helpers.renderer().build(interview_id, answers, helpers.office())
    problems: list[Any] = []
    for doc in built:
        # Pretend the template printed the address: the check must name the field.
        leaked = replace(
            doc.model,
            blocks=(*doc.model.blocks, Paragraph((Run("77 Qzzyx Street"),), "body")),
        )
        problems += family_violence(leaked, protected_values(answers), True)
    assert problems and all("obligor_address" in p for p in problems)
    assert not any("Qzzyx" in p for p in problems)
