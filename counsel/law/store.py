"""The statute store: lazy, cached access to counsel/statutes/*.toml by citation and date."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib.resources
import re
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from counsel.errors import UsageError
from counsel.law.citations import Citation, CitationError, parse_citation
from counsel.law.loader import parse_parameters, parse_section, slug, unslug
from counsel.law.model import NotInForceError, Parameter, ResolvedCitation, Section, Version

PARAMETERS_FILE = "parameters.toml"


def natural_key(citation: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting 10-2 before 10-10 and 9A-1 after 9-15."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[^\d]+", citation)
    )


# difflib, hashlib and the label finder are imported where used: `counsel statutes show`
# pays only for what it needs (the whole command must answer in well under half a second).


@functools.lru_cache(maxsize=512)
def _label_spans(text: str) -> dict[str, tuple[int, int]]:
    from counsel.law.labels import find_labels

    found = find_labels(text)
    spans: dict[str, tuple[int, int]] = {}
    for i, (start, label) in enumerate(found):
        end = len(text)
        for later, other in found[i + 1 :]:
            if not other.startswith(label):
                end = later
                break
        spans[label] = (start, end)
    return spans


def pinpoint_text(version: Version, label: str) -> str:
    """The text of one subsection (with its sub-items); empty when the version has no text."""
    span = _label_spans(version.text).get(label)
    if span is None:
        return ""
    return version.text[span[0] : span[1]].strip()


class Store:
    """Sections and parameters read on demand from a data folder (cached after first read)."""

    def __init__(self, root: Traversable | Path | None = None) -> None:
        self._root: Traversable = (
            root if root is not None else importlib.resources.files("counsel") / "statutes"
        )
        self._sections: dict[str, Section] = {}
        self._names: dict[str, str] | None = None  # section key -> file name
        self._parameters: dict[str, tuple[Parameter, ...]] | None = None
        self._hash: str | None = None

    # -- sections -------------------------------------------------------------------------

    def _file_names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {
                unslug(entry.name[: -len(".toml")]): entry.name
                for entry in self._root.iterdir()
                if entry.name.endswith(".toml") and entry.name != PARAMETERS_FILE
            }
        return self._names

    def keys(self) -> list[str]:
        """Every section citation in the store, sorted naturally, without reading the files."""
        return sorted(self._file_names(), key=natural_key)

    def _unknown(self, citation: Citation) -> CitationError:
        import difflib

        matches = difflib.get_close_matches(citation.section_key, self.keys(), n=3, cutoff=0.6)
        return CitationError(f"{citation.section_key} is not in the statute store", tuple(matches))

    def _load(self, key: str) -> Section:
        section = self._sections.get(key)
        if section is None:
            name = slug(key) + ".toml"
            entry = self._root / name
            if not entry.is_file():
                raise self._unknown(parse_citation(key))
            section = parse_section(name, entry.read_bytes(), expected_key=key)
            self._sections[key] = section
        return section

    def section(self, citation: str | Citation) -> Section:
        """The section a citation names (its pinpoint is ignored); CitationError if unknown."""
        parsed = citation if isinstance(citation, Citation) else parse_citation(citation)
        return self._load(parsed.section_key)

    @contextlib.contextmanager
    def overriding(self, section: Section) -> Iterator[None]:
        """Serve `section` in place of the stored one inside the block (what-if renders)."""
        key = parse_citation(section.citation).section_key
        previous = self._sections.get(key)
        self._sections[key] = section
        try:
            yield
        finally:
            if previous is not None:
                self._sections[key] = previous
            else:
                self._sections.pop(key, None)  # read from its file again when next asked

    def sections(self) -> list[Section]:
        """Every section, sorted by citation (naturally: 10-2 before 10-10)."""
        return [self._load(key) for key in self.keys()]

    def cite(self, citation: str | Citation, on: dt.date) -> ResolvedCitation:
        """Check a citation against the version in force on `on`.

        CitationError: unknown section, or a pinpoint not among that version's labels.
        NotInForceError: no version in force on `on`, or the section was repealed by then.
        """
        parsed = citation if isinstance(citation, Citation) else parse_citation(citation)
        section = self.section(parsed)
        version = section.as_of(on)
        if version.repealed:
            raise NotInForceError(f"{section.citation} was repealed before {on.isoformat()}")
        if not parsed.pinpoint:
            return ResolvedCitation(parsed, section, version, version.text)
        label = parsed.label
        if label not in version.labels:
            import difflib

            matches = difflib.get_close_matches(label, version.labels, n=3, cutoff=0.5)
            when = version.effective_iso or "unknown date"
            if not version.complete:
                # The sources hold part of that version's text: a missing label may be a part
                # not stored, so the law is not said to lack it.
                raise CitationError(
                    f"{section.citation}{label} cannot be checked on {on.isoformat()}: the "
                    f"store holds only part of the version in force then (effective {when}), "
                    f"and subsection {label} is not in that part",
                    tuple(f"{section.citation}{m}" for m in matches),
                )
            raise CitationError(
                f"{section.citation} has no subsection {label} in the version in force on "
                f"{on.isoformat()} (effective {when})",
                tuple(f"{section.citation}{m}" for m in matches),
            )
        return ResolvedCitation(parsed, section, version, pinpoint_text(version, label))

    # -- parameters -----------------------------------------------------------------------

    def _params(self) -> dict[str, tuple[Parameter, ...]]:
        if self._parameters is None:
            entry = self._root / PARAMETERS_FILE
            self._parameters = (
                parse_parameters(PARAMETERS_FILE, entry.read_bytes()) if entry.is_file() else {}
            )
        return self._parameters

    def parameter_names(self) -> list[str]:
        return sorted(self._params())

    def parameter_history(self, name: str) -> tuple[Parameter, ...]:
        values = self._params().get(name)
        if values is None:
            import difflib

            matches = difflib.get_close_matches(name, list(self._params()), n=3, cutoff=0.5)
            hint = f"; closest: {', '.join(matches)}" if matches else ""
            raise UsageError(f"parameter {name!r} is not in parameters.toml{hint}")
        return values

    def parameter(self, name: str, on: dt.date) -> Parameter:
        """The value of a parameter in force on `on` (same rule as Section.as_of)."""
        found: Parameter | None = None
        for value in self.parameter_history(name):
            if value.effective is None or value.effective <= on:
                found = value
            else:
                break
        if found is None:
            raise NotInForceError(f"parameter {name} is not in force on {on.isoformat()}")
        return found

    # -- whole-store operations ------------------------------------------------------------

    def snapshot_hash(self) -> str:
        """sha256 over every data file's name and bytes: the "statute snapshot"."""
        if self._hash is None:
            import hashlib

            digest = hashlib.sha256()
            entries = sorted(
                (e for e in self._root.iterdir() if e.name.endswith(".toml")),
                key=lambda e: e.name,
            )
            for entry in entries:
                data = entry.read_bytes()
                digest.update(f"{entry.name}\0{len(data)}\0".encode())
                digest.update(data)
            self._hash = digest.hexdigest()
        return self._hash

    def search(self, words: str | list[str]) -> list[tuple[Section, str]]:
        """Sections whose newest version's heading or text holds every word (any case).

        Best first: sections holding every word as a whole word (`lien` or `liens`, not
        `client` or `alien`) before those holding it only inside longer words; then those
        whose heading holds the words; then by how often the words occur; then in citation
        order. Each hit comes with a one-line excerpt around the first word.
        """
        given = [words] if isinstance(words, str) else words
        terms = [term.lower() for w in given for term in w.split()]
        if not terms:
            raise UsageError("search needs at least one word; give WORDS")
        # A whole word, plural and possessive included ("liens", "obligor's").
        whole = [re.compile(rf"(?<![a-z0-9]){re.escape(t)}(?:s|es|'s)?(?![a-z0-9])") for t in terms]
        ranked: list[tuple[tuple[int, int, int, int], tuple[Section, str]]] = []
        for n, section in enumerate(self.sections()):
            version = section.current
            haystack = f"{section.heading}\n{version.text}"
            lowered = haystack.lower()
            if all(t in lowered for t in terms):
                found = [w.search(lowered) for w in whole]
                first = found[0].start() if found[0] is not None else lowered.find(terms[0])
                start = max(0, first - 60)
                excerpt = " ".join(haystack[start : first + 100].split())
                heading = section.heading.lower()
                rank = (
                    0 if all(found) else 1,
                    -sum(1 for w in whole if w.search(heading)),
                    -sum(len(w.findall(lowered)) for w in whole),
                    n,
                )
                ranked.append((rank, (section, ("..." if start else "") + excerpt + "...")))
        ranked.sort(key=lambda r: r[0])
        return [hit for _, hit in ranked]

    def diff(self, citation: str | Citation, from_: dt.date, to: dt.date) -> str:
        """A unified diff of the section's text in force on `from_` against `to`."""
        import difflib

        section = self.section(citation)
        old, new = section.as_of(from_), section.as_of(to)
        a = f"{section.citation} as of {from_.isoformat()}"
        b = f"{section.citation} as of {to.isoformat()}"
        lines = difflib.unified_diff(
            old.text.splitlines(keepends=True), new.text.splitlines(keepends=True), a, b
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@functools.cache
def get_store() -> Store:
    """The store over counsel's bundled statute data (one instance per process)."""
    return Store()
