"""The live findings: track, deadlines with skipped days, termination, liens, totals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from textual.content import Content
from textual.widgets import Static

from counsel.tui.text import assemble


def format_value(value: Any) -> str:
    """A finding's value as a few words: dates ISO, money to the cent, results by their gist."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.strftime("%a %Y-%m-%d")
    if isinstance(value, Decimal):
        # Half-up to the cent when shown (LEGAL.md, Money); never the float of it.
        return f"${value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
    if isinstance(value, list | tuple):
        return "; ".join(format_value(v) for v in value) or "none"
    if isinstance(value, str):
        return value.replace("_", " ")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        if {"start", "end", "total"} <= names:  # a prior-period segment
            span = f"{format_value(value.start)} to {format_value(value.end)}"  # type: ignore[attr-defined]
            return f"{span}: {format_value(value.total)}"  # type: ignore[attr-defined]
        if {"date", "reason"} <= names and not {"recommended", "eligible"} & names:
            reason = str(value.reason).replace("-", " ").replace("_", " ")  # type: ignore[attr-defined]
            return f"{format_value(value.date)} ({reason})"  # type: ignore[attr-defined]
        parts: list[str] = []
        for key in ("recommended", "eligible", "date", "total", "threshold"):
            if hasattr(value, key):
                parts.append(f"{key.replace('_', ' ')}: {format_value(getattr(value, key))}")
        skipped = getattr(value, "skipped", ())
        for s in skipped or ():
            day = getattr(s, "date", s)
            reason = getattr(s, "reason", "")
            parts.append(f"skipped {format_value(day)} ({reason})")
        for key in ("reason", "reasons"):
            if hasattr(value, key) and getattr(value, key):
                parts.append(format_value(getattr(value, key)))
        return "; ".join(parts) if parts else str(value)
    return str(value)


REFUSALS = frozenset({"lien_eligibility", "job_program_order"})
"""Findings whose False means the document may not be made: shown as a refusal, never as
a plain "no" beside other findings that look settled."""


_TITLES = {
    "fi_lien_expiry": "Financial-institution lien lapses",
    "lien_notify": "Who gets the notice of lien",
    "prior_period_factors": "Prior-period factors (750 ILCS 46/802)",
    "older_child": "Older child (criterion 7)",
}
"""Titles a finding's name does not spell out by itself ("fi" is no word)."""


def finding_title(name: str) -> str:
    """A finding's name as a title: `lien_hearing_deadline` -> `Lien hearing deadline`."""
    return _TITLES.get(name) or name.replace("_", " ").capitalize()


def refused(findings: Mapping[str, Any]) -> list[str]:
    """Names of the findings that refuse the documents (a lien that may not be imposed)."""
    return [n for n in REFUSALS if n in findings and getattr(findings[n], "value", None) is False]


def findings_content(findings: Mapping[str, Any], problem: str | None) -> Content:
    if not findings:
        parts: list[str | tuple[str, str]] = [
            ("Findings", "bold"),
            "\nAnswer the questions to see the findings.",
        ]
        if problem:
            parts.append((f"\n{problem}", "dim"))
        return assemble(*parts)
    parts = [("Findings", "bold")]
    no = set(refused(findings))
    for name, f in findings.items():
        title = finding_title(name)
        if name in no:
            parts += [("\n\n[!] ", "bold $error"), (f"{title}: NOT ALLOWED", "bold $error")]
        else:
            parts += ["\n\n", (title, "bold"), f": {format_value(getattr(f, 'value', f))}"]
        explanation = getattr(f, "explanation", "")
        if explanation:
            parts.append((f"\n{explanation}", "dim"))
        cites = getattr(f, "citations", ())
        if cites:
            parts.append(("\n" + "; ".join(cites), "italic"))
    if problem:
        parts.append((f"\n\n{problem}", "dim"))
    return assemble(*parts)


class FindingsPanel(Static):
    """Shows the findings dict the session computes; updated after every confirmed answer."""

    def show(self, findings: Mapping[str, Any], problem: str | None = None) -> None:
        content = findings_content(findings, problem)
        if content.plain != getattr(self, "_plain", None):  # an update relays the screen out
            self._plain = content.plain
            self.update(content)
