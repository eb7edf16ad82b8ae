"""Canary answers: every private field gets a value that cannot occur by chance, and a scanner
that finds any of them (in any spelling a program might print) in text or bytes."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

CANARY_SSN = "900-31-7931"
CANARY_BIRTH = dt.date(1961, 7, 13)
TEXT_FIELDS = (
    "obligor_name",
    "obligee_name",
    "obligor_employer_name",
)
ADDRESS_FIELDS = (
    "obligor_address",
    "obligee_address",
    "obligor_employer_address",
    "property_address",
)
LIST_FIELDS = {"children": ("name",), "joint_owners": ("name", "address")}

PATTERNS = [
    re.compile(r"canary", re.IGNORECASE),
    re.compile(r"900\D{0,3}31\D{0,3}7931"),
    re.compile(r"1961-07-13|July 13, 1961|07/13/1961|13/07/1961|1961/07/13"),
]


def _text(field: str) -> str:
    return "Canary" + field.replace("_", "").capitalize() + " Zq"


def _address(field: str) -> str:
    return f"1717 Canary{field.replace('_', '').capitalize()} Way\nCanaryville, IL 62999"


def canaried(raw: dict[str, Any]) -> dict[str, Any]:
    """The answers with every private value present replaced by a canary."""
    out = dict(raw)
    for key, value in raw.items():
        if key in TEXT_FIELDS and value:
            out[key] = _text(key)
        elif key in ADDRESS_FIELDS and value:
            out[key] = _address(key)
        elif key == "obligor_ssn" and value:
            out[key] = CANARY_SSN
        elif key == "obligor_birth_date" and value:
            out[key] = CANARY_BIRTH
        elif key in LIST_FIELDS and isinstance(value, list):
            items = []
            for n, item in enumerate(value, start=1):
                item = dict(item)
                for field in LIST_FIELDS[key]:
                    if item.get(field):
                        item[field] = (
                            _address(f"{key}{n}{field}")
                            if field == "address"
                            else _text(f"{key}{n}{field}")
                        )
                items.append(item)
            out[key] = items
    return out


def hits(text: str) -> list[str]:
    """Every canary found (the matched text), empty when clean."""
    return [m.group() for p in PATTERNS for m in p.finditer(text)]


def file_hits(path: Path) -> list[str]:
    data = path.read_bytes()
    return hits(data.decode("utf-8", "replace") + "\n" + data.decode("utf-16-le", "replace"))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value).__name__)


def write_answers(path: Path, interview_id: str, raw: dict[str, Any]) -> Path:
    """An answers TOML file (the format `counsel check/render --answers` reads)."""
    lines = [f"interview = {json.dumps(interview_id)}"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in raw.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
