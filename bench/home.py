"""Home screen benchmark: what home and the interview screens read from a county's register.

    .venv/bin/python bench/home.py                    # 100,000 documents, both back ends
    .venv/bin/python bench/home.py --docs 10000 --backends sqlite

Fills a register (SQLite, and PostgreSQL in a throwaway server) with DOCS issued documents
over five years, about three a case (a county's years: the same case comes back for a lien,
then an order, then a registration), each with a full answers snapshot (both case numbers,
names, addresses, children, amounts: about 1 KB, as a real render stores), then times, in
this process, with the register library already loaded:

- `issued cases`: counsel.tui.offers.issued_cases, the list home reads in a worker thread
  every time it is shown (F5, back from an interview);
- `issued cases mine`: the same, "yours" (home's first view on a shared register), for a
  user who issued none of the documents (the issuer index's worst case);
- `case sources`: counsel.tui.offers.case_sources for one case number, what an interview
  reads to offer the answers the case already has (on opening it, and each time a case
  number is answered);
- `docket`: the docket panel's read (Register.docket, next 14 days);
- `home_ready`: the home screen at 80x24 (a Pilot, in this process) from the app's start
  until both reads are shown (HomeScreen.cases_loaded), and the longest the UI thread was busy
  meanwhile (a timer that should tick every 10 ms: what a keypress would wait).

Each is the best of REPEAT runs (a fresh Register each, as home opens one per read), with
the process's CPU time beside the wall time: on a shared, loaded machine the wall time is
mostly waiting for a core. Never a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 12, 1)
KINDS = [
    ("lien", ("lien-notice",)),
    ("prior-period", ("prior-period-administrative",)),
    ("registration", ("registration-notice",)),
    ("track", ("track-judicial",)),
]


def _answers(n_case: int, day: dt.date, rnd: random.Random) -> dict[str, Any]:
    children = [
        {
            "name": f"Child{n_case}-{k} Example",
            "birth_date": (day - dt.timedelta(days=rnd.randint(200, 6400))).isoformat(),
            "expected_graduation": "",
        }
        for k in range(rnd.randint(1, 3))
    ]
    return {
        "iv_d_case_number": f"IVD-{2020 + n_case % 7}-{n_case:06d}",
        "court_case_number": f"{2020 + n_case % 7}-F-{n_case:06d}",
        "county": "Sangamon",
        "document_date": day.isoformat(),
        "obligor_name": f"Obligor {n_case} Madeup",
        "obligor_address": f"{n_case} Illustration Street\nSpringfield, IL 62701",
        "obligee_name": f"Obligee {n_case} Placeholder",
        "obligee_address": f"PO Box {n_case}\nSpringfield, IL 62705",
        "children": children,
        "past_due_amount": f"{rnd.randint(100, 90000)}.00",
        "past_due_as_of": day.isoformat(),
        "guideline_monthly": f"{rnd.randint(100, 2000)}.00",
        "lien_target": rnd.choice(["account", "real_estate"]),
        "mailing_date": (day + dt.timedelta(days=1)).isoformat(),
        "family_violence": False,
        "track": "administrative",
    }


def fill(target: str, docs: int, seed: int = 11) -> dict[str, Any]:
    """DOCS documents over five years, about three a case, in bulk through the tables and the
    deadline rules `Register.record` uses; rows are named by counsel.case.case_identifier."""
    from bench.register import insert_document
    from counsel.case.identity import case_identifier
    from counsel.register import Register
    from counsel.register.docket import insert_clocks, plan_rows

    rnd = random.Random(seed)
    cases = max(1, docs // 3)
    days = sorted(TODAY - dt.timedelta(days=rnd.randint(0, 5 * 365)) for _ in range(docs))
    start = time.perf_counter()
    with Register.open(target) as reg, reg.engine.begin() as conn:
        for n, day in enumerate(days, 1):
            interview, documents = rnd.choice(KINDS)
            answers = _answers(rnd.randint(1, cases), day, rnd)
            number = case_identifier(answers)
            issue_id = insert_document(
                conn,
                n=n,
                when=dt.datetime.combine(day, dt.time(15), dt.UTC),
                interview=interview,
                documents=documents,
                answers=answers,
                case_number=number,
                user=f"specialist{n % 12}",
                role="",
            )
            insert_clocks(conn, issue_id, 0, plan_rows(interview, documents, answers, number, ()))
    return {"docs": docs, "cases": cases, "fill_seconds": round(time.perf_counter() - start, 1)}


def best(work: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(best wall seconds, best CPU seconds, the last result)."""
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        result = work()
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), min(cpus), result


