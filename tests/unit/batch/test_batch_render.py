"""The batch against the real renderer: same bytes as `counsel render`, process pool, Dask,
and a batch killed half-way then resumed."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from counsel import case
from counsel.batch import BatchOptions, run_batch
from counsel.batch.manifest import MANIFEST_NAME, read_entries
from counsel.cli import main
from counsel.interviewer import load_answers_file, load_interview
from counsel.interviewer.rows import columns, flatten_answers
from counsel.office import load_office
from tests.unit.batch.conftest import BAD_SHEET, lien_row, write_csv

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def _examples_by_interview() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for path in EXAMPLES:
        if path.name == "office.toml":
            continue
        interview_id, _ = load_answers_file(path)
        out.setdefault(interview_id, []).append(path)
    return out


def _write_sheet(path: Path, interview_id: str, answer_sets: list[dict[str, Any]]) -> Path:
    iv = load_interview(interview_id)
    counts = {
        q.id: max([len(a.get(q.id) or []) for a in answer_sets] + [1])
        for q in iv.questions
        if q.type == "list"
    }
    header = columns(iv, counts)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, restval="")
        writer.writeheader()
        for answers in answer_sets:
            writer.writerow(flatten_answers(iv, answers))
    return path


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".docx")}


@pytest.mark.parametrize("interview_id", sorted(_examples_by_interview()))
def test_every_example_renders_the_same_bytes_as_counsel_render(
    tmp_path: Path, interview_id: str
) -> None:
    paths = _examples_by_interview()[interview_id]
    raw_sets = [load_answers_file(p)[1] for p in paths]
    sheet = _write_sheet(tmp_path / "cases.csv", interview_id, raw_sets)
    out = tmp_path / "batch"
    summary = run_batch(BatchOptions(interview_id, sheet, out, formats=("pdf", "docx"), jobs=1))
    assert summary.rejected == 0 and summary.rendered == len(paths)
    batch_files = _files(out)
    expected: dict[str, bytes] = {}
    for n, (path, raw) in enumerate(zip(paths, raw_sets, strict=True)):
        single = tmp_path / f"render-{n}"
        args = ["render", interview_id, "--answers", str(path), "--out", str(single)]
        assert main(args) == 0
        case = raw.get("iv_d_case_number") or raw.get("court_case_number")
        for name, data in _files(single).items():  # not the .provenance.json sidecars
            expected[f"{case}_{name}"] = data
    assert batch_files.keys() == expected.keys()
    for name, data in expected.items():
        assert batch_files[name] == data, name


def test_good_rows_of_a_bad_sheet_match_counsel_render(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "cases.csv", [r for r, _ in BAD_SHEET])
    out = tmp_path / "batch"
    summary = run_batch(BatchOptions("lien", sheet, out, formats=("pdf",), jobs=1))
    bad = tuple(i + 2 for i, (_, col) in enumerate(BAD_SHEET) if col)
    assert summary.rejected_rows == bad and summary.exit_code == 1
    office = load_office(None)
    good = [r for r, col in BAD_SHEET if not col]
    expected: dict[str, bytes] = {}
    for n, row in enumerate(good):
        prepared = case.prepare("lien", {k: v for k, v in row.items() if v}, office)
        issued = case.issue(prepared, tmp_path / str(n), ("pdf",), source=None, record=False)
        for path in issued.paths:
            if path.suffix == ".pdf":
                expected[f"{row['iv_d_case_number']}_{path.name}"] = path.read_bytes()
    assert _files(out) == expected
    assert len(expected) == 2 * len(good)  # the holder's and the obligor's notices


def _track_rows(n: int) -> list[dict[str, Any]]:
    _, raw = load_answers_file(ROOT / "examples" / "track-administrative.toml")
    rows = []
    for i in range(n):
        row = dict(raw)
        row["iv_d_case_number"] = f"IVD-K-{i:03d}"
        row["court_case_number"] = ""
        rows.append(row)
    return rows


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_dask_cluster_gives_the_same_files_as_one_process(tmp_path: Path) -> None:
    from distributed import LocalCluster

    sheet = _write_sheet(tmp_path / "cases.csv", "track", _track_rows(3))
    office = ROOT / "examples" / "office.toml"  # travels to the worker as text
    one = tmp_path / "one"
    run_batch(BatchOptions("track", sheet, one, jobs=1, office=office, register=False))
    dask_out = tmp_path / "dask"
    # ":0": the scheduler's HTTP server takes a free port. With None it still binds 8787, and
    # a second suite (or another Dask) on this machine holding 8787 made the cluster fail.
    with LocalCluster(
        n_workers=1, processes=False, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        summary = run_batch(
            BatchOptions(
                "track", sheet, dask_out, office=office, scheduler=cluster.scheduler_address
            )
        )
    assert summary.rendered == 3 and summary.exit_code == 0
    assert _files(dask_out) == _files(one)


def _manifest_rows(out: Path) -> list[dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_bytes().split(b"\n")
    return [json.loads(x) for x in lines if x.strip()]


def test_killed_batch_resumes_without_duplicates_gaps_or_partial_files(tmp_path: Path) -> None:
    rows = 8
    sheet = _write_sheet(tmp_path / "cases.csv", "track", _track_rows(rows))
    out = tmp_path / "out"
    env = {**os.environ, "COUNSEL_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-m", "counsel", "batch", "track", str(sheet), "--out", str(out)]
    # A new session, so the kill takes the pool workers too, as a killed terminal would.
    proc = subprocess.Popen(
        [*cmd, "--jobs", "2", "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            manifest = out / "manifest.jsonl"
            if manifest.exists() and manifest.read_bytes().count(b"\n") >= 2:
                break
            if proc.poll() is not None:
                pytest.fail("the batch ended before it could be killed")
            time.sleep(0.02)
        else:
            pytest.fail("the batch rendered nothing in 120 s")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    before = {r["row"] for r in _manifest_rows(out)}
    assert 2 <= len(before) < rows  # killed half-way
    # Resume here, in this process (the conftest points the register at the same folder).
    summary = run_batch(BatchOptions("track", sheet, out, jobs=1, resume=True))
    assert summary.exit_code == 0
    assert summary.skipped == len(before)  # every row in the manifest is intact: not redone
    entries = _manifest_rows(out)
    numbers = [e["row"] for e in entries]
    assert sorted(set(numbers)) == list(range(2, rows + 2))  # no gaps
    assert summary.skipped + summary.rendered == rows
    latest = {e["row"]: e for e in entries}
    listed = {f["name"]: f["sha256"] for e in latest.values() for f in e["files"]}
    on_disk = {p.name for p in out.iterdir()} - {"manifest.jsonl", "errors.csv", ".batch.lock"}
    assert on_disk == set(listed)  # no partial or temporary file, nothing unlisted
    assert sum(n.endswith(".provenance.json") for n in listed) == rows  # a sidecar each
    for name, sha in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == sha
    assert len(numbers) == len(set(numbers)), "a row was rendered twice"
    # The register holds each case once, even a row killed between its register row and its
    # manifest line (re-rendered on resume to the same bytes: its row is found, not re-added).
    from counsel.register import Register

    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        cases = [e.case_number for e in reg.list()]
    assert sorted(cases) == sorted({e["case_number"] for e in latest.values()})


def test_pdf_variant_reaches_every_row_the_register_and_the_resume_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _write_sheet(tmp_path / "cases.csv", "track", _track_rows(2))
    out = tmp_path / "out"
    argv = ["batch", "track", str(sheet), "--out", str(out), "--jobs", "1", "--quiet"]
    assert main([*argv, "--pdf-variant", "pdf/a-2b"]) == 0
    for pdf in sorted(out.glob("*.pdf")):
        meta = subprocess.run(
            ["pdfinfo", "-meta", str(pdf)], capture_output=True, check=True
        ).stdout.decode()
        assert 'pdfaid:part="2"' in meta, pdf.name
    from counsel.register import Register

    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        entries = reg.list()
    assert len(entries) == 2
    assert {e.office["pdf_variant"] for e in entries} == {"pdf/a-2b"}  # verify keeps it
    # Resumed with the same variant: nothing to redo; without it: other settings, redone.
    capsys.readouterr()
    assert main([*argv, "--resume", "--pdf-variant", "pdf/a-2b", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"] == 2
    assert main([*argv, "--resume", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rendered"] == 2


def test_a_register_lost_mid_batch_stops_it_and_resume_records_the_rest(
    tmp_path: Path,
    sheet: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The register goes away after the first row is recorded: the batch stops with exit 75
    (try again later) naming --resume; once it is back, --resume records every row once."""
    from counsel import case as road
    from counsel.register import Register, RegisterUnavailable

    cases = sheet([lien_row(n) for n in range(1, 4)])
    out = tmp_path / "out"
    record = road.record_row
    calls = {"n": 0}

    def flaky(sink: Any, row: Any, *, once: bool = False) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RegisterUnavailable("the register's server cannot be reached")
        return record(sink, row, once=once)

    monkeypatch.setattr(road, "record_row", flaky)
    argv = ["batch", "lien", str(cases), "--out", str(out), "--jobs", "1", "--quiet"]
    assert main(argv) == 75
    said = capsys.readouterr().err
    # Results come back in the order they finish, so the row it stopped at is the second one
    # recorded, whichever that is; that row is the one not in the manifest.
    stopped = re.search(r"stopped at sheet row (\d+)", said)
    assert stopped and "--resume" in said, said
    (first,) = read_entries(out / MANIFEST_NAME)
    assert first.row != int(stopped.group(1)) and int(stopped.group(1)) in (2, 3, 4)
    monkeypatch.setattr(road, "record_row", record)
    assert main([*argv, "--resume"]) == 0
    assert len(read_entries(out / MANIFEST_NAME)) == 3
    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        assert sorted(e.case_number for e in reg.list()) == [
            "IVD-T-0001",
            "IVD-T-0002",
            "IVD-T-0003",
        ]
