"""Run a batch: check every row, then render the good ones in parallel, with manifest and resume."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import counsel.batch.case as case
from counsel.batch.manifest import (
    MANIFEST_NAME,
    ManifestEntry,
    ManifestWriter,
    OutputFile,
    entry_intact,
    read_entries,
    read_manifest,
)
from counsel.batch.naming import collision_key, output_stem
from counsel.batch.progress import NoProgress, Progress
from counsel.batch.report import RowError, write_errors
from counsel.batch.sheet import Sheet, open_sheet
from counsel.batch.worker import (
    CLASH,
    REFUSED,
    JobResult,
    WorkerConfig,
    check_row,
    init_worker,
    render_row,
    warm,
)
from counsel.errors import CounselError, UsageError
from counsel.fsutil import private_dir

if TYPE_CHECKING:
    from counsel.case import RecordSink
    from counsel.office import Office

ERRORS_NAME = "errors.csv"
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BatchOptions:
    interview_id: str
    sheet: Path
    out_dir: Path
    formats: tuple[str, ...] = ("pdf",)
    jobs: int = 0
    """Worker processes; 0 means one per core; 1 renders in this process."""
    office: Path | None = None
    as_of: dt.date | None = None
    """The date the law is applied on; default each row's document_date (as `counsel
    render`); on --resume, the first run's setting."""
    resume: bool = False
    scheduler: str | None = None
    """Address of a Dask distributed scheduler; the work goes there instead of a local pool."""
    register: bool = True
    """Record each rendered row in the register of issued documents (source "batch")."""
    in_flight: int = 0
    """Most rows submitted and not yet written back; 0 means four per worker."""


@dataclass(frozen=True)
class BatchSummary:
    rows: int
    rendered: int
    rejected: int
    skipped: int
    documents: int
    seconds: float
    errors_path: Path
    manifest_path: Path
    rejected_rows: tuple[int, ...] = field(default=())

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "rendered": self.rendered,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 2),
            "errors": str(self.errors_path),
            "manifest": str(self.manifest_path),
            "rejected_rows": list(self.rejected_rows),
        }


@dataclass(frozen=True)
class _Planned:
    stem: str


class InlineExecutor(cf.Executor):
    """--jobs 1: run each row in this process as it is submitted (same loop, no pickling)."""

    def __init__(self, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        initializer(*initargs)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def settings_hash(config: WorkerConfig) -> str:
    office = (config.office_toml or "bundled example office").encode("utf-8")
    data = {
        "interview": config.interview_id,
        "as_of": config.as_of.isoformat() if config.as_of else "",
        "formats": sorted(config.formats),
        "office": hashlib.sha256(office).hexdigest(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# What a killed atomic write leaves behind: `.<name>.<mkstemp's 8 characters>.tmp`, for the
# kinds of file a batch writes (anything else in the folder is left alone).
_TEMP_FILE = re.compile(r"\..+\.(?:pdf|docx|provenance\.json|csv|jsonl)\.[a-z0-9_]{8}\.tmp")


def _remove_temp_files(out_dir: Path) -> None:
    """Remove half-written files of a killed batch: they are never documents."""
    for entry in os.scandir(out_dir):
        if _TEMP_FILE.fullmatch(entry.name) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def _prepare_out_dir(options: BatchOptions) -> dict[int, ManifestEntry]:
    out = options.out_dir
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} is a file; give a folder")
    manifest = out / MANIFEST_NAME
    if manifest.exists() and not options.resume:
        raise UsageError(
            f"--out: {out} holds an earlier batch ({MANIFEST_NAME}); pass --resume to finish "
            "it, or choose a new folder"
        )
    private_dir(out, what="--out")
    _remove_temp_files(out)
    return read_manifest(manifest) if options.resume else {}


def _resolve_as_of(options: BatchOptions, previous: dict[int, ManifestEntry]) -> dt.date | None:
    if options.as_of is not None or not previous:
        return options.as_of
    # --resume without --as-of finishes the batch as it was started.
    first = previous[min(previous)]
    if not first.as_of:
        return None
    try:
        return dt.date.fromisoformat(first.as_of)
    except ValueError:
        return None


