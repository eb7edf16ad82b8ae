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
from counsel.batch.options import BatchOptions
from counsel.batch.worker import WorkerConfig
from counsel.errors import UsageError
from counsel.fsutil import private_dir


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


def prepare_out_dir(options: BatchOptions) -> dict[int, ManifestEntry]:
    out = options.out_dir
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} is a file; give a folder")
    manifest = out / MANIFEST_NAME
    if manifest.exists() and not options.resume:
        raise UsageError(
            f"--out: {out} holds an earlier batch ({MANIFEST_NAME}); pass --resume to finish "
            "it, or choose a new folder"
        )
    private_dir(out, what="--out")
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
