"""Run a batch: check every row, then render the good ones in parallel, with manifest and resume.

The parts: options.py (what was asked, what was done), folder.py (the output folder and
--resume), plan.py (the check pass), executors.py (where rows run), worker.py (one row:
counsel.case.prepare + issue), manifest.py, report.py (errors.csv).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import counsel.batch.case as case
from counsel.batch.executors import make_executor, shutdown
from counsel.batch.folder import prepare_out_dir, resolve_as_of, settings_hash
from counsel.batch.manifest import (
    MANIFEST_NAME,
    ManifestEntry,
    ManifestWriter,
    OutputFile,
    read_entries,
)
from counsel.batch.options import ERRORS_NAME, FORMATS, BatchOptions, BatchSummary
from counsel.batch.plan import Planned, check_pass
from counsel.batch.progress import NoProgress, Progress
from counsel.batch.report import RowError, write_errors
from counsel.batch.sheet import Sheet, open_sheet
from counsel.batch.worker import CLASH, REFUSED, JobResult, WorkerConfig, render_row
from counsel.errors import CounselError, UsageError

if TYPE_CHECKING:
    from counsel.case import RecordSink
    from counsel.office import Office

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]


def run_batch(options: BatchOptions, progress: Progress | None = None) -> BatchSummary:
    """Check every row, render the good ones, write errors.csv and the manifest."""
    with contextlib.ExitStack() as held:  # DIR's batch lock, from prepare_out_dir to the end
        return _run_batch(options, progress, held)


def _run_batch(
    options: BatchOptions, progress: Progress | None, held: contextlib.ExitStack
) -> BatchSummary:
    progress = progress or NoProgress()
    t0 = time.monotonic()
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(f"'{fmt}' is not one of pdf, docx, both", what="format")
    interview = case.load(options.interview_id)
    sheet = open_sheet(options.sheet)
    case.check_header(interview, sheet.header)
    # A bad profile is a usage error now, not one crash per worker later.
    office = case.load_office(options.office)
    previous = prepare_out_dir(options, held)
    config = WorkerConfig(
        interview_id=options.interview_id,
        office_toml=options.office.read_text("utf-8") if options.office else None,
        as_of=resolve_as_of(options, previous),
        formats=tuple(options.formats),
        # A local pool writes in the workers; Dask workers send the bytes back here.
        out_dir=None if options.scheduler else str(options.out_dir.resolve()),
        overwrite=options.resume,
        pdf_variant=options.pdf_variant,
    )
    settings = settings_hash(config)
    # By answers hash over every line, not by row: rows moved around the sheet still match.
    done_by_hash: dict[str, ManifestEntry] = {}
    # The files the manifest lists: the only ones --resume may write over (item 5 of issue
    # 16: a file the first run refused to touch stays untouched).
    owned: frozenset[str] = frozenset()
    if options.resume:
        entries = read_entries(options.out_dir / MANIFEST_NAME)
        owned = frozenset(f.name for e in entries for f in e.files)
        for e in entries:
            if e.settings_hash == settings:
                done_by_hash[e.answers_hash] = e

    manifest_path = options.out_dir / MANIFEST_NAME
    errors_path = options.out_dir / ERRORS_NAME
    errors: list[RowError] = []
    rejected_rows: set[int] = set()
    executor, workers, closer = make_executor(options, config)
    try:
        plan, rows, skipped = check_pass(
            options, config, sheet, interview, office, done_by_hash, errors, rejected_rows
        )
    except BaseException:
        shutdown(executor, closer)
        raise

    rendered = documents = 0
    progress.start(len(plan))
    try:
        if plan:
            with ManifestWriter(manifest_path) as writer, _register(options, office) as reg:
                rendering = _render_all(options, executor, workers, config, sheet, plan, owned)
                for result in rendering:
                    planned = plan[result.row]
                    ok = _store(
                        result, planned, options, config, settings, writer, reg, errors, owned
                    )
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
            "in the manifest: resume the batch to finish",
            fix_with="resume",
        ) from None
    finally:
        progress.stop()
        shutdown(executor, closer)
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


def owned_by(owned: frozenset[str], stem: str) -> frozenset[str]:
    """The manifest's files that a row with this file-name stem may replace."""
    return frozenset(name for name in owned if name.startswith(f"{stem}_"))


def _documents(result: JobResult) -> int:
    if result.issued is not None:
        return len(result.issued.files)
    return (
        sum(1 for f in result.outputs.files if f.format != "provenance.json")
        if result.outputs
        else 0
    )


def _render_all(
    options: BatchOptions,
    executor: cf.Executor,
    workers: int,
    config: WorkerConfig,
    sheet: Sheet,
    plan: dict[int, Planned],
    owned: frozenset[str] = frozenset(),
) -> Iterator[JobResult]:
    """Rows stream in and results stream out; at most `in_flight` rows are out at once."""
    limit = options.in_flight or 4 * workers
    pending: set[cf.Future[JobResult]] = set()
    try:
        for row in sheet.rows():
            if row.number not in plan:
                continue
            stem = plan[row.number].stem
            mine = owned_by(owned, stem)
            pending.add(executor.submit(render_row, config, row.number, row.cells, stem, mine))
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
    planned: Planned,
    options: BatchOptions,
    config: WorkerConfig,
    settings: str,
    writer: ManifestWriter,
    register: RecordSink | None,
    errors: list[RowError],
    owned: frozenset[str] = frozenset(),
) -> bool:
    """Write one row's documents (unless the worker did), record its register row, then its
    manifest line; False if rejected."""
    from counsel import case as road
    from counsel.register import RegisterUnavailable

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
                force=owned_by(owned, planned.stem) if options.resume else False,
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
        try:
            road.record_row(register, issued.row, once=options.resume)
        except RegisterUnavailable as exc:
            # The batch stops here: every earlier row is in the register and the manifest; this
            # row's files are on disk but in neither, so --resume renders it again (the same
            # bytes, kept as they are) and records it.
            raise RegisterUnavailable(
                f"{exc.reason}; the batch stopped at sheet row {result.row}: the rows before it "
                "are in the manifest and the register, and this row's files are written but not "
                "recorded. Once the register is reachable, resume the batch: it records this "
                "row and renders the rest",
                fix_with="resume",
            ) from None
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
