"""The work of one row, run in a pool process or on a Dask worker: validate, then render."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import counsel.batch.case as case
from counsel.batch.cells import prepare_cells
from counsel.batch.naming import CASE_COLUMNS
from counsel.batch.report import RowError


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs to load once: small, picklable, hashable (the cache key)."""

    interview_id: str
    office_path: str | None
    """Path of the office profile; None for the bundled example office."""
    as_of: dt.date
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Checked:
    """A row after validation: typed answers, or the errors that keep it from rendering."""

    row: int
    answers: dict[str, Any] | None
    errors: tuple[RowError, ...]
    case_number: str = ""
    answers_hash: str = ""


@dataclass(frozen=True)
class RenderedFile:
    document: str
    format: str
    data: bytes


@dataclass(frozen=True)
class JobResult:
    """What a worker sends back: the documents' bytes (the main process writes them)."""

    row: int
    files: tuple[RenderedFile, ...]
    errors: tuple[RowError, ...]
    case_number: str = ""
    answers_hash: str = ""
    template_hash: str = ""
    statute_snapshot: str = ""


def answers_hash(interview_id: str, answers: dict[str, Any]) -> str:
    """sha256 of the typed answers in a canonical form (sorted keys, ISO dates, exact money)."""
    text = json.dumps(
        {"interview": interview_id, "answers": answers},
        sort_keys=True,
        default=str,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def case_number_of(answers: dict[str, Any]) -> str:
    for column in CASE_COLUMNS:
        value = answers.get(column)
        if value:
            return str(value).strip()
    return ""


def check_row(
    interview: Any, office: Any, interview_id: str, row: int, cells: dict[str, Any]
) -> Checked:
    """Validate one row with the interview's own validation, plus the sheet-only checks."""
    raw, problems = prepare_cells(cells)
    errors = [RowError(row, p.column, p.message) for p in problems]
    answers, field_errors = case.validate(interview, raw, office)
    known = {e.column for e in errors}
    for column, message in field_errors:
        if column not in known:  # a damaged cell was dropped: do not also call it missing
            errors.append(RowError(row, column, message))
    if errors or answers is None:
        return Checked(row, None, tuple(errors))
    number = case_number_of(answers)
    if not number:
        msg = "needs a case number: fill iv_d_case_number or court_case_number"
        return Checked(row, None, (RowError(row, CASE_COLUMNS[0], msg),))
    return Checked(row, answers, (), number, answers_hash(interview_id, answers))


@dataclass
class WorkerState:
    """Loaded once per process: the interview, the office profile and the renderer."""

    config: WorkerConfig
    interview: Any
    office: Any
    renderer: Any


@functools.cache
def worker_state(config: WorkerConfig) -> WorkerState:
    office_path = Path(config.office_path) if config.office_path else None
    interview = case.load(config.interview_id)
    office = case.load_office(office_path)
    renderer = case.make_renderer(config.interview_id, office, config.as_of)
    return WorkerState(config, interview, office, renderer)


def init_worker(config: WorkerConfig) -> None:
    """Pool initializer: load the store, interview and templates before the first row."""
    worker_state(config)


def render_row(config: WorkerConfig, row: int, cells: dict[str, Any]) -> JobResult:
    """Validate and render one row; problems come back as errors, never as exceptions."""
    state = worker_state(config)
    checked = check_row(state.interview, state.office, config.interview_id, row, cells)
    if checked.answers is None:
        return JobResult(row, (), checked.errors)
    try:
        out = case.render(state.renderer, checked.answers, config.formats)
    except case.RenderProblem as exc:
        errors = tuple(RowError(row, "(document)", p) for p in exc.problems)
        return JobResult(row, (), errors, checked.case_number, checked.answers_hash)
    files = tuple(RenderedFile(d, f, b) for d, f, b in out.files)
    return JobResult(
        row,
        files,
        (),
        checked.case_number,
        checked.answers_hash,
        out.template_hash,
        out.statute_snapshot,
    )
