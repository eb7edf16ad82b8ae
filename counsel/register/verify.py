"""verify: re-prepare a register entry from its snapshots and compare each file's sha256."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.register.model import (
    Entry,
    IssuedFile,
    answers_hash,
    file_sha256,
    office_from_snapshot,
)

if TYPE_CHECKING:
    from counsel.render.core import BuiltDocument, Renderer


@dataclass(frozen=True)
class FileVerdict:
    """One recorded file: the file on disk now, and the same document re-rendered now."""

    document: str
    format: str
    path: str
    recorded_sha256: str
    on_disk: str
    """"unchanged", "modified" or "missing": the issued file as it is now."""
    rerendered_sha256: str
    """sha256 of the document re-rendered now ("" when it could not be)."""

    @property
    def matches(self) -> bool:
        return self.rerendered_sha256 == self.recorded_sha256

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "format": self.format,
            "path": self.path,
            "recorded_sha256": self.recorded_sha256,
            "rerendered_sha256": self.rerendered_sha256,
            "matches": self.matches,
            "on_disk": self.on_disk,
        }


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on one register entry; `causes` names why any document differs."""

    entry_id: int
    files: tuple[FileVerdict, ...]
    causes: tuple[str, ...]
    problems: tuple[str, ...] = ()
    """Why the entry could not be re-rendered at all (answers no longer valid, render error)."""
    issued_on: str = ""
    """The machine that issued the entry, when it is not this one ("" when it is, or unknown):
    its files live there, so "missing" here says nothing about them."""

    @property
    def ok(self) -> bool:
        return not self.problems and all(f.matches for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "ok": self.ok,
            "files": [f.to_json() for f in self.files],
            "causes": list(self.causes),
            "problems": list(self.problems),
            "issued_on": self.issued_on,
        }

    def human(self) -> str:
        head = f"Entry {self.entry_id}: " + (
            "verified: every document re-renders to the recorded hash"
            if self.ok
            else "DIFFERS from what was issued"
        )
        lines = [head]
        for f in self.files:
            state = "same" if f.matches else "different" if f.rerendered_sha256 else "not rendered"
            disk = f.on_disk
            if disk == "missing" and self.issued_on:
                disk = f"not on this machine (issued on {self.issued_on})"
            lines.append(f"  {f.document} ({f.format}): re-render {state}; file on disk {disk}")
        lines += [f"  cause: {c}" for c in self.causes]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)


def _on_disk(f: IssuedFile) -> str:
    path = Path(f.path)
    if not path.is_file():
        return "missing"
    return "unchanged" if file_sha256(path) == f.sha256 else "modified"


def verify_entry(entry: Entry, renderer: Renderer | None = None) -> VerifyResult:
    """Re-prepare the entry's documents from its answers and office snapshots, on its document
    date (`counsel.case.prepare`, as every front end), and compare each file's sha256 with the
    recorded one.

    A difference is explained by what changed since: a template's hash (the template, a partial
    or the stylesheet), the statute snapshot, or the answers as the interview reads them now;
    if none of these changed, the renderer itself did. `renderer` defaults to a new
    `counsel.render.core.Renderer` (tests pass one with a changed template).
    """
    from counsel.case.errors import AnswersInvalid
    from counsel.case.prepare import prepare
    from counsel.errors import CounselError
    from counsel.render.core import Renderer, RenderError

    r = renderer if renderer is not None else Renderer()
    problems: list[str] = []
    causes: list[str] = []
    built_by_stem: dict[str, BuiltDocument] = {}
    typed: Mapping[str, Any] | None = None
    try:
        office = office_from_snapshot(entry.office)
        try:
            prepared = prepare(
                entry.interview, entry.answers, office, entry.document_date, renderer=r
            )
        except RenderError:
            # The answers still read; say whether they read differently, then report the error.
            from counsel.interviewer import load_interview

            typed = load_interview(entry.interview).validate(entry.answers, office).answers
            raise
        typed = prepared.answers
        built_by_stem = {b.stem: b for b in prepared.documents}
    except AnswersInvalid as exc:
        fields = ", ".join(e.field for e in exc.errors[:5])
        problems.append(
            f"the recorded answers no longer validate under the {entry.interview} "
            f"interview (fields: {fields}): the interview definition changed"
        )
    except CounselError as exc:
        problems.append(f"re-render failed: {exc}")
    if typed is not None and answers_hash(typed) != entry.answers_hash:
        causes.append(
            "the answers read back from the snapshot hash differently: the "
            f"{entry.interview} interview's definition changed since the entry"
        )

    verdicts: list[FileVerdict] = []
    changed_templates: dict[str, tuple[str, str]] = {}
    for f in entry.files:
        new_sha = ""
        b = _match(f, built_by_stem)
        if b is not None and f.format in ("pdf", "docx"):
            blob = r.to_pdf(b) if f.format == "pdf" else r.to_docx(b)
            new_sha = hashlib.sha256(blob).hexdigest()
        elif not problems:
            problems.append(f"{f.document} ({f.format}): the document was not re-rendered")
        verdicts.append(FileVerdict(f.document, f.format, f.path, f.sha256, _on_disk(f), new_sha))
        now_hash = r.template_hash(f.template) if f.template else ""
        if f.template and now_hash != f.template_hash:
            changed_templates[f.template] = (f.template_hash, now_hash)
    if any(not v.matches for v in verdicts) or problems:
        for template, (old, new) in sorted(changed_templates.items()):
            causes.append(
                f"template {template} changed since the entry (hash {old[:12]} then, "
                f"{new[:12]} now; it covers the template, its partials and the stylesheet)"
            )
        snapshot = str(r.store.snapshot_hash())
        if snapshot != entry.statute_snapshot:
            causes.append(
                f"the statute snapshot changed since the entry ({entry.statute_snapshot[:12]} "
                f"then, {snapshot[:12]} now): a section's text or version differs"
            )
        if not causes and not problems:
            causes.append(
                "templates, statute snapshot and answers are unchanged: the renderer or its "
                "libraries (WeasyPrint, python-docx, fonts) changed"
            )
    from counsel.register.model import current_host

    elsewhere = entry.host if entry.host and entry.host != current_host() else ""
    return VerifyResult(entry.id, tuple(verdicts), tuple(causes), tuple(problems), elsewhere)


def _match(f: IssuedFile, built_by_stem: Mapping[str, BuiltDocument]) -> BuiltDocument | None:
    """The re-rendered document a recorded file is: by its file name (`<stem>.<format>`, as
    `counsel render` and the TUI write it), else by the recorded document name (the stem, as
    every issue records it since counsel.case; a documents.toml id in older TUI rows, when
    that id names exactly one document)."""
    name = Path(f.path).name
    for stem, built in built_by_stem.items():
        if name == f"{stem}.{f.format}":
            return built
    if f.document in built_by_stem:
        return built_by_stem[f.document]
    by_id = [b for b in built_by_stem.values() if b.spec.id == f.document]
    return by_id[0] if len(by_id) == 1 else None
