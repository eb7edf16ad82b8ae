"""Writing one row's documents into DIR: atomic, owner-only, never over someone else's file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from counsel.batch.case import RenderedDocument
from counsel.batch.manifest import OutputFile
from counsel.batch.naming import output_name
from counsel.fsutil import FILE_MODE, fsync_dir


class OutputRefused(Exception):
    """The row's files cannot be written (a name taken); the message says why, no value."""


def _write(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename: readers see no file or the whole file.

    Like counsel.fsutil.atomic_write, except that the folder is fsynced once per row by the
    caller instead of once per file (a row has two to five files).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
        _write(out_dir / name, f.data)
        sha = hashlib.sha256(f.data).hexdigest()
        outputs.append(OutputFile(name, f.document, f.format, sha, f.template, f.template_hash))
    fsync_dir(out_dir)
    return tuple(outputs)
