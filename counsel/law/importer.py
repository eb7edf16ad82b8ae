"""Build counsel/statutes/*.toml from ../shared: `python -m counsel.law.importer ../shared`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from counsel.law.citations import normalize_hyphens, parse_citation
from counsel.law.labels import (
    NOT_IN_SOURCE,
    clean_artifacts,
    find_labels,
    source_gaps,
    truncated_labels,
)
from counsel.law.loader import UNKNOWN, parse_section, slug
from counsel.law.model import Section, Version

SEED_305 = "seeds/004_013d7263e2d1d1e6.txt"
SEED_750_24 = "seeds/002_c73fe227e390c170.txt"
SEED_IRG = "seeds/001_e84aa879cbd19e32.txt"
NO_TEXT_NOTE = "text not in the project's sources"


@dataclass
class Imported:
    """A section as imported: its citation, heading and versions (oldest first)."""

    citation: str
    heading: str
    versions: list[Version] = field(default_factory=list)


# -- source lines and dates -------------------------------------------------------------------

_SOURCE = re.compile(r"\(Source:[^)]*\)")
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


# -- the ILGA compiled format (seed 004, seed 002) ---------------------------------------------

_BLOCK_START = re.compile(r"^\s*\((?P<cite>\d+\s+ILCS\s+[^)]+)\)\s*(?P<rest>.*)$")
_FROM = re.compile(r"^\((?P<from>from Ch\.[^)]*)\)\s*")


def split_ilga(text: str) -> list[tuple[str, str]]:
    """(citation inside the parentheses, block text) for each section, in file order."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        m = _BLOCK_START.match(line)
        if m is not None:
            blocks.append((m.group("cite"), [m.group("rest")]))
            continue
        if line.strip() == "|":
            continue  # the separator between sections
        if blocks:
            blocks[-1][1].append(line)
    return [(cite, "\n".join(lines)) for cite, lines in blocks]


def parse_ilga(text: str, origin: str, *, dedent: bool = False) -> list[Imported]:
    """Every section of an ILGA compiled-format file, one version each."""
    out: list[Imported] = []
    for cite, block in split_ilga(text):
        if dedent:
            # Seed 002 indents with no-break spaces: layout, not text; make them spaces.
            block = re.sub(r"(?m)^[ \u00a0]+", lambda m: " " * len(m.group(0)), block)
            block = textwrap.dedent(block)
        note = ""
        m = _FROM.match(block)
        if m is not None:
            note = f"Formerly {m.group('from').removeprefix('from ')}."
            block = block[m.end() :]
        block = re.sub(r"\s*\|\s*$", "", block.rstrip())  # "(Source: ...) |"
        article = re.match(r"^(?P<code>.+?)/Art\.\s*(?P<num>[IVXLC]+A?)\s+heading$", cite)
        if article is not None:
            citation = f"{article.group('code')}/Art. {article.group('num')}"
            body = block.strip()
            heading = " ".join(body.split())
            out.append(
                Imported(
                    citation,
                    heading,
                    [
                        make_version(
                            body,
                            source="",
                            origin=origin,
                            heading=heading,
                            note="Article heading of the compiled Act; it has no Source line.",
                        )
                    ],
                )
            )
            continue
        citation = str(parse_citation(cite))
        source_match = _SOURCE.search(block)
        source = ""
        if source_match is not None:
            source = normalize_hyphens(" ".join(source_match.group(0).split()))
            source = source.replace(" .)", ".)")
            block = block[: source_match.start()] + block[source_match.end() :]
        body = block.strip()
        heading = heading_of(body)
        version = make_version(
            body,
            source=source,
            origin=origin,
            heading=heading,
            note=note,
            ilga_artifacts=True,
        )
        if version.truncated or not version.complete:
            cut = ", ".join(version.truncated) or "unlabelled text"
            version = replace(
                version,
                note=(version.note + " " if version.note else "")
                + f'List items cut off in this copy (marked "{NOT_IN_SOURCE}"): {cut}.',
            )
        out.append(Imported(citation, heading, [version]))
    return out


def act_title(text: str, origin: str) -> Imported | None:
    """The Act-level record from a first line like `750 ILCS 24/ Unified Child ... Act.`."""
    first = text.lstrip().split("\n", 1)[0]
    m = re.match(r"^(?P<code>\d+\s+ILCS\s+\d+)/\s+(?P<title>.+?)\.?\s*$", first)
    if m is None:
        return None
    title = m.group("title")
    return Imported(
        m.group("code"),
        title,
        [
            make_version(
                first.strip(),
                source="",
                origin=origin,
                heading=title,
                note="Title line of the Act as compiled; the Act's sections are stored separately.",
            )
        ],
    )


