"""`counsel statutes`: list, search, show, history, diff and params over the statute store."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.law import Section, Store

Handler = Callable[[argparse.Namespace], int]
Registrar = Callable[[Any], None]


def parse_date(value: str, argument: str) -> dt.date:
    """A YYYY-MM-DD argument; UsageError naming the argument otherwise."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{argument}: not a date; use YYYY-MM-DD, e.g. 2024-03-01") from None


def _store() -> Store:
    from counsel.law import get_store

    return get_store()


def _section(citation: str) -> Section:
    from counsel.law import CitationError

    try:
        return _store().section(citation)
    except CitationError as exc:
        raise type(exc)(f"CITATION: {exc}") from None


def _emit(args: argparse.Namespace, data: Any, human: str) -> None:
    from counsel.cli import emit

    emit(args, data, human)


# -- subcommands ----------------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    rows = []
    for section in _store().sections():
        v = section.current
        rows.append(
            {
                "citation": section.citation,
                "heading": section.heading,
                "effective": v.effective_iso,
                "versions": len(section.versions),
                "complete": v.complete,
                "repealed": v.repealed,
            }
        )
    human = "\n".join(
        f"{r['citation']:<34} {r['effective'] or 'unknown':<10} "
        f"{'' if r['complete'] else '[partial] '}{'[repealed] ' if r['repealed'] else ''}"
        f"{r['heading']}"
        for r in rows
    )
    _emit(args, rows, human)
    return 0


def _search(args: argparse.Namespace) -> int:
    hits = _store().search(args.words)
    rows = [{"citation": s.citation, "heading": s.heading, "excerpt": e} for s, e in hits]
    human = "\n".join(f"{r['citation']}: {r['excerpt']}" for r in rows) or "no matches"
    _emit(args, rows, human)
    return 0


def _show(args: argparse.Namespace) -> int:
    from counsel.law import CitationError, parse_citation

    on = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    try:
        citation = parse_citation(args.citation)
    except CitationError as exc:
        raise CitationError(f"CITATION: {exc}") from None
    section = _section(args.citation)
    version = section.as_of(on)
    text = version.text
    shown = section.citation
    if citation.pinpoint:
        try:
            resolved = _store().cite(citation, on)
        except CitationError as exc:
            raise CitationError(f"CITATION: {exc}") from None
        text, shown = resolved.text, str(citation)
    data = {
        "citation": shown,
        "heading": version.heading or section.heading,
        "effective": version.effective_iso,
        "source": version.source,
        "origin": version.origin,
        "text": text,
        "truncated": list(version.truncated),
        "complete": version.complete,
        "versions": len(section.versions),
    }
    status = "complete" if version.complete else "INCOMPLETE"
    if version.truncated:
        status += f" (cut: {', '.join(version.truncated)})"
    head = [
        f"{shown}. {data['heading']}".rstrip(". ") + ".",
        f"In force on {on.isoformat()}: version effective {version.effective_iso or 'unknown'}"
        f" ({len(section.versions)} version{'s' if len(section.versions) != 1 else ''} stored)",
        f"Source line: {version.source or '(none in the sources)'}",
        f"From: {version.origin or '(no text in the sources)'}; {status}",
    ]
    if version.repealed:
        head.append("REPEALED")
    if version.note:
        head.append(f"Note: {version.note}")
    _emit(args, data, "\n".join(head) + "\n\n" + (text or "(no text stored)"))
    return 0


def _history(args: argparse.Namespace) -> int:
    section = _section(args.citation)
    rows = [
        {
            "effective": v.effective_iso,
            "source": v.source,
            "origin": v.origin,
            "complete": v.complete,
            "truncated": list(v.truncated),
            "repealed": v.repealed,
            "note": v.note,
        }
        for v in section.versions
    ]
    lines = [f"{section.citation}. {section.heading}"]
    for r in rows:
        lines.append(
            f"  {r['effective'] or 'unknown':<10} {r['source'] or '(no Source line)'}"
            f"  [{r['origin'] or 'no text'}; {'complete' if r['complete'] else 'partial'}]"
        )
    _emit(args, {"citation": section.citation, "versions": rows}, "\n".join(lines))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from counsel.law import CitationError

    from_ = parse_date(args.from_, "--from")
    to = parse_date(args.to, "--to")
    _section(args.citation)
    try:
        text = _store().diff(args.citation, from_, to)
    except CitationError as exc:
        raise CitationError(f"CITATION: {exc}") from None
    _emit(
        args,
        {"citation": args.citation, "from": from_.isoformat(), "to": to.isoformat(), "diff": text},
        text or "no difference",
    )
    return 0


