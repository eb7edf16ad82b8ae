"""Issue 16 items 5, 13 and 14: a batch's --resume never writes over a file its manifest does
not own; killing a batch's main process ends its workers (and the resource tracker); a
second batch on a folder in use says so and exits 2."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from counsel.batch.folder import LOCK_NAME
from counsel.cli import main
from tests.security import helpers, tally

ROOT = Path(__file__).resolve().parents[2]


def _sheet(path: Path, rows: int, *, first: int = 0) -> Path:
    """The example lien sheet's good rows (each given its own case number), `rows` of them."""
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        data = list(csv.reader(fh))
    header, body = data[0], data[1:]
    bad = {8, 14, 18, 24, 29, 35, 42, 48, 53}  # bad on purpose (examples/README.md)
    good = [r for n, r in enumerate(body, start=2) if n not in bad]
    out = []
    for n in range(rows):
        row = list(good[(first + n) % len(good)])
        row[header.index("iv_d_case_number")] = f"IVD-LIFE-{first + n:04d}"
        row[header.index("court_case_number")] = ""
        out.append(row)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *out])
    return path


def _manifest(out: Path) -> list[dict[str, object]]:
    path = out / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _argv(sheet: Path, out: Path, fmt: str = "docx", jobs: str = "1", *extra: str) -> list[str]:
    argv = helpers.batch_argv(sheet, out, fmt, *extra)
    argv[argv.index("--jobs") + 1] = jobs
    return argv


@pytest.fixture(autouse=True)
def _data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))


# -- item 5: --resume and files the manifest does not own ------------------------------------


def test_resume_never_writes_over_a_file_the_manifest_does_not_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack(2)
    sheet = _sheet(tmp_path / "s.csv", 3)
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    foreign = out / "IVD-LIFE-0001_notice-of-lien.docx"
    foreign.write_bytes(b"someone else's document")
    assert main(_argv(sheet, out)) == 1  # row 3 refused: its name is taken
    assert main(_argv(sheet, out, "docx", "1", "--resume")) == 1  # and still refused
    capsys.readouterr()
    assert foreign.read_bytes() == b"someone else's document"
    assert sorted(e["row"] for e in _manifest(out)) == [2, 4]
    with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
        assert [r["row"] for r in csv.DictReader(fh)] == ["3"]
    foreign.unlink()  # moved away: now the row renders
    assert main(_argv(sheet, out, "docx", "1", "--resume")) == 0
    capsys.readouterr()
    assert sorted(e["row"] for e in _manifest(out)) == [2, 3, 4]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_rows_own_files_are_kept_and_changed_ones_refused(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kill between a row's files and its manifest line leaves files the manifest does not
    list: --resume keeps them when they hold exactly the row's bytes (not rewritten, no
    duplicate), and refuses the row when one was changed since (never written over)."""
    tally.attack(2)
    sheet = _sheet(tmp_path / "s.csv", 3)
    out = tmp_path / "out"
    assert main(_argv(sheet, out, "docx", jobs)) == 0
    lines = (out / "manifest.jsonl").read_text().splitlines()
    last = json.loads(lines[-1])
    (out / "manifest.jsonl").write_text("\n".join(lines[:-1]) + "\n")  # as if killed
    names = [f["name"] for f in last["files"]]
    before = {n: (out / n).stat().st_ino for n in names}
    assert main(_argv(sheet, out, "docx", jobs, "--resume")) == 0
    capsys.readouterr()
    rows = [e["row"] for e in _manifest(out)]
    assert sorted(rows) == [2, 3, 4] and len(rows) == len(set(rows))
    assert {n: (out / n).stat().st_ino for n in names} == before  # kept, not rewritten
    # Again, but a file of the killed row was changed meanwhile: it is not the row's own.
    lines = (out / "manifest.jsonl").read_text().splitlines()
    last = json.loads(lines[-1])
    (out / "manifest.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    changed = out / last["files"][0]["name"]
    changed.write_bytes(b"edited by hand")
    assert main(_argv(sheet, out, "docx", jobs, "--resume")) == 1
    capsys.readouterr()
    assert changed.read_bytes() == b"edited by hand"


# -- item 14: a lock on --out ----------------------------------------------------------------


def test_a_second_batch_on_a_locked_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack(2)
    sheet = _sheet(tmp_path / "s.csv", 2)
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another batch holds the folder
        for extra in ((), ("--resume",)):
            assert main(_argv(sheet, out, "docx", "1", *extra)) == 2
            err = capsys.readouterr().err
            assert "--out: another batch is running" in err and "internal error" not in err
        assert _manifest(out) == [] and not list(out.glob("*.docx"))
    finally:
        os.close(fd)  # the other batch ends: the folder is free
    assert main(_argv(sheet, out)) == 0
    capsys.readouterr()
    assert len(_manifest(out)) == 2


def _start_batch(
    sheet: Path, out: Path, fmt: str, jobs: str, *extra: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "counsel", *_argv(sheet, out, fmt, jobs, *extra)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
        start_new_session=True,  # its own process group: the test can kill all of it
    )


def _wait_for_rows(out: Path, proc: subprocess.Popen[bytes], rows: int, limit: float) -> None:
    stop = time.monotonic() + limit
    while len(_manifest(out)) < rows:
        assert proc.poll() is None, "the batch ended before it wrote its first rows"
        assert time.monotonic() < stop, "the batch wrote no row in time"
        time.sleep(0.05)


def test_two_batches_at_once_never_both_write_one_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.register import Register

    tally.attack()
    sheet = _sheet(tmp_path / "s.csv", 12)
    out = tmp_path / "out"
    first = _start_batch(sheet, out, "pdf", "1")
    try:
        _wait_for_rows(out, first, 1, 120)
        assert main(_argv(sheet, out, "pdf", "1", "--resume")) == 2
        assert "another batch is running" in capsys.readouterr().err
    finally:
        assert first.wait(timeout=300) == 0
    rows = [e["row"] for e in _manifest(out)]
    assert sorted(rows) == list(range(2, 14))  # each row once, none missing
    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        cases = [e.case_number for e in reg.list()]
    assert sorted(cases) == sorted(set(cases)) and len(cases) == 12


# -- item 13: workers end with the main process ----------------------------------------------


@pytest.mark.slow
def test_killing_the_main_process_ends_its_workers_and_resume_completes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    sheet = _sheet(tmp_path / "s.csv", 16)
    out = tmp_path / "out"
    proc = _start_batch(sheet, out, "pdf", "2")
    try:
        _wait_for_rows(out, proc, 1, 120)
        children = psutil.Process(proc.pid).children(recursive=True)
        assert len(children) >= 2, children  # the pool's workers (and resource tracker)
        os.kill(proc.pid, signal.SIGKILL)  # the main process alone, as `kill -9 PID` does
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(children, timeout=20)
        assert alive == [], [(p.pid, p.cmdline()[-1:]) for p in alive]
    finally:
        # Whatever is left of its process group (all of it, if the workers outlived it).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert main(_argv(sheet, out, "pdf", "2", "--resume")) == 0
    capsys.readouterr()
    rows = [e["row"] for e in _manifest(out)]
    assert sorted(rows) == list(range(2, 18)) and len(rows) == len(set(rows))
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
