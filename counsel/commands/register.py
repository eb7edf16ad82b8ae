"""`counsel register`: list, show, verify, record events, upgrade and grant the register."""

from __future__ import annotations

import argparse
import builtins
import contextlib
import datetime as dt
from types import SimpleNamespace
from typing import Any

from counsel.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "register",
        help="the register of issued documents (list, show, verify, event)",
        description="The register of issued documents: every render appends a row.",
    )
    sub = parser.add_subparsers(dest="register_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--register",
            default=None,
            metavar="PATH|URL",
            help="register: a SQLite file, or postgresql://host/dbname (default: the office "
            "profile's register_url or register_path, else the user data directory)",
        )
        p.add_argument("--json", action="store_true", help="machine-readable output")

    p_list = sub.add_parser("list", help="entries, oldest first")
    p_list.add_argument(
        "--case",
        default=None,
        metavar="N",
        help="only this case (its IV-D number or its court case number)",
    )
    p_list.add_argument(
        "--since", default=None, metavar="DATE", help="only entries on or after DATE (UTC)"
    )
    common(p_list)
    p_list.set_defaults(handler=_list)

    p_show = sub.add_parser("show", help="one entry with its files, events and deadlines")
    p_show.add_argument("id", metavar="ID", help="entry id (from `counsel register list`)")
    common(p_show)
    p_show.set_defaults(handler=_show)

    p_verify = sub.add_parser(
        "verify",
        help="re-render an entry from its answers snapshot and compare the hashes",
    )
    p_verify.add_argument("id", metavar="ID", help="entry id (from `counsel register list`)")
    common(p_verify)
    p_verify.set_defaults(handler=_verify)

    from counsel.rules.docket import EVENT_KINDS

    p_event = sub.add_parser(
        "event",
        help="record what happened to an issued document (mailed, served, ...)",
        description="Record an event on an entry; its deadlines are recomputed. Kinds: "
        + "; ".join(f"{k}: {v}" for k, v in EVENT_KINDS.items()),
    )
    p_event.add_argument("id", metavar="ID", help="entry id (from `counsel register list`)")
    p_event.add_argument("kind", metavar="KIND", nargs="?", help=", ".join(EVENT_KINDS))
    p_event.add_argument(
        "date", metavar="DATE", nargs="?", help="the day it happened (YYYY-MM-DD or MM/DD/YYYY)"
    )
    p_event.add_argument(
        "--void",
        default=None,
        metavar="EVENT",
        help="withdraw event EVENT of this entry, recorded in error (nothing is erased)",
    )
    common(p_event)
    p_event.set_defaults(handler=_event)

    p_upgrade = sub.add_parser(
        "upgrade",
        help="bring the register's schema to this counsel's version (run as its owner)",
    )
    common(p_upgrade)
    p_upgrade.set_defaults(handler=_upgrade)

    p_grants = sub.add_parser(
        "grants",
        help="print the SQL that lets specialists add and read, never rewrite (PostgreSQL)",
    )
    p_grants.add_argument(
        "--role",
        default="counsel_specialist",
        help="the group role the specialists' login roles belong to (default: %(default)s)",
    )
    common(p_grants)
    p_grants.set_defaults(handler=_grants)


_MAX_ID = 2**63 - 1
"""SQLite's largest integer: a larger id cannot be in the register (and overflows the query)."""


def _entry_id(raw: str, field: str = "ID") -> int:
    text = raw.strip()
    value = int(text) if text.isascii() and text.isdigit() and len(text) <= 19 else 0
    if not 1 <= value <= _MAX_ID:
        raise UsageError(f"{field}: must be a whole number from 1 (see `counsel register list`)")
    return value


def open_register(args: argparse.Namespace, *, create: bool = False) -> Any:
    """The register the arguments name; a read command never creates a SQLite file (or its
    folders) at a mistyped path."""
    from pathlib import Path

    from counsel.office import load_office
    from counsel.register import Register, RegisterError, open_existing
    from counsel.register.location import is_url, locate

    target = args.register
    if target is not None and not is_url(target) and not create and not Path(target).exists():
        raise UsageError(f"--register: no register at {target}; check the path")
    office = load_office(args.office) if target is None else None
    try:
        if create:
            return Register.open(target, office=office)
        reg = open_existing(target, office=office)
    except RegisterError as exc:
        raise UsageError(f"--register: {exc}") from None
    if reg is None:  # the default SQLite file, never created: nothing issued here yet
        where = locate(target, office).display
        return contextlib.nullcontext(EmptyRegister(where))
    return reg


