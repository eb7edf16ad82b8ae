"""Filed-ready documents: sandboxed templates -> one document model -> checked PDF and DOCX."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.render.core import (
        CONTEXT_GLOBALS,
        BuiltDocument,
        DocumentSpec,
        Renderer,
        RenderError,
    )
    from counsel.render.model import Document

__all__ = [
    "CONTEXT_GLOBALS",
    "BuiltDocument",
    "Document",
    "DocumentSpec",
    "RenderError",
    "Renderer",
    "build_documents",
    "default_renderer",
]

# Imported on first use, so `import counsel.render` stays cheap (Jinja2 and WeasyPrint are not
# loaded until a document is actually built).
_LAZY = {
    "CONTEXT_GLOBALS": "counsel.render.core",
    "BuiltDocument": "counsel.render.core",
    "DocumentSpec": "counsel.render.core",
    "RenderError": "counsel.render.core",
    "Renderer": "counsel.render.core",
    "Document": "counsel.render.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


@functools.cache
def default_renderer() -> Renderer:
    """One Renderer per process (templates, CSS and fonts loaded once)."""
    from counsel.render.core import Renderer

    return Renderer()


def build_documents(
    interview_id: str, answers: Mapping[str, Any], office: Office, on: dt.date | None = None
) -> list[Document]:
    """Every document of the interview as checked models (RenderError lists every problem)."""
    return [b.model for b in default_renderer().build(interview_id, answers, office, on)]
