"""The interviews the UI offers, loaded once through counsel.interviewer (imported lazily)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

INTERVIEW_ORDER = ("track", "prior-period", "registration", "lien", "job-program")
"""The order the new-interview picker lists them in (the order of the legal spec)."""


@functools.cache
def interview(interview_id: str) -> Any:
    """The loaded Interview (counsel.interviewer.load_interview), cached for the session."""
    from counsel.interviewer import load_interview

    return load_interview(interview_id)


def interviews() -> list[tuple[str, str]]:
    """(id, title) of every interview, spec order first."""
    from counsel.interviewer import list_interviews

    ids = [str(i.id) for i in list_interviews()]
    ids.sort(key=lambda i: (INTERVIEW_ORDER.index(i) if i in INTERVIEW_ORDER else 99, i))
    return [(i, title(i)) for i in ids]


@functools.cache
def title(interview_id: str) -> str:
    """The interview's title, or its id if it cannot be read (a draft of a removed one).

    The home screen needs only titles, so it reads the `title` key of the interview's data
    file instead of loading the interview (compiling every show_if costs ~50 ms an
    interview, which put the first screen over its 1 s budget on a desk with drafts).
    """
    try:
        data = tomllib.loads(
            resources.files("counsel.interviews").joinpath(f"{interview_id}.toml").read_text()
        )
        if isinstance(data.get("title"), str):
            return str(data["title"])
    except (OSError, ValueError):
        pass
    try:
        return str(interview(interview_id).title)
    except Exception:  # the home screen lists drafts even when an interview is broken
        return interview_id
