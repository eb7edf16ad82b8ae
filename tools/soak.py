"""Soak: kill -9 batches and the terminal UI at random moments, then check nothing was lost.

    .venv/bin/python tools/soak.py batch --kills 200      # ~20 minutes on two busy cores
    .venv/bin/python tools/soak.py tui --kills 200        # ~10 minutes
    .venv/bin/python tools/soak.py all --kills 200 --json

batch: chains of `counsel batch lien SHEET --out DIR --jobs 2` (formats pdf, docx and both in
turn; CSV and XLSX sheets in turn), each run killed with SIGKILL at a random moment, either
the main process alone (`kill -9 PID`) or its whole process group (Ctrl+C's group, a closed
terminal), then run again with --resume, until the total number of kills is reached; a chain
whose run completes is checked and a new one starts. Each DIR holds planted files that are
not the batch's: a file at one row's output name, a `notes.txt`, a `.notes.tmp`. Checked
after every kill: no process of the batch outlives it (pool workers, resource tracker).
Checked when a chain completes: every good row in the manifest exactly once (no duplicate,
no gap), every listed file intact (sha256), no file in DIR that the manifest, errors.csv or
the planted set does not explain, no temp file, the planted files untouched (bytes and
mtime), the refused row reported, one register row per rendered row.

tui: the terminal UI types an example's answers (the child program of
tests/tui/test_kill.py, which prints every answer set after its draft save returned) and is
killed with SIGKILL at a random moment; checked: the drafts folder loads without a problem
and the draft holds every answer confirmed before the kill.

Exit status 0 when every check held, 1 otherwise; the counts are printed (or --json).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BAD_ROWS = {8, 14, 18, 24, 29, 35, 42, 48, 53}
"""Rows of examples/batch/liens.csv that are bad on purpose (examples/README.md)."""
FORMATS = ("pdf", "docx", "both")
OWN_FILES = {"manifest.jsonl", "errors.csv", ".batch.lock"}


@dataclass
class BatchCounts:
    kills_main: int = 0
    kills_group: int = 0
    kills_with_workers: int = 0
    """Kills while the pool's processes were running (not during start-up)."""
    kills_mid_manifest: int = 0
    """Kills after the run had written at least one manifest line and before it ended."""
    runs: int = 0
    finished_before_kill: int = 0
    chains_checked: int = 0
    rows_checked: int = 0
    orphan_processes: int = 0
    duplicates: int = 0
    gaps: int = 0
    damaged_files: int = 0
    unexplained_files: int = 0
    temp_files: int = 0
    foreign_touched: int = 0
    register_duplicates: int = 0
    refused_row_not_reported: int = 0
    bad_exit: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return (
            self.orphan_processes
            + self.duplicates
            + self.gaps
            + self.damaged_files
            + self.unexplained_files
            + self.temp_files
            + self.foreign_touched
            + self.register_duplicates
            + self.refused_row_not_reported
            + self.bad_exit
        )


@dataclass
class TuiCounts:
    kills: int = 0
    killed_before_any_answer: int = 0
    confirmed_answers_checked: int = 0
    lost_answers: int = 0
    unreadable_drafts: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.lost_answers + self.unreadable_drafts


# -- batch ------------------------------------------------------------------------------------


def _good_rows() -> tuple[list[str], list[list[str]]]:
    with (EXAMPLES / "batch" / "liens.csv").open(encoding="utf-8-sig", newline="") as fh:
        data = list(csv.reader(fh))
    header, body = data[0], data[1:]
    return header, [r for n, r in enumerate(body, start=2) if n not in BAD_ROWS]


def _write_sheet(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows])
        return path
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@dataclass
class Chain:
    """One output folder, run (and killed) until a run completes."""

    number: int
    root: Path
    fmt: str
    sheet: Path
    out: Path
    data: Path
    rows: list[int]
    """Sheet row numbers of the rows that must end up in the manifest."""
    refused: int
    """The row whose output name holds a planted file: refused, never written over."""
    planted: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    started: bool = False


def _new_chain(number: int, base: Path, rng: random.Random, rows: int) -> Chain:
    header, good = _good_rows()
    root = base / f"chain{number:03d}"
    root.mkdir()
    picked = []
    for n in range(rows):
        row = list(good[(number * 7 + n) % len(good)])
        row[header.index("iv_d_case_number")] = f"IVD-SOAK-{number:03d}-{n:03d}"
        row[header.index("court_case_number")] = ""
        picked.append(row)
    suffix = ".csv" if number % 2 == 0 else ".xlsx"
    sheet = _write_sheet(root / f"sheet{suffix}", header, picked)
    fmt = FORMATS[number % len(FORMATS)]
    out = root / "out"
    out.mkdir(mode=0o700)
    refused_index = rng.randrange(rows)
    ext = "docx" if fmt == "docx" else "pdf"
    taken = f"IVD-SOAK-{number:03d}-{refused_index:03d}_notice-of-lien.{ext}"
    chain = Chain(
        number=number,
        root=root,
        fmt=fmt,
        sheet=sheet,
        out=out,
        data=root / "data",
        rows=[n + 2 for n in range(rows) if n != refused_index],
        refused=refused_index + 2,
    )
    for name, data in (
        (taken, b"a document that is not the batch's"),
        ("notes.txt", b"the specialist's own notes"),
        (".notes.tmp", b"a temp file of another program"),
    ):
        (out / name).write_bytes(data)
        chain.planted[name] = (data, (out / name).stat().st_mtime_ns)
    return chain


