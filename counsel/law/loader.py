"""Strict readers for the statute data files: a section TOML and parameters.toml."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from counsel.errors import UsageError
from counsel.law.citations import CitationError, parse_citation
from counsel.law.model import Parameter, ParameterValue, ParameterValueVersion, Section, Version

UNKNOWN = "unknown"  # the spelling of an unknown effective date in the data files


class StatuteDataError(UsageError):
    """A statute data file is malformed; the message names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = file
        self.key = key


def slug(section_key: str) -> str:
    """The data file name (without .toml) for a section citation; reversible by unslug."""
    return section_key.replace("/", "__").replace(" ", "_")


def unslug(name: str) -> str:
    return name.replace("__", "/").replace("_", " ")


_SECTION_KEYS = {"citation": str, "heading": str, "versions": list}
_VERSION_REQUIRED: dict[str, type] = {
    "effective": object,
    "source": str,
    "origin": str,
    "text": str,
    "labels": list,
    "truncated": list,
    "complete": bool,
}
_VERSION_OPTIONAL: dict[str, type] = {
    "heading": str,
    "note": str,
    "provenance": list,
    "repealed": bool,
}
_LABEL = re.compile(r"^(?:\([0-9A-Za-z.\-]+\))+$")


def _check_keys(
    file: str,
    where: str,
    table: Mapping[str, Any],
    required: Mapping[str, type],
    optional: Mapping[str, type],
) -> None:
    for key in table:
        if key not in required and key not in optional:
            allowed = ", ".join([*required, *optional])
            raise StatuteDataError(file, f"{where}{key}", f"unknown key; allowed keys: {allowed}")
    for key in required:
        if key not in table:
            raise StatuteDataError(file, f"{where}{key}", "missing; add it")
    for key, kind in {**required, **optional}.items():
        if key in table and kind is not object:
            value = table[key]
            # bool is an int subclass; TOML keeps them apart, so must we.
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise StatuteDataError(
                    file, f"{where}{key}", f"must be a {kind.__name__}, not {type(value).__name__}"
                )


def _effective(file: str, key: str, value: Any) -> dt.date | None:
    if value == UNKNOWN:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise StatuteDataError(file, key, f'must be a TOML date (2019-08-09) or "{UNKNOWN}"')
    return value


def _check_dates(file: str, where: str, dates: list[dt.date | None]) -> None:
    """Unknown dates first (in the order the sources give), then strictly increasing dates."""
    seen_known = False
    for i, date in enumerate(dates):
        if date is None and seen_known:
            raise StatuteDataError(
                file,
                f"{where}[{i}].effective",
                f'"{UNKNOWN}" entries must come before every dated entry; move it up',
            )
        seen_known = seen_known or date is not None
    known = [(i, d) for i, d in enumerate(dates) if d is not None]
    for (_, a), (j, b) in zip(known, known[1:], strict=False):
        if b == a:
            raise StatuteDataError(
                file, f"{where}[{j}].effective", f"duplicate effective date {b.isoformat()}"
            )
        if b < a:
            raise StatuteDataError(
                file,
                f"{where}[{j}].effective",
                "entries must be sorted oldest first; move this one up",
            )


def _strings(file: str, key: str, value: list[Any]) -> tuple[str, ...]:
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise StatuteDataError(file, f"{key}[{i}]", "must be a string")
    return tuple(value)