# -- sources/ files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    """A sources/ file: its header fields and its body."""

    name: str
    header: dict[str, list[str]]
    body: str

    @property
    def origin(self) -> str:
        return f"sources/{self.name}"

    def field_(self, key: str) -> str:
        return " ".join(self.header.get(key, []))

    @property
    def urls(self) -> tuple[str, ...]:
        """Every Source* header line, as written (label and address)."""
        out: list[str] = []
        for key, values in self.header.items():
            if key.startswith("Source"):
                out.extend(f"{key}: {v}" for v in values)
        return tuple(out)

    @property
    def partial(self) -> bool:
        return "PARTIAL" in self.field_("Completeness") or "NOT retrieved" in self.field_(
            "Completeness"
        )

    @property
    def header_note(self) -> str:
        parts = [
            f"Completeness: {self.field_('Completeness')}",
            f"Effective/Source line: {self.field_('Effective/Source line')}",
        ]
        return " ".join(p for p in parts if not p.endswith(": "))


_HEADER_LINE = re.compile(
    r"^(?P<key>Citation|Source|Retrieved-via|Effective/Source line|Completeness|Related"
    r"|Pending-change signal)(?P<qual>(?: \(.*?\))?): (?P<value>.*)$"
)


def read_source_file(path: Path) -> SourceFile:
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header: dict[str, list[str]] = {}
    for line in head.split("\n"):
        m = _HEADER_LINE.match(line)
        if m is not None:
            header.setdefault(m.group("key") + m.group("qual"), []).append(m.group("value").strip())
    return SourceFile(path.name, header, body)


def _strip_citation_line(body: str) -> str:
    lines = body.lstrip("\n").split("\n")
    if lines and _BLOCK_START.match(lines[0]):
        m = _BLOCK_START.match(lines[0])
        assert m is not None
        rest = _FROM.sub("", m.group("rest"))
        lines = ([rest] if rest.strip() else []) + lines[1:]
    return "\n".join(lines)


def source_version(
    sf: SourceFile,
    body: str,
    *,
    heading: str = "",
    complete: bool | None = None,
    note: str = "",
    effective: dt.date | None = None,
) -> Version:
    """A version from (part of) a sources/ file: provenance and completeness from its header."""
    text = _strip_citation_line(body)
    source = ""
    m = _SOURCE.search(text)
    if m is not None:
        source = normalize_hyphens(" ".join(m.group(0).split()))
        text = text[: m.start()] + text[m.end() :]
    else:
        h = _SOURCE.search(sf.field_("Effective/Source line"))
        if h is not None:
            source = normalize_hyphens(h.group(0))
    text = text.strip("\n")
    full_note = " ".join(p for p in (note, sf.header_note) if p)
    return make_version(
        text,
        source=source,
        origin=sf.origin,
        heading=heading or heading_of(text),
        complete=(not sf.partial) if complete is None else complete,
        note=full_note,
        provenance=sf.urls,
        effective=effective,
    )


def _between(body: str, start: str, end: str | None = None) -> str:
    i = body.index(start) + len(start)
    j = body.index(end, i) if end is not None else len(body)
    return body[i:j].strip("\n")


def _after_marker_line(part: str) -> str:
    return part.split("\n", 1)[1] if "\n" in part else ""


