"""The statute store: versioned sections, citations, parameters (see docs/CONTRACTS.md)."""

from __future__ import annotations

from counsel.law.citations import Citation, CitationError, parse_citation
from counsel.law.loader import StatuteDataError
from counsel.law.model import (
    NotInForceError,
    Parameter,
    ResolvedCitation,
    Section,
    Version,
)
from counsel.law.store import Store, get_store

__all__ = [
    "Citation",
    "CitationError",
    "NotInForceError",
    "Parameter",
    "ResolvedCitation",
    "Section",
    "StatuteDataError",
    "Store",
    "Version",
    "get_store",
    "parse_citation",
]
