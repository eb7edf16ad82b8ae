"""What documents an interview produces: counsel/templates/documents.toml, read strictly."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from counsel.render.env import read_package_text

SERVED_ON = ("", "obligor", "obligee", "both", "third")
CAPTIONS = ("", "track", "judicial", "administrative")


@dataclass(frozen=True)
class DocumentSpec:
    """One document of an interview, as counsel/templates/documents.toml describes it."""

    interview: str
    id: str
    template: str
    title: str
    name: str
    caption: str = ""
    served_on: str = ""
    confidential: bool = False
    when: str = ""
    for_each: str = ""
    refuse_if: str = ""
    refuse_message: str = ""


_SPEC_KEYS = {f for f in DocumentSpec.__dataclass_fields__ if f != "interview"}


def load_document_specs(text: str | None = None) -> dict[str, tuple[DocumentSpec, ...]]:
    """Parse documents.toml: `[[<interview>]]` tables, one per document, in order."""
    data = tomllib.loads(text if text is not None else read_package_text("documents.toml"))
    out: dict[str, tuple[DocumentSpec, ...]] = {}
    for interview, docs in data.items():
        if not isinstance(docs, list):
            raise ValueError(f"documents.toml: '{interview}' must be an array of tables")
        specs = []
        for n, raw in enumerate(docs, start=1):
            where = f"documents.toml: {interview}[{n}]"
            unknown = sorted(set(raw) - _SPEC_KEYS)
            if unknown:
                raise ValueError(f"{where}: unknown key '{unknown[0]}'")
            for key in ("id", "template", "title", "name"):
                if not isinstance(raw.get(key), str) or not raw[key]:
                    raise ValueError(f"{where}: '{key}' is required")
            spec = DocumentSpec(interview=interview, **raw)
            if spec.served_on not in SERVED_ON:
                raise ValueError(f"{where}: served_on must be one of {SERVED_ON}")
            if spec.caption not in CAPTIONS:
                raise ValueError(f"{where}: caption must be one of {CAPTIONS}")
            specs.append(spec)
        out[interview] = tuple(specs)
    return out
