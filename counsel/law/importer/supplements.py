"""What the sources hold only in part: a quoted earlier wording, and sections cited but not held."""

from __future__ import annotations

from pathlib import Path

from counsel.law.importer.versions import Imported, make_version
from counsel.law.model import Version

SEED_IRG = "seeds/001_e84aa879cbd19e32.txt"
NO_TEXT_NOTE = "text not in the project's sources"


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


# -- subsections cited but not held ---------------------------------------------------------------

CITED_NOT_HELD: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "89 Ill. Adm. Code 160.70",
        ("(f)", "(f)(2)", "(f)(2)(C)"),
        "IRG 9, Q25 cites 160.70(f)(2)(C) for the hearing on a lien on an account or other "
        "personal property",
    ),
)
"""(section, labels, why they are cited): subsections counsel cites whose text the sources
lack. Recorded as labels so the citation resolves, and as truncated so it is never quoted."""


def add_cited_labels(version: Version, labels: tuple[str, ...], why: str) -> Version:
    """`version` with `labels` recorded (in order, before the first later label) as cut."""
    from dataclasses import replace

    new = [label for label in labels if label not in version.labels]
    if not new:
        return version
    head = new[0][:3]  # "(f)": the subsection letter decides where the labels go
    existing = list(version.labels)
    at = next((i for i, label in enumerate(existing) if label[:3] > head), len(existing))
    ordered = existing[:at] + new + existing[at:]
    cut = set(version.truncated) | set(new)
    return replace(
        version,
        labels=tuple(ordered),
        truncated=tuple(label for label in ordered if label in cut),
        complete=False,
        note=f"{version.note} Cited but not in the sources: {', '.join(new)} ({why}); "
        "recorded so the citation resolves, marked cut so it is never quoted.".strip(),
    )
