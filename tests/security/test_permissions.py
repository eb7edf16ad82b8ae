"""Private files are 0600 and their folders 0700 even under a permissive umask (0000):
documents, sidecars, manifests, error reports, drafts and the register. Temporary files are
gone after a success and after an injected failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from tests.security import canary, helpers, tally


@pytest.fixture
def open_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """umask 0000 (the worst an office machine could have), data dir inside tmp_path."""
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0)
    try:
        yield tmp_path
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _assert_private(root: Path) -> int:
    """Every file under root is 0600 and every folder 0700; returns how many were checked."""
    checked = 0
    for path in [root, *root.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, f"{path.relative_to(root.parent)}: {oct(_mode(path))}"
        checked += 1
    return checked


def _no_temp_files(root: Path) -> None:
    assert [p.name for p in root.rglob("*.tmp")] == []


def test_render_outputs_and_register_are_private(
    open_umask: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    interview_id, raw = helpers.example("registration")
    answers = canary.write_answers(open_umask / "answers.toml", interview_id, raw)
    out = open_umask / "out" / "nested"
    code = main(helpers.render_argv(interview_id, answers, out))
    capsys.readouterr()
    assert code == 0
    assert _assert_private(out) >= 9  # 4 documents x (pdf, docx, sidecar) + the folder
    data = open_umask / "data"
    names = {p.name for p in data.iterdir()}
    assert "register.sqlite3" in names
    _assert_private(data)
    _no_temp_files(open_umask)


def test_batch_outputs_manifest_and_errors_are_private(
    open_umask: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    sheet = open_umask / "sheet.csv"
    bad = list(rows[1])
    bad[rows[0].index("document_date")] = "2026-02-30"
    bad[rows[0].index("iv_d_case_number")] = "IVD-BAD-1"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], rows[1], bad])
    out = open_umask / "batch"
    code = main(helpers.batch_argv(sheet, out, "both"))
    capsys.readouterr()
    assert code == 1
    names = {p.name for p in out.iterdir()}
    assert {"manifest.jsonl", "errors.csv"} <= names and any(n.endswith(".pdf") for n in names)
    _assert_private(out)
    _assert_private(open_umask / "data")
    _no_temp_files(open_umask)


def test_drafts_are_private(open_umask: Path) -> None:
    from counsel.drafts import archive_draft, drafts_dir, list_drafts, new_draft, save_draft

    draft = new_draft("lien").with_answer("obligor_ssn", canary.CANARY_SSN)
    save_draft(draft)
    save_draft(draft.with_answer("obligor_name", "Canary Zq"))  # keeps a .prev
    assert len(list_drafts().drafts) == 1
    folder = drafts_dir()
    assert {p.suffix for p in folder.iterdir()} == {".json", ".prev"}
    _assert_private(open_umask / "data")
    archive_draft(draft.id)
    _assert_private(open_umask / "data")
    _no_temp_files(open_umask)


def test_register_wal_files_are_private(open_umask: Path) -> None:
    from counsel.register import Register

    path = open_umask / "reg" / "register.sqlite3"
    with Register.open(path) as reg:
        interview_id, raw = helpers.example("track-judicial")
        reg.record(
            interview=interview_id,
            answers=helpers.typed(interview_id, raw),
            files=[],
            statute_snapshot="x",
            on=raw["document_date"],
        )
        # While open in WAL mode the -wal and -shm files exist; they hold the same data.
        side = [p for p in path.parent.iterdir() if p.name != path.name]
        assert side
        _assert_private(path.parent)


@pytest.mark.parametrize("fail", ["write", "fsync", "replace", "fchmod"])
def test_atomic_write_leaves_no_temp_file_and_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    """A failure inside atomic_write removes its temp file and leaves the old file as it was."""
    import counsel.fsutil as fsutil

    tally.attack()
    target = tmp_path / "doc.pdf"
    fsutil.atomic_write(target, b"old")

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    if fail == "write":
        real_fdopen = os.fdopen

        class FullDisk:
            """The temp file, whose write fails as on a full disk."""

            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            write = boom

        monkeypatch.setattr(fsutil.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(fsutil.os, fail, boom)
    with pytest.raises(OSError):
        fsutil.atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]
