"""`counsel calc`: the legal rules as a specialist's calculator (termination, deadlines, ...)."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.rules.prior_period import Segment

# counsel.rules is imported inside the handlers: `counsel --help` should not load the
# holidays tables or the statute store.

CRITERIA_IDS = (
    "court-order",
    "other-family-order",
    "domestic-violence",
    "iv-e-referral",
    "contentious-law",
    "parent-conflict",
    "older-child",
    "judicial-necessary",
)
DEADLINE_KINDS = ("petition", "relief", "registration-contest", "lien-hearing")
TARGETS = ("account", "lump-sum", "real-estate")
ACCOUNT_TYPES = ("checking", "savings", "ira", "erisa", "hsa", "loan", "other")


def _date(text: str) -> dt.date:
    """argparse `type=` for dates (counsel.rules.dates); argparse names the argument."""
    from counsel.rules.dates import parse_date
    from counsel.rules.errors import RuleInputError

    try:
        return parse_date(text)
    except RuleInputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON object")


def register(subparsers: Any) -> None:
    calc = subparsers.add_parser(
        "calc",
        help="compute a deadline, termination date, lien eligibility, prior-period support "
        "or track",
        description="The legal rules as a calculator. Every answer names its citations.",
    )
    sub = calc.add_subparsers(dest="calc_command", metavar="RULE", required=True)

    p = sub.add_parser("termination", help="termination date of current support for a child")
    p.add_argument("--birth", required=True, type=_date, help="birth date")
    p.add_argument("--graduation", type=_date, help="expected high school graduation")
    _add_json(p)
    p.set_defaults(handler=_termination)

    p = sub.add_parser("deadline", help="last day to act under 5 ILCS 70/1.11")
    p.add_argument("kind", choices=DEADLINE_KINDS, help="which deadline")
    p.add_argument(
        "--from",
        dest="start",
        required=True,
        type=_date,
        help="the mailing date (petition, relief, lien-hearing) or service date "
        "(registration-contest)",
    )
    # Its own dest: a subparser default would overwrite the global --office value.
    p.add_argument(
        "--office",
        dest="calc_office",
        type=Path,
        default=None,
        help="office profile whose court closures are skipped too (default: the global "
        "--office; with neither, statutory holidays only)",
    )
    _add_json(p)
    p.set_defaults(handler=_deadline)

    p = sub.add_parser("lien", help="may a lien be imposed (89 Ill. Adm. Code 160.70)")
    p.add_argument("--target", required=True, choices=TARGETS)
    p.add_argument("--past-due", required=True, help="past-due support, e.g. 1234.50")
    p.add_argument("--balance", help="account balance (required for --target account)")
    p.add_argument("--account-type", choices=ACCOUNT_TYPES, help="required for --target account")
    p.add_argument("--on", type=_date, default=None, help="date of the notice (default: today)")
    _add_json(p)
    p.set_defaults(handler=_lien)

    p = sub.add_parser("prior-period", help="prior-period support total by segment")
    p.add_argument(
        "--segment",
        action="append",
        required=True,
        metavar="START:END:MONTHLY",
        help="e.g. 2024-01-15:2024-06-30:450.00 (repeat for each segment)",
    )
    _add_json(p)
    p.set_defaults(handler=_prior_period)

    p = sub.add_parser("track", help="judicial or administrative process (750 ILCS 24/15)")
    p.add_argument(
        "--yes",
        action="append",
        default=[],
        choices=CRITERIA_IDS,
        metavar="CRITERION",
        help=f"a criterion that holds (repeatable): {', '.join(CRITERIA_IDS)}",
    )
    p.add_argument(
        "--parents-agree",
        action="store_true",
        help="the parties are the two parents of the child and generally agree",
    )
    _add_json(p)
    p.set_defaults(handler=_track)


def _emit(args: argparse.Namespace, data: dict[str, Any], human: str) -> int:
    from counsel.cli import emit

    emit(args, data, human)
    return 0


def _termination(args: argparse.Namespace) -> int:
    from counsel.rules.errors import RuleInputError
    from counsel.rules.termination import termination_date

    try:
        t = termination_date(args.birth, args.graduation)
    except RuleInputError as exc:
        raise UsageError(f"--{exc.field}: {exc.message}") from None
    data = {
        "date": t.date.isoformat(),
        "reason": t.reason,
        "citations": list(t.citations),
        "explanation": t.explanation,
    }
    return _emit(args, data, f"{t.date.isoformat()}  {t.explanation}")


def _deadline(args: argparse.Namespace) -> int:
    from counsel.office import load_office
    from counsel.rules.deadlines import DEADLINES

    path = args.calc_office if args.calc_office is not None else getattr(args, "office", None)
    closures = load_office(path).closure_dates() if path is not None else {}
    d = DEADLINES[args.kind](args.start, closures)
    data = {
        "kind": args.kind,
        "date": d.date.isoformat(),
        "nominal": d.nominal.isoformat(),
        "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in d.skipped],
        "citations": list(d.citations),
        "explanation": d.explanation,
    }
    human = f"{d.date.isoformat()} ({d.date:%A})"
    if d.skipped:
        human += f"  nominal {d.nominal.isoformat()}; skipped " + ", ".join(
            f"{s.date.isoformat()} {s.reason}" for s in d.skipped
        )
    if path is None:
        human += "\n(no office closures: give --office FILE to skip them too)"
    return _emit(args, data, human)


def _money(text: str | None, arg: str) -> Decimal | None:
    """An amount argument by counsel.rules.money; the message names the argument."""
    from counsel.rules.errors import RuleInputError
    from counsel.rules.money import parse_money

    if text is None:
        return None
    try:
        return parse_money(text)
    except RuleInputError as exc:
        raise UsageError(f"{arg}: {exc.message}") from None


def _lien(args: argparse.Namespace) -> int:
    from counsel.rules.errors import RuleInputError
    from counsel.rules.lien import lien_eligibility

    past_due = _money(args.past_due, "--past-due")
    assert past_due is not None  # --past-due is a required argument
    balance = _money(args.balance, "--balance")
    if args.target == "account" and balance is None:
        raise UsageError("--balance: required with --target account (the account balance)")
    if args.target == "account" and args.account_type is None:
        raise UsageError(
            f"--account-type: required with --target account ({', '.join(ACCOUNT_TYPES)})"
        )
    on = args.on or dt.date.today()
    try:
        e = lien_eligibility(args.target, past_due, balance, args.account_type, on)
    except RuleInputError as exc:
        raise UsageError(f"--{exc.field.replace('_', '-')}: {exc.message}") from None
    data: dict[str, Any] = {
        "eligible": e.eligible,
        "threshold": f"{e.threshold:.2f}",
        "reasons": list(e.reasons),
        "notify": list(e.notify),
        "citations": list(e.citations),
        "explanation": e.explanation,
    }
    if e.balance_minimum is not None:
        data["balance_minimum"] = f"{e.balance_minimum:.2f}"
    verdict = "eligible" if e.eligible else "not eligible"
    human = f"{verdict}\n" + "\n".join(f"- {r}" for r in e.reasons)
    return _emit(args, data, human)


def _segment(text: str, index: int) -> Segment:
    from counsel.rules.dates import parse_date
    from counsel.rules.errors import RuleInputError
    from counsel.rules.prior_period import Segment

    arg = f"--segment {index}"
    # MM/DD/YYYY holds no colon, so START:END:MONTHLY splits the same with either date form.
    parts = text.split(":")
    if len(parts) != 3:
        raise UsageError(f"{arg}: write START:END:MONTHLY, e.g. 2024-01-15:2024-06-30:450.00")
    values: list[dt.date] = []
    for part, name in zip(parts[:2], ("START", "END"), strict=True):
        try:
            values.append(parse_date(part))
        except RuleInputError as exc:
            raise UsageError(f"{arg} {name}: {exc.message}") from None
    monthly = _money(parts[2], f"{arg} MONTHLY")
    assert monthly is not None  # a text was given, so parse_money returned or raised
    return Segment(values[0], values[1], monthly)


def _prior_period(args: argparse.Namespace) -> int:
    from counsel.rules.errors import RuleInputError
    from counsel.rules.money import fmt_money
    from counsel.rules.prior_period import prior_period_total

    segments = [_segment(text, i) for i, text in enumerate(args.segment, start=1)]
    try:
        pp = prior_period_total(segments)
    except RuleInputError as exc:
        raise UsageError(f"--{exc.field}: {exc.message}") from None
    data = {
        "total": f"{pp.total:.2f}",
        "segments": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "monthly": f"{s.monthly:.2f}",
                "months": s.months,
                "days": s.days,
                "total": f"{s.total:.2f}",
            }
            for s in pp.segments
        ],
        "citations": list(pp.citations),
        "explanation": pp.explanation,
    }
    lines = [
        f"{s.start.isoformat()} to {s.end.isoformat()}: {_count(s.months, 'month')} + "
        f"{_count(s.days, 'day')} "
        f"x ${fmt_money(s.monthly)}/month = ${fmt_money(s.total)}"
        for s in pp.segments
    ]
    lines.append(f"total ${fmt_money(pp.total)}")
    return _emit(args, data, "\n".join(lines))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _track(args: argparse.Namespace) -> int:
    from counsel.rules.track import recommend_track

    d = recommend_track(args.yes, args.parents_agree)
    data = {
        "recommended": d.recommended,
        "reasons": list(d.reasons),
        "citations": list(d.citations),
        "explanation": d.explanation,
    }
    return _emit(args, data, f"{d.recommended} ({', '.join(d.reasons)})\n{d.explanation}")