def _params(args: argparse.Namespace) -> int:
    store = _store()
    on = parse_date(args.as_of, "--as-of") if args.as_of else dt.date.today()
    names = [args.name] if args.name else store.parameter_names()
    rows = []
    for name in names:
        p = store.parameter(name, on)
        rows.append(
            {
                "name": p.name,
                "value": str(p.value),
                "unit": p.unit,
                "effective": None if p.effective is None else p.effective.isoformat(),
                "citation": p.citation,
                "source_note": p.source_note,
            }
        )
    human = "\n".join(
        f"{r['name']:<36} {r['value']:>10} {r['unit']:<6} {r['citation']}" for r in rows
    )
    _emit(args, rows, human)
    return 0


# -- registration: add a subcommand here (name, help, argument adder, handler) --------------------


def _add_citation(p: argparse.ArgumentParser) -> None:
    p.add_argument("citation", metavar="CITATION", help="e.g. '305 ILCS 5/10-16.5'")


def _add_show(p: argparse.ArgumentParser) -> None:
    _add_citation(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="date (default: today)")


def _add_diff(p: argparse.ArgumentParser) -> None:
    _add_citation(p)
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", required=True)
    p.add_argument("--to", metavar="YYYY-MM-DD", required=True)


def _add_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("words", metavar="WORDS", nargs="+", help="every word must appear")


def _add_params(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", nargs="?", help="one parameter (default: all)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="date (default: today)")


SUBCOMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = [
    ("list", "every section in the store", lambda p: None, _list),
    ("search", "sections whose text holds every word", _add_search, _search),
    ("show", "a section's text in force on a date", _add_show, _show),
    ("history", "every stored version of a section", _add_citation, _history),
    ("diff", "unified diff of a section's text between two dates", _add_diff, _diff),
    ("params", "versioned parameters (thresholds, periods)", _add_params, _params),
]


def add_subcommand(
    name: str,
    help_: str,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    handler: Handler,
) -> None:
    """Let another module add a `counsel statutes NAME` subcommand (e.g. `check`)."""
    SUBCOMMANDS.append((name, help_, add_arguments, handler))


def _no_subcommand(parser: argparse.ArgumentParser) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        raise UsageError("statutes: give a subcommand: " + ", ".join(n for n, *_ in SUBCOMMANDS))

    return handler


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "statutes",
        help="the statute store: list, search, show, history, diff, params",
        description="Read the versioned statute store.",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=_no_subcommand(parser))
    sub = parser.add_subparsers(dest="statutes_command", metavar="SUBCOMMAND")
    for name, help_, add_arguments, handler in SUBCOMMANDS:
        p = sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] + ".")
        add_arguments(p)
        p.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
        p.set_defaults(handler=handler)


# -- `counsel statutes check`: the check itself is the template tools'
# (counsel/authoring/statutes_check.py); the command line is here, so authoring never imports
# the CLI.
def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="check what is in force on this date (default: today)",
    )


def _check(args: argparse.Namespace) -> int:
    """Exit 0 when every citation is sound (warnings allowed), 1 when any error is found."""
    from counsel.authoring.statutes_check import check_citations, collect_uses
    from counsel.cli import emit
    from counsel.office import load_office

    as_of = getattr(args, "as_of", None)
    today = parse_date(as_of, "--as-of") if as_of else dt.date.today()
    office = load_office(getattr(args, "office", None))
    report = check_citations(collect_uses(), today=today, review_date=office.review_date)
    emit(args, report.to_json(), report.human())
    return 1 if report.errors else 0


add_subcommand(
    "check",
    "every cited section is stored, in force and complete where quoted; staleness",
    _check_arguments,
    _check,
)
