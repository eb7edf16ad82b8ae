"""`counsel check INTERVIEW --answers FILE`: validate an answers file and print the findings."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "check",
        help="validate an answers file and print the findings",
        description="Validate an answers file against an interview and print the findings "
        "(deadlines, termination dates, track, eligibility, totals) with their citations, "
        "and whether `counsel render` would make its documents. Exit 0 when complete, valid "
        "and renderable, 2 otherwise.",
    )
    p.add_argument("interview", metavar="INTERVIEW", help="interview id (see: counsel interviews)")
    p.add_argument("--answers", required=True, type=Path, help="answers TOML file")
    # Its own dest: a subparser default would overwrite the global --office value.
    p.add_argument(
        "--office",
        dest="check_office",
        type=Path,
        default=None,
        help="office profile (default: the global --office, else the bundled example office)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=_check)


def jsonable(value: Any) -> Any:
    """Finding values as JSON: dates ISO, money as strings, dataclasses as objects."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("citations", "explanation")
        }
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def _human(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(_human(v) for v in value) if value else "none"
    if isinstance(value, dict):
        if "date" in value:
            return str(value["date"])
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _check(args: argparse.Namespace) -> int:
    from counsel.case import as_of_date
    from counsel.cli import emit
    from counsel.commands._answers import load_case

    office_path = args.check_office if args.check_office is not None else args.office
    iv, raw, office = load_case("check", args.interview, args.answers, office_path)
    result = iv.validate(raw, office)
    on = as_of_date(result.answers)  # the one as-of rule (no --as-of here)
    found = iv.findings(result.answers, office, on)
    documents = _documents(iv.id, raw, office) if result.complete else None
    data = {
        "interview": iv.id,
        "complete": result.complete,
        "errors": [{"field": e.field, "message": e.message} for e in result.errors],
        "documents": documents,
        "findings": {
            name: {
                "value": jsonable(f.value),
                "citations": list(f.citations),
                "explanation": f.explanation,
            }
            for name, f in found.items()
        },
    }
    lines = [f"{iv.title} ({iv.id}): " + ("complete" if result.complete else "NOT complete")]
    if result.errors:
        lines.append(f"{len(result.errors)} problem(s):")
        lines.extend(f"  {e}" for e in result.errors)
    if found:
        lines.append("Findings:")
        for name, f in found.items():
            value = data["findings"][name]["value"]  # type: ignore[index]
            lines.append(f"  {name}: {_human(value)}")
            lines.append(f"    {f.explanation}")
            lines.append(f"    ({'; '.join(f.citations)})")
    if documents is not None:
        if documents["problems"]:
            lines.append("Documents: render would refuse:")
            lines.extend(f"  {p}" for p in documents["problems"])
        else:
            lines.append("Documents: ready: " + ", ".join(documents["ready"]))
    emit(args, data, "\n".join(lines))
    return 0 if result.complete and documents is not None and not documents["problems"] else 2


def _documents(interview_id: str, raw: Any, office: Any) -> dict[str, list[str]]:
    """What `counsel render` would make of these answers, without writing anything: the
    documents' names, or every problem that would refuse them (a lien that may not be
    imposed, a missing registration paper, a citation not in force on the document's date).
    Complete answers alone are not enough to render."""
    from counsel import case
    from counsel.render import RenderError

    try:
        prepared = case.prepare(interview_id, raw, office)
    except RenderError as exc:
        return {"ready": [], "problems": list(exc.problems)}
    return {"ready": [d.stem for d in prepared.documents], "problems": []}
