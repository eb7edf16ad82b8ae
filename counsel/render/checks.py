"""Checks on a document model before anything is written: elements, Rule 138, safety, law."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from counsel.render.elements import Element, missing_words
from counsel.render.model import Document, document_text

# Ill. S. Ct. R. 138(b): SSN/ITIN, driver's license, financial account and card numbers.
# 123-45-6789, 123 45 6789 or 123456789 (not a ZIP+4 such as 62704-1234). Matched on the text
# as a reader sees it (reader_text), so separators are plain spaces and hyphens here.
_SSN = re.compile(r"(?<![\dA-Za-z])(?:\d{3}( ?[- ] ?)\d{2}\1\d{4}|\d{9})(?![\dA-Za-z])")
_DIGIT_RUN = re.compile(r"(?<![\dA-Za-z])\d(?:[ -]?\d){11,}(?![\dA-Za-z])")
_GROUP = re.compile(r"\d+")
# How card numbers are written: run together, in fours (the last group may be shorter), or in
# the 4-6-4 / 4-6-5 groups of 14- and 15-digit cards. A Cook County parcel index number
# (19-23-112-021-0000: 2-2-3-3-4) is none of these, whatever its check digit says.
_CARD_GROUPS = re.compile(
    r"\d{13,19}|\d{4}(?:[ -]\d{4}){2}[ -]\d{1,4}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5}"
)
# A run that a parcel word names (PIN, P.I.N., parcel, permanent index number) within a few
# words before it is a parcel number when it has a PIN's 14 digits.
_PARCEL_WORDS = re.compile(
    r"(?:\bP\.?\s?I\.?\s?N\b\.?|\bparcel\b|\bpermanent\s+(?:real\s+estate\s+)?index\b|"
    r"\bproperty\s+index\b|\btax\s+(?:id|identification|parcel)\b)[^\n\d]{0,40}$",
    re.IGNORECASE,
)
# Answer ids holding personal identity information, by the name the case model gives them.
_PII_ID = re.compile(r"(^|_)(ssn|itin|taxpayer_id|tin|license|dl|account_number|card_number)($|_)")

# Characters a reader does not see (format characters such as the soft hyphen and the zero-width
# space; combining and enclosing marks drawn over a digit; controls) and characters a reader
# sees as a hyphen (every dash, the minus signs) or as a space.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc", "Cs", "Co", "Cn"})
_SHOWN_CONTROL = re.compile(r"\\x[0-9a-f]{2}")
_PLAIN = re.compile(r"[\x20-\x7e\n]*")
_EXTRA_DASHES = frozenset("\u2212\u2043\u02d7\u2796\u2010\u2011\u00af\u207b\u208b\ufe58")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


@functools.lru_cache(maxsize=4096)
def _reader_char(ch: str) -> str:
    if ch in "\n":
        return ch
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Pd" or ch in _EXTRA_DASHES:
        return "-"
    if category in _INVISIBLE_CATEGORIES:
        return ""
    if category == "Nd":
        return str(unicodedata.digit(ch))
    return ch


def reader_text(text: str) -> str:
    """The text as a reader sees it on the page, for the Rule 138 scan: Unicode-normalized
    (NFKC: full-width and mathematical digits become 0-9), invisible and format characters
    removed (soft hyphen, zero-width space, joiners, bidi marks, combining marks), every dash
    and minus sign a hyphen, every space a space, and every decimal digit an ASCII digit."""
    normalized = unicodedata.normalize("NFKC", text)
    if _PLAIN.fullmatch(normalized):
        return normalized
    return "".join(_reader_char(ch) for ch in normalized)


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
            digits = _digits(reader_text(value))
            if len(digits) > 4:
                out.append((prefix, digits))

    walk("", answers, "")
    return out


def scanned_text(doc: Document) -> str:
    """Everything a filed copy shows (body, title, subject, author), as a reader sees it.

    The parser writes a control character as the visible escape `\\x1f`
    (counsel.render.parse.visible); the scan reads that escape as the control character it
    stands for, which a reader skips, so it cannot split a number's digits either.
    """
    text = _SHOWN_CONTROL.sub("", document_text(doc) + "\n" + doc.metadata.author)
    return reader_text(text)


def rule_138(doc: Document, answers: Mapping[str, Any]) -> list[str]:
    """Filed documents show identity numbers by their last four digits only (R. 138(c)).

    The scan reads `reader_text`, so a number written with soft hyphens, zero-width spaces,
    Unicode dashes or minus signs is the number a reader (and pdftotext) sees.
    """
    text = scanned_text(doc)
    problems: list[str] = []
    for field_id, digits in pii_values(answers):
        if _digits_spaced(text, digits):
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
        for start, run in _card_windows(m.group()):
            if is_card_number(run, text[: m.start() + start]):
                problems.append(
                    f"{doc.doc_id}: a {len(_digits(run))}-digit number shaped like a card "
                    "number appears; show only the last four digits "
                    "(Ill. S. Ct. R. 138(b)(4), (c)(4))"
                )
                break
    return _unique(problems)


def is_card_number(run: str, before: str = "") -> bool:
    """A credit or debit card number (Ill. S. Ct. R. 138(b)(4)): 13 to 19 digits written as
    cards are written, with a valid Luhn check digit. Never the digit count alone: a parcel
    index number, a case number or a legal description's numbers are not card numbers.
    `before` is the text preceding the run (a parcel word there marks a 14-digit PIN)."""
    digits = _digits(run)
    if not 13 <= len(digits) <= 19 or not luhn_ok(digits):
        return False
    if not _CARD_GROUPS.fullmatch(run):
        return False
    return not (len(digits) == 14 and _PARCEL_WORDS.search(before[-60:]))


def _card_windows(run: str) -> list[tuple[int, str]]:
    """Every stretch of whole digit groups in a run that could hold a card number (13 to 19
    digits), so digits written before or after a card number do not hide it."""
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(run)]
    if len(groups) == 1:
        return [(0, run)] if len(run) <= 19 else []
    out = []
    for i in range(len(groups)):
        for j in range(i, len(groups)):
            piece = run[groups[i][0] : groups[j][1]]
            count = len(_digits(piece))
            if count > 19:
                break
            if count >= 13:
                out.append((groups[i][0], piece))
    return out


def _digits_spaced(text: str, digits: str) -> bool:
    # A number split by separators a reader skips over ("900.00.0001", "900 - 00 - 0001",
    # a line break) is still the number.
    pattern = r"[\s.\-/]{0,3}".join(re.escape(d) for d in digits)
    return re.search(rf"(?<!\d){pattern}(?!\d)", text) is not None


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


def missing_elements(doc: Document, required: Iterable[Element]) -> list[str]:
    """Every element the law requires of the document is marked and carries its words
    (templates/elements.toml: the element, its citation and the source line it comes from)."""
    problems = []
    for element in required:
        if element.id not in doc.provisions:
            problems.append(
                f'{doc.doc_id}: required element "{element.id}" ({element.title}; '
                f"{element.citation}; {element.source}) is missing: mark the words that state "
                f'it data-provision="{element.id}"'
            )
            continue
        missing = missing_words(doc, element)
        if missing:
            problems.append(
                f'{doc.doc_id}: element "{element.id}" must say '
                + ", ".join(f'"{w}"' for w in missing)
                + f" ({element.citation}; {element.source})"
            )
    return problems


def citations_in_text(doc: Document) -> list[str]:
    """Citations written into the text, in every form counsel writes (the one pattern of
    counsel.law.citations, shared with lint and impact); each is checked against the store."""
    from counsel.law.citations import citations_in_text as found_in

    return sorted(set(found_in(document_text(doc))))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
