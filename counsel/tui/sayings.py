"""Findings said as sentences, each with its statute, for the conversation's transcript."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from counsel.rules.termination import before_current_support

DEADLINE_WHAT = {
    "lien_hearing_deadline": "The hearing request deadline",
    "registration_contest_deadline": "The deadline to contest the registration",
    "petition_deadline": "The deadline for a petition against the order",
    "relief_deadline": "The deadline to petition for relief from the order",
}
"""Deadline findings and how a sentence names them."""

SILENT = frozenset({"prior_period_segments", "lien_threshold", "track"})
"""Findings said inside another one's sentence (the segments with the total, the threshold
with the eligibility) or that repeat another (the track followed, when not overridden)."""

_SKIPPED = re.compile(r"([A-Z][a-z]+ \d{1,2}, \d{4}) \(((?:[^()]|\([^()]*\))*)\)")


def long_day(day: dt.date) -> str:
    """`Monday, December 28, 2026`."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def long_date(day: dt.date) -> str:
    """`December 28, 2026`."""
    return f"{day:%B} {day.day}, {day.year}"


def money(value: Decimal) -> str:
    """`$1,045.00`: half-up to the cent when shown (LEGAL.md, Money)."""
    return f"${value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def cites(citations: Iterable[str]) -> str:
    """Citations joined for a parenthesis: `305 ILCS 5/10-2, 10-8.1` shares the Act."""
    out: list[str] = []
    act = ""
    for c in dict.fromkeys(str(c) for c in citations):
        head, slash, rest = c.partition("/")
        if slash and head == act:
            out.append(rest)
        else:
            out.append(c)
            act = head if slash else ""
    return ", ".join(out)


def _with_cites(text: str, citations: Iterable[str]) -> str:
    """`text` ending in one parenthesis of citations, unless it already cites them."""
    cs = [c for c in citations if c not in text]
    text = text.rstrip()
    if not cs:
        return text if text.endswith((".", ")")) else text + "."
    return f"{text.rstrip('.')} ({cites(cs)})."


def _skipped_days(finding: Any) -> list[tuple[dt.date, str]]:
    """The days 5 ILCS 70/1.11 passed over: from the rule's Deadline when the finding carries
    it, else read back from its explanation (which lists each day and why)."""
    detail = getattr(finding, "detail", None)
    skipped = getattr(detail, "skipped", None)
    if skipped is not None:
        return [(s.date, str(s.reason)) for s in skipped]
    text = str(getattr(finding, "explanation", ""))
    _, found, tail = text.partition("these days were skipped:")
    if not found:
        return []
    days = []
    for m in _SKIPPED.finditer(tail):
        try:
            day = dt.datetime.strptime(m.group(1), "%B %d, %Y").date()
        except ValueError:
            continue
        days.append((day, m.group(2)))
    return days


def _skipped_phrase(days: list[tuple[dt.date, str]], closures: Mapping[dt.date, str]) -> str:
    """`December 24 is a court closure, December 25 a holiday, then the weekend`."""
    parts: list[str] = []
    i = 0
    while i < len(days):
        day, reason = days[i]
        if reason == "Saturday" and i + 1 < len(days) and days[i + 1][1] == "Sunday":
            if parts:
                parts.append("then the weekend")
            else:
                parts.append(f"{day:%B} {day.day} and {days[i + 1][0].day} are a weekend")
            i += 2
            continue
        if reason in ("Saturday", "Sunday"):
            what = f"a {reason}"
        elif day in closures:
            what = "a court closure"
        else:
            what = f"a holiday ({reason})"
        label = f"{day:%B} {day.day}"
        parts.append(f"{label} is {what}" if not parts else f"{label} {what}")
        i += 1
    return ", ".join(parts)


def _deadline(name: str, finding: Any, closures: Mapping[dt.date, str]) -> str:
    day = finding.value
    text = f"{DEADLINE_WHAT[name]} is {long_day(day)}"
    days = _skipped_days(finding)
    if days:
        text += ": " + _skipped_phrase(days, closures)
    return _with_cites(text, finding.citations)


