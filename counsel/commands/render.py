"""`counsel render INTERVIEW --answers FILE`: write every document of an interview, checked."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from counsel.errors import UsageError
from counsel.office import PDF_VARIANTS

# counsel.render (Jinja2, WeasyPrint, python-docx) is imported inside the handler: it costs
# about a second, and `counsel --help` must stay fast.


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            "must be a real date as YYYY-MM-DD (e.g. 2026-11-23)"
        ) from None


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "render",
        help="write the filed-ready documents of an interview (PDF and DOCX)",
        description="Validate the answers, check every document against the law (required "
        "provisions, Ill. S. Ct. R. 138, the family-violence flag, citations in force) and "
        "write each document atomically with a NAME.provenance.json sidecar. Invalid or "
        "incomplete answers, or a failing check, exit 2 and write nothing.",
    )
    p.add_argument("interview", metavar="INTERVIEW", help="interview id (see: counsel interviews)")
    p.add_argument("--answers", required=True, type=Path, help="answers TOML file")
    # Its own dest: a subparser default would overwrite the global --office value.
    p.add_argument(
        "--office",
        dest="render_office",
        type=Path,
        default=None,
        help="office profile (default: the global --office, else the bundled example office)",
    )
    p.add_argument(
        "--format",
        dest="render_format",
        choices=("pdf", "docx", "both"),
        default="both",
        help="which files to write (default: both)",
    )
    p.add_argument("--out", type=Path, default=Path("."), help="output folder (default: .)")
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        default=None,
        help="document date: the law in force on this date is applied (default: the answers' "
        "document_date, else today)",
    )
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument(
        "--pdf-variant",
        dest="pdf_variant",
        choices=PDF_VARIANTS,
        default=None,
        help="PDF standard, every one tagged: pdf/ua-1 (accessible; for filing and service) or "
        "pdf/a-2b, pdf/a-3b (archival; for the register copy) (default: the office profile's "
        "pdf_variant, else pdf/ua-1)",
    )
    p.add_argument(
        "--register",
        dest="render_register",
        type=Path,
        default=None,
        help="register of issued documents to record the render in (default: the office "
        "profile's register_path, else the user data folder)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    from counsel import case
    from counsel.cli import emit
    from counsel.commands._answers import load_case
    from counsel.fsutil import UnsafePathError
    from counsel.register import RegisterError

    office_path = args.render_office if args.render_office is not None else args.office
    _, raw, office = load_case("render", args.interview, args.answers, office_path)
    if args.pdf_variant:
        # on the office, so the register's snapshot (and `register verify`) keeps it
        office = dataclasses.replace(office, pdf_variant=args.pdf_variant)
    try:
        prepared = case.prepare(args.interview, raw, office, args.as_of)
    except case.AnswersInvalid as exc:
        raise UsageError(f"--answers: {exc}") from None
    try:
        issued = case.issue(
            prepared,
            args.out,
            (args.render_format,),
            force=args.force,
            source="render",
            register=args.render_register,
        )
    except case.OutputExists as exc:
        raise UsageError(f"--force: {exc}") from None
    except UnsafePathError as exc:  # the output folder cannot be a private folder
        raise UsageError(f"--out: {exc}") from None
    except case.UnknownFormat as exc:
        raise UsageError(f"--format: {exc}") from None
    except RegisterError as exc:
        raise UsageError(f"--register: {exc}") from None
    data = {
        "interview": args.interview,
        "register_entry": issued.entry_id,
        "paths": [str(p) for p in issued.paths],
        "documents": [
            {"id": d.id, "name": d.stem, "provenance": d.provenance.as_dict()}
            for d in issued.documents
        ],
    }
    emit(args, data, "\n".join(str(p) for p in issued.paths))
    return 0
