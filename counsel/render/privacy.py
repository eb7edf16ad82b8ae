"""Private answers in the renderer's checks and errors: the family-violence lines to keep out
of documents served on someone else, and error text that must not quote an answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _answer_texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if len(value.strip()) >= 3 else []
    if isinstance(value, Mapping):
        return [t for v in value.values() for t in _answer_texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _answer_texts(v)]
    return []


def without_answers(message: str, answers: Mapping[str, Any]) -> str:
    """An error's text, unless it quotes an answer (errors must never carry private data)."""
    if any(text in message for text in _answer_texts(answers)):
        return (
            "an expression on an answer failed (its text is not shown because it quotes the "
            "answer); check the template's lookups and filters on answers"
        )
    return message


def protected_parties(answers: Mapping[str, Any]) -> frozenset[str]:
    """The parties the family-violence flag protects: "obligee", "obligor", or both."""
    if not answers.get("family_violence"):
        return frozenset()
    party = str(answers.get("protected_party") or "obligee")
    return frozenset(("obligee", "obligor")) if party == "both" else frozenset((party,))


def protected_values(answers: Mapping[str, Any], served_on: str = "") -> list[tuple[str, str]]:
    """The protected parties' address and employer lines (and the children's addresses, when
    the obligee is protected), kept from a document served on `served_on`: a party's own lines
    are not kept from a document served on that party alone.

    A line another address in the answers also holds (the other party's, a holder's, a joint
    owner's, the office the obligor reports to: a shared "Springfield, IL 62701" line, say)
    reveals nothing about the protected party and is left out, so it cannot block a document
    that must give that other address. An address that IS the protected one (a joint owner
    living there, the real estate that is the protected home) lends no line: it stays checked.
    """
    parties = protected_parties(answers) - {served_on}
    if not parties:
        return []

    def lines(value: Any) -> list[str]:
        return [" ".join(line.split()) for line in str(value).splitlines() if line.strip()]

    def own(key: str) -> bool:
        return any(
            key.startswith(f"{p}_") and ("address" in key or "employer" in key) for p in parties
        )

    def is_protected(key: str) -> bool:
        if "obligee" in parties and key.startswith("children["):
            return True  # the children live with the protected obligee
        return own(key)

    protected_texts = {
        "\n".join(lines(value)).casefold()
        for key, value in answers.items()
        if is_protected(key) and value
    }
    public = {
        line.casefold()
        for key, value in _addresses(answers)
        if not is_protected(key) and "\n".join(lines(value)).casefold() not in protected_texts
        for line in lines(value)
    }
    out: list[tuple[str, str]] = []

    def add(field_id: str, value: Any) -> None:
        for line in lines(value):
            if line.casefold() not in public:
                out.append((field_id, line))

    for key, value in answers.items():
        if own(key) and value:
            add(key, value)
    if "obligee" in parties:
        for i, child in enumerate(answers.get("children") or [], start=1):
            if isinstance(child, Mapping) and child.get("address"):
                add(f"children[{i}].address", child["address"])
    return out


def _addresses(answers: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(answer id, text) of every address or employer answer, list items' fields included."""
    out: list[tuple[str, Any]] = []
    for key, value in answers.items():
        if isinstance(value, list):
            for i, item in enumerate(value, start=1):
                if isinstance(item, Mapping):
                    out += [
                        (f"{key}[{i}].{k}", v)
                        for k, v in item.items()
                        if isinstance(v, str) and v and ("address" in k or "employer" in k)
                    ]
        elif isinstance(value, str) and value and ("address" in key or "employer" in key):
            out.append((key, value))
    return out


def served_on_other(served_on: str, answers: Mapping[str, Any]) -> bool:
    """Served on anyone but the protected party (the other parent, a holder, a joint owner);
    with both parties protected, on anyone at all but one of them alone."""
    if not served_on:
        return False
    return bool(protected_parties(answers) - {served_on})
