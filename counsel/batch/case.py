"""The batch's calls into the interview engine and the renderer's set-up, kept in one place."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.batch.sheet import SheetError
from counsel.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from counsel.interviewer import Interview
    from counsel.office import Office
    from counsel.render.core import Renderer


def load(interview_id: str) -> Interview:
    from counsel.interviewer import load_interview

    try:
        return load_interview(interview_id)
    except NotFoundError as exc:
        raise UsageError(str(exc), what="interview") from None


def load_office(path: Path | None) -> Office:
    from counsel.office import load_office as _load

    return _load(path)


def office_from_text(text: str | None, pdf_variant: str | None = None) -> Office:
    """The office profile from its TOML text (already checked by the main process), with
    --pdf-variant over its own pdf_variant."""
    import dataclasses
    import tomllib

    from counsel.office import parse_office

    office = (
        load_office(None) if text is None else parse_office(tomllib.loads(text), "office profile")
    )
    return dataclasses.replace(office, pdf_variant=pdf_variant) if pdf_variant else office


def _list_patterns(interview: Any) -> list[re.Pattern[str]]:
    out = []
    for q in interview.questions:
        if q.type == "list":
            fields = "|".join(re.escape(f.id) for f in q.fields)
            out.append(re.compile(rf"{re.escape(q.item_prefix)}_([1-9]\d*)_({fields})"))
    return out


_ANSWER_ID_LIKE = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""What a header cell must look like to be quoted in an error (answer ids are snake_case)."""


def check_header(interview: Any, header: tuple[str, ...]) -> None:
    """Every column must be an answer id (or a numbered list column) of the interview.

    Answer ids of the other interviews are allowed (one case model: a county's sheet may
    carry them) and ignored. Anything else is refused before a row is read, since a
    misspelt column would otherwise lose its answers on every row.
    """
    from counsel.interviewer.loader import all_answer_ids
    from counsel.interviewer.rows import columns

    own = {q.id for q in interview.questions if q.type != "list"}
    lists = {q.id for q in interview.questions if q.type == "list"}
    shared = set(all_answer_ids()) - lists
    patterns = _list_patterns(interview)
    for number, name in enumerate(header, start=1):
        if name in own or name in shared or any(p.fullmatch(name) for p in patterns):
            continue
        close = difflib.get_close_matches(name, columns(interview), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        if close and _ANSWER_ID_LIKE.fullmatch(name):
            # A misspelt answer id: showing it is what helps.
            label = f"column {number} ('{name}')"
        else:
            # Likely a data row where the header should be (a sheet without a header row):
            # the cell may be an SSN or a name, so it is never repeated.
            label = f"column {number}"
            hint += "is the first row the header of answer ids? "
        raise SheetError(
            f"{label} is not an answer of the {interview.id} interview; {hint}"
            "start from a blank sheet of the interview",
            fix_with="blank-sheet",
        )


def validate(
    interview: Any, raw: Mapping[str, Any], office: Any
) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """Typed answers (None if any error) and the errors as (column, message).

    The engine reads numbered list columns itself; its messages never carry a value.
    """
    result = interview.validate(raw, office)
    errors = [(e.column, e.message) for e in result.errors]
    if errors:
        return None, errors
    return dict(result.answers), []


def eligibility_errors(
    interview: Any, answers: Mapping[str, Any], office: Any, on: dt.date
) -> list[tuple[str, str]]:
    """Rows the law says must not be rendered (a lien that may not be imposed), by column.

    The tests and their citations are counsel.rules.lien's; their refusals name the
    thresholds alone, so errors.csv never shows a value from the sheet.
    """
    from counsel.interviewer.findings import lien_refusals

    findings = interview.findings(answers, office, on)
    verdict = findings.get("lien_eligibility")
    if verdict is None or verdict.value is not False:
        return []
    out = lien_refusals(answers, on)
    if not out:
        out.append(("(row)", "no lien may be imposed on these answers; run `counsel check`"))
    return out


def make_renderer(formats: tuple[str, ...]) -> Renderer:
    """One Renderer per worker process, with the store and the writers loaded up front."""
    from counsel.render import Renderer

    renderer = Renderer()
    renderer.store.snapshot_hash()
    if "pdf" in formats:
        renderer.pdf_writer  # noqa: B018  (loads WeasyPrint, fonts and the stylesheet now)
    if "docx" in formats:
        renderer.docx_writer  # noqa: B018
    return renderer
