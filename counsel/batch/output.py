"""Writing one row's documents into DIR: atomic, owner-only, never over someone else's file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from counsel.batch.case import RenderedDocument
from counsel.batch.manifest import OutputFile
from counsel.batch.naming import output_name
from counsel.fsutil import atomic_write, fsync_dir


class OutputRefused(Exception):
    """The row's files cannot be written (a name taken); the message says why, no value."""


def write_row_files(
    out_dir: Path, stem: str, files: Sequence[RenderedDocument], overwrite: bool
) -> tuple[OutputFile, ...]:
    """Write every file of one row; OutputRefused (nothing written) if a name is taken.

    `overwrite` is true on --resume, where a file under this row's name can only be this
    batch's own (a row killed after its files were written but before its manifest line).
    """
    names = [output_name(stem, f.document, f.format) for f in files]
    if len(set(names)) != len(names):
        raise OutputRefused("two documents of this row would share a file name")
    if not overwrite and any((out_dir / name).exists() for name in names):
        raise OutputRefused(
            "an output file of this row already exists in --out; not overwritten (move it "
            "away, or use a new folder)"
        )
    outputs = []
    for name, f in zip(names, files, strict=True):
        # The folder is fsynced once for the whole row, below.
        atomic_write(out_dir / name, f.data, sync_dir=False)
        sha = hashlib.sha256(f.data).hexdigest()
        outputs.append(OutputFile(name, f.document, f.format, sha, f.template, f.template_hash))
    fsync_dir(out_dir)
    return tuple(outputs)