class EmptyRegister:
    """What a read command sees where no register file exists yet: no entries, no deadlines
    (reading never creates the file)."""

    def __init__(self, where: str) -> None:
        self.location = SimpleNamespace(display=f"{where} (not created yet: nothing issued here)")

    def list(self, case: str | None = None, since: dt.date | None = None) -> list[Any]:
        return []

    def docket(self, *args: Any, **kwargs: Any) -> builtins.list[Any]:
        return []

    def waiting_before(self, day: dt.date, *, mine: bool = False) -> int:
        return 0

    def me(self) -> Any:
        from counsel.register.model import current_user
        from counsel.register.who import Issuer

        return Issuer("user", current_user())

    def rebuild_docket(self) -> None:
        return None

    def _missing(self, *args: Any, **kwargs: Any) -> Any:
        raise UsageError(
            f"no register at {self.location.display}: no document has been issued on this "
            "machine (or give --register PATH|URL)"
        )

    get = events = clocks = add_event = _missing


def _list(args: argparse.Namespace) -> int:
    from counsel.cli import emit

    since = None
    if args.since is not None:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise UsageError("--since: not a date; write it as YYYY-MM-DD") from None
    with open_register(args) as reg:
        entries = reg.list(case=args.case, since=since)
        where = reg.location.display
    lines = [f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} in {where}"]
    for e in entries:
        docs = ", ".join(sorted({f.document for f in e.files})) or "-"
        lines.append(
            f"{e.id:>5}  {e.issued_at:%Y-%m-%d %H:%M}Z  {e.case_number or '-':<16} "
            f"{e.interview:<13} {e.source:<6} {e.user_name:<12} {docs}"
        )
    emit(args, [e.summary() for e in entries], "\n".join(lines))
    return 0


def _clock_json(row: Any) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "label": row.label,
        "state": row.state,
        "starts_on": row.starts_on.isoformat() if row.starts_on else None,
        "nominal": row.nominal.isoformat() if row.nominal else None,
        "started_by": row.started_by,
        "waiting_for": row.waiting_for,
        "closed_by": row.closed_by,
    }


def _clock_line(row: Any) -> str:
    from counsel.rules.docket import RULES

    rule = RULES.get(row.kind)
    what = rule.title if rule else row.kind
    label = f" ({row.label})" if row.label else ""
    if row.state == "waiting":
        wait = f"waiting for the event '{row.waiting_for}'" if row.waiting_for else "not computed"
        return f"    {what}{label}: {wait}"
    if row.state == "closed":
        return f"    {what}{label}: closed by event {row.closed_by}"
    if rule is not None and not rule.extends:
        return f"    {what}{label}: {row.nominal.isoformat()} ({row.started_by})"
    return (
        f"    {what}{label}: counted from {row.starts_on.isoformat()} ({row.started_by}); "
        f"nominal last day {row.nominal.isoformat()}, then 5 ILCS 70/1.11 (`counsel docket`)"
    )


def _event_line(e: Any, voided_by: dict[int, int]) -> str:
    what = f"voids event {e.voids}" if e.voids is not None else e.kind
    void = f" (voided by event {voided_by[e.id]})" if e.id in voided_by else ""
    return (
        f"    {e.id:>4}  {e.date.isoformat()}  {what:<18} recorded "
        f"{e.recorded_at:%Y-%m-%d %H:%M}Z by {e.user_name}"
        + (f" ({e.db_role})" if e.db_role else "")
        + void
    )


def _show(args: argparse.Namespace) -> int:
    from counsel.cli import emit

    entry_id = _entry_id(args.id)
    with open_register(args) as reg:
        entry = reg.get(entry_id)
        events = reg.events(entry_id)
        clocks = reg.clocks(entry_id)
    who = entry.user_name + (f", database role {entry.db_role}" if entry.db_role else "")
    lines = [
        f"Entry {entry.id}",
        f"  issued at:        {entry.issued_at.isoformat()} (UTC)",
        f"  by:               {who} ({entry.source})" + (f" on {entry.host}" if entry.host else ""),
        f"  interview:        {entry.interview}",
        f"  case number:      {entry.case_number or '-'}",
        f"  document date:    {entry.document_date.isoformat()}",
        f"  statute snapshot: {entry.statute_snapshot}",
        f"  answers hash:     {entry.answers_hash}",
        "  files:",
    ]
    for f in entry.files:
        lines.append(f"    {f.document} ({f.format}): {f.path}")
        lines.append(f"      sha256 {f.sha256}")
        lines.append(f"      template {f.template} sha256 {f.template_hash}")
    lines.append("  events:" if events else "  events: none recorded")
    voided_by = {e.voids: e.id for e in events if e.voids is not None}
    lines += [_event_line(e, voided_by) for e in events]
    lines.append("  deadlines:" if clocks else "  deadlines: none")
    lines += [_clock_line(c) for c in clocks]
    data = entry.summary()
    data["events"] = [e.to_json() for e in events]
    data["deadlines"] = [_clock_json(c) for c in clocks]
    emit(args, data, "\n".join(lines))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.register import verify_entry

    entry_id = _entry_id(args.id)
    with open_register(args) as reg:
        entry = reg.get(entry_id)
    result = verify_entry(entry)
    emit(args, result.to_json(), result.human())
    return 0 if result.ok else 1