def _batch_argv(chain: Chain) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "counsel",
        "--office",
        str(EXAMPLES / "office.toml"),
        "batch",
        "lien",
        str(chain.sheet),
        "--out",
        str(chain.out),
        "--format",
        chain.fmt,
        "--jobs",
        "2",
        "--quiet",
    ]
    if chain.started:
        argv.append("--resume")
    return argv


def _descendants(pid: int) -> list[Any]:
    import psutil

    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.NoSuchProcess:
        return []


def _run_once(chain: Chain, delay: float | None, kind: str, counts: BatchCounts) -> bool:
    """One run of the chain's batch, killed after `delay` seconds (None: to the end).
    True when the run completed on its own."""
    env = dict(os.environ, COUNSEL_DATA_DIR=str(chain.data))
    proc = subprocess.Popen(
        _batch_argv(chain),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    chain.started = True
    counts.runs += 1
    lines_before = _manifest_lines(chain.out)
    seen: dict[int, Any] = {}
    stop = time.monotonic() + (delay if delay is not None else 1800)
    while time.monotonic() < stop and proc.poll() is None:
        for child in _descendants(proc.pid):
            seen.setdefault(child.pid, child)
        time.sleep(0.02)
    if proc.poll() is not None:
        if proc.returncode not in (0, 1):
            counts.bad_exit += 1
            counts.problems.append(f"chain {chain.number}: exit {proc.returncode}")
        if delay is not None:
            counts.finished_before_kill += 1
        _reap(seen, chain, counts, after_kill=False)
        return True
    for child in _descendants(proc.pid):
        seen.setdefault(child.pid, child)
    if len(seen) >= 2:  # the resource tracker and at least one worker
        counts.kills_with_workers += 1
    if _manifest_lines(chain.out) > lines_before:
        counts.kills_mid_manifest += 1
    if kind == "main":
        os.kill(proc.pid, signal.SIGKILL)
        counts.kills_main += 1
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        counts.kills_group += 1
    proc.wait()
    _reap(seen, chain, counts, after_kill=True)
    return False


def _manifest_lines(out: Path) -> int:
    try:
        return (out / "manifest.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _reap(seen: dict[int, Any], chain: Chain, counts: BatchCounts, after_kill: bool) -> None:
    """Every process the batch started must be gone (20 s grace for a worker to notice)."""
    import psutil

    procs = list(seen.values())
    _, alive = psutil.wait_procs(procs, timeout=20 if after_kill else 10)
    for p in alive:
        counts.orphan_processes += 1
        with contextlib.suppress(psutil.Error):
            counts.problems.append(f"chain {chain.number}: orphan {p.pid} {p.cmdline()[-1:]}")
            p.kill()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_chain(chain: Chain, counts: BatchCounts) -> None:
    """The completed chain: manifest, files, planted files, errors.csv, register."""
    out = chain.out
    entries = [
        json.loads(line)
        for line in (out / "manifest.jsonl").read_text().splitlines()
        if line.strip()
    ]
    rows = [e["row"] for e in entries]
    counts.chains_checked += 1
    counts.rows_checked += len(set(rows))
    dupes = len(rows) - len(set(rows))
    gaps = sorted(set(chain.rows) - set(rows))
    extra = sorted(set(rows) - set(chain.rows))
    if dupes:
        counts.duplicates += dupes
        counts.problems.append(f"chain {chain.number}: {dupes} duplicate manifest rows")
    if gaps or extra:
        counts.gaps += len(gaps) + len(extra)
        counts.problems.append(f"chain {chain.number}: missing {gaps}, unexpected {extra}")
    listed: set[str] = set()
    for e in entries:
        for f in e["files"]:
            listed.add(f["name"])
            path = out / f["name"]
            if not path.is_file() or _sha256(path) != f["sha256"]:
                counts.damaged_files += 1
                counts.problems.append(f"chain {chain.number}: {f['name']} damaged or missing")
    for path in out.iterdir():
        name = path.name
        if name in listed or name in OWN_FILES or name in chain.planted:
            continue
        if name.endswith(".tmp"):
            counts.temp_files += 1
        else:
            counts.unexplained_files += 1
        counts.problems.append(f"chain {chain.number}: unexplained file {name}")
    for name, (data, mtime) in chain.planted.items():
        path = out / name
        if not path.is_file() or path.read_bytes() != data or path.stat().st_mtime_ns != mtime:
            counts.foreign_touched += 1
            counts.problems.append(f"chain {chain.number}: planted {name} touched")
    with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
        reported = {int(r["row"]) for r in csv.DictReader(fh)}
    if chain.refused not in reported:
        counts.refused_row_not_reported += 1
        counts.problems.append(f"chain {chain.number}: row {chain.refused} not in errors.csv")
    from counsel.register import Register

    with Register.open(chain.data / "register.sqlite3") as reg:
        cases = [e.case_number for e in reg.list()]
    if len(cases) != len(set(cases)) or len(cases) != len(chain.rows):
        counts.register_duplicates += abs(len(cases) - len(chain.rows)) or 1
        counts.problems.append(
            f"chain {chain.number}: register has {len(cases)} rows for {len(chain.rows)} "
            f"rendered ({len(cases) - len(set(cases))} duplicates)"
        )


def soak_batch(kills: int, seed: int, rows: int, max_delay: float) -> BatchCounts:
    rng = random.Random(seed)
    counts = BatchCounts()
    base = Path(tempfile.mkdtemp(prefix="counsel-soak-"))
    try:
        number = 0
        chain = _new_chain(number, base, rng, rows)
        while counts.kills_main + counts.kills_group < kills:
            kind = "main" if (counts.kills_main + counts.kills_group) % 2 == 0 else "group"
            if _run_once(chain, rng.uniform(0.0, max_delay), kind, counts):
                _check_chain(chain, counts)
                shutil.rmtree(chain.root)
                number += 1
                chain = _new_chain(number, base, rng, rows)
        # The last chain: resume to the end, then check it too.
        while not _run_once(chain, None, "main", counts):
            pass
        _check_chain(chain, counts)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return counts


# -- terminal UI ------------------------------------------------------------------------------


def _tui_child() -> str:
    # The conversation engineer's kill-test child: the real app, headless, typing an
    # example's answers and printing each answer set once its draft save returned.
    sys.path.insert(0, str(ROOT))
    from tests.tui.test_kill import _CHILD

    return str(_CHILD)


def soak_tui(kills: int, seed: int, max_delay: float) -> TuiCounts:
    from counsel import drafts

    rng = random.Random(seed)
    counts = TuiCounts()
    child = _tui_child()
    base = Path(tempfile.mkdtemp(prefix="counsel-soak-tui-"))
    try:
        for run in range(kills):
            folder = base / f"drafts{run}"
            env = dict(os.environ, COUNSEL_DATA_DIR=str(base / "data"))
            proc = subprocess.Popen(
                [sys.executable, "-c", child, str(folder)],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
                env=env,
            )
            assert proc.stdout is not None
            lines: list[bytes] = []
            buffer = b""
            deadline: float | None = None
            stop = time.monotonic() + 120
            while time.monotonic() < stop:
                ready, _, _ = select.select([proc.stdout], [], [], 0.01)
                if ready:
                    chunk = os.read(proc.stdout.fileno(), 65536)
                    if not chunk:
                        break
                    buffer += chunk
                    *done, buffer = buffer.split(b"\n")
                    lines.extend(done)
                    if deadline is None and b"ready" in lines:
                        deadline = time.monotonic() + rng.uniform(0.0, max_delay)
                if deadline is not None and time.monotonic() >= deadline:
                    break
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
            counts.kills += 1
            confirmed = [json.loads(line) for line in lines if line.startswith(b"{")]
            listing = drafts.list_drafts(folder)
            if listing.problems:
                counts.unreadable_drafts += 1
                counts.problems.append(f"run {run}: {len(listing.problems)} unreadable drafts")
                continue
            if not confirmed:
                counts.killed_before_any_answer += 1
                continue
            (draft,) = listing.drafts
            saved = json.loads(json.dumps(dict(draft.answers), default=str))
            for qid, value in confirmed[-1].items():
                counts.confirmed_answers_checked += 1
                if saved.get(qid) != value:
                    counts.lost_answers += 1
                    counts.problems.append(f"run {run}: answer {qid} lost")
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return counts


# -- command line -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["batch", "tui", "all"])
    parser.add_argument("--kills", type=int, default=200, help="kills of the batch, and of the UI")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--rows", type=int, default=10, help="rows of each batch chain")
    parser.add_argument(
        "--max-delay", type=float, default=10.0, help="latest kill, seconds after the start"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    failures = 0
    t0 = time.monotonic()
    if args.what in ("batch", "all"):
        b = soak_batch(args.kills, args.seed, args.rows, args.max_delay)
        report["batch"] = {**asdict(b), "failures": b.failures}
        failures += b.failures
    if args.what in ("tui", "all"):
        t = soak_tui(args.kills, args.seed, min(args.max_delay, 4.0))
        report["tui"] = {**asdict(t), "failures": t.failures}
        failures += t.failures
    report["seconds"] = round(time.monotonic() - t0, 1)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, data in report.items():
            if isinstance(data, dict):
                shown = ", ".join(f"{k} {v}" for k, v in data.items() if k != "problems")
                print(f"{name}: {shown}")
                for problem in data["problems"][:20]:
                    print(f"  {problem}")
        print(f"{report['seconds']} s; {'FAILED' if failures else 'all checks held'}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
