"""Register and template-tool benchmark: rows/s for 1 and 2 concurrent writers, lint and impact.

Run by hand: `.venv/bin/python bench/register.py [ROWS]` (never a timed test).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from counsel.register import IssuedFile, Register
    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    answers = {"iv_d_case_number": "x", "past_due_amount": "1000.00", "children": []}
    with Register.open(path) as reg:
        for i in range(n):
            f = IssuedFile("doc", "doc.html", "t" * 64, "pdf", f"/out/{tag}/{i}.pdf", "h" * 64)
            reg.record(interview="lien", answers=answers, files=[f, f], statute_snapshot="s",
                       on=dt.date(2026, 1, 2), case_number=f"{tag}-{i}", source="batch")
    """
)


def writers(count: int, rows: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reg.sqlite3"
        subprocess.run([sys.executable, "-c", WRITER, str(path), "init", "0"], check=True)
        start = time.perf_counter()
        procs = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{k}", str(rows)])
            for k in range(count)
        ]
        for p in procs:
            assert p.wait() == 0
        seconds = time.perf_counter() - start
        from counsel.register import Register

        with Register.open(path) as reg:
            stored = reg.count()
    return seconds, stored


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    for count in (1, 2):
        seconds, stored = writers(count, rows)
        expected = count * rows
        print(
            f"register: {count} writer(s) x {rows} rows: {stored}/{expected} stored, "
            f"{seconds:.2f} s (incl. interpreter start), {stored / seconds:.0f} rows/s"
        )
    counsel = str(ROOT / ".venv" / "bin" / "counsel")
    print(f"templates lint (all): {timed([counsel, 'templates', 'lint']):.2f} s")
    print(f"statutes check: {timed([counsel, 'statutes', 'check']):.2f} s")
    print(
        "templates impact 10-16.5: "
        f"{timed([counsel, 'templates', 'impact', '305 ILCS 5/10-16.5']):.2f} s"
    )


if __name__ == "__main__":
    main()
