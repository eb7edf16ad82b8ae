"""issue(): write a prepared case's files and sidecars atomically, then its one register row."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from counsel.case.errors import NothingToIssue, OutputClash, OutputExists, UnknownFormat
from counsel.case.record import (
    DocumentFile,
    RecordSink,
    RegisterRow,
    Source,
    record_row,
    register_row,
    sidecar,
)

if TYPE_CHECKING:
    from counsel.case.prepare import Prepared
    from counsel.office import Office
    from counsel.render.provenance import Provenance

Format = Literal["pdf", "docx"]
FORMATS: tuple[Format, ...] = ("pdf", "docx")
SIDECAR = "provenance.json"


def parse_formats(formats: Iterable[str]) -> tuple[Format, ...]:
    """ "pdf", "docx" or "both" (any mix, duplicates dropped), in the order given."""
    out: list[Format] = []
    for fmt in formats:
        if fmt == "both":
            out += [f for f in FORMATS if f not in out]
        elif fmt in FORMATS:
            if fmt not in out:
                out.append(fmt)
        else:
            raise UnknownFormat(f"unknown format '{fmt}' (use pdf, docx or both)")
    if not out:
        raise UnknownFormat("no format chosen (use pdf, docx or both)")
    return tuple(out)


@dataclass(frozen=True)
class OutputFile:
    """One file of an issue, in memory: a document in one format, or a document's sidecar."""

    name: str
    """The file name inside the output folder."""
    document: str
    format: str
    """"pdf", "docx" or "provenance.json"."""
    template: str
    template_hash: str
    data: bytes = field(repr=False)
    sha256: str = ""
    """sha256 of `data`: what is written is what is recorded."""


@dataclass(frozen=True)
class IssuedDocument:
    """A document of the issue: its documents.toml id, output stem and provenance."""

    id: str
    stem: str
    provenance: Provenance


@dataclass(frozen=True)
class Outputs:
    """Everything `issue` writes and records for one case, still in memory. Plain data, so a
    Dask worker can make it and send it back to the process that writes and records."""

    interview_id: str
    answers: Mapping[str, Any] = field(repr=False)
    office: Office = field(repr=False)
    on: dt.date
    case_id: str
    statute_snapshot: str
    documents: tuple[IssuedDocument, ...]
    files: tuple[OutputFile, ...]
    """In writing order: each document's formats, then its sidecar."""


@dataclass(frozen=True)
class Issued:
    """What `issue` wrote and recorded."""

    interview_id: str
    case_id: str
    on: dt.date
    statute_snapshot: str
    answers_hash: str
    documents: tuple[IssuedDocument, ...]
    paths: tuple[Path, ...]
    """Every file written (documents and sidecars), in writing order."""
    written: tuple[DocumentFile, ...]
    """Every file written, in writing order, each with the sha256 of the bytes written; a
    sidecar's format is "provenance.json"."""
    row: RegisterRow | None
    """The register row of this issue (None without a source): recorded unless `record`
    was false, in which case the caller records it (`record_row`: a batch's main process)."""
    entry_id: int | None
    """The register row's id; None when the issue was not recorded."""

    @property
    def files(self) -> tuple[DocumentFile, ...]:
        """The document files (not the sidecars): what the register row lists."""
        return tuple(f for f in self.written if f.format != SIDECAR)


def default_file_stem(document_stem: str) -> str:
    """`counsel render` and the TUI name a file after its document: OUT/<stem>.<format>."""
    return document_stem


def render_outputs(
    prepared: Prepared,
    formats: Iterable[str],
    *,
    file_stem: Callable[[str], str] = default_file_stem,
) -> Outputs:
    """Run the writers: every document in every format, plus its sidecar, as bytes."""
    fmts = parse_formats(formats)
    if not prepared.documents:
        raise NothingToIssue("the answers produce no document (no document's condition holds)")
    renderer = prepared.renderer
    files: list[OutputFile] = []
    for built in prepared.documents:
        stem = file_stem(built.stem)
        prov = built.provenance
        blobs: dict[str, bytes] = {}
        for fmt in fmts:
            data = renderer.to_pdf(built) if fmt == "pdf" else renderer.to_docx(built)
            blobs[f"{stem}.{fmt}"] = data
            files.append(_file(f"{stem}.{fmt}", built.stem, fmt, prov, data))
        name = f"{stem}.{SIDECAR}"
        files.append(_file(name, built.stem, SIDECAR, prov, sidecar(prov, blobs)))
    return Outputs(
        interview_id=prepared.interview_id,
        answers=prepared.answers,
        office=prepared.office,
        on=prepared.on,
        case_id=prepared.case_id,
        statute_snapshot=prepared.statute_snapshot,
        documents=tuple(
            IssuedDocument(b.spec.id, b.stem, b.provenance) for b in prepared.documents
        ),
        files=tuple(files),
    )


