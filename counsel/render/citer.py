"""cite() and quote() for a template: citations resolved in the statute store as of a date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from counsel.errors import CounselError

if TYPE_CHECKING:
    from counsel.law.model import ResolvedCitation


class StatuteStore(Protocol):
    """What the renderer needs of a statute store (counsel.law.Store, or a test's view)."""

    def cite(self, citation: str, on: dt.date) -> ResolvedCitation: ...

    def snapshot_hash(self) -> str: ...


class Citer:
    """cite()/quote() for one document: resolve in the store as of the date, record problems."""

    def __init__(self, store: StatuteStore, on: dt.date, doc_id: str) -> None:
        self.store = store
        self.on = on
        self.doc_id = doc_id
        self.problems: list[str] = []
        self.cited: list[str] = []

    def _resolve(self, citation: Any) -> ResolvedCitation | None:
        try:
            resolved = self.store.cite(str(citation), on=self.on)
        except CounselError as exc:
            problem = (
                f"{self.doc_id}: citation {str(citation)!r} does not resolve on "
                f"{self.on.isoformat()}: {exc}"
            )
            if problem not in self.problems:  # cited five times, reported once
                self.problems.append(problem)
            return None
        self.cited.append(str(resolved))
        return resolved

    def cite(self, citation: Any) -> str:
        resolved = self._resolve(citation)
        return str(resolved) if resolved is not None else str(citation)

    def quote(self, citation: Any) -> str:
        """The statute's own words, only where the store holds them as complete (LEGAL.md)."""
        resolved = self._resolve(citation)
        if resolved is None:
            return ""
        version = resolved.version
        label = resolved.citation.label if resolved.citation.pinpoint else ""
        truncated = [t for t in version.truncated if not label or t.startswith(label)]
        if not version.complete and (not label or truncated or not resolved.text):
            self.problems.append(
                f"{self.doc_id}: {resolved} cannot be quoted: the store's text is incomplete "
                "(paraphrase it and cite it instead)"
            )
            return ""
        return str(resolved.text).strip()
