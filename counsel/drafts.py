"""Interview drafts on disk: atomic, owner-only JSON files with the previous version kept."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from counsel.errors import NotFoundError, UsageError
from counsel.fsutil import atomic_write, private_dir

FORMAT_VERSION = 1
"""The draft file format this version writes; a file with a higher number is set aside."""

ENV_VAR = "COUNSEL_DATA_DIR"
"""Overrides the user data directory (tests, or an office keeping drafts on another disk)."""

SUFFIX = ".json"
PREV_SUFFIX = ".json.prev"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


def data_dir() -> Path:
    """The user's counsel data folder (0700): $COUNSEL_DATA_DIR or platformdirs' data dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return private_dir(Path(override))
    # Imported here so `counsel --help` does not pay for it.
    import platformdirs

    return private_dir(Path(platformdirs.user_data_dir("counsel", appauthor=False)))


def drafts_dir() -> Path:
    """The folder holding one JSON file per draft (0700)."""
    return private_dir(data_dir() / "drafts")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _json_safe(value: Any) -> Any:
    """Answers as JSON: dates as ISO text, money as its decimal string, lists and rows kept."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        # Money must never travel as a float; keep the text the user would have typed.
        return repr(value)
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    raise TypeError(f"draft answers: a value of type {type(value).__name__} cannot be saved")


@dataclass(frozen=True)
class Draft:
    """An interview in progress: the raw answers the user confirmed, and where they were."""

    id: str
    """File stem, `<interview>-<UTC timestamp>-<random>`; safe as a file name."""
    interview_id: str
    """The interview being answered (e.g. "lien")."""
    answers: Mapping[str, Any] = field(default_factory=dict)
    """Raw answers by question id (text as typed, booleans, lists of row tables)."""
    section: str = ""
    """The section the user was on, so a resumed draft opens there."""
    created: dt.datetime = field(default_factory=_now)
    """When the draft was started (UTC)."""
    updated: dt.datetime = field(default_factory=_now)
    """When an answer was last confirmed (UTC)."""
    asked: tuple[str, ...] = ()
    """Conversation steps the user confirmed, blank ones included (`obligor_ssn`,
    `children+2` for "no other child"), so a resumed conversation asks the same question."""
    view: str = ""
    """The view the draft was last open in: `conversation`, `form`, or "" (the default)."""

    def with_answer(self, question_id: str, value: Any) -> Draft:
        """A copy with one answer set (None removes it), stamped with the current time."""
        answers = dict(self.answers)
        if value is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
        return replace(self, answers=answers, updated=_now())

    def at_section(self, section: str) -> Draft:
        return replace(self, section=section)

    def with_asked(self, key: str, asked: bool = True) -> Draft:
        """A copy with a conversation step marked confirmed (or no longer confirmed)."""
        keys = [k for k in self.asked if k != key]
        if asked:
            keys.append(key)
        return replace(self, asked=tuple(keys))

    def in_view(self, view: str) -> Draft:
        return replace(self, view=view)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "id": self.id,
            "interview": self.interview_id,
            "section": self.section,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "answers": _json_safe(dict(self.answers)),
            "asked": list(self.asked),
            "view": self.view,
        }


@dataclass(frozen=True)
class DraftProblem:
    """A draft file that could not be read, and where it was moved so nothing is lost."""

    path: Path
    """The file as it was found."""
    moved_to: Path
    """Where it now is (same folder, `.unreadable-<timestamp>` appended)."""
    reason: str
    """Why it could not be read (never its contents)."""
    restored_previous: bool = False
    """True when the kept previous version was readable and now stands in for it."""

    def message(self) -> str:
        tail = " The previous version was restored." if self.restored_previous else ""
        return (
            f"Draft {self.path} could not be read ({self.reason}); moved to {self.moved_to}.{tail}"
        )


@dataclass(frozen=True)
class DraftListing:
    """Every readable draft, newest first, and the problems met while reading the folder."""

    drafts: tuple[Draft, ...]
    problems: tuple[DraftProblem, ...]


class DraftError(UsageError):
    """A draft file is unreadable: corrupt JSON, a missing key, or a newer format."""


def new_draft(interview_id: str) -> Draft:
    if not _ID_RE.match(interview_id):
        raise UsageError(f"interview id: '{interview_id}' is not a valid interview id")
    now = _now()
    stamp = now.strftime("%Y%m%dt%H%M%S")
    return Draft(
        id=f"{interview_id}-{stamp}-{secrets.token_hex(3)}",
        interview_id=interview_id,
        created=now,
        updated=now,
    )


def _path(folder: Path, draft_id: str) -> Path:
    if not _ID_RE.match(draft_id):
        raise UsageError(f"draft id: '{draft_id}' is not a draft id (letters, digits, '-')")
    return folder / f"{draft_id}{SUFFIX}"


def save_draft(draft: Draft, folder: Path | None = None) -> Path:
    """Write the draft atomically (0600), keeping the version it replaces as NAME.json.prev.

    When this returns, the draft is on disk: a kill -9 at any later moment loses nothing.
    A kill before it returns leaves either the old file or the new one, never a mix.
    """
    folder = private_dir(folder) if folder is not None else drafts_dir()
    path = _path(folder, draft.id)
    data = json.dumps(draft.to_json(), indent=1, ensure_ascii=False, sort_keys=True)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    if old is not None:
        # Keep the previous version only when it is readable: never overwrite a good
        # .prev with the garbage of an unreadable current file.
        try:
            _parse(old, path)
        except DraftError:
            pass
        else:
            atomic_write(folder / f"{draft.id}{PREV_SUFFIX}", old)
    atomic_write(path, data.encode("utf-8"))
    return path


def _parse(raw: bytes, path: Path) -> Draft:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DraftError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        # The position only: the decoder's message never holds the file's contents.
        raise DraftError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict):
        raise DraftError(f"{path}: not a JSON object")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DraftError(f"{path}: missing key 'format'")
    if version > FORMAT_VERSION:
        raise DraftError(
            f"{path}: written by a newer version of counsel (format {version}, "
            f"this version reads {FORMAT_VERSION}); upgrade counsel to open it"
        )
    for key, kind in (
        ("id", str),
        ("interview", str),
        ("answers", dict),
        ("created", str),
        ("updated", str),
    ):
        if not isinstance(data.get(key), kind):
            raise DraftError(f"{path}: key '{key}' is missing or not a {kind.__name__}")
    try:
        created = dt.datetime.fromisoformat(data["created"])
        updated = dt.datetime.fromisoformat(data["updated"])
    except ValueError:
        raise DraftError(f"{path}: 'created' or 'updated' is not an ISO timestamp") from None
    if not _ID_RE.match(data["id"]):
        raise DraftError(f"{path}: 'id' is not a draft id")
    # Added in format 1 without a version change: older files have neither key.
    asked = data.get("asked", [])
    if not isinstance(asked, list) or not all(isinstance(k, str) for k in asked):
        raise DraftError(f"{path}: 'asked' is not a list of step names")
    view = data.get("view", "")
    if not isinstance(view, str):
        raise DraftError(f"{path}: 'view' is not text")
    return Draft(
        id=data["id"],
        interview_id=data["interview"],
        answers=data["answers"],
        section=str(data.get("section", "")),
        created=created,
        updated=updated,
        asked=tuple(asked),
        view=view,
    )


def _move_aside(path: Path) -> Path:
    stamp = _now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, target)
    return target


def _recover(path: Path, reason: str) -> tuple[Draft | None, DraftProblem]:
    """Move an unreadable draft aside; bring back its kept previous version if that reads."""
    moved = _move_aside(path)
    prev = path.with_name(path.name.removesuffix(SUFFIX) + PREV_SUFFIX)
    restored: Draft | None = None
    try:
        raw = prev.read_bytes()
        restored = _parse(raw, prev)
    except (FileNotFoundError, DraftError):
        restored = None
    else:
        atomic_write(path, raw)
    reason = reason.removeprefix(f"{path}: ")
    return restored, DraftProblem(path, moved, reason, restored_previous=restored is not None)


def _remove_stale_temps(folder: Path, older_than: float = 60.0) -> None:
    """Remove temp files a killed save left behind: the save never returned, so no answer
    in them was confirmed, and leaving them would leave private data lying about."""
    cutoff = dt.datetime.now().timestamp() - older_than
    for tmp in folder.glob(".*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


def load_draft(draft_id: str, folder: Path | None = None) -> Draft:
    """Read one draft; NotFoundError if there is none, DraftError if it cannot be read."""
    folder = folder if folder is not None else drafts_dir()
    path = _path(folder, draft_id)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"draft '{draft_id}': no such draft in {folder}") from None
    return _parse(raw, path)


def list_drafts(folder: Path | None = None) -> DraftListing:
    """Every draft in the folder, newest first; unreadable ones are moved aside and reported.

    Never raises for a bad file: the app shows the problems and carries on.
    """
    folder = private_dir(folder) if folder is not None else drafts_dir()
    drafts: list[Draft] = []
    problems: list[DraftProblem] = []
    _remove_stale_temps(folder)
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue
        try:
            drafts.append(_parse(path.read_bytes(), path))
        except DraftError as exc:
            draft, problem = _recover(path, str(exc))
            problems.append(problem)
            if draft is not None:
                drafts.append(draft)
        except OSError as exc:
            problems.append(DraftProblem(path, path, f"cannot be read: {exc.strerror}"))
    drafts.sort(key=lambda d: d.updated, reverse=True)
    return DraftListing(tuple(drafts), tuple(problems))


def archive_draft(draft_id: str, folder: Path | None = None) -> Path:
    """Move a finished or abandoned draft into `done/` (kept, not deleted); returns its path."""
    folder = folder if folder is not None else drafts_dir()
    path = _path(folder, draft_id)
    done = private_dir(folder / "done")
    target = done / path.name
    os.replace(path, target)
    prev = folder / f"{draft_id}{PREV_SUFFIX}"
    if prev.exists():
        os.replace(prev, done / prev.name)
    return target
