"""What a register row holds: issued files, entries, and the answers and office snapshots."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counsel.office import Office


@dataclass(frozen=True)
class IssuedFile:
    """One output file of a render, with the template that produced it."""

    document: str
    """The document's output stem (documents.toml `name`, numbered for `for_each`)."""
    template: str
    """Template file name, e.g. "administrative_order.html.j2"."""
    template_hash: str
    """sha256 of the template source when it was rendered."""
    format: str
    """Output format: "pdf", "docx", ..."""
    path: str
    """Where the file was written (absolute)."""
    sha256: str
    """sha256 of the file's bytes."""

    def to_json(self) -> dict[str, str]:
        return {
            "document": self.document,
            "template": self.template,
            "template_hash": self.template_hash,
            "format": self.format,
            "path": self.path,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class Entry:
    """One row of the register: a render of one interview's documents."""

    id: int
    issued_at: dt.datetime
    """When the documents were recorded (UTC, timezone-aware)."""
    source: str
    """Which front end rendered them: "tui", "render", "batch"."""
    interview: str
    case_number: str
    user_name: str
    """The operating-system user of the session that rendered them."""
    document_date: dt.date
    """The as-of date the documents were rendered for (statute versions, deadlines)."""
    statute_snapshot: str
    answers_hash: str
    answers: dict[str, Any]
    """Answers snapshot (JSON-native: dates and money as strings); private data."""
    office: dict[str, Any]
    """Office profile snapshot, in the office TOML's shape."""
    files: tuple[IssuedFile, ...]
    db_role: str = ""
    """The database role that recorded it (PostgreSQL's session_user; "" on SQLite)."""
    host: str = ""
    """The machine it was recorded on ("" in registers written before schema version 2)."""

    def summary(self) -> dict[str, Any]:
        """The entry without the private answers snapshot (for lists and JSON output)."""
        return {
            "id": self.id,
            "issued_at": self.issued_at.isoformat(),
            "source": self.source,
            "interview": self.interview,
            "case_number": self.case_number,
            "user_name": self.user_name,
            "db_role": self.db_role,
            "host": self.host,
            "document_date": self.document_date.isoformat(),
            "statute_snapshot": self.statute_snapshot,
            "answers_hash": self.answers_hash,
            "files": [f.to_json() for f in self.files],
        }


@dataclass(frozen=True)
class Event:
    """Something that happened to an issued document after issue (mailed, served, ...)."""

    id: int
    issue_id: int
    kind: str
    """One of counsel.rules.docket.EVENT_KINDS, or "voided" (withdraws event `voids`)."""
    date: dt.date
    """The day it happened (the day a period is counted from)."""
    recorded_at: dt.datetime
    user_name: str
    db_role: str
    host: str
    voids: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "issue_id": self.issue_id,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "recorded_at": self.recorded_at.isoformat(),
            "user_name": self.user_name,
            "db_role": self.db_role,
            "host": self.host,
            "voids": self.voids,
        }


def current_host() -> str:
    import socket

    return socket.gethostname()


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


def answers_snapshot(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as JSON-native values (dates ISO, money as strings) that validate() accepts."""
    loaded: dict[str, Any] = json.loads(json.dumps(dict(answers), default=_json_default))
    return loaded


def answers_hash(answers: Mapping[str, Any]) -> str:
    """sha256 of the answers in canonical form: the same hash the renderer's provenance holds."""
    from counsel.render.provenance import answers_hash as provenance_hash

    return provenance_hash(answers)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def office_snapshot(office: Office | None) -> dict[str, Any]:
    """The office profile as a dict `counsel.office.parse_office` reads back."""
    if office is None:
        return {}
    data: dict[str, Any] = {
        "county": office.county,
        "circuit": office.circuit,
        "state_attorney": office.state_attorney,
        "office_name": office.office_name,
        "address": list(office.address),
        "phone": office.phone,
        "email": office.email,
        "attorneys": [
            {"name": a.name, "email": a.email, "phone": a.phone, "ardc": a.ardc, "title": a.title}
            for a in office.attorneys
        ],
        "closures": [{"date": c.date.isoformat(), "name": c.name} for c in office.closures],
        "older_child_age": office.older_child_age,
        "register_path": office.register_path,
        "pdf_variant": office.pdf_variant,  # verify re-renders the same PDF standard
    }
    if office.register_url:
        data["register_url"] = office.register_url
    if office.review_date is not None:
        data["review_date"] = office.review_date.isoformat()
    return data


def office_from_snapshot(data: Mapping[str, Any]) -> Office:
    """Rebuild the office profile recorded with an entry (dates were stored as ISO text)."""
    from counsel.office import parse_office

    raw = dict(data)
    raw["closures"] = [
        {"date": dt.date.fromisoformat(c["date"]), "name": c["name"]}
        for c in raw.get("closures", [])
    ]
    if "review_date" in raw:
        raw["review_date"] = dt.date.fromisoformat(raw["review_date"])
    return parse_office(raw, "recorded office profile")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (containers without a passwd entry)
        return f"uid-{os.getuid()}"