def _make_executor(options: BatchOptions, config: WorkerConfig) -> tuple[cf.Executor, int, Any]:
    """The executor, its number of workers and anything to close after it."""
    if options.scheduler:
        try:
            import distributed
        except ImportError:
            raise UsageError(
                "--scheduler needs dask.distributed: pip install 'dask[distributed]'"
            ) from None
        try:
            client_class: Any = distributed.Client
            client = client_class(options.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"--scheduler: cannot reach {options.scheduler} ({exc.__class__.__name__}); "
                "check the address (tcp://host:8786) and that the scheduler is running"
            ) from None
        workers = max(1, sum(client.nthreads().values()))
        # pure=False: two rows with equal cells are still two jobs
        return client.get_executor(pure=False), workers, client
    # More workers than cores only adds start-up time and memory (~85 MB each); the pool
    # starts them on demand (spawn), so a short sheet never starts more than it has rows.
    jobs = min(options.jobs or _cores(), _cores())
    if jobs == 1:
        return InlineExecutor(init_worker, (config,)), 1, None
    import multiprocessing

    # spawn, not fork: the progress bar runs a thread, and forking a threaded process can
    # leave a lock held forever in the child.
    ctx = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=init_worker, initargs=(config,)
    )
    # The first submission starts every worker: they load WeasyPrint, the store and the
    # templates (a second or two each) while this process checks the rows.
    pool.submit(warm)
    return pool, jobs, None


def _shutdown(executor: cf.Executor, closer: Any) -> None:
    if isinstance(executor, cf.ProcessPoolExecutor):
        executor.shutdown(wait=True, cancel_futures=True)
    else:  # dask's ClientExecutor takes no cancel_futures
        executor.shutdown(wait=True)
    if closer is not None:
        closer.close()


