"""The record of an issue, built here and nowhere else: provenance sidecars and register rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.register import Entry, IssuedFile
    from counsel.render.provenance import Provenance

Source = Literal["render", "tui", "batch"]
"""Which front end issued the documents (`render` is the `counsel render` command)."""


def sidecar(provenance: Provenance, files: Mapping[str, bytes]) -> bytes:
    """The NAME.provenance.json sidecar: the provenance plus the sha256 of each file written
    for the document (by file name), hashed from the bytes themselves."""
    data = {
        "provenance": provenance.as_dict(),
        "files": {name: hashlib.sha256(blob).hexdigest() for name, blob in sorted(files.items())},
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class DocumentFile:
    """One document file of an issue as it was written: name in the folder, hash of its bytes."""

    name: str
    document: str
    """The document's output stem (documents.toml `name`, numbered for `for_each`)."""
    format: str
    sha256: str
    template: str
    template_hash: str


@dataclass(frozen=True)
class RegisterRow:
    """What one issue records in the register: every front end's row has these fields."""

    interview: str
    case_number: str
    """`case_identifier(answers)`: IV-D number, else court number."""
    on: dt.date
    statute_snapshot: str
    answers: Mapping[str, Any] = field(repr=False)
    """Private data: kept out of reprs (and so out of tracebacks and logs)."""
    office: Office = field(repr=False)
    files: tuple[IssuedFile, ...]
    source: Source


class RecordSink(Protocol):
    """Where rows go: `counsel.register.Register` (or a test's stand-in)."""

    def record(
        self,
        *,
        interview: str,
        answers: Mapping[str, Any],
        files: Sequence[IssuedFile],
        statute_snapshot: str,
        on: dt.date,
        case_number: str = "",
        source: str = "render",
        office: Office | None = None,
    ) -> int: ...

    def list(self, case: str | None = None, since: dt.date | None = None) -> list[Entry]: ...


def register_row(
    *,
    interview: str,
    case_number: str,
    on: dt.date,
    statute_snapshot: str,
    answers: Mapping[str, Any],
    office: Office,
    out_dir: Path,
    files: Sequence[DocumentFile],
    source: Source,
) -> RegisterRow:
    """The register row for documents written into `out_dir` (absolute paths recorded)."""
    from counsel.register import IssuedFile

    folder = out_dir.resolve()
    return RegisterRow(
        interview=interview,
        case_number=case_number,
        on=on,
        statute_snapshot=statute_snapshot,
        answers=answers,
        office=office,
        files=tuple(
            IssuedFile(
                document=f.document,
                template=f.template,
                template_hash=f.template_hash,
                format=f.format,
                path=str(folder / f.name),
                sha256=f.sha256,
            )
            for f in files
        ),
        source=source,
    )


def record_row(sink: RecordSink, row: RegisterRow, *, once: bool = False) -> int:
    """Append the row and return its id. `once`: if the register already holds this very
    issue (same interview, case, date, snapshot, answers and files with the same hashes), its
    id is returned instead; a batch resumed after a kill between the register and the
    manifest then does not record the row twice."""
    if once:
        existing = _same_issue(sink, row)
        if existing is not None:
            return existing
    return sink.record(
        interview=row.interview,
        answers=row.answers,
        files=list(row.files),
        statute_snapshot=row.statute_snapshot,
        on=row.on,
        case_number=row.case_number,
        source=row.source,
        office=row.office,
    )


def _same_issue(sink: RecordSink, row: RegisterRow) -> int | None:
    from counsel.render.provenance import answers_hash

    if not row.case_number:
        return None
    wanted = answers_hash(row.answers)
    files = [(f.document, f.format, f.path, f.sha256) for f in row.files]
    for entry in reversed(sink.list(case=row.case_number)):
        if (
            entry.interview == row.interview
            and entry.case_number == row.case_number
            and entry.source == row.source
            and entry.document_date == row.on
            and entry.statute_snapshot == row.statute_snapshot
            and entry.answers_hash == wanted
            and [(f.document, f.format, f.path, f.sha256) for f in entry.files] == files
        ):
            return entry.id
    return None
