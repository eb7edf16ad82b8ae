"""The sources/ files: header fields, provenance, and the files that hold several parts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from counsel.law.citations import normalize_hyphens
from counsel.law.importer.ilga import BLOCK_START, FROM_CHAPTER
from counsel.law.importer.versions import SOURCE_LINE, Imported, heading_of, make_version
from counsel.law.model import Version

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
    if lines and BLOCK_START.match(lines[0]):
        m = BLOCK_START.match(lines[0])
        assert m is not None
        rest = FROM_CHAPTER.sub("", m.group("rest"))
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
    m = SOURCE_LINE.search(text)
    if m is not None:
        source = normalize_hyphens(" ".join(m.group(0).split()))
        text = text[: m.start()] + text[m.end() :]
    else:
        h = SOURCE_LINE.search(sf.field_("Effective/Source line"))
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
