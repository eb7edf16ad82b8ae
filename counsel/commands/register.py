"""`counsel register`: list, show and verify the register of issued documents."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from counsel.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "register",
        help="the register of issued documents (list, show, verify)",
        description="The register of issued documents: every render appends a row.",
    )
    sub = parser.add_subparsers(dest="register_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--register",
            type=Path,
            default=None,
            metavar="PATH",
            help="register database (default: the office profile's register_path, "
            "else the user data directory)",
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

    p_show = sub.add_parser("show", help="one entry with its files and hashes")
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


_MAX_ID = 2**63 - 1
"""SQLite's largest integer: a larger id cannot be in the register (and overflows the query)."""


def _entry_id(raw: str) -> int:
    text = raw.strip()
    value = int(text) if text.isascii() and text.isdigit() and len(text) <= 19 else 0
    if not 1 <= value <= _MAX_ID:
        raise UsageError("ID: must be a whole number from 1 (see `counsel register list`)")
    return value


def _open(args: argparse.Namespace) -> Any:
    from counsel.office import load_office
    from counsel.register import Register, RegisterError

    if args.register is not None and not args.register.exists():
        # A read command never creates a register (or its folders) at a mistyped path.
        raise UsageError(f"--register: no register at {args.register}; check the path")
    office = load_office(args.office) if args.register is None else None
    try:
        return Register.open(args.register, office=office)
    except RegisterError as exc:
        raise UsageError(f"--register: {exc}") from None


def _list(args: argparse.Namespace) -> int:
    from counsel.cli import emit

    since = None
    if args.since is not None:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise UsageError("--since: not a date; write it as YYYY-MM-DD") from None
    with _open(args) as reg:
        entries = reg.list(case=args.case, since=since)
        where = str(reg.path)
    lines = [f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} in {where}"]
    for e in entries:
        docs = ", ".join(sorted({f.document for f in e.files})) or "-"
        lines.append(
            f"{e.id:>5}  {e.issued_at:%Y-%m-%d %H:%M}Z  {e.case_number or '-':<16} "
            f"{e.interview:<13} {e.source:<6} {e.user_name:<12} {docs}"
        )
    emit(args, [e.summary() for e in entries], "\n".join(lines))
    return 0


def _show(args: argparse.Namespace) -> int:
    from counsel.cli import emit

    entry_id = _entry_id(args.id)
    with _open(args) as reg:
        entry = reg.get(entry_id)
    lines = [
        f"Entry {entry.id}",
        f"  issued at:        {entry.issued_at.isoformat()} (UTC)",
        f"  by:               {entry.user_name} ({entry.source})",
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
    emit(args, entry.summary(), "\n".join(lines))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from counsel.cli import emit
    from counsel.register import verify_entry

    entry_id = _entry_id(args.id)
    with _open(args) as reg:
        entry = reg.get(entry_id)
    result = verify_entry(entry)
    emit(args, result.to_json(), result.human())
    return 0 if result.ok else 1