def _file(name: str, document: str, fmt: str, prov: Provenance, data: bytes) -> OutputFile:
    return OutputFile(
        name=name,
        document=document,
        format=fmt,
        template=prov.template_id,
        template_hash=prov.template_hash,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def issue(
    prepared: Prepared,
    out_dir: Path,
    formats: Iterable[str],
    *,
    force: bool | frozenset[str] = False,
    source: Source | None,
    register: RecordSink | Path | str | None = None,
    record: bool = True,
    once: bool = False,
    file_stem: Callable[[str], str] = default_file_stem,
) -> Issued:
    """Write every document of `prepared` in `formats` into `out_dir`, each with its
    NAME.provenance.json sidecar, then record one register row.

    Files are written atomically and owner-only (an `out_dir` made here is 0700). Without
    `force` no file is ever replaced: existing files raise OutputExists before anything is
    written, and a file another render creates meanwhile makes this one undo its own files
    and raise OutputExists (two renders into one folder cannot both succeed). `register`: an
    open register, a path, or None for the office profile's (else the default) register;
    `record=False` records nothing (a template preview: `source` None). `once`: see
    `record_row`. `force` may also name the files that may be replaced (a batch's --resume:
    the files its manifest owns): then an existing file of another name is kept only if it
    holds exactly the bytes that would be written (a killed row's own file), and refused
    otherwise.
    """
    outputs = render_outputs(prepared, formats, file_stem=file_stem)
    return write_outputs(
        outputs, out_dir, force=force, source=source, register=register, record=record, once=once
    )


def write_outputs(
    outputs: Outputs,
    out_dir: Path,
    *,
    force: bool | frozenset[str] = False,
    source: Source | None,
    register: RecordSink | Path | str | None = None,
    record: bool = True,
    once: bool = False,
) -> Issued:
    """The writing half of `issue`, for outputs made elsewhere (a Dask worker)."""
    if record and source is None:
        raise ValueError("an issue recorded in the register needs its source")
    with _sink(register, outputs.office, record) as sink:  # a bad register fails first
        paths = _write(outputs.files, out_dir, force)
        written = tuple(
            DocumentFile(f.name, f.document, f.format, f.sha256, f.template, f.template_hash)
            for f in outputs.files
        )
        files = tuple(f for f in written if f.format != SIDECAR)
        entry_id = row = None
        if source is not None:
            row = register_row(
                interview=outputs.interview_id,
                case_number=outputs.case_id,
                on=outputs.on,
                statute_snapshot=outputs.statute_snapshot,
                answers=outputs.answers,
                office=outputs.office,
                out_dir=out_dir,
                files=files,
                source=source,
            )
            if sink is not None:
                entry_id = _record(sink, row, once, paths)
    from counsel.render.provenance import answers_hash

    return Issued(
        interview_id=outputs.interview_id,
        case_id=outputs.case_id,
        on=outputs.on,
        statute_snapshot=outputs.statute_snapshot,
        answers_hash=answers_hash(outputs.answers),
        documents=outputs.documents,
        paths=tuple(paths),
        written=written,
        row=row,
        entry_id=entry_id,
    )


def _record(sink: RecordSink, row: RegisterRow, once: bool, paths: Sequence[Path]) -> int:
    from counsel.register import RegisterUnavailable

    try:
        return record_row(sink, row, once=once)
    except RegisterUnavailable as exc:
        # The files are written; the row is not (a lost connection leaves no half row). Say
        # which files, so the specialist records them once the register is back.
        raise RegisterUnavailable(str(exc), [str(p) for p in paths]) from None


@contextlib.contextmanager
def _sink(
    register: RecordSink | Path | str | None, office: Office, record: bool
) -> Iterator[RecordSink | None]:
    if not record:
        yield None
    elif register is None or isinstance(register, Path | str):
        from counsel.register import Register

        with Register.open(register, office=office) as reg:
            yield reg
    else:
        yield register


def _write(files: Iterable[OutputFile], out_dir: Path, force: bool | frozenset[str]) -> list[Path]:
    from counsel.fsutil import atomic_write, create_new, fsync_dir, private_dir

    targets = [(out_dir / f.name, f) for f in files]
    if len({p.name for p, _ in targets}) != len(targets):
        raise OutputClash("two files of this case would share a name; nothing was written")
    kept: set[Path] = set()
    if isinstance(force, frozenset):
        # Only the named files are ours to replace. Any other file there stays as it is:
        # kept if it is byte for byte what this issue writes (the same row, written before
        # a kill stopped its manifest line), else the issue is refused.
        for path, f in targets:
            if path.name not in force and os.path.lexists(path):
                if not _holds(path, f.data):
                    raise OutputExists([path])
                kept.add(path)
        force = frozenset(p.name for p, _ in targets if p.name in force)
    if not force:
        existing = [p for p, _ in targets if p not in kept and os.path.lexists(p)]
        if existing:
            raise OutputExists(existing)
    # A folder made here is owner-only, parents too; an existing one keeps its mode but must
    # be the user's own folder (not a file, a dangling link or a shared folder like /tmp).
    private_dir(out_dir, chmod_existing=False)
    created: list[Path] = []
    try:
        for path, f in targets:
            if path in kept:
                continue
            if force is True or (isinstance(force, frozenset) and path.name in force):
                atomic_write(path, f.data, sync_dir=False)
            else:
                create_new(path, f.data, sync_dir=False)
                created.append(path)
    except FileExistsError:
        # Another render took a name since the check above: it wins, this one undoes itself.
        _undo(created)
        raise OutputExists([path]) from None
    except BaseException:
        _undo(created)
        raise
    fsync_dir(out_dir)  # once for the whole case, not once per file
    return [p for p, _ in targets]


def _holds(path: Path, data: bytes) -> bool:
    """`path` is a regular file of this user holding exactly `data` (no symlink followed)."""
    from counsel.fsutil import read_private

    try:
        return read_private(path, private=False) == data
    except OSError:  # a link, a folder, another user's file: not this issue's
        return False


def _undo(created: Iterable[Path]) -> None:
    for path in created:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
