"""`counsel batch`: render a sheet of cases (CSV or XLSX) to a folder of checked documents."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from counsel.errors import UsageError
from counsel.office import PDF_VARIANTS

FORMAT_CHOICES = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "batch",
        help="render a spreadsheet of cases to a folder of documents",
        description=(
            "Render every row of a CSV or XLSX sheet (columns are the interview's answer "
            "ids) to DIR. Each row is checked first; bad rows are listed in DIR/errors.csv "
            "and skipped. DIR/manifest.jsonl records every rendered row. Exit 0: every row "
            "rendered; 1: some rows rejected; 2: usage error or unreadable file."
        ),
    )
    p.add_argument("interview", metavar="INTERVIEW", help="interview id, e.g. lien")
    p.add_argument("file", metavar="FILE", nargs="?", type=Path, help="the sheet (.csv/.xlsx)")
    p.add_argument("--out", metavar="DIR", type=Path, help="output folder (created 0700)")
    p.add_argument(
        "--format",
        choices=sorted(FORMAT_CHOICES),
        default="pdf",
        help="documents to write (default pdf)",
    )
    p.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        default=0,
        help="worker processes (default: one per core; 1: no pool)",
    )
    p.add_argument(
        "--office",
        dest="batch_office",
        metavar="FILE",
        type=Path,
        default=None,
        help="office profile TOML (default: the bundled example office)",
    )
    p.add_argument("--as-of", metavar="DATE", help="apply the law in force on DATE (YYYY-MM-DD)")
    p.add_argument(
        "--pdf-variant",
        dest="pdf_variant",
        choices=PDF_VARIANTS,
        default=None,
        help="PDF standard, as `counsel render --pdf-variant` (default: the office profile's "
        "pdf_variant, else pdf/ua-1)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted batch in DIR: rows already rendered and intact are skipped",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="send the work to a Dask distributed scheduler (tcp://host:8786)",
    )
    p.add_argument(
        "--blank-sheet",
        "--template",  # the first round's name, kept working
        dest="blank_sheet",
        metavar="FILE",
        type=Path,
        help="write a blank sheet (.csv/.xlsx) with the header and a row of help, then stop",
    )
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=run)


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError("--as-of: give a date as YYYY-MM-DD (e.g. 2026-11-23)") from None


def run(args: argparse.Namespace) -> int:
    from counsel.cli import emit

    if args.blank_sheet is not None:
        if args.file is not None:
            raise UsageError(
                "--blank-sheet writes a new sheet: give INTERVIEW and --blank-sheet only"
            )
        from counsel.batch import write_blank_sheet

        try:
            count = write_blank_sheet(args.interview, args.blank_sheet)
        except UsageError as exc:
            raise UsageError(f"--blank-sheet: {exc}") from None
        emit(
            args,
            {"blank_sheet": str(args.blank_sheet), "columns": count},
            f"wrote {args.blank_sheet}: {count} columns, header and a row of help",
        )
        return 0
    if args.file is None:
        raise UsageError("FILE: give the sheet to render (or --blank-sheet FILE to start one)")
    if args.out is None:
        raise UsageError("--out: give the folder for the documents (--out DIR)")
    if args.jobs < 0:
        raise UsageError("--jobs: give a number of worker processes, 1 or more")
    from counsel.batch import BatchOptions, make_progress, run_batch

    office = args.batch_office or getattr(args, "office", None)
    options = BatchOptions(
        interview_id=args.interview,
        sheet=args.file,
        out_dir=args.out,
        formats=FORMAT_CHOICES[args.format],
        jobs=args.jobs,
        office=office,
        as_of=_as_of(args.as_of),
        resume=args.resume,
        scheduler=args.scheduler,
        pdf_variant=args.pdf_variant,
    )
    summary = run_batch(options, make_progress(sys.stderr, quiet=args.quiet))
    human = (
        f"rendered {summary.rendered} rows ({summary.documents} documents), "
        f"rejected {summary.rejected}, skipped {summary.skipped} (already done), "
        f"in {summary.seconds:.1f} s, {summary.documents_per_second:.1f} documents/s\n"
        f"manifest: {summary.manifest_path}\nerrors:   {summary.errors_path}"
    )
    if summary.rejected:
        rows = ", ".join(str(r) for r in summary.rejected_rows[:20])
        more = " ..." if len(summary.rejected_rows) > 20 else ""
        human += f"\nrejected rows: {rows}{more} (see errors.csv)"
    emit(args, summary.as_dict(), human)
    return summary.exit_code