def _cores() -> int:
    """Cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(options: BatchOptions, progress: Progress | None = None) -> BatchSummary:
    """Check every row, render the good ones, write errors.csv and the manifest."""
    progress = progress or NoProgress()
    t0 = time.monotonic()
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(f"--format: '{fmt}' is not one of pdf, docx, both")
    interview = case.load(options.interview_id)
    sheet = open_sheet(options.sheet)
    case.check_header(interview, sheet.header)
    # A bad profile is a usage error now, not one crash per worker later.
    office = case.load_office(options.office)
    previous = _prepare_out_dir(options)
    config = WorkerConfig(
        interview_id=options.interview_id,
        office_toml=options.office.read_text("utf-8") if options.office else None,
        as_of=_resolve_as_of(options, previous),
        formats=tuple(options.formats),
        # A local pool writes in the workers; Dask workers send the bytes back here.
        out_dir=None if options.scheduler else str(options.out_dir.resolve()),
        overwrite=options.resume,
    )
    settings = settings_hash(config)
    # By answers hash over every line, not by row: rows moved around the sheet still match.
    done_by_hash: dict[str, ManifestEntry] = {}
    if options.resume:
        for e in read_entries(options.out_dir / MANIFEST_NAME):
            if e.settings_hash == settings:
                done_by_hash[e.answers_hash] = e

    manifest_path = options.out_dir / MANIFEST_NAME
    errors_path = options.out_dir / ERRORS_NAME
    errors: list[RowError] = []
    rejected_rows: set[int] = set()
    executor, workers, closer = _make_executor(options, config)
    try:
        plan, rows, skipped = _check_pass(
            options, config, sheet, interview, office, done_by_hash, errors, rejected_rows
        )
    except BaseException:
        _shutdown(executor, closer)
        raise

    rendered = documents = 0
    progress.start(len(plan))
    try:
        if plan:
            with ManifestWriter(manifest_path) as writer, _register(options, office) as reg:
                for result in _render_all(options, executor, workers, config, sheet, plan):
                    planned = plan[result.row]
                    ok = _store(result, planned, options, config, settings, writer, reg, errors)
                    count = _documents(result) if ok else 0
                    if ok:
                        rendered += 1
                        documents += count
                    else:
                        rejected_rows.add(result.row)
                    progress.advance(count)
    except cf.BrokenExecutor:  # a dead pool process (BrokenProcessPool is one)
        raise CounselError(
            "a worker process died (out of memory, or killed); the rows rendered so far are "
            "in the manifest: run the same command with --resume to finish"
        ) from None
    finally:
        progress.stop()
        _shutdown(executor, closer)
        # Written even when the batch stops early, so the rows checked so far are reported.
        write_errors(errors_path, errors)
    return BatchSummary(
        rows=rows,
        rendered=rendered,
        rejected=len(rejected_rows),
        skipped=skipped,
        documents=documents,
        seconds=time.monotonic() - t0,
        errors_path=errors_path,
        manifest_path=manifest_path,
        rejected_rows=tuple(sorted(rejected_rows)),
    )


def _documents(result: JobResult) -> int:
    if result.issued is not None:
        return len(result.issued.files)
    return (
        sum(1 for f in result.outputs.files if f.format != "provenance.json")
        if result.outputs
        else 0
    )


def _check_pass(
    options: BatchOptions,
    config: WorkerConfig,
    sheet: Sheet,
    interview: Any,
    office: Any,
    done_by_hash: dict[str, ManifestEntry],
    errors: list[RowError],
    rejected_rows: set[int],
) -> tuple[dict[int, _Planned], int, int]:
    """Pass 1: every row is checked before anything renders. Returns the rows to render
    (a file-name stem each, never the answers: a long sheet does not fill memory), the
    number of rows read and the number skipped as already done (--resume)."""
    plan: dict[int, _Planned] = {}
    stems: dict[str, int] = {}
    rows = skipped = 0
    for row in sheet.rows():
        rows += 1
        if row.extra:
            errors.append(
                RowError(
                    row.number,
                    "(row)",
                    f"has {row.extra} filled cell(s) right of the last header column; "
                    "give them a header or delete them",
                )
            )
            rejected_rows.add(row.number)
            continue
        checked = check_row(interview, office, config.as_of, row.number, row.cells)
        if checked.answers is None:
            errors.extend(checked.errors)
            rejected_rows.add(row.number)
            continue
        stem = output_stem(checked.case_number, row.number)
        key = collision_key(stem)
        if key in stems:
            errors.append(
                RowError(
                    row.number,
                    checked.case_column,
                    f"gives the same output file names as row {stems[key]} (same case "
                    "number once made file-safe); not rendered, so nothing is overwritten",
                )
            )
            rejected_rows.add(row.number)
            continue
        stems[key] = row.number
        entry = done_by_hash.get(checked.answers_hash)
        if entry is not None and entry_intact(entry, options.out_dir):
            skipped += 1
            continue
        plan[row.number] = _Planned(stem)
    return plan, rows, skipped


def _render_all(
    options: BatchOptions,
    executor: cf.Executor,
    workers: int,
    config: WorkerConfig,
    sheet: Sheet,
    plan: dict[int, _Planned],
) -> Iterator[JobResult]:
    """Rows stream in and results stream out; at most `in_flight` rows are out at once."""
    limit = options.in_flight or 4 * workers
    pending: set[cf.Future[JobResult]] = set()
    try:
        for row in sheet.rows():
            if row.number not in plan:
                continue
            stem = plan[row.number].stem
            pending.add(executor.submit(render_row, config, row.number, row.cells, stem))
            if len(pending) >= limit:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        while pending:
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        for future in pending:
            future.cancel()


def _store(
    result: JobResult,
    planned: _Planned,
    options: BatchOptions,
    config: WorkerConfig,
    settings: str,
    writer: ManifestWriter,
    register: RecordSink | None,
    errors: list[RowError],
) -> bool:
    """Write one row's documents (unless the worker did), record its register row, then its
    manifest line; False if rejected."""
    from counsel import case as road

    if result.errors:
        errors.extend(result.errors)
        return False
    issued = result.issued
    if issued is None:
        assert result.outputs is not None
        try:
            issued = road.write_outputs(
                result.outputs,
                options.out_dir,
                force=options.resume,
                source="batch",
                record=False,
            )
        except road.OutputExists:
            errors.append(RowError(result.row, "(document)", REFUSED))
            return False
        except road.OutputClash:
            errors.append(RowError(result.row, "(document)", CLASH))
            return False
    # Register before manifest: a kill between the two re-renders the row on --resume, and
    # the resumed row finds its own register row (same files, same hashes) instead of adding
    # a second one (`once`).
    if register is not None and issued.row is not None:
        road.record_row(register, issued.row, once=options.resume)
    # Every file the row wrote, its provenance sidecars too: --resume redoes a row whose
    # sidecar is damaged, and nothing in DIR is unlisted.
    outputs = tuple(
        OutputFile(f.name, f.document, f.format, f.sha256, f.template, f.template_hash)
        for f in issued.written
    )
    template_hashes = sorted({f.template_hash for f in outputs})
    template_hash = (
        template_hashes[0]
        if len(template_hashes) == 1
        else hashlib.sha256("\n".join(template_hashes).encode()).hexdigest()
    )
    writer.append(
        ManifestEntry(
            row=result.row,
            case_number=issued.case_id,
            files=outputs,
            template_hash=template_hash,
            statute_snapshot=issued.statute_snapshot,
            answers_hash=issued.answers_hash,
            settings_hash=settings,
            as_of=config.as_of.isoformat() if config.as_of else "",
        )
    )
    return True


@contextlib.contextmanager
def _register(options: BatchOptions, office: Office) -> Iterator[RecordSink | None]:
    """The register of issued documents, opened once for the batch (source "batch")."""
    if not options.register:
        yield None
        return
    from counsel.register import Register

    with Register.open(None, office=office) as reg:
        yield reg
