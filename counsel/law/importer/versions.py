"""A stored Version from raw statute text: Source line and date, heading, labels and cuts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from counsel.law.citations import normalize_hyphens
from counsel.law.labels import clean_artifacts, find_labels, source_gaps, truncated_labels
from counsel.law.model import Version


@dataclass
class Imported:
    """A section as imported: its citation, heading and versions (oldest first)."""

    citation: str
    heading: str
    versions: list[Version] = field(default_factory=list)


# -- source lines and dates -------------------------------------------------------------------

SOURCE_LINE = re.compile(r"\(Source:[^)]*\)")
_PA = re.compile(
    r"(?:P\.\s*A\.\s*|;\s*|^)(?P<pa>\d{2,3}-\d{1,4})"
    r"(?:\s*,\s*eff\.\s*(?P<eff>\d{1,2}-\d{1,2}-\d{2,4}))?"
)


def two_digit_year(year: int) -> int:
    """ILGA writes 7-1-97 and 8-9-19: Public Acts run from the 1960s to now."""
    if year >= 100:
        return year
    return 1900 + year if year >= 50 else 2000 + year


def parse_source_line(source: str) -> tuple[dt.date | None, bool]:
    """The effective date of the last Public Act a Source line lists, and whether it repeals.

    `(Source: P.A. 92-16, eff. 6-28-01; 92-590, eff. 7-1-02.)` -> 2002-07-01. A last Act
    listed without a date (`P.A. 77-1802.`, `Laws 1967`) gives None: unknown, not guessed.
    """
    body = normalize_hyphens(" ".join(source.split()))
    body = body.removeprefix("(Source:").removesuffix(")").strip()
    last: re.Match[str] | None = None
    for part in re.split(r"(?<=\.)\s+(?=Repealed)|;", body):
        for m in _PA.finditer(part.strip()):
            last = m
    repealed = "Repealed by" in body
    if last is None or last.group("eff") is None:
        return None, repealed
    month, day, year = (int(x) for x in last.group("eff").split("-"))
    return dt.date(two_digit_year(year), month, day), repealed


# -- headings ------------------------------------------------------------------------------------

_SEC = re.compile(r"^\s*Sec\.\s*(?P<num>[0-9A-Za-z.\-\u2011]+?)\.(?:\s+|$)")
_HEADING = re.compile(r"^(?P<h>[^.]{1,400}?)\.\)?(?:\s|$)")
_VERBS = re.compile(r"\b(?:shall|may|must|means)\b")


def heading_of(text: str) -> str:
    """The heading after `Sec. N.`: a short phrase ending in a period, not a sentence."""
    flat = " ".join(text.split())
    m = _SEC.match(flat)
    if m is None:
        return ""
    rest = flat[m.end() :]
    if rest.startswith("("):
        paren = re.match(r"^\((Repealed|Blank|Amendatory provisions; text omitted)\)", rest)
        return f"({paren.group(1)})" if paren else ""
    h = _HEADING.match(rest)
    if h is None or _VERBS.search(h.group("h")):
        return ""
    return h.group("h").strip()


# -- versions from text ------------------------------------------------------------------------


def make_version(
    text: str,
    *,
    source: str,
    origin: str,
    heading: str,
    complete: bool = True,
    note: str = "",
    provenance: Sequence[str] = (),
    effective: dt.date | None = None,
    ilga_artifacts: bool = False,
) -> Version:
    """A Version from raw text: `| ||` artifacts cleaned, labels found, cuts recorded."""
    if ilga_artifacts:
        cleaned = clean_artifacts(text)
        body, gaps = cleaned.text.strip("\n"), cleaned.gaps
        lead = len(cleaned.text) - len(cleaned.text.lstrip("\n"))
        gaps = tuple(g - lead for g in gaps)
    else:
        body = text.strip("\n")
        gaps = source_gaps(body)
    labels = find_labels(body)
    cut = truncated_labels(labels, gaps)
    repealed = False
    if source:
        parsed, repealed = parse_source_line(source)
        effective = parsed if effective is None else effective
    return Version(
        effective=effective,
        source=source,
        origin=origin,
        heading=heading,
        text=body,
        labels=tuple(label for _, label in labels),
        truncated=cut,
        complete=complete and not gaps,
        note=note,
        provenance=tuple(provenance),
        repealed=repealed,
    )
