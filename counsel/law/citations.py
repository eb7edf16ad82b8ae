"""Citation parsing and normalization: `305 ILCS 5/10-11.1(b)(1)` and the other cited forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from counsel.errors import UsageError


class CitationError(UsageError):
    """A citation that cannot be parsed or names nothing in the store (exit 2).

    `matches` holds the closest known citations, best first, when the store suggested any.
    """

    def __init__(self, message: str, matches: tuple[str, ...] = ()) -> None:
        if matches:
            message = f"{message}; closest: {', '.join(matches)}"
        super().__init__(message)
        self.matches = matches


@dataclass(frozen=True)
class Citation:
    """A parsed citation: the code (`305 ILCS 5`), the section (`10-11.1`) and a pinpoint."""

    code: str
    section: str
    pinpoint: tuple[str, ...] = ()

    @property
    def section_key(self) -> str:
        """The section's citation without the pinpoint: the store's key."""
        return _join(self.code, self.section)

    @property
    def label(self) -> str:
        """The pinpoint as a subsection label, e.g. `(b)(1)`; empty for the whole section."""
        return "".join(f"({p})" for p in self.pinpoint)

    def __str__(self) -> str:
        return self.section_key + self.label


def _join(code: str, section: str) -> str:
    if not section:
        return code
    if code.endswith("ILCS") or " ILCS " in code:
        # "305 ILCS 5" + "10-1" -> "305 ILCS 5/10-1"; an Act cited whole has no slash.
        return f"{code}/{section}"
    return f"{code} {section}"


# Named documents (court-system standards, local rules and forms) cited by title. The key is
# the lowercase title with runs of spaces collapsed; the value is the canonical spelling.
NAMED_DOCUMENTS: dict[str, str] = {
    t.lower(): t
    for t in (
        "eFileIL Electronic Document Standards",
        "Lake County Cir. Ct. R. 1-2.08",
        "McHenry County Cir. Ct. R. 21.10",
        "Cook County Cir. Ct. E-Filing Format Provisions",
        "Uniform Order for Support (sample form)",
        "OCSE Notice of Lien (OMB 0970-0153)",
    )
}

_PIN = r"(?P<pin>(?:\s*\(\s*[0-9A-Za-z.\-]+\s*\))*)"
_SECTION = r"(?P<section>[0-9]+[A-Za-z]?(?:[-.][0-9A-Za-z]+)*)"

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 305 ILCS 5/10-16.5(a), 5 ILCS 179 (an Act cited whole), 305 ILCS 5/Art. X
    (
        re.compile(
            r"^(?P<ch>\d+)\s*ILCS\s*(?P<act>\d+)\s*"
            r"(?:/\s*(?:(?P<art>art\.?\s*[ivxlc]+a?)|" + _SECTION + r"))?" + _PIN + r"$",
            re.IGNORECASE,
        ),
        "ilcs",
    ),
    (
        re.compile(
            r"^(?P<title>\d+)\s*(?:Ill\.?\s*Adm\.?\s*Code|IAC)\s*(?:§\s*)?"
            r"(?P<section>\d+\.\d+)" + _PIN + r"$",
            re.IGNORECASE,
        ),
        "iac",
    ),
    (
        re.compile(
            r"^(?:Ill\.?\s*S\.?\s*Ct\.?|Illinois\s+Supreme\s+Court)\s*R(?:ule|\.)?\s*"
            r"(?P<section>\d+)" + _PIN + r"$",
            re.IGNORECASE,
        ),
        "scr",
    ),
    (
        re.compile(
            r"^(?P<title>\d+)\s*U\.?\s*S\.?\s*C\.?\s*(?:§\s*)?(?P<section>\d+[a-z]?)" + _PIN + r"$",
            re.IGNORECASE,
        ),
        "usc",
    ),
    (
        re.compile(
            r"^(?P<title>\d+)\s*C\.?\s*F\.?\s*R\.?\s*(?:§\s*)?(?P<section>\d+\.\d+)" + _PIN + r"$",
            re.IGNORECASE,
        ),
        "cfr",
    ),
)

_SEC_ONLY = re.compile(r"^(?:sec(?:tion)?\.?|§)\s*\S+", re.IGNORECASE)
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})

FORMS_HELP = (
    "write it like '305 ILCS 5/10-11.1(b)(1)', '89 Ill. Adm. Code 160.70(g)(1)(A)', "
    "'Ill. S. Ct. R. 138(c)', '42 U.S.C. 654(26)' or '45 CFR 303.21'"
)


def normalize_hyphens(text: str) -> str:
    """Replace the non-ASCII hyphens and dashes ILGA pages use with '-'."""
    return text.translate(_HYPHENS)


def _pinpoint(raw: str) -> tuple[str, ...]:
    return tuple(p.replace(" ", "") for p in re.findall(r"\(\s*([^()]+?)\s*\)", raw))


def parse_citation(text: str) -> Citation:
    """Parse and normalize a citation; `CitationError` names the accepted forms."""
    raw = " ".join(normalize_hyphens(text).replace("\u00a0", " ").split())
    if not raw:
        raise CitationError(f"citation is empty; {FORMS_HELP}")
    named = NAMED_DOCUMENTS.get(raw.lower())
    if named is not None:
        return Citation(code=named, section="")
    for pattern, kind in _FORMS:
        m = pattern.match(raw)
        if m is None:
            continue
        pin = _pinpoint(m.group("pin") or "")
        if kind == "ilcs":
            code = f"{int(m.group('ch'))} ILCS {int(m.group('act'))}"
            if m.group("art"):
                numeral = re.sub(r"(?i)^art\.?\s*", "", m.group("art")).upper()
                return Citation(code=code, section=f"Art. {numeral}", pinpoint=pin)
            section = m.group("section") or ""
            if not section and pin:
                raise CitationError(
                    f"citation {raw!r} has a subsection but no section; {FORMS_HELP}"
                )
            return Citation(code=code, section=section, pinpoint=pin)
        if kind == "iac":
            return Citation(f"{int(m.group('title'))} Ill. Adm. Code", m.group("section"), pin)
        if kind == "scr":
            return Citation("Ill. S. Ct. R.", m.group("section"), pin)
        if kind == "usc":
            return Citation(f"{int(m.group('title'))} U.S.C.", m.group("section"), pin)
        return Citation(f"{int(m.group('title'))} CFR", m.group("section"), pin)
    if _SEC_ONLY.match(raw):
        raise CitationError(f"citation {raw!r} does not name its Act or code; {FORMS_HELP}")
    raise CitationError(f"citation {raw!r} is not a form counsel knows; {FORMS_HELP}")


# -- citations written in running text ---------------------------------------------------------

# The forms counsel writes (docs/CONTRACTS.md), found inside prose: render checks, lint, impact,
# preview and `statutes check` all read text with this one pattern, so a citation one of them
# sees is one each of them sees. "10-12, 10-12.1" lists are found by their first member.
_TEXT_PIN = r"(?:\((?:[0-9]{1,3}|[a-z]{1,4}|[A-Z]|[a-z]-[0-9]+)\))*"
CITATION_IN_TEXT = re.compile(
    r"\b\d{1,3} ILCS \d{1,4}/[0-9][0-9A-Za-z.-]*[0-9A-Za-z]"
    + _TEXT_PIN
    + r"|\b\d{1,3} Ill\. Adm\. Code \d+\.\d+"
    + _TEXT_PIN
    + r"|\bIll\. S\. Ct\. R\. \d+"
    + _TEXT_PIN
    + r"|\b\d{1,3} U\.S\.C\. \d+[a-z]?"
    + _TEXT_PIN
    + r"|\b\d{1,3} CFR \d+\.\d+"
    + _TEXT_PIN
)
"""A citation inside running text, in any form counsel writes: ILCS (acts of up to four
digits, sections with letters such as 9A-4), Ill. Adm. Code, Ill. S. Ct. R., U.S.C., CFR."""


def citations_in_text(text: str) -> list[str]:
    """Every citation written in `text`, in order of first appearance, each once."""
    return list(dict.fromkeys(m.group() for m in CITATION_IN_TEXT.finditer(text)))
