"""DIR/manifest.jsonl: one fsynced line per rendered row, read back to resume a batch."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from counsel.errors import UsageError
from counsel.fsutil import fsync_dir, open_private, read_private

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True)
class OutputFile:
    """One written document: its file name inside DIR and the sha256 of its bytes."""

    name: str
    document: str
    format: str
    sha256: str
    template: str = ""
    template_hash: str = ""


@dataclass(frozen=True)
class ManifestEntry:
    """The record of one rendered row (its provenance and the files it produced)."""

    row: int
    case_number: str
    files: tuple[OutputFile, ...]
    template_hash: str
    """The template's hash; with several templates, the sha256 of their sorted hashes."""
    statute_snapshot: str
    answers_hash: str
    settings_hash: str
    """Hash of what else shapes the output (interview, as-of date, formats, office profile)."""
    as_of: str
    """The date the law was applied on (ISO), reused when a batch resumes on a later day."""

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files]
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ManifestEntry:
        files = tuple(OutputFile(**f) for f in data["files"])
        return cls(
            row=int(data["row"]),
            case_number=str(data["case_number"]),
            files=files,
            template_hash=str(data["template_hash"]),
            statute_snapshot=str(data["statute_snapshot"]),
            answers_hash=str(data["answers_hash"]),
            settings_hash=str(data["settings_hash"]),
            as_of=str(data["as_of"]),
        )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[int, ManifestEntry]:
    """Entries by row (a later line for a row replaces an earlier one)."""
    return {e.row: e for e in read_entries(path)}


def read_entries(path: Path) -> list[ManifestEntry]:
    """Every entry, in file order.

    A torn last line (the batch was killed while appending it) is ignored: its row simply
    renders again. A damaged line elsewhere is an error, since lines are only ever appended.
    """
    try:
        # Never through a symlink: a link planted in DIR must not feed the resume.
        data = read_private(path, what="out", private=False)
    except FileNotFoundError:
        return []
    entries: list[ManifestEntry] = []
    lines = data.split(b"\n")
    last = len(lines) - 1
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        try:
            entry = ManifestEntry.from_json(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            if i == last:  # no newline after it: the append never finished
                break
            raise UsageError(
                f"{path.name} line {i + 1} is damaged; move the folder aside and start the "
                "batch again in a new folder",
                what="resume",
            ) from None
        entries.append(entry)
    return entries


def entry_intact(entry: ManifestEntry, out_dir: Path) -> bool:
    """True when every file the entry names exists with the recorded sha256."""
    for f in entry.files:
        path = out_dir / f.name
        try:
            if sha256_file(path) != f.sha256:
                return False
        except OSError:
            return False
    return True


class ManifestWriter:
    """Appends entries one line at a time, each flushed and fsynced before the next row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        existed = os.path.lexists(path)
        _drop_torn_tail(path)
        # Created 0600 exclusively, or an existing manifest of this user opened without
        # following a symlink (a dangling link would send the manifest out of DIR).
        self._fd = open_private(path, os.O_WRONLY | os.O_APPEND, what="out", private=False)
        if not existed:
            fsync_dir(path.parent)

    def append(self, entry: ManifestEntry) -> None:
        data = (entry.to_json() + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line that has no newline, so the next append starts on a line of its own."""
    try:
        data = read_private(path, what="out", private=False)
    except FileNotFoundError:
        return
    if not data or data.endswith(b"\n"):
        return
    keep = data.rfind(b"\n") + 1
    fd = open_private(path, os.O_WRONLY, what="out", create=False, private=False)
    try:
        os.ftruncate(fd, keep)
        os.fsync(fd)
    finally:
        os.close(fd)