def termination_reason(reason: str, date: dt.date, graduation: Any) -> str:
    """Which branch of the rule decided a child's termination date, in the order's words
    (templates/_termination.html): a 19th birthday that is also the expected graduation day
    is said as both, not as coming before it."""
    if reason == "graduation":
        return (
            "the expected high-school graduation, which comes after the 18th birthday and "
            "before the 19th"
        )
    if reason == "19th-birthday":
        if graduation == date:
            return "the 19th birthday, which is also the day of the expected high-school graduation"
        return "the 19th birthday, which comes before the expected high-school graduation"
    if reason == "18th-birthday":
        return "the 18th birthday"
    return reason.replace("-", " ")


def _terminations(finding: Any, answers: Mapping[str, Any]) -> dict[str, str]:
    children = [
        c for c in answers.get("children") or [] if isinstance(c.get("birth_date"), dt.date)
    ]
    starts = answers.get("current_support_start")
    out: dict[str, str] = {}
    for n, (t, child) in enumerate(zip(finding.value, children, strict=False), start=1):
        name = str(child.get("name") or "").strip() or f"child {n}"
        reason = termination_reason(str(t.reason), t.date, child.get("graduation_date"))
        text = f"Support for {name} ends {long_date(t.date)}, {reason}"
        born = child.get("birth_date")
        if t.reason != "graduation" and (born.month, born.day) == (2, 29):
            text += (
                "; born on February 29, the child attains that age on March 1 in a year "
                "without February 29"
            )
        # As `counsel check` says it (rules.termination): no current support for a child
        # whose date comes before current support begins.
        after = before_current_support(t, starts if isinstance(starts, dt.date) else None)
        if after:
            text += "." + after
        out[f"termination_dates#{n}"] = _with_cites(text, finding.citations)
    return out


def _prior_period(findings: Mapping[str, Any]) -> str:
    total = findings["prior_period_total"]
    segs = getattr(findings.get("prior_period_segments"), "value", ()) or ()
    text = f"Prior-period support totals {money(total.value)}"
    if segs:
        pieces = []
        for s in segs:
            span = f"{long_date(s.start)} to {long_date(s.end)}"
            length = _count(s.months, "month") + (f" and {_count(s.days, 'day')}" if s.days else "")
            pieces.append(f"{span}, {length} at {money(s.monthly)} a month")
        text += ": " + "; ".join(pieces)
    return _with_cites(text, total.citations)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def sentences(
    findings: Mapping[str, Any],
    answers: Mapping[str, Any],
    closures: Mapping[dt.date, str] | None = None,
) -> dict[str, str]:
    """Each finding as one sentence naming its statute, by a stable key (a finding name, or
    `termination_dates#2` for the second child). `answers` are typed; names in them are
    shown on screen only (the engine's own explanations say "Child 1" because they may be
    logged)."""
    closures = closures or {}
    out: dict[str, str] = {}
    for name, f in findings.items():
        if name in SILENT and not (name == "track" and _overridden(findings)):
            continue
        value = getattr(f, "value", None)
        citations = tuple(getattr(f, "citations", ()) or ())
        if name in DEADLINE_WHAT and isinstance(value, dt.date):
            out[name] = _deadline(name, f, closures)
        elif name == "termination_dates" and isinstance(value, tuple):
            out.update(_terminations(f, answers))
        elif name == "prior_period_total" and isinstance(value, Decimal):
            out[name] = _prior_period(findings)
        else:
            explanation = str(getattr(f, "explanation", "") or "").strip()
            if not explanation:
                title = name.replace("_", " ").capitalize()
                explanation = f"{title}: {_value_words(value)}"
            out[name] = _with_cites(explanation, citations)
    return out


def _overridden(findings: Mapping[str, Any]) -> bool:
    rec, chosen = findings.get("recommended_track"), findings.get("track")
    return rec is not None and chosen is not None and rec.value != chosen.value


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return long_day(value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, tuple | list):
        return "; ".join(_value_words(v) for v in value) or "none"
    return str(value).replace("_", " ")


def changed(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Keys whose sentence is new or different (in `after`'s order): what to say now."""
    return [k for k, s in after.items() if before.get(k) != s]
