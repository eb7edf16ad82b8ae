"""The one road's cost: counsel.case.prepare per example (what the TUI may call as the user
types) and issue per format, median of N runs, warm (templates, store, fonts loaded).

Run by hand: `.venv/bin/python bench/case.py [RUNS]` (never a timed test).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn: Callable[..., object], runs: int, *args: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def _issue(prepared: Any, out: Path, fmt: str) -> None:
    from counsel import case

    case.issue(prepared, out, (fmt,), force=True, source=None, record=False)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    from counsel import case
    from counsel.interviewer import load_answers_file
    from counsel.office import load_office

    office = load_office(ROOT / "examples" / "office.toml")
    start = time.perf_counter()
    case.prepare(*load_answers_file(ROOT / "examples" / "track-judicial.toml"), office)
    cold = round((time.perf_counter() - start) * 1000, 1)
    report: dict[str, object] = {"cold_first_prepare_ms": cold, "runs": runs, "examples": {}}
    examples: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(sorted((ROOT / "examples").glob("*.toml"))):
            if path.name == "office.toml":
                continue
            interview_id, raw = load_answers_file(path)
            prepared = case.prepare(interview_id, raw, office)
            row: dict[str, object] = {
                "documents": len(prepared.documents),
                "prepare_ms": median_ms(case.prepare, runs, interview_id, raw, office),
            }
            for fmt in ("pdf", "docx"):
                out = Path(tmp) / f"{n}-{fmt}"
                row[f"issue_{fmt}_ms"] = median_ms(_issue, max(3, runs // 4), prepared, out, fmt)
            examples[path.stem] = row
    report["examples"] = examples
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
