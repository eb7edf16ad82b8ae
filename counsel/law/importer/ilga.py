"""The ILGA compiled format (seeds 004 and 002): one block per section, `(Source: ...)` last."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

from counsel.law.citations import normalize_hyphens, parse_citation
from counsel.law.importer.versions import SOURCE_LINE, Imported, heading_of, make_version
from counsel.law.labels import NOT_IN_SOURCE

# -- the ILGA compiled format (seed 004, seed 002) ---------------------------------------------

BLOCK_START = re.compile(r"^\s*\((?P<cite>\d+\s+ILCS\s+[^)]+)\)\s*(?P<rest>.*)$")
FROM_CHAPTER = re.compile(r"^\((?P<from>from Ch\.[^)]*)\)\s*")


def split_ilga(text: str) -> list[tuple[str, str]]:
    """(citation inside the parentheses, block text) for each section, in file order."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        m = BLOCK_START.match(line)
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
        m = FROM_CHAPTER.match(block)
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
        source_match = SOURCE_LINE.search(block)
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
