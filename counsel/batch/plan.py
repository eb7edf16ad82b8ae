"""Pass 1 of a batch: every row checked before anything renders; the rows to render planned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from counsel.batch.manifest import ManifestEntry, entry_intact
from counsel.batch.naming import collision_key, output_stem
from counsel.batch.options import BatchOptions
from counsel.batch.report import RowError
from counsel.batch.sheet import Sheet
from counsel.batch.worker import WorkerConfig, check_row

if TYPE_CHECKING:
    from counsel.interviewer import Interview
    from counsel.office import Office


@dataclass(frozen=True)
class Planned:
    """A row that passed the check pass: its file-name stem (never its answers)."""

    stem: str


def check_pass(
    options: BatchOptions,
    config: WorkerConfig,
    sheet: Sheet,
    interview: Interview,
    office: Office,
    done_by_hash: dict[str, ManifestEntry],
    errors: list[RowError],
    rejected_rows: set[int],
) -> tuple[dict[int, Planned], int, int]:
    """Pass 1: every row is checked before anything renders. Returns the rows to render
    (a file-name stem each, never the answers: a long sheet does not fill memory), the
    number of rows read and the number skipped as already done (--resume)."""
    plan: dict[int, Planned] = {}
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
        plan[row.number] = Planned(stem)
    return plan, rows, skipped