def measure(target: str, repeat: int) -> dict[str, Any]:
    from counsel.office import load_office
    from counsel.register import Register
    from counsel.tui.offers import case_sources, issued_cases

    office = load_office(ROOT / "examples" / "office.toml")
    if target.startswith("postgresql"):
        office = dataclasses.replace(office, register_url=target, register_path="")
    else:
        office = dataclasses.replace(office, register_path=target, register_url="")
    with Register.open(target) as reg:  # loads the register library, as home's first read has
        reg.count()
        probe = reg.get(reg.count() // 2).answers
    closures = office.closure_dates()

    def docket() -> Any:
        with Register.open(target) as reg:
            return reg.docket(TODAY, closures=closures)

    def sources() -> Any:
        answers = {"court_case_number": probe["court_case_number"]}
        return case_sources(
            answers, draft_id="x", drafts_folder=None, office=office, title=lambda i: i
        )

    out: dict[str, Any] = {}
    for name, work in (
        ("issued_cases", lambda: issued_cases(office).cases),
        # Yours: the bench's documents are twelve other users' (the worst case, none found:
        # without the issuer index this read every row).
        ("issued_cases_mine", lambda: issued_cases(office, mine=True).cases),
        ("case_sources", sources),
        ("docket", docket),
    ):
        wall, cpu, result = best(work, repeat)
        out[name] = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "rows": len(result)}
    out["home_ready"] = home_ready(office, repeat)
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    return out


def home_ready(office: Any, repeat: int) -> dict[str, Any]:
    import asyncio

    from counsel.tui.app import CounselApp

    async def once() -> tuple[float, float]:
        app = CounselApp(office, drafts_folder=Path(tempfile.mkdtemp()), today=TODAY)
        gaps = [0.0]
        start = time.perf_counter()
        async with app.run_test(size=(80, 24)) as pilot:
            last = time.perf_counter()

            def tick() -> None:
                nonlocal last
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

            app.set_interval(0.01, tick)
            while not getattr(app.screen, "cases_loaded", False):
                await pilot.pause(0.005)
            ready = time.perf_counter() - start
        return ready, max(gaps)

    runs = [asyncio.run(once()) for _ in range(repeat)]
    return {
        "seconds": round(min(r[0] for r in runs), 3),
        "ui_busy_max_seconds": round(min(r[1] for r in runs), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="default both")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each read (best kept)")
    args = parser.parse_args()
    os.environ.setdefault("COUNSEL_DATA_DIR", tempfile.mkdtemp(prefix="counsel-bench-home-"))
    from tests.postgres import running_server

    backends = args.backends.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        server_cm = running_server(durable=True) if "postgresql" in backends else None
        server = server_cm.__enter__() if server_cm is not None else None
        try:
            for backend in backends:
                if backend == "sqlite":
                    target = str(Path(tmp) / "register.sqlite3")
                else:
                    assert server is not None
                    name = server.create_database("home")
                    target = server.url(name)
                filled = fill(target, args.docs)
                if backend == "postgresql":
                    assert server is not None
                    server.execute("ANALYZE", dbname=name)
                result = {"backend": backend, **filled, **measure(target, args.repeat)}
                print(json.dumps(result), flush=True)
        finally:
            if server_cm is not None:
                server_cm.__exit__(None, None, None)


if __name__ == "__main__":
    main()
