"""What a batch is asked to do (BatchOptions) and what it did (BatchSummary)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMATS = ("pdf", "docx")
ERRORS_NAME = "errors.csv"


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
    pdf_variant: str | None = None
    """--pdf-variant: the PDF standard for every row, over the office profile's pdf_variant
    (set on the office, so each register row's snapshot keeps it)."""


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
