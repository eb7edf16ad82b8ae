"""Every section from ../shared, merged by citation: seeds first, then the sources/ files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from counsel.law.importer.ilga import act_title, parse_ilga
from counsel.law.importer.sources import import_sources
from counsel.law.importer.supplements import (
    CITATION_ONLY,
    CITED_NOT_HELD,
    add_cited_labels,
    citation_only,
    import_old_10_16_5,
)
from counsel.law.importer.versions import Imported

SEED_305 = "seeds/004_013d7263e2d1d1e6.txt"
SEED_750_24 = "seeds/002_c73fe227e390c170.txt"


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

    for citation, labels, why in CITED_NOT_HELD:
        versions = sections[citation].versions
        versions[-1] = add_cited_labels(versions[-1], labels, why)

    for citation, heading, labels in CITATION_ONLY:
        if citation in sections:
            raise SystemExit(f"{citation} is now in the sources; drop it from CITATION_ONLY")
        sections[citation] = citation_only(citation, heading, labels)
    return sections
