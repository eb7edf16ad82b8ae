"""Benchmark `counsel batch`: lien notices per second with 1 and 2 workers, PDF and DOCX.

    .venv/bin/python bench/batch.py --rows 1000          # the issue's figure
    .venv/bin/python bench/batch.py --rows 100 --formats pdf --jobs 1,2

Each configuration runs in a fresh interpreter so its peak memory (getrusage maxrss of the
process and of its worker processes) is its own. The per-document cost of the batch is set
against WeasyPrint alone on the same HTML in the same run: the documents of the first
`--sample` rows are built once, then laid out (a) by counsel's tuned PdfWriter and (b) by a
plain `weasyprint.HTML(string=...).write_pdf()` with the same stylesheet.
Rows are synthetic (bench/lien_rows.py); the register goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _kb_to_mb(kb: int) -> float:
    return round(kb / 1024, 1)  # Linux reports ru_maxrss in KiB


def single(sheet: Path, fmt: str, jobs: int) -> dict[str, Any]:
    """One batch run in this process; prints timings and peak memory as JSON."""
    from counsel.batch import BatchOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        summary = run_batch(
            BatchOptions(interview_id="lien", sheet=sheet, out_dir=out, formats=(fmt,), jobs=jobs)
        )
        seconds = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_kb, child_kb = me.ru_maxrss, kids.ru_maxrss
    # CPU time of this process and its workers: on a shared machine, wall time says how busy
    # the neighbours were; CPU time per document is what this code costs.
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    return {
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_document": round(1000 * cpu / max(summary.documents, 1), 1),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "format": fmt,
        "jobs": jobs,
        "rows": summary.rows,
        "rendered": summary.rendered,
        "rejected": summary.rejected,
        "documents": summary.documents,
        "seconds": round(seconds, 2),
        "documents_per_second": round(summary.documents / seconds, 2),
        "rows_per_second": round(summary.rendered / seconds, 2),
        # --jobs 1 renders in the main process, so the main process is the worker there.
        "peak_mb_main": _kb_to_mb(self_kb),
        "peak_mb_worker": _kb_to_mb(child_kb if jobs > 1 else self_kb),
    }


def weasyprint_alone(sheet: Path, sample: int) -> dict[str, Any]:
    """Per-document cost of WeasyPrint alone on the batch's own HTML."""
    from weasyprint import CSS, HTML

    import counsel.batch.case as case
    from counsel.batch.sheet import open_sheet
    from counsel.batch.worker import check_row
    from counsel.render.env import read_package_text

    interview = case.load("lien")
    office = case.load_office(None)
    renderer = case.make_renderer(("pdf",))
    built = []
    for row in open_sheet(sheet).rows():
        if len(built) >= sample:
            break
        checked = check_row(interview, office, None, row.number, row.cells)
        if checked.answers is not None:
            built.extend(renderer.build("lien", checked.answers, office, None))
    writer = renderer.pdf_writer
    pages = [(writer.html(b.model, b.provenance.metadata()), b.provenance.digest) for b in built]
    writer.write_html(*pages[0])  # warm: the first layout loads fonts
    t0 = time.perf_counter()
    for html, ident in pages:
        writer.write_html(html, ident)
    tuned = (time.perf_counter() - t0) / len(pages)
    css = CSS(string=read_package_text("style.css"))
    HTML(string=pages[0][0]).write_pdf(stylesheets=[css])
    t0 = time.perf_counter()
    for html, _ in pages:
        HTML(string=html).write_pdf(stylesheets=[css])
    plain = (time.perf_counter() - t0) / len(pages)
    return {
        "documents": len(pages),
        "tuned_writer_ms_per_document": round(tuned * 1000, 1),
        "plain_weasyprint_ms_per_document": round(plain * 1000, 1),
    }


def _child(args: list[str]) -> dict[str, Any]:
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench child failed ({args}):\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--formats", default="pdf,docx")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--sample", type=int, default=40, help="rows for the WeasyPrint-alone run")
    parser.add_argument(
        "--single", nargs=3, metavar=("SHEET", "FORMAT", "JOBS"), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--weasyprint", nargs=2, metavar=("SHEET", "SAMPLE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.single:
        print(json.dumps(single(Path(args.single[0]), args.single[1], int(args.single[2]))))
        return
    if args.weasyprint:
        print(json.dumps(weasyprint_alone(Path(args.weasyprint[0]), int(args.weasyprint[1]))))
        return

    from lien_rows import good_rows, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COUNSEL_DATA_DIR"] = str(Path(tmp) / "data")  # keep the user's register clean
        sheet = Path(tmp) / "liens.csv"
        write_csv(sheet, good_rows(args.rows))
        print(
            f"bench/batch.py: {args.rows} synthetic lien rows, {os.cpu_count()} cores", flush=True
        )
        results: list[dict[str, Any]] = []
        for fmt in args.formats.split(","):
            for jobs in (int(j) for j in args.jobs.split(",")):
                r = _child(["--single", str(sheet), fmt, str(jobs)])
                results.append(r)
                print(
                    f"  {fmt:4} --jobs {jobs}: {r['documents']} documents from {r['rendered']} "
                    f"rows in {r['seconds']} s = {r['documents_per_second']} documents/s "
                    f"({r['rows_per_second']} rows/s); CPU {r['cpu_ms_per_document']} "
                    f"ms/document (all processes); peak memory: worker "
                    f"{r['peak_mb_worker']} MB, main {r['peak_mb_main']} MB; load average "
                    f"{r['load_average_1min_after']}",
                    flush=True,
                )
            by_jobs = {r["jobs"]: r for r in results if r["format"] == fmt}
            if 1 in by_jobs and 2 in by_jobs:
                speedup = by_jobs[2]["documents_per_second"] / by_jobs[1]["documents_per_second"]
                print(f"  {fmt:4} speed-up from the second worker: {speedup:.2f}x", flush=True)
            if fmt == "pdf":
                w = _child(["--weasyprint", str(sheet), str(min(args.sample, args.rows))])
                best = max(r["documents_per_second"] for r in results if r["format"] == "pdf")
                batch_ms = 1000 / best
                print(
                    f"  WeasyPrint alone on the same HTML ({w['documents']} documents, one "
                    f"process): tuned writer {w['tuned_writer_ms_per_document']} ms/document, "
                    f"plain write_pdf {w['plain_weasyprint_ms_per_document']} ms/document; "
                    f"batch at its best: {batch_ms:.1f} ms/document of wall time",
                    flush=True,
                )
        print(json.dumps(results))


if __name__ == "__main__":
    main()
