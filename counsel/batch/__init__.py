"""Batch rendering: a sheet of cases in; documents, errors.csv and a manifest out."""

from __future__ import annotations

from pathlib import Path

from counsel.batch.engine import BatchOptions, BatchSummary, run_batch
from counsel.batch.progress import make_progress

__all__ = ["BatchOptions", "BatchSummary", "make_progress", "run_batch", "write_blank_sheet"]


def write_blank_sheet(interview_id: str, path: Path) -> int:
    """Write an empty sheet for the interview (header + help row); returns the column count."""
    import counsel.batch.case as case
    from counsel.batch.blank_sheet import write_blank_sheet as _write

    return _write(case.load(interview_id), path)
