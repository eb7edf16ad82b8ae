"""The output folder of a batch: made private, cleaned of a killed run's temp files, and the
earlier run's manifest and settings read back for --resume."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path

from counsel.batch.manifest import MANIFEST_NAME, ManifestEntry, read_manifest
from counsel.batch.options import ERRORS_NAME, BatchOptions
from counsel.batch.worker import WorkerConfig
from counsel.errors import UsageError
from counsel.fsutil import open_private, private_dir


def settings_hash(config: WorkerConfig) -> str:
    office = (config.office_toml or "bundled example office").encode("utf-8")
    data = {
        "interview": config.interview_id,
        "as_of": config.as_of.isoformat() if config.as_of else "",
        "formats": sorted(config.formats),
        "office": hashlib.sha256(office).hexdigest(),
    }
    if config.pdf_variant:  # only when given: a batch started before the flag still matches
        data["pdf_variant"] = config.pdf_variant
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# What a killed atomic write leaves behind: `.<name>.<mkstemp's 8 characters>.tmp`, for the
# kinds of file a batch writes (anything else in the folder is left alone).
_TEMP_FILE = re.compile(r"\..+\.(?:pdf|docx|provenance\.json|csv|jsonl)\.[a-z0-9_]{8}\.tmp")


def remove_temp_files(out_dir: Path) -> None:
    """Remove half-written files of a killed batch: they are never documents."""
    for entry in os.scandir(out_dir):
        if _TEMP_FILE.fullmatch(entry.name) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


LOCK_NAME = ".batch.lock"
"""The lock file a running batch holds in DIR (never removed: removing it would race)."""


def lock_out_dir(out: Path, stack: contextlib.ExitStack) -> None:
    """Hold DIR's batch lock until `stack` closes; UsageError if another batch holds it.

    An advisory `flock` on DIR/.batch.lock: the system drops it when the holder ends, even
    by kill -9, so a killed batch never leaves the folder locked, and two batches (or a
    batch and its own --resume started too early) can never write one manifest at once.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Unix: no lock, as before
        return
    fd = open_private(out / LOCK_NAME, os.O_RDWR, what="out")
    stack.callback(os.close, fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise UsageError(
            f"another batch is running in {out} (it holds {LOCK_NAME}); wait for it to "
            "finish, or choose another folder; if it stopped, resume it",
            what="out",
            fix_with="resume",
        ) from None


def prepare_out_dir(
    options: BatchOptions, stack: contextlib.ExitStack | None = None
) -> dict[int, ManifestEntry]:
    """Make DIR private and take its lock (held until `stack` closes; a private stack when
    None, released on return), clean a killed run's temp files, read the manifest."""
    out = options.out_dir
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; give a folder", what="out")
    manifest = out / MANIFEST_NAME
    with contextlib.ExitStack() as own:
        private_dir(out, what="out")
        # Locked before anything in DIR is read or removed: the temp files of a running
        # batch are not a killed one's.
        lock_out_dir(out, stack if stack is not None else own)
        for name in (MANIFEST_NAME, ERRORS_NAME):
            path = out / name
            if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
                # A link would send the manifest out of DIR; a folder would stop the batch
                # half-way through. Neither is the batch's.
                raise UsageError(
                    f"{path} is not a regular file (a symbolic link or a folder); "
                    "move it away or choose another folder",
                    what="out",
                )
        if manifest.exists() and not options.resume:
            raise UsageError(
                f"{out} holds an earlier batch ({MANIFEST_NAME}); choose a new folder, or "
                "resume that batch to finish it",
                what="out",
                fix_with="resume",
            )
        remove_temp_files(out)
        return read_manifest(manifest) if options.resume else {}


def resolve_as_of(options: BatchOptions, previous: dict[int, ManifestEntry]) -> dt.date | None:
    if options.as_of is not None or not previous:
        return options.as_of
    # --resume without --as-of finishes the batch as it was started.
    first = previous[min(previous)]
    if not first.as_of:
        return None
    try:
        return dt.date.fromisoformat(first.as_of)
    except ValueError:
        return None