def parse_section(file: str, data: bytes | str, expected_key: str | None = None) -> Section:
    """Build a Section from a section file's TOML; StatuteDataError on any problem."""
    try:
        raw = tomllib.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StatuteDataError(file, "(file)", f"not valid TOML: {exc}") from None
    _check_keys(file, "", raw, _SECTION_KEYS, {})
    try:
        citation = parse_citation(raw["citation"])
    except CitationError as exc:
        raise StatuteDataError(file, "citation", str(exc)) from None
    if citation.pinpoint or str(citation) != raw["citation"]:
        raise StatuteDataError(
            file, "citation", f"must be the normalized section citation {citation.section_key!r}"
        )
    if expected_key is not None and citation.section_key != expected_key:
        raise StatuteDataError(
            file, "citation", f"does not match the file name (expected {expected_key!r})"
        )
    if not raw["versions"]:
        raise StatuteDataError(file, "versions", "needs at least one [[versions]] table")
    versions: list[Version] = []
    for i, table in enumerate(raw["versions"]):
        where = f"versions[{i}]."
        if not isinstance(table, dict):
            raise StatuteDataError(file, f"versions[{i}]", "must be a table")
        _check_keys(file, where, table, _VERSION_REQUIRED, _VERSION_OPTIONAL)
        labels = _strings(file, where + "labels", table["labels"])
        for j, label in enumerate(labels):
            if not _LABEL.match(label):
                raise StatuteDataError(
                    file, f"{where}labels[{j}]", "must look like '(a)' or '(b)(1)'"
                )
        truncated = _strings(file, where + "truncated", table["truncated"])
        for j, label in enumerate(truncated):
            if label not in labels:
                raise StatuteDataError(
                    file, f"{where}truncated[{j}]", "names a label not in this version's labels"
                )
        if truncated and table["complete"]:
            raise StatuteDataError(
                file, where + "complete", "must be false when any label is truncated"
            )
        versions.append(
            Version(
                effective=_effective(file, where + "effective", table["effective"]),
                source=table["source"],
                origin=table["origin"],
                heading=table.get("heading", raw["heading"]),
                text=table["text"],
                labels=labels,
                truncated=truncated,
                complete=table["complete"],
                note=table.get("note", ""),
                provenance=_strings(file, where + "provenance", table.get("provenance", [])),
                repealed=table.get("repealed", False),
            )
        )
    _check_dates(file, "versions", [v.effective for v in versions])
    return Section(citation=citation.section_key, heading=raw["heading"], versions=tuple(versions))


_PARAM_KEYS = {"name": str, "citation": str, "source_note": str, "values": list}
_PARAM_OPTIONAL = {"unit": str}
_VALUE_KEYS = {"effective": object, "value": object}
_NAME = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")


def _value(file: str, key: str, value: Any) -> ParameterValue:
    if isinstance(value, bool) or isinstance(value, float):
        raise StatuteDataError(
            file, key, 'must be an integer, a date, or a decimal in a string ("0.09")'
        )
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    raise StatuteDataError(
        file, key, 'must be an integer, a date, or a decimal in a string ("0.09")'
    )


def parse_parameters(file: str, data: bytes | str) -> dict[str, tuple[Parameter, ...]]:
    """Read parameters.toml: each name maps to its dated values, oldest first."""
    try:
        raw = tomllib.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StatuteDataError(file, "(file)", f"not valid TOML: {exc}") from None
    _check_keys(file, "", raw, {"parameters": list}, {})
    out: dict[str, tuple[Parameter, ...]] = {}
    for i, table in enumerate(raw["parameters"]):
        where = f"parameters[{i}]."
        if not isinstance(table, dict):
            raise StatuteDataError(file, f"parameters[{i}]", "must be a table")
        _check_keys(file, where, table, _PARAM_KEYS, _PARAM_OPTIONAL)
        name = table["name"]
        if not _NAME.match(name):
            raise StatuteDataError(file, where + "name", "must be dotted snake_case, e.g. 'lien.x'")
        if name in out:
            raise StatuteDataError(file, where + "name", "duplicate parameter name")
        try:
            parse_citation(table["citation"])
        except CitationError as exc:
            raise StatuteDataError(file, where + "citation", str(exc)) from None
        if not table["values"]:
            raise StatuteDataError(file, where + "values", "needs at least one [[values]] entry")
        values: list[ParameterValueVersion] = []
        for j, entry in enumerate(table["values"]):
            vwhere = f"{where}values[{j}]."
            if not isinstance(entry, dict):
                raise StatuteDataError(file, f"{where}values[{j}]", "must be a table")
            _check_keys(file, vwhere, entry, _VALUE_KEYS, {})
            values.append(
                ParameterValueVersion(
                    effective=_effective(file, vwhere + "effective", entry["effective"]),
                    value=_value(file, vwhere + "value", entry["value"]),
                )
            )
        _check_dates(file, where + "values", [v.effective for v in values])
        out[name] = tuple(
            Parameter(
                name=name,
                value=v.value,
                citation=table["citation"],
                source_note=table["source_note"],
                effective=v.effective,
                unit=table.get("unit", ""),
            )
            for v in values
        )
    return out