def import_sources(shared: Path) -> list[Imported]:
    """Every sources/ file as sections; multi-part files are split as their headers say."""
    folder = shared / "sources"
    out: list[Imported] = []

    def single(
        name: str, citation: str, heading: str = "", complete: bool | None = None, note: str = ""
    ) -> None:
        sf = read_source_file(folder / name)
        v = source_version(sf, sf.body, heading=heading, complete=complete, note=note)
        out.append(Imported(citation, v.heading or heading, [v]))

    simple = {
        "305-ILCS-5-10-10.4.txt": "305 ILCS 5/10-10.4",
        "305-ILCS-5-10-10.5.txt": "305 ILCS 5/10-10.5",
        "305-ILCS-5-10-11.2.txt": "305 ILCS 5/10-11.2",
        "305-ILCS-5-10-16.5.txt": "305 ILCS 5/10-16.5",
        "305-ILCS-5-10-17.1.txt": "305 ILCS 5/10-17.1",
        "305-ILCS-5-10-24.5.txt": "305 ILCS 5/10-24.5",
        "305-ILCS-5-10-25.5.txt": "305 ILCS 5/10-25.5",
        "305-ILCS-5-10-25.txt": "305 ILCS 5/10-25",
        "305-ILCS-5-10-7.txt": "305 ILCS 5/10-7",
        "750-ILCS-16-23.txt": "750 ILCS 16/23",
        "750-ILCS-28-15.txt": "750 ILCS 28/15",
        "750-ILCS-28-20.txt": "750 ILCS 28/20",
        "750-ILCS-28-55.txt": "750 ILCS 28/55",
        "750-ILCS-45-14-predecessor-of-46-802.txt": "750 ILCS 45/14",
        "89-IAC-160.60.txt": "89 Ill. Adm. Code 160.60",
        "89-IAC-160.70.txt": "89 Ill. Adm. Code 160.70",
        "IL-SCR-10.txt": "Ill. S. Ct. R. 10",
        "IL-SCR-131.txt": "Ill. S. Ct. R. 131",
        "IL-SCR-138.txt": "Ill. S. Ct. R. 138",
        "IL-eFileIL-Electronic-Document-Standards.txt": "eFileIL Electronic Document Standards",
        "IL-FORM-Uniform-Order-for-Support-sample.txt": "Uniform Order for Support (sample form)",
        "US-OCSE-Notice-of-Lien-form.txt": "OCSE Notice of Lien (OMB 0970-0153)",
    }
    headings = {
        "305 ILCS 5/10-11": "Administrative Orders",
        "750 ILCS 46/812": "Interest on support obligations",
        "Ill. S. Ct. R. 10": "Size and Specifications of Documents Filed in the Illinois Courts",
        "Ill. S. Ct. R. 131": "Form of Documents",
        "Ill. S. Ct. R. 138": "Personal Identity Information",
        "89 Ill. Adm. Code 160.60": "Establishment of Support Obligations",
        "89 Ill. Adm. Code 160.70": "Enforcement of Support Orders",
        "eFileIL Electronic Document Standards": "eFileIL Electronic Document Standards",
        "Uniform Order for Support (sample form)": "Uniform Order for Support (sample)",
        "OCSE Notice of Lien (OMB 0970-0153)": "Notice of Lien (federal standard form)",
    }
    for name, citation in simple.items():
        single(name, citation, headings.get(citation, ""))
    # A third-party copy beginning mid-section; the header says the rest is missing.
    single("305-ILCS-5-10-11.txt", "305 ILCS 5/10-11", headings["305 ILCS 5/10-11"])
    single(
        "750-ILCS-46-812.txt",
        "750 ILCS 46/812",
        headings["750 ILCS 46/812"],
        complete=False,
        note='The stored copy cuts the middle sentence ("An order for support shall cont").',
    )

    # 735 ILCS 5/12-109 (b), quoted, and 2-1303(a) opening, in one file.
    sf = read_source_file(folder / "735-ILCS-5-12-109.txt")
    marker = "--- 735 ILCS 5/2-1303(a), opening (compiled text as stored) ---"
    v = source_version(
        sf,
        sf.body[: sf.body.index(marker)],
        heading="Interest on judgments",
        note="Quoted by a secondary source (In re Marriage of Westlund, 2020 IL App (1st) "
        "190837); subsection (a) and the rest of (b) are not in the sources.",
    )
    out.append(Imported("735 ILCS 5/12-109", "Interest on judgments", [v]))
    v = source_version(
        sf,
        _after_marker_line(sf.body[sf.body.index(marker) :]),
        heading="Interest on judgment",
        complete=False,
        note="Opening of (a) only, from the same sources file as 12-109.",
    )
    out.append(Imported("735 ILCS 5/2-1303", "Interest on judgment", [v]))

    # UIFSA 605 and 606.
    sf = read_source_file(folder / "750-ILCS-22-605-606.txt")
    m605 = "--- Sec. 605 (current wording) ---"
    m605old = "--- Sec. 605(b)(2)-(3), older wording (statutes.laws.com copy) ---"
    m606 = "--- Sec. 606 ---"
    v = source_version(
        sf,
        _between(sf.body, m605, m605old),
        note="The source file also quotes an older wording of (b)(2)-(3); it is not stored "
        "as a version because neither wording's effective date is in the sources.",
    )
    out.append(Imported("750 ILCS 22/605", v.heading, [v]))
    v = source_version(
        sf,
        _between(sf.body, m606),
        heading="Procedure to contest validity or enforcement of registered support order",
        complete=False,
        note="Only (a)-(c) as shown; any later text not retrieved.",
    )
    out.append(Imported("750 ILCS 22/606", v.heading, [v]))

    # IMDMA 510: the current opening, and (a)(1)-(2) in the 2003 wording (dates unknown).
    sf = read_source_file(folder / "750-ILCS-5-510.txt")
    ma = "=== A. Current compiled text (ILGA), opening ==="
    mb = "=== B. (a)(1)-(2) as shown in Public Act 93-353 (2003) ==="
    older = source_version(
        sf,
        # Stored exactly as the source shows it: no label is written into the text.
        _between(sf.body, mb),
        heading=heading_of(_strip_citation_line(_between(sf.body, ma, mb))),
        complete=False,
        note="(a)(1)-(2) as shown in Public Act 93-353 (2003), without the (a) label the "
        "source omits (its items are labelled (a)(1)... in the metadata only). Effective "
        "date not in the sources.",
    )
    # The items sit under (a) in the law; say so in the labels (metadata), not in the text.
    older = replace(
        older,
        labels=tuple("(a)" + label for label in older.labels),
        truncated=tuple("(a)" + label for label in older.truncated),
    )
    current = source_version(
        sf,
        _between(sf.body, ma, mb),
        note="Current compiled opening; its effective date is not in the sources, so it is "
        "ordered after the 2003 wording but given no date.",
    )
    out.append(Imported("750 ILCS 5/510", current.heading, [older, current]))

    # Local e-filing rules: three rules in one file.
    sf = read_source_file(folder / "IL-local-efiling-format-rules.txt")
    parts = re.split(r"(?m)^--- (.+?) ---$", sf.body)
    names = {
        "Lake": "Lake County Cir. Ct. R. 1-2.08",
        "McHenry": "McHenry County Cir. Ct. R. 21.10",
        "Cook": "Cook County Cir. Ct. E-Filing Format Provisions",
    }
    for title, text in zip(parts[1::2], parts[2::2], strict=True):
        citation = next(c for k, c in names.items() if k in title)
        v = source_version(sf, text, heading=title)
        out.append(Imported(citation, title, [v]))

    # 10-15.1: parts A (current lead-in), B (2015 wording of (a)(1)-(3)), C (P.A. 97-926).
    out.append(import_10_15_1(read_source_file(folder / "305-ILCS-5-10-15.1.txt")))
    return out


