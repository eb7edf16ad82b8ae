"""The Finding value every rule can be reduced to: a name, a value, its citations, why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One derived fact shown to the specialist and used by templates."""

    name: str
    """Stable snake_case name (the key in `findings` dicts and templates)."""
    value: Any
    """The result: a date, Decimal, bool, str or a frozen dataclass."""
    citations: tuple[str, ...]
    """Citations the finding rests on, each resolvable in the statute store."""
    explanation: str
    """Plain-English reasoning, naming any Convention applied."""
