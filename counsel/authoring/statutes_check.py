"""The citation check behind `counsel statutes check`: every cited section is stored, in force,
complete where quoted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.authoring.sources import (
    Use,
    element_uses,
    interview_uses,
    parameter_uses,
    rule_uses,
    template_uses,
)

if TYPE_CHECKING:
    from counsel.law import Store


@dataclass(frozen=True)
class CheckItem:
    """One finding of the check: an error (exit 1) or a staleness warning."""

    level: str
    """"error" or "warning"."""
    citation: str
    message: str
    where: tuple[str, ...]
    """Every place the citation is written."""

    def __str__(self) -> str:
        places = ", ".join(self.where[:3]) + (
            f" and {len(self.where) - 3} more" if len(self.where) > 3 else ""
        )
        return f"{self.level}: {self.citation}: {self.message} (cited in {places})"

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "citation": self.citation,
            "message": self.message,
            "where": list(self.where),
        }


@dataclass(frozen=True)
class CheckReport:
    today: dt.date
    review_date: dt.date | None
    citations: int
    sections: int
    items: tuple[CheckItem, ...]

    @property
    def errors(self) -> tuple[CheckItem, ...]:
        return tuple(i for i in self.items if i.level == "error")

    @property
    def warnings(self) -> tuple[CheckItem, ...]:
        return tuple(i for i in self.items if i.level == "warning")

    def human(self) -> str:
        lines = [str(i) for i in self.items]
        review = self.review_date.isoformat() if self.review_date else "not set"
        lines.append(
            f"{self.citations} citations of {self.sections} sections checked as of "
            f"{self.today.isoformat()} (review date {review}): "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings"
        )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "review_date": self.review_date.isoformat() if self.review_date else None,
            "citations": self.citations,
            "sections": self.sections,
            "errors": [i.to_json() for i in self.errors],
            "warnings": [i.to_json() for i in self.warnings],
        }


def collect_uses(template_dir: Path | None = None) -> list[Use]:
    return (
        template_uses(template_dir)
        + element_uses()
        + interview_uses()
        + rule_uses()
        + parameter_uses()
    )


def _truncated_under(label: str, truncated: Sequence[str]) -> bool:
    """A pinpoint is incomplete if it, a subsection inside it, or its parent was cut off."""
    return (
        any(t.startswith(label) or label.startswith(t) for t in truncated)
        if label
        else bool(truncated)
    )


def check_citations(
    uses: Sequence[Use],
    *,
    today: dt.date,
    review_date: dt.date | None,
    store: Store | None = None,
) -> CheckReport:
    """Check every use against the store as of `today` (errors) and the review date (warnings)."""
    from counsel.errors import CounselError
    from counsel.law import CitationError, get_store, parse_citation

    store = store if store is not None else get_store()
    by_citation: dict[str, list[Use]] = {}
    for use in uses:
        by_citation.setdefault(use.citation, []).append(use)
    items: list[CheckItem] = []
    sections: dict[str, list[str]] = {}
    for citation, group in sorted(by_citation.items()):
        where = tuple(u.where for u in group)
        try:
            parsed = parse_citation(citation)
        except CitationError as exc:
            items.append(CheckItem("error", citation, str(exc), where))
            continue
        sections.setdefault(parsed.section_key, []).extend(where)
        try:
            resolved = store.cite(parsed, on=today)
        except CounselError as exc:
            items.append(CheckItem("error", citation, str(exc), where))
            continue
        quoted = [u.where for u in group if u.quoted]
        version = resolved.version
        if quoted and (not version.text or _truncated_under(parsed.label, version.truncated)):
            why = (
                "the store holds no text for it"
                if not version.text
                else f"its text is truncated in the store ({', '.join(version.truncated)})"
            )
            items.append(
                CheckItem(
                    "error",
                    citation,
                    f"a template quotes it but {why}: paraphrase and cite instead",
                    tuple(quoted),
                )
            )
    if review_date is not None:
        for key, places in sorted(sections.items()):
            cited_in = tuple(dict.fromkeys(places))
            try:
                newest = store.section(key).current
            except CounselError:
                continue  # already reported as an error
            if newest.effective is None:
                items.append(
                    CheckItem(
                        "warning",
                        key,
                        "the newest version's effective date is unknown; check it against "
                        f"the official text before the review date {review_date.isoformat()}",
                        cited_in,
                    )
                )
            elif newest.effective < review_date:
                items.append(
                    CheckItem(
                        "warning",
                        key,
                        f"newest version is effective {newest.effective.isoformat()}, older than "
                        f"the office's review date {review_date.isoformat()}: check for a later "
                        "amendment and add it to the store",
                        cited_in,
                    )
                )
    return CheckReport(
        today=today,
        review_date=review_date,
        citations=len(by_citation),
        sections=len(sections),
        items=tuple(items),
    )
