"""`counsel docket`: every running deadline of every issued document, overdue first."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.register.docket import DocketItem
    from counsel.register.who import IssuedBy, Issuer

MAX_DAYS = 3660
"""--within and --past: ten years either way is more than any period counsel follows."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "docket",
        help="running deadlines of issued documents (overdue first), as text, JSON or .ics",
        description="Every running deadline of every issued document in the register, counted "
        "under 5 ILCS 70/1.11 with Illinois holidays and the office profile's closures: "
        "overdue ones first, then by day, then those waiting for an event.",
    )
    parser.add_argument(
        "--within",
        default="14",
        metavar="DAYS",
        help="list last days up to DAYS days ahead (default 14)",
    )
    parser.add_argument(
        "--past",
        default="30",
        metavar="DAYS",
        help="and overdue ones whose last day was at most DAYS days ago (default 30)",
    )
    parser.add_argument(
        "--waiting",
        default="180",
        metavar="DAYS",
        help="list deadlines waiting for an event of documents dated in the last DAYS days "
        "(default 180; older ones are counted)",
    )
    parser.add_argument(
        "--case", default=None, metavar="N", help="only this case (its IV-D or court number)"
    )
    parser.add_argument(
        "--mine",
        action="store_true",
        help="only documents I issued (on PostgreSQL: my database role; on SQLite: my OS user)",
    )
    parser.add_argument(
        "--as-of", default=None, metavar="DATE", help="count days from DATE instead of today"
    )
    parser.add_argument(
        "--ics",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the dated deadlines as an iCalendar file (Outlook: File > Open & "
        "Export > Import/Export)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="first recompute every document's deadlines with this counsel's rules",
    )
    parser.add_argument(
        "--register",
        default=None,
        metavar="PATH|URL",
        help="register: a SQLite file, or postgresql://host/dbname (default: the office "
        "profile's register_url or register_path, else the user data directory)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=_docket)


def _days(raw: str, field: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_DAYS:
        raise UsageError(f"{field}: must be a whole number of days from 0 to {MAX_DAYS}")
    return value


def _docket(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.commands.register import open_register
    from counsel.office import load_office
    from counsel.rules.dates import parse_date
    from counsel.rules.errors import RuleInputError

    within = _days(args.within, "--within")
    past = _days(args.past, "--past")
    waiting = _days(args.waiting, "--waiting")
    today = dt.date.today()
    if args.as_of is not None:
        try:
            today = parse_date(args.as_of, field="--as-of")
        except RuleInputError as exc:
            raise UsageError(f"--as-of: {exc.message}") from None
    if args.ics is not None and args.ics.is_dir():
        raise UsageError(f"--ics: {args.ics} is a folder; give a file name ending .ics")
    office = load_office(args.office)
    with open_register(args) as reg:
        if args.rebuild:
            reg.rebuild_docket()
        found = reg.docket(
            today,
            within=within,
            past=past,
            case=args.case,
            closures=office.closure_dates(),
            waiting=waiting,
            mine=args.mine,
        )
        older = 0
        if not args.case:
            older = reg.waiting_before(today - dt.timedelta(days=waiting), mine=args.mine)
        where = reg.location.display
        me = reg.me() if args.mine else None
    written = None
    if args.ics is not None:
        from counsel.register.ics import write_ics

        written = write_ics(args.ics, found, office)
    data = {
        "as_of": today.isoformat(),
        "through": (today + dt.timedelta(days=within)).isoformat(),
        "overdue_from": (today - dt.timedelta(days=past)).isoformat(),
        "register": where,
        "mine": me.to_json() if me else None,
        "items": [i.to_json() for i in found],
        "older_waiting": older,
        "ics": str(written) if written else None,
    }
    text = human(found, today, within, past, where, written, me)
    if older:
        text += (
            f"\n\n{older} document(s) dated more than {waiting} days ago still wait for an "
            "event (--waiting DAYS lists them; a withdrawn or served one: record it)"
        )
    emit(args, data, text)
    return 0


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days > 0:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"{-days} day{'s' if days != -1 else ''} ago"


def human(
    found: list[DocketItem],
    today: dt.date,
    within: int,
    past: int,
    where: str,
    written: Path | None = None,
    me: Issuer | None = None,
) -> str:
    from counsel.rules.calendar import long_date
    from counsel.rules.docket import RULES

    through = today + dt.timedelta(days=within)
    since = today - dt.timedelta(days=past)
    lines = [
        f"Docket on {today:%A}, {long_date(today)}: last days through {long_date(through)}, "
        f"overdue ones since {long_date(since)} ({where})",
    ]
    if me is not None:
        lines.append(f"Only documents issued by {me.describe()} (--mine).")
    # Whose each one is, where more than one person's are listed (a supervisor's docket).
    issuers = {_name(w) for i in found for w in i.issued_by}
    show_who = len(issuers) > 1
    sections = (
        ("OVERDUE (a time to act ran out)", [i for i in found if i.status == "overdue"]),
        ("PASSED (a date support or a lien ran to)", [i for i in found if i.status == "passed"]),
        ("DUE", [i for i in found if i.status == "due"]),
        ("WAITING FOR AN EVENT", [i for i in found if i.status == "waiting"]),
    )
    if not found:
        lines.append("Nothing is due, overdue or waiting.")
    for title, group in sections:
        if not group:
            continue
        lines += ["", f"{title}: {len(group)}"]
        for item in group:
            entries = ", ".join(
                f"#{w.entry} ({_name(w)})" if show_who else f"#{w.entry}" for w in item.issued_by
            )
            label = f" ({item.label})" if item.label else ""
            case = item.case_number or "(no case number)"
            if item.due is None:
                lines.append(f"  {case}  {entries}  {item.interview}: {item.waiting}")
                starts = RULES[item.kind].starts_with if item.kind in RULES else ()
                if starts:
                    lines.append(
                        f"      counsel register event {item.entry_ids[0]} {starts[0]} DATE"
                    )
                continue
            assert item.days_left is not None
            lines.append(
                f"  {item.due:%a %b %d, %Y}  {_when(item.days_left):<12} {case}  {entries}  "
                f"{item.title}{label}"
            )
            moved = (
                " (moved past " + ", ".join(s.reason for s in item.skipped) + ")"
                if item.skipped
                else ""
            )
            lines.append(f"      {'; '.join(item.citations)}{moved}")
    if written is not None:
        dated = sum(1 for i in found if i.due is not None)
        lines += ["", f"Calendar: {dated} deadline(s) written to {written}"]
    return "\n".join(lines)


def _name(who: IssuedBy) -> str:
    """Who issued, by the name the register tells people apart by (the role on PostgreSQL)."""
    return who.role or who.user
