"""The work of one row, run in a pool process or on a Dask worker: check, prepare, issue."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import counsel.batch.case as case
from counsel.batch.cells import prepare_cells
from counsel.batch.naming import CASE_COLUMNS, output_file_stem, output_stem
from counsel.batch.report import RowError

if TYPE_CHECKING:
    from counsel.case import Issued, Outputs
    from counsel.interviewer import Interview
    from counsel.office import Office
    from counsel.render.core import Renderer


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
    """--resume: a file under the row's name that the manifest lists may be replaced, one
    holding exactly the row's bytes (written before a kill) is kept, any other is refused."""
    pdf_variant: str | None = None
    """--pdf-variant over the office profile's (None: the profile's)."""


@dataclass(frozen=True)
class Checked:
    """A row after validation: typed answers, or the errors that keep it from rendering."""

    row: int
    answers: dict[str, Any] | None
    errors: tuple[RowError, ...]
    case_number: str = ""
    case_column: str = ""
    answers_hash: str = ""
    raw: dict[str, Any] | None = None
    """The cells as the interview reads them (what `counsel.case.prepare` is given)."""


@dataclass(frozen=True)
class JobResult:
    """What a worker sends back: the issue as written, or its bytes for this process to write
    (a Dask worker), or the row's errors."""

    row: int
    errors: tuple[RowError, ...]
    issued: Issued | None = None
    """The files as the worker wrote them, and the register row to record."""
    outputs: Outputs | None = None
    """The files still in memory (a Dask worker): the main process writes them."""


def answers_hash(answers: dict[str, Any]) -> str:
    """The renderer's provenance hash of the typed answers (the register uses it too)."""
    from counsel.render.provenance import answers_hash as provenance_hash

    return provenance_hash(answers)


def check_row(
    interview: Interview, office: Office, as_of: dt.date | None, row: int, cells: dict[str, Any]
) -> Checked:
    """Validate one row with the interview's own validation, plus the sheet-only checks and
    the law's refusals (a lien that may not be imposed)."""
    from counsel.case import as_of_date, case_identifier, case_identifier_field

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
    refused = case.eligibility_errors(interview, answers, office, as_of_date(answers, as_of))
    if refused:
        return Checked(row, None, tuple(RowError(row, c, m) for c, m in refused))
    number, column = case_identifier(answers), case_identifier_field(answers)
    if not number:
        msg = "needs a case number: fill iv_d_case_number or court_case_number"
        return Checked(row, None, (RowError(row, column, msg),))
    return Checked(row, answers, (), number, column, answers_hash(answers), raw)


@dataclass
class WorkerState:
    """Loaded once per process: the interview, the office profile and the renderer."""

    config: WorkerConfig
    interview: Interview
    office: Office
    renderer: Renderer


@functools.cache
def worker_state(config: WorkerConfig) -> WorkerState:
    interview = case.load(config.interview_id)
    office = case.office_from_text(config.office_toml, config.pdf_variant)
    renderer = case.make_renderer(config.formats)
    return WorkerState(config, interview, office, renderer)


def warm() -> None:
    """A no-op job: submitting it makes the pool start its workers (and their initializer)."""


def init_worker(config: WorkerConfig, parent_pid: int | None = None) -> None:
    """Pool initializer: end with the batch (`parent_pid`), then load the store, interview
    and templates before the first row."""
    if parent_pid is not None:
        end_with_parent(parent_pid)
    worker_state(config)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.5


def end_with_parent(parent_pid: int) -> None:
    """Make this pool process end when the batch's main process does, however it ends.

    A kill -9 of the main process gives it no chance to stop its pool: the workers (about
    85 MB each) lived on under PID 1, and with them the resource tracker they keep open.
    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); a
    daemon thread also polls the parent id, which changes when the parent is gone, for
    other systems and for the moment before prctl took effect.
    """
    import os
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no libc to call: the poll below still works
            pass
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)  # no cleanup to run: the main process writes the manifest, not us

    threading.Thread(target=watch, name="counsel-parent-watch", daemon=True).start()


REFUSED = (
    "an output file of this row already exists in the output folder; not overwritten (move "
    "it away, or use a new folder)"
)
CLASH = "two documents of this row would share a file name"


def render_row(
    config: WorkerConfig,
    row: int,
    cells: dict[str, Any],
    stem: str,
    owned: frozenset[str] = frozenset(),
) -> JobResult:
    """Check, prepare and issue one row through counsel.case, as `counsel render` does (and
    write it, with `config.out_dir`; the register row is recorded by the main process).
    Problems come back as errors, never as exceptions. `stem` is the row's file-name prefix
    from the check pass; `owned`, on --resume, the files of this stem the manifest lists:
    the only ones it may write over."""
    from counsel import case as road
    from counsel.render.core import RenderError

    state = worker_state(config)
    checked = check_row(state.interview, state.office, config.as_of, row, cells)
    if checked.answers is None or checked.raw is None:
        return JobResult(row, checked.errors)
    if output_stem(checked.case_number, row) != stem:
        msg = "the sheet changed while the batch ran (another case number); run it again"
        return JobResult(row, (RowError(row, checked.case_column, msg),))
    file_stem = functools.partial(output_file_stem, stem)
    try:
        prepared = road.prepare(
            config.interview_id,
            checked.raw,
            state.office,
            config.as_of,
            renderer=state.renderer,
            interview=state.interview,
        )
        if config.out_dir is None:
            outputs = road.render_outputs(prepared, config.formats, file_stem=file_stem)
            return JobResult(row, (), outputs=outputs)
        issued = road.issue(
            prepared,
            Path(config.out_dir),
            config.formats,
            force=owned if config.overwrite else False,
            source="batch",
            record=False,  # one register connection, in the main process
            file_stem=file_stem,
        )
    except RenderError as exc:
        return JobResult(row, tuple(RowError(row, "(document)", p) for p in exc.problems))
    except road.NothingToIssue:
        msg = "the interview produced no document for these answers"
        return JobResult(row, (RowError(row, "(document)", msg),))
    except road.OutputExists:
        return JobResult(row, (RowError(row, "(document)", REFUSED),))
    except road.OutputClash:
        return JobResult(row, (RowError(row, "(document)", CLASH),))
    except Exception as exc:  # a bug must cost one row, not a 10,000-row batch
        # The class name only: an exception's text may quote the row's private data.
        msg = f"internal error ({exc.__class__.__name__}) while rendering; please report it"
        return JobResult(row, (RowError(row, "(document)", msg),))
    return JobResult(row, (), issued=issued)
