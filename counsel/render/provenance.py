"""Provenance: what a document was made from (template, statute snapshot, answers), hashed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from counsel import __version__


def canonical_json(value: Any) -> str:
    """Stable JSON for hashing: sorted keys, dates ISO, Decimals as strings."""

    def default(obj: Any) -> Any:
        if isinstance(obj, dt.date):
            return obj.isoformat()
        if isinstance(obj, Decimal):
            return str(obj)
        if isinstance(obj, set | frozenset | tuple):
            return sorted(obj, key=str) if isinstance(obj, set | frozenset) else list(obj)
        raise TypeError(f"{type(obj).__name__} is not answer data")

    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=default)


def answers_hash(answers: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(dict(answers)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Provenance:
    """Everything needed to re-render a document and check it is the same."""

    document_id: str
    interview_id: str
    template_id: str
    template_hash: str
    statute_snapshot: str
    answers_hash: str
    document_date: str
    counsel_version: str = __version__

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def digest(self) -> str:
        return hashlib.sha256(canonical_json(self.as_dict()).encode()).hexdigest()

    def metadata(self) -> dict[str, str]:
        """Keys for the PDF info dictionary (WeasyPrint keeps letters only) and DOCX comments."""
        return {
            "counsel-template": self.template_id,
            "counsel-template-hash": self.template_hash,
            "counsel-statute-snapshot": self.statute_snapshot,
            "counsel-answers-hash": self.answers_hash,
            "counsel-version": self.counsel_version,
        }
