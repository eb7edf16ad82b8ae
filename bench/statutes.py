"""Statute store benchmark: cold load in a fresh process, and citations resolved per second."""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNSEL = ROOT / ".venv" / "bin" / "counsel"

COLD_ONE = (
    "import time; t=time.perf_counter(); from counsel.law import get_store; "
    "get_store().section('305 ILCS 5/10-16.5'); print(time.perf_counter()-t)"
)
COLD_ALL = (
    "import time; t=time.perf_counter(); from counsel.law import get_store; "
    "s=get_store(); s.sections(); s.parameter_names(); print(time.perf_counter()-t)"
)

CITATIONS = [
    "305 ILCS 5/10-16.5",
    "305 ILCS 5/10-15.1(f)",
    "305 ILCS 5/10-11.1(b)(1)",
    "750 ILCS 24/15(b)(4)",
    "89 Ill. Adm. Code 160.70(g)(1)(A)",
    "Ill. S. Ct. R. 138(c)",
    "5 ILCS 70/1.11",
    "305 ILCS 5/10-10.4(c-10)",
]


def fresh(code: str, runs: int = 7) -> list[float]:
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        out.append(float(result.stdout.strip()))
    return out


def whole_command(runs: int = 7) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [str(COUNSEL), "statutes", "show", "305 ILCS 5/10-16.5"],
            capture_output=True,
            check=True,
        )
        out.append(time.perf_counter() - t)
    return out


def resolve_rate(seconds: float = 2.0) -> float:
    from counsel.law import get_store

    store = get_store()
    on = dt.date(2024, 1, 1)
    for c in CITATIONS:  # warm the cache: steady state is what a batch render sees
        store.cite(c, on)
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for c in CITATIONS:
            store.cite(c, on)
        n += len(CITATIONS)
    return n / (time.perf_counter() - start)


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f})"


def main() -> None:
    print(f"store load, one section, fresh process (import + parse): {ms(fresh(COLD_ONE))}")
    print(f"store load, every section + parameters, fresh process:   {ms(fresh(COLD_ALL))}")
    if COUNSEL.exists():
        print(f'`counsel statutes show "305 ILCS 5/10-16.5"` whole process: {ms(whole_command())}')
    print(f"citations resolved per second (warm store, with pinpoints): {resolve_rate():,.0f}")


if __name__ == "__main__":
    main()
