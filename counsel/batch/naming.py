"""Output file names from the case number and the document, safe on every file system."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80
# Windows opens these names as devices whatever follows the first dot (`CON.1__x.pdf` is the
# console), in any letter case; a share may be read from Windows.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}
CASE_COLUMNS = ("iv_d_case_number", "court_case_number")
"""Where a row's case number is read from: the IV-D number first (liens are administrative)."""


def sanitize(text: str) -> str:
    """Letters, digits, '.', '_' and '-' only; '' if nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("-", ascii_text).strip(".-_ ")
    stem = re.sub(r"-{2,}", "-", stem)[:_MAX_STEM].rstrip(".-_")
    return _not_a_device(stem)


def _not_a_device(name: str) -> str:
    """`name` with '_' after a first dot-separated part that Windows reads as a device."""
    first, dot, rest = name.partition(".")
    if first.rstrip(" ").upper() in _RESERVED:
        return f"{first}_{dot}{rest}"
    return name


def output_stem(case_number: str, row: int) -> str:
    """The part of every output name shared by one row's documents."""
    return sanitize(case_number) or f"row-{row}"


def output_file_stem(stem: str, document: str) -> str:
    """A document's file stem in DIR: the row's stem, then the document's (its files are
    `<this>.pdf`, `<this>.docx` and `<this>.provenance.json`)."""
    return _not_a_device(f"{stem}_{sanitize(document) or 'document'}")


def output_name(stem: str, document: str, fmt: str) -> str:
    return f"{output_file_stem(stem, document)}.{fmt}"


def collision_key(stem: str) -> str:
    """Names that differ only in case collide on Windows and macOS file systems."""
    return stem.casefold()