def import_10_15_1(sf: SourceFile) -> Imported:
    """The two earlier versions of 10-15.1 that only the sources file holds."""
    ma = "=== A. Current compiled text (ILGA), heading and lead-in ==="
    mb = "=== B. Wording of (a)(1)-(3) as amended by 99th GA HB1485, House Amendment 001 ==="
    mc = "=== C. Text as enacted by Public Act 97-926 ==="
    part_a = _strip_citation_line(_between(sf.body, ma, mb))
    part_b = _between(sf.body, mb, mc)
    part_c = _between(sf.body, mc)
    enacted = source_version(
        sf,
        part_c.replace("(305 ILCS 5/10-15.1 new)", "(305 ILCS 5/10-15.1)"),
        heading="Judicial registration of administrative support orders",
        complete=False,
        note="As added by P.A. 97-926 (support orders only); its effective date is not in "
        "the sources. Subsections (b) onward are not in the sources.",
    )
    # Part A's lead-in (a) is the amended wording; part B carries (a)(1)-(3) as amended.
    lead_in = part_a.split("\n    (1)", 1)[0]
    amended = source_version(
        sf,
        lead_in + "\n" + part_b,
        heading="Judicial registration of administrative support orders and administrative "
        "paternity orders",
        complete=False,
        effective=dt.date(2015, 8, 27),
        note="As amended by P.A. 99-471, eff. 8-27-15 (date from the Source line of the "
        "compiled text in seeds/004): (a) lead-in from the current compiled text, (a)(1)-(3) "
        "in the House Amendment 001 wording; (a)(4) and subsections (b) onward of this "
        'version are unknown (the source\'s "see C" points to the P.A. 97-926 text, stored '
        "as the earlier version).",
    )
    amended = replace(amended, source="(Source: P.A. 99-471, eff. 8-27-15.)")
    return Imported("305 ILCS 5/10-15.1", amended.heading, [enacted, amended])


