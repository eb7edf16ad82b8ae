"""Checks on a document model before anything is written: provisions, Rule 138, safety, law."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from counsel.render.model import Document, document_text

# Ill. S. Ct. R. 138(b): SSN/ITIN, driver's license, financial account and card numbers.
# 123-45-6789, 123 45 6789 or 123456789 (not a ZIP+4 such as 62704-1234).
_SSN = re.compile(r"(?<![\dA-Za-z])(?:\d{3}([- ])\d{2}\1\d{4}|\d{9})(?![\dA-Za-z])")
_DIGIT_RUN = re.compile(r"(?<![\dA-Za-z])\d(?:[ -]?\d){11,18}(?![\dA-Za-z])")
# Answer ids holding personal identity information, by the name the case model gives them.
_PII_ID = re.compile(r"(^|_)(ssn|itin|taxpayer_id|tin|license|dl|account_number|card_number)($|_)")
_ILCS = re.compile(r"\b\d{1,3} ILCS \d{1,3}/[0-9][0-9.\-]*[0-9](?:\([A-Za-z0-9.\-]+\))*")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def pii_values(answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(answer id, digits) of every personal identity number in the answers (Rule 138(b))."""
    out: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any, key: str) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v, str(k))
        elif isinstance(value, list | tuple):
            for i, v in enumerate(value, start=1):
                walk(f"{prefix}[{i}]", v, key)
        elif isinstance(value, str) and _PII_ID.search(key) and not key.endswith("last4"):
            digits = _digits(value)
            if len(digits) > 4:
                out.append((prefix, digits))

    walk("", answers, "")
    return out


def rule_138(doc: Document, answers: Mapping[str, Any]) -> list[str]:
    """Filed documents show identity numbers by their last four digits only (R. 138(c))."""
    text = document_text(doc)
    problems: list[str] = []
    runs = {_digits(m.group()) for m in _DIGIT_RUN.finditer(text)}
    runs |= {_digits(m.group()) for m in _SSN.finditer(text)}
    for field_id, digits in pii_values(answers):
        if any(digits in run for run in runs) or digits in _digits_spaced(text, digits):
            problems.append(
                f"{doc.doc_id}: the full number from '{field_id}' appears; filed documents may "
                "show only its last four digits (Ill. S. Ct. R. 138(c)); the full number goes "
                'only in the "Notice of Confidential Information Within Court Filing"'
            )
    if _SSN.search(text):
        problems.append(
            f"{doc.doc_id}: a nine-digit number shaped like a Social Security number appears; "
            "show only the last four digits (Ill. S. Ct. R. 138(b)(1), (c)(1))"
        )
    for m in _DIGIT_RUN.finditer(text):
        digits = _digits(m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            problems.append(
                f"{doc.doc_id}: a {len(digits)}-digit number shaped like a card number appears; "
                "show only the last four digits (Ill. S. Ct. R. 138(b)(4), (c)(4))"
            )
    return _unique(problems)


def _digits_spaced(text: str, digits: str) -> str:
    # A number split by stray punctuation ("900.00.0001") is still the number.
    pattern = r"[\s.\-/]?".join(re.escape(d) for d in digits)
    found = re.search(rf"(?<!\d){pattern}(?!\d)", text)
    return digits if found else ""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def family_violence(
    doc: Document, protected: Iterable[tuple[str, str]], served_on_other_party: bool
) -> list[str]:
    """With the flag set, protected addresses/employers stay out of what the other party gets.

    42 U.S.C. 654(26); 45 CFR 303.21; 305 ILCS 5/10-10.5, 10-11.2 (LEGAL.md).
    """
    if not served_on_other_party:
        return []
    text = _norm(document_text(doc))
    problems = []
    reported: set[str] = set()
    for field_id, value in protected:
        lines = [_norm(line) for line in str(value).splitlines() if len(line.strip()) >= 4]
        if field_id not in reported and any(line and line in text for line in lines):
            reported.add(field_id)
            problems.append(
                f"{doc.doc_id}: '{field_id}' (protected by the family-violence flag) appears in a "
                "document served on the other party; remove it (42 U.S.C. 654(26); "
                "45 CFR 303.21)"
            )
    return problems


def missing_provisions(doc: Document, required: Iterable[tuple[str, str, str]]) -> list[str]:
    """Every required provision (id, title, citation) is marked in the document."""
    return [
        f'{doc.doc_id}: required provision "{pid}" ({title}; {cites}) is missing: mark it '
        f'data-provision="{pid}"'
        for pid, title, cites in required
        if pid not in doc.provisions
    ]


def citations_in_text(doc: Document) -> list[str]:
    """Citations to Illinois statutes written into the text (checked against the store too)."""
    return sorted({m.group() for m in _ILCS.finditer(document_text(doc))})


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
