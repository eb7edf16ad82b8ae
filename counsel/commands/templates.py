"""`counsel templates`: lint, preview and impact, the template author's tools."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counsel.errors import UsageError


def _date(value: str | None, argument: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{argument}: not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "templates",
        help="template author tools: lint, preview, impact, trace",
        description="Check, preview and trace the document templates.",
    )
    sub = parser.add_subparsers(dest="templates_command", metavar="ACTION", required=True)

    p = sub.add_parser(
        "lint",
        help="check every template (exit 1 with the list of problems)",
        description="Syntax in the sandbox, names the interview defines, cite() resolving, "
        "required provisions marked, only the documented HTML vocabulary.",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="one template, e.g. lien-notice.html")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="resolve citations on this date")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_lint)

    p = sub.add_parser(
        "preview",
        help="render one document from an example answers file",
        description="Render a document with example answers; text shows it as a reviewer "
        "reads it, with each citation's version listed at the end.",
    )
    p.add_argument("name", metavar="NAME", help="template file, document id or output name")
    p.add_argument("--example", required=True, type=Path, metavar="FILE", help="answers TOML")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="law as of (default: document_date)")
    p.add_argument("--format", choices=("text", "pdf", "docx"), default="text")
    p.add_argument(
        "--out",
        type=Path,
        default=Path("preview"),
        metavar="DIR",
        help="folder for pdf/docx (default ./preview, created 0700)",
    )
    p.add_argument("--force", action="store_true", help="overwrite earlier previews in DIR")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_preview)

    p = sub.add_parser(
        "impact",
        help="who cites a section, what changed, which example documents differ",
        description="Interviews, templates, rules and findings citing the section, the diff "
        "between its versions on two dates, and the example documents that read differently "
        "when only that section changes.",
    )
    p.add_argument("citation", metavar="CITATION", help="e.g. '305 ILCS 5/10-16.5'")
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="default: day before")
    p.add_argument("--to", metavar="YYYY-MM-DD", help="default: the section's latest change")
    p.add_argument("--examples", type=Path, metavar="DIR", help="example answers folder")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_impact)

    p = sub.add_parser(
        "trace",
        help="the reviewer's table: each element the law requires of a document",
        description="For each element templates/elements.toml requires of the document: the "
        "law and its source line, the template line that marks it, and the words as rendered "
        "for an example answers file.",
    )
    p.add_argument(
        "name",
        nargs="?",
        metavar="DOCUMENT",
        help="document id, output name or template file (default: every document)",
    )
    p.add_argument("--example", type=Path, metavar="FILE", help="answers TOML to render from")
    p.add_argument(
        "--examples",
        type=Path,
        default=Path("examples"),
        metavar="DIR",
        help="without --example: the first answers file here that produces the document",
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="law as of (default: document_date)")
    p.add_argument("--markdown", action="store_true", help="a Markdown table per document")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_trace)


def _lint(args: argparse.Namespace) -> int:
    from counsel.authoring.lint import lint_templates
    from counsel.cli import emit

    report = lint_templates([args.name] if args.name else None, on=_date(args.as_of, "--as-of"))
    emit(args, report.to_json(), report.human())
    return 0 if report.ok else 1


@contextlib.contextmanager
def _example_option() -> Iterator[None]:
    """An answers file these commands read came from --example, not --answers: say so."""
    from counsel.inputs import InputFileError

    try:
        yield
    except InputFileError as exc:
        if exc.what != "answers":
            raise
        raise UsageError(f"--example: {exc}") from None


def _preview(args: argparse.Namespace) -> int:
    from counsel.authoring.preview import preview_documents, preview_text
    from counsel.cli import emit
    from counsel.office import load_office

    office = load_office(args.office)
    on = _date(args.as_of, "--as-of")
    with _example_option():
        prepared = preview_documents(args.name, args.example, office, on)
    built, when = prepared.documents, prepared.on
    if args.format == "text":
        texts = [preview_text(b.model, when) for b in built]
        emit(
            args,
            [{"document": b.stem, "text": t} for b, t in zip(built, texts, strict=True)],
            "\n\n".join(
                f"{'#' * 88}\n# {b.stem} ({b.spec.template})\n{'#' * 88}\n\n{t}"
                for b, t in zip(built, texts, strict=True)
            ),
        )
        return 0
    from counsel import case

    try:
        issued = case.issue(
            prepared, args.out, (args.format,), force=args.force, source=None, record=False
        )
    except case.OutputExists as exc:
        raise UsageError(f"--force: {exc}") from None
    shown = [str(p) for p in issued.paths if p.suffix == f".{args.format}"]
    emit(args, shown, "\n".join(shown))
    return 0


def _trace(args: argparse.Namespace) -> int:
    from counsel.authoring.trace import find_documents, trace
    from counsel.cli import emit
    from counsel.office import load_office

    office = load_office(args.office)
    on = _date(args.as_of, "--as-of")
    if args.example is not None and not args.example.is_file():
        raise UsageError(f"--example: no file {args.example}")
    with _example_option():
        traces = [
            trace(spec, office, example=args.example, examples_dir=args.examples, on=on)
            for spec in find_documents(args.name)
            if args.example is None or _answers_interview(args.example) == spec.interview
        ]
    if not traces:
        raise UsageError(f"--example: {args.example} answers no interview with that document")
    text = "\n\n".join(t.markdown() if args.markdown else t.human() for t in traces)
    emit(args, [t.to_json() for t in traces], text)
    return 0


def _answers_interview(path: Path) -> str:
    from counsel.interviewer import load_answers_file

    return str(load_answers_file(path)[0])


def _impact(args: argparse.Namespace) -> int:
    from counsel.authoring.impact import impact
    from counsel.cli import emit
    from counsel.office import load_office

    report = impact(
        args.citation,
        from_=_date(args.from_, "--from"),
        to=_date(args.to, "--to"),
        office=load_office(args.office),
        examples_dir=args.examples,
    )
    emit(args, report.to_json(), report.human())
    return 0
