"""Section files on disk: the TOML the loader reads, and history merged, never overwritten."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path

from counsel.law.importer.versions import Imported
from counsel.law.loader import UNKNOWN, parse_section, slug
from counsel.law.model import Section


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_text(value: str) -> str:
    """A multi-line literal string when the text allows it (no escaping to read past)."""
    if (
        "'''" not in value
        and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value)
        and not (value.endswith("'"))
    ):
        return "'''\n" + value + "'''"
    return _toml_string(value)


def _toml_list(values: Iterable[str]) -> str:
    items = [_toml_string(v) for v in values]
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= 90:
        return one_line
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def dump_section(section: Section | Imported) -> str:
    """The TOML of one section file (the format the loader reads)."""
    lines = [
        f"citation = {_toml_string(section.citation)}",
        f"heading = {_toml_string(section.heading)}",
    ]
    for v in section.versions:
        effective = v.effective.isoformat() if v.effective else _toml_string(UNKNOWN)
        lines += [
            "",
            "[[versions]]",
            f"effective = {effective}",
            f"source = {_toml_string(v.source)}",
            f"origin = {_toml_string(v.origin)}",
            f"heading = {_toml_string(v.heading)}",
            f"complete = {'true' if v.complete else 'false'}",
            f"repealed = {'true' if v.repealed else 'false'}",
            f"labels = {_toml_list(v.labels)}",
            f"truncated = {_toml_list(v.truncated)}",
            f"note = {_toml_string(v.note)}",
            f"provenance = {_toml_list(v.provenance)}",
            f"text = {_toml_text(v.text)}",
        ]
    return "\n".join(lines) + "\n"


def merge_history(old: Section, new: Imported) -> Imported:
    """Append the imported versions the stored history lacks; never rewrite a stored one.

    A stored version is the same when its effective date and text match. An imported text
    with a stored version's date but other words is refused: history is not overwritten.
    """
    versions = list(old.versions)
    for v in new.versions:
        same_date = [o for o in versions if o.effective == v.effective]
        same = next((o for o in same_date if o.text == v.text), None)
        if same is not None:
            # Same words: refresh what is derived from them (labels, notes, provenance).
            versions[versions.index(same)] = v
            continue
        if same_date and v.effective is not None:
            raise SystemExit(
                f"{new.citation}: a different text with the stored date "
                f"{v.effective.isoformat()}; refusing to overwrite history"
            )
        versions.append(v)
    unknown = [v for v in versions if v.effective is None]
    known = sorted(
        (v for v in versions if v.effective is not None),
        key=lambda v: v.effective or dt.date.min,
    )
    return Imported(old.citation, new.heading or old.heading, unknown + known)


def write(sections: dict[str, Imported], out: Path, *, fresh: bool = False) -> list[str]:
    """Write one TOML per section into `out`; merge with stored history unless `fresh`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for citation, item in sorted(sections.items()):
        name = slug(citation) + ".toml"
        path = out / name
        if path.exists() and not fresh:
            item = merge_history(parse_section(name, path.read_bytes()), item)
        data = dump_section(item)
        parse_section(name, data, expected_key=citation)  # never write what we cannot read
        if not path.exists() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")
        written.append(name)
    return written
