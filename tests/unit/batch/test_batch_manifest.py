"""The manifest: fsynced lines, torn last line tolerated, intact-file check."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from counsel.batch.manifest import (
    ManifestEntry,
    ManifestWriter,
    OutputFile,
    entry_intact,
    read_manifest,
)
from counsel.errors import UsageError


def _entry(row: int, out: Path, data: bytes = b"pdf") -> ManifestEntry:
    name = f"C{row}_notice.pdf"
    (out / name).write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    return ManifestEntry(
        row=row,
        case_number=f"C{row}",
        files=(OutputFile(name, "notice", "pdf", sha),),
        template_hash="t",
        statute_snapshot="s",
        answers_hash=f"a{row}",
        settings_hash="x",
        as_of="2026-11-23",
    )


def test_round_trip_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    with ManifestWriter(path) as w:
        w.append(_entry(2, tmp_path))
        w.append(_entry(3, tmp_path))
    assert os.stat(path).st_mode & 0o777 == 0o600
    entries = read_manifest(path)
    assert sorted(entries) == [2, 3]
    assert entries[2] == _entry(2, tmp_path)


def test_torn_last_line_is_ignored_and_cut_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    with ManifestWriter(path) as w:
        w.append(_entry(2, tmp_path))
    whole = path.read_bytes()
    torn = _entry(3, tmp_path).to_json().encode()[:25]
    path.write_bytes(whole + torn)
    assert sorted(read_manifest(path)) == [2]
    with ManifestWriter(path) as w:
        w.append(_entry(4, tmp_path))
    assert path.read_bytes().startswith(whole)
    assert sorted(read_manifest(path)) == [2, 4]


def test_damaged_middle_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    path.write_text("{not json\n" + _entry(2, tmp_path).to_json() + "\n")
    with pytest.raises(UsageError, match="line 1 is damaged"):
        read_manifest(path)


def test_entry_intact(tmp_path: Path) -> None:
    entry = _entry(2, tmp_path)
    assert entry_intact(entry, tmp_path)
    (tmp_path / entry.files[0].name).write_bytes(b"pd")  # truncated by a crash
    assert not entry_intact(entry, tmp_path)
    (tmp_path / entry.files[0].name).unlink()
    assert not entry_intact(entry, tmp_path)
