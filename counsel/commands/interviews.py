"""`counsel interviews`: list the interviews (id, title, sections, question count)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "interviews",
        help="list the interviews",
        description="List the interviews: id, title, sections and number of questions.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=_list)


def _list(args: argparse.Namespace) -> int:
    # Imported here: the engine loads Jinja2, which `counsel --help` must not pay for.
    from counsel.cli import emit
    from counsel.interviewer import list_interviews

    rows = []
    lines = []
    for iv in list_interviews():
        rows.append(
            {
                "id": iv.id,
                "title": iv.title,
                "summary": iv.summary,
                "sections": [{"id": s.id, "title": s.title} for s in iv.sections],
                "questions": len(iv.questions),
            }
        )
        lines.append(f"{iv.id:<14} {iv.title}")
        lines.append(
            f"{'':<14} {len(iv.sections)} sections, {len(iv.questions)} questions: "
            + ", ".join(s.id for s in iv.sections)
        )
    emit(args, rows, "\n".join(lines))
    return 0