# -- the IRG quotation of the older 10-16.5 -------------------------------------------------------

OLD_10_16_5 = (
    "A support obligation, or any portion of a support obligation, which becomes due and "
    "remains unpaid for 30 days or more shall accrue interest at the rate of 9% per annum."
)


def import_old_10_16_5(shared: Path) -> Version:
    """The pre-P.A. 101-336 wording, as the IRG (seed 001, section 4, Q2) quotes it."""
    irg = (shared / SEED_IRG).read_text(encoding="utf-8")
    if OLD_10_16_5 not in irg:
        raise SystemExit(f"{SEED_IRG}: the quotation of the earlier 10-16.5 is no longer there")
    return make_version(
        OLD_10_16_5,
        source="",
        origin=f"{SEED_IRG} (section 4, Q2)",
        heading="Interest on support obligations",
        complete=False,
        note="Earlier wording in force before P.A. 101-336 (eff. 8-9-19), as quoted by the "
        "IRG (a secondary source); its effective date and the rest of its text are not in "
        "the project's sources.",
    )


# -- citation-only records ---------------------------------------------------------------------

CITATION_ONLY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("5 ILCS 70/1.11", "Statute on Statutes: time computation", ()),
    ("305 ILCS 5/9-6", "Job search, training and work programs (as 10-11.1(a) refers to them)", ()),
    ("5 ILCS 179", "Identity Protection Act", ()),
    ("20 ILCS 1005/1005-130", "Department of Employment Security Law: employment program", ()),
    ("735 ILCS 5/1-109", "Verification by certification", ()),
    ("750 ILCS 46/802", "Illinois Parentage Act of 2015: judgment", ()),
    ("750 ILCS 5/505", "Child support", ()),
    ("42 U.S.C. 654", "State plan for child and spousal support", ("(26)",)),
    ("45 CFR 303.21", "Safeguarding and disclosure of confidential information", ()),
)


def citation_only(citation: str, heading: str, labels: tuple[str, ...]) -> Imported:
    """A record that makes a cited section citable at section level (or the listed labels)."""
    note = NO_TEXT_NOTE + "; the heading is counsel's description, not the statute's words"
    if labels:
        note += f"; the subsections cited elsewhere in counsel ({', '.join(labels)}) are recorded"
    version = Version(
        effective=None,
        source="",
        origin="",
        heading=heading,
        text="",
        labels=labels,
        complete=False,
        note=note,
    )
    return Imported(citation, heading, [version])


# -- assembling --------------------------------------------------------------------------------


def build(shared: Path) -> dict[str, Imported]:
    """Every section from ../shared, merged by citation: seeds first, sources added after."""
    sections: dict[str, Imported] = {}
    text_004 = (shared / SEED_305).read_text(encoding="utf-8")
    text_002 = (shared / SEED_750_24).read_text(encoding="utf-8")
    seeded = parse_ilga(text_004, SEED_305) + parse_ilga(text_002, SEED_750_24, dedent=True)
    title = act_title(text_002, SEED_750_24)
    if title is not None:
        seeded.append(title)
    for item in seeded:
        if item.citation in sections:
            raise SystemExit(f"{item.citation} appears twice in the seeds")
        sections[item.citation] = item

    for item in import_sources(shared):
        existing = sections.get(item.citation)
        if existing is None:
            sections[item.citation] = item
            continue
        if item.citation == "305 ILCS 5/10-15.1":
            # The sources file holds the two earlier versions; the seed holds the current one,
            # whose heading and (a) lead-in part A of the same file also shows.
            compiled = existing.versions[-1]
            existing.versions[-1] = replace(
                compiled,
                provenance=(item.versions[0].origin, *item.versions[0].provenance),
                note=f"{compiled.note} Heading and (a) lead-in also in "
                f"{item.versions[0].origin} (part A).".strip(),
            )
            existing.versions[:0] = item.versions
            continue
        # The seed's compiled text is the version; the source file is further provenance.
        assert len(item.versions) == 1
        extra = item.versions[0]
        current = existing.versions[-1]
        addition = (
            f"Also in {extra.origin} ("
            + ("complete" if extra.complete else "partial")
            + "); the seed's compiled text is the stored version."
        )
        fuller = [
            label
            for label in current.truncated
            if label in extra.labels and label not in extra.truncated
        ]
        if fuller:
            addition += (
                f" That copy has the text of {', '.join(fuller)}, which this copy cuts; "
                "it is not merged here (compare the two before quoting)."
            )
        existing.versions[-1] = replace(
            current,
            provenance=current.provenance + (extra.origin, *extra.provenance),
            note=f"{current.note} {addition}".strip(),
        )

    old = import_old_10_16_5(shared)
    sections["305 ILCS 5/10-16.5"].versions.insert(0, old)

    for citation, heading, labels in CITATION_ONLY:
        if citation in sections:
            raise SystemExit(f"{citation} is now in the sources; drop it from CITATION_ONLY")
        sections[citation] = citation_only(citation, heading, labels)
    return sections


