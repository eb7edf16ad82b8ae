"""The work of one row, run in a pool process or on a Dask worker: validate, then render."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import counsel.batch.case as case
from counsel.batch.cells import prepare_cells
from counsel.batch.manifest import OutputFile
from counsel.batch.naming import CASE_COLUMNS, output_stem
from counsel.batch.output import OutputRefused, write_row_files
from counsel.batch.report import RowError


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs to load once: small, picklable, hashable (the cache key)."""

    interview_id: str
    office_toml: str | None
    """The office profile's text (sent along, so a Dask worker needs no copy of the file);
    None for the bundled example office."""
    as_of: dt.date | None
    """--as-of; None: each row's document_date, as `counsel render` does."""
    formats: tuple[str, ...]
    out_dir: str | None = None
    """Where the worker writes the files itself (a local pool: the fsyncs run in parallel);
    None: send the bytes back (a Dask worker may not see the folder)."""
    overwrite: bool = False
    """--resume: a file under the row's own name is this batch's and may be replaced."""


@dataclass(frozen=True)
class Checked:
    """A row after validation: typed answers, or the errors that keep it from rendering."""

    row: int
    answers: dict[str, Any] | None
    errors: tuple[RowError, ...]
    case_number: str = ""
    case_column: str = ""
    answers_hash: str = ""


@dataclass(frozen=True)
class JobResult:
    """What a worker sends back: the documents' bytes (the main process writes them)."""

    row: int
    errors: tuple[RowError, ...]
    files: tuple[case.RenderedDocument, ...] = ()
    answers: dict[str, Any] | None = None
    answers_hash: str = ""
    statute_snapshot: str = ""
    document_date: dt.date | None = None
    outputs: tuple[OutputFile, ...] = ()
    """The files as written by the worker (empty when `files` carries the bytes instead)."""


def answers_hash(answers: dict[str, Any]) -> str:
    """The renderer's provenance hash of the typed answers (the register uses it too)."""
    from counsel.render.provenance import answers_hash as provenance_hash

    return provenance_hash(answers)


def case_number_of(answers: dict[str, Any]) -> tuple[str, str]:
    """(case number, the column it came from): the IV-D number first, else the court's."""
    for column in CASE_COLUMNS:
        value = answers.get(column)
        if value:
            return str(value).strip(), column
    return "", CASE_COLUMNS[0]


def law_date(config_as_of: dt.date | None, answers: dict[str, Any]) -> dt.date:
    value = answers.get("document_date")
    if config_as_of is not None:
        return config_as_of
    return value if isinstance(value, dt.date) else dt.date.today()


def check_row(
    interview: Any, office: Any, as_of: dt.date | None, row: int, cells: dict[str, Any]
) -> Checked:
    """Validate one row with the interview's own validation, plus the sheet-only checks and
    the law's refusals (a lien that may not be imposed)."""
    raw, problems = prepare_cells(cells)
    errors = [RowError(row, p.column, p.message) for p in problems]
    answers, field_errors = case.validate(interview, raw, office)
    known = {e.column for e in errors}
    if known & set(CASE_COLUMNS):
        known |= set(CASE_COLUMNS)  # a damaged case number is not also a missing one
    for column, message in field_errors:
        if column not in known:  # a damaged cell was dropped: do not also call it missing
            errors.append(RowError(row, column, message))
    if errors or answers is None:
        return Checked(row, None, tuple(errors))
    refused = case.eligibility_errors(interview, answers, office, law_date(as_of, answers))
    if refused:
        return Checked(row, None, tuple(RowError(row, c, m) for c, m in refused))
    number, column = case_number_of(answers)
    if not number:
        msg = "needs a case number: fill iv_d_case_number or court_case_number"
        return Checked(row, None, (RowError(row, column, msg),))
    return Checked(row, answers, (), number, column, answers_hash(answers))


@dataclass
class WorkerState:
    """Loaded once per process: the interview, the office profile and the renderer."""

    config: WorkerConfig
    interview: Any
    office: Any
    renderer: Any


@functools.cache
def worker_state(config: WorkerConfig) -> WorkerState:
    interview = case.load(config.interview_id)
    office = case.office_from_text(config.office_toml)
    renderer = case.make_renderer(config.formats)
    return WorkerState(config, interview, office, renderer)


def warm() -> None:
    """A no-op job: submitting it makes the pool start its workers (and their initializer)."""


def init_worker(config: WorkerConfig) -> None:
    """Pool initializer: load the store, interview and templates before the first row."""
    worker_state(config)


def render_row(config: WorkerConfig, row: int, cells: dict[str, Any], stem: str) -> JobResult:
    """Validate and render one row (and write it, with `config.out_dir`); problems come back
    as errors, never as exceptions. `stem` is the row's file-name prefix from the check pass."""
    state = worker_state(config)
    checked = check_row(state.interview, state.office, config.as_of, row, cells)
    if checked.answers is None:
        return JobResult(row, checked.errors)
    if output_stem(checked.case_number, row) != stem:
        msg = "the sheet changed while the batch ran (another case number); run it again"
        return JobResult(row, (RowError(row, checked.case_column, msg),))
    try:
        out = case.render(
            state.renderer,
            config.interview_id,
            checked.answers,
            state.office,
            config.as_of,
            config.formats,
        )
    except case.RenderProblem as exc:
        return JobResult(row, tuple(RowError(row, "(document)", p) for p in exc.problems))
    except Exception as exc:  # a bug must cost one row, not a 10,000-row batch
        # The class name only: an exception's text may quote the row's private data.
        msg = f"internal error ({exc.__class__.__name__}) while rendering; please report it"
        return JobResult(row, (RowError(row, "(document)", msg),))
    files = out.files
    outputs: tuple[OutputFile, ...] = ()
    if config.out_dir is not None:
        try:
            outputs = write_row_files(Path(config.out_dir), stem, files, config.overwrite)
        except OutputRefused as exc:
            return JobResult(row, (RowError(row, "(document)", str(exc)),))
        files = ()
    return JobResult(
        row,
        (),
        files,
        checked.answers,
        checked.answers_hash,
        out.statute_snapshot,
        out.document_date,
        outputs,
    )