def _event(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.rules.dates import parse_date
    from counsel.rules.docket import EVENT_KINDS
    from counsel.rules.errors import RuleInputError

    entry_id = _entry_id(args.id)
    voids = _entry_id(args.void, "--void") if args.void is not None else None
    if voids is None:
        if args.kind is None or args.date is None:
            raise UsageError("KIND and DATE: give both (e.g. `served 2026-03-05`), or --void EVENT")
        if args.kind not in EVENT_KINDS:
            raise UsageError(f"KIND: must be one of {', '.join(EVENT_KINDS)}")
    elif args.kind is not None:
        raise UsageError("--void: give only the event to withdraw, not KIND or DATE")
    today = dt.date.today()
    if args.date is not None:
        try:
            day = parse_date(args.date, field="DATE")
        except RuleInputError as exc:
            raise UsageError(f"DATE: {exc.message}") from None
        if day > today:
            raise UsageError("DATE: is after today; an event is recorded once it has happened")
    else:
        day = today
    with open_register(args) as reg:
        if voids is not None and voids not in {e.id for e in reg.events(entry_id)}:
            raise UsageError(
                f"--void: {voids} is not an event of entry {entry_id}; see "
                f"`counsel register show {entry_id}` for its events"
            )
        recorded = reg.add_event(entry_id, args.kind or "voided", day, voids=voids)
        clocks = reg.clocks(entry_id)
        document_date = reg.get(entry_id).document_date
    what = f"voids event {voids}" if voids is not None else recorded.kind
    lines = [f"Event {recorded.id} on entry {entry_id}: {what} on {recorded.date.isoformat()}"]
    if voids is None and recorded.date < document_date:
        lines.append(
            f"  note: that is before the document's date ({document_date.isoformat()}); if it "
            f"is a mistake, withdraw it: counsel register event {entry_id} --void {recorded.id}"
        )
    lines += [
        "  deadlines now:" if clocks else "  deadlines: none",
        *[_clock_line(c) for c in clocks],
    ]
    data = recorded.to_json()
    data["deadlines"] = [_clock_json(c) for c in clocks]
    emit(args, data, "\n".join(lines))
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.office import load_office
    from counsel.register import Register, RegisterError

    office = load_office(args.office) if args.register is None else None
    try:
        with Register.open(args.register, office=office, check_schema=False) as reg:
            before, after = reg.upgrade()
            where = reg.location.display
    except RegisterError as exc:
        raise UsageError(f"--register: {exc}") from None
    if before == after:
        text = f"{where}: schema version {after} (already current)"
    elif before == 0:
        text = (
            f"{where}: the register's tables are created (schema version {after}); on "
            "PostgreSQL, now apply `counsel register grants` for the specialists' role"
        )
    else:
        text = f"{where}: upgraded from schema version {before} to {after}"
    emit(args, {"register": where, "from": before, "to": after}, text)
    return 0


def _grants(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.office import load_office
    from counsel.register import RegisterError
    from counsel.register.grants import grant_sql
    from counsel.register.location import locate

    office = load_office(args.office) if args.register is None else None
    try:
        location = locate(args.register, office)
    except RegisterError as exc:
        raise UsageError(f"--register: {exc}") from None
    if location.kind != "postgresql":
        raise UsageError(
            "--register: grants are for a PostgreSQL register (postgresql://...); a SQLite "
            "register is one owner-only file"
        )
    from sqlalchemy.engine import make_url

    database = make_url(location.url).database or None
    sql = grant_sql(args.role, database)
    emit(args, {"sql": sql}, sql.rstrip("\n"))
    return 0