# -- writing TOML ------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_text(value: str) -> str:
    """A multi-line literal string when the text allows it (no escaping to read past)."""
    if (
        "'''" not in value
        and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value)
        and not (value.endswith("'"))
    ):
        return "'''\n" + value + "'''"
    return _toml_string(value)


def _toml_list(values: Iterable[str]) -> str:
    items = [_toml_string(v) for v in values]
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= 90:
        return one_line
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def dump_section(section: Section | Imported) -> str:
    """The TOML of one section file (the format the loader reads)."""
    lines = [
        f"citation = {_toml_string(section.citation)}",
        f"heading = {_toml_string(section.heading)}",
    ]
    for v in section.versions:
        effective = v.effective.isoformat() if v.effective else _toml_string(UNKNOWN)
        lines += [
            "",
            "[[versions]]",
            f"effective = {effective}",
            f"source = {_toml_string(v.source)}",
            f"origin = {_toml_string(v.origin)}",
            f"heading = {_toml_string(v.heading)}",
            f"complete = {'true' if v.complete else 'false'}",
            f"repealed = {'true' if v.repealed else 'false'}",
            f"labels = {_toml_list(v.labels)}",
            f"truncated = {_toml_list(v.truncated)}",
            f"note = {_toml_string(v.note)}",
            f"provenance = {_toml_list(v.provenance)}",
            f"text = {_toml_text(v.text)}",
        ]
    return "\n".join(lines) + "\n"


def merge_history(old: Section, new: Imported) -> Imported:
    """Append the imported versions the stored history lacks; never rewrite a stored one.

    A stored version is the same when its effective date and text match. An imported text
    with a stored version's date but other words is refused: history is not overwritten.
    """
    versions = list(old.versions)
    for v in new.versions:
        same_date = [o for o in versions if o.effective == v.effective]
        same = next((o for o in same_date if o.text == v.text), None)
        if same is not None:
            # Same words: refresh what is derived from them (labels, notes, provenance).
            versions[versions.index(same)] = v
            continue
        if same_date and v.effective is not None:
            raise SystemExit(
                f"{new.citation}: a different text with the stored date "
                f"{v.effective.isoformat()}; refusing to overwrite history"
            )
        versions.append(v)
    unknown = [v for v in versions if v.effective is None]
    known = sorted(
        (v for v in versions if v.effective is not None),
        key=lambda v: v.effective or dt.date.min,
    )
    return Imported(old.citation, new.heading or old.heading, unknown + known)


def write(sections: dict[str, Imported], out: Path, *, fresh: bool = False) -> list[str]:
    """Write one TOML per section into `out`; merge with stored history unless `fresh`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for citation, item in sorted(sections.items()):
        name = slug(citation) + ".toml"
        path = out / name
        if path.exists() and not fresh:
            item = merge_history(parse_section(name, path.read_bytes()), item)
        data = dump_section(item)
        parse_section(name, data, expected_key=citation)  # never write what we cannot read
        if not path.exists() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")
        written.append(name)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m counsel.law.importer",
        description="Import the statute texts in SHARED (seeds/, sources/) into counsel/statutes.",
    )
    parser.add_argument("shared", type=Path, help="the shared folder, e.g. ../shared")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "statutes",
        help="output folder (default: counsel/statutes)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="ignore the stored history in --out (rebuild each file from the sources only)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "seeds").is_dir():
        print(f"importer: error: SHARED has no seeds/ folder: {args.shared}", file=sys.stderr)
        return 2
    sections = build(args.shared)
    written = write(sections, args.out, fresh=args.fresh)
    print(f"wrote {len(written)} section files to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
