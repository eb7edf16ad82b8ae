"""Register benchmark: rows/s for 1, 2 and 8 writers on SQLite and PostgreSQL, the docket over
100,000 issued documents, and the template tools' timings.

    .venv/bin/python bench/register.py                      # the issue's figures
    .venv/bin/python bench/register.py --rows 100 --docs 10000 --writers 1,2

Writers are separate processes started together; each records ROWS register rows (two files
each, the deadlines of a lien notice computed and stored as `counsel render` would), and the
first writer on PostgreSQL also issues one real case (`counsel.case.issue`, DOCX) that is then
verified. After each run: every row present once (case numbers and uids unique), none
half-recorded. PostgreSQL runs in a throwaway server with its durability settings on (fsync,
synchronous_commit), as an office's would; SQLite with synchronous=FULL in WAL mode.

The docket figure fills a register with DOCS issued documents over five years (a county's
years) through the same rules and tables `Register.record` uses, in bulk, records events on
the older ones as a specialist would, then times `counsel docket` (a fresh process: start-up
included) listing the next 14 days, the whole register's and `--mine`: the documents are
issued by twelve specialists in turn (SQLite: twelve OS users, one of them the user running
the bench; PostgreSQL: twelve database roles, the bench logging in as one of them for
`--mine`), so one specialist's docket is a twelfth of the office's. Never a timed test: run
it by hand or from `make bench` (`--writers 0 --skip-tools`: the docket figures only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    sys.path.insert(0, sys.argv[4])
    from counsel.register import IssuedFile, Register
    target, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    answers = {"iv_d_case_number": "x", "lien_target": "account",
               "mailing_date": dt.date(2026, 11, 24), "past_due_amount": "1000.00"}
    reg = Register.open(target)
    real = None
    if len(sys.argv) > 5:  # one real case, issued and recorded as counsel render does
        from counsel import case
        from counsel.interviewer import load_answers_file
        from counsel.office import load_office
        from pathlib import Path
        office = load_office(Path(sys.argv[4]) / "examples" / "office.toml")
        iv, raw = load_answers_file(Path(sys.argv[4]) / "examples" / "lien-account.toml")
        issued = case.issue(case.prepare(iv, raw, office), Path(sys.argv[5]), ["docx"],
                            source="render", register=reg)
        real = issued.entry_id
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    start = time.perf_counter()
    for i in range(n):
        f = IssuedFile("notice-of-lien", "lien-notice.html", "t" * 64, "pdf",
                       f"/out/{tag}/{i}.pdf", "h" * 64)
        g = IssuedFile("notice-of-lien-to-obligor", "lien-notice-party.html", "t" * 64, "pdf",
                       f"/out/{tag}/{i}-o.pdf", "h" * 64)
        reg.record(interview="lien", answers=answers, files=[f, g], statute_snapshot="s" * 64,
                   on=dt.date(2026, 11, 23), case_number=f"{tag}-{i}", source="batch")
    print(time.perf_counter() - start, real, flush=True)
    reg.close()
    """
)


def run_writers(target: str, count: int, rows: int, real_dir: Path | None) -> dict[str, Any]:
    """`count` writer processes, started together; wall time from the start signal."""
    procs = []
    for k in range(count):
        argv = [sys.executable, "-c", WRITER, target, f"w{k}", str(rows), str(ROOT)]
        if real_dir is not None and k == 0:
            argv.append(str(real_dir))
        procs.append(
            subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        )
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate(timeout=3600)[0] for p in procs]
    seconds = time.perf_counter() - start
    assert all(p.returncode == 0 for p in procs), "a writer failed"
    real = [int(out.split()[1]) for out in outputs if out.split()[1] != "None"]
    return {"seconds": seconds, "real_entries": real}


def check(target: str, expected: set[str]) -> int:
    """Every row present once, none half-recorded; returns the row count."""
    import sqlalchemy as sa

    from counsel.register import Register

    with Register.open(target) as reg, reg.engine.connect() as conn:
        cases = [r[0] for r in conn.execute(sa.text("SELECT case_number FROM issue"))]
        synthetic = [c for c in cases if c in expected]
        assert sorted(synthetic) == sorted(expected), "a row was lost or doubled"
        assert len(set(synthetic)) == len(synthetic)
        bare = conn.execute(
            sa.text(
                "SELECT count(*) FROM issue i WHERE NOT EXISTS (SELECT 1 FROM issued_file f"
                " WHERE f.issue_id = i.id) OR NOT EXISTS (SELECT 1 FROM deadline d"
                " WHERE d.issue_id = i.id)"
            )
        ).scalar_one()
        assert bare == 0, "a half-recorded row"
        doubled = conn.execute(
            sa.text(
                "SELECT count(*) FROM (SELECT uid FROM issue WHERE uid IS NOT NULL"
                " GROUP BY uid HAVING count(*) > 1) d"
            )
        ).scalar_one()
        assert doubled == 0
    return len(cases)


def writers_bench(server: Any, counts: list[int], rows: int) -> list[dict[str, Any]]:
    from counsel.register import Register, verify_entry

    results = []
    for backend in ("sqlite", "postgresql"):
        for count in counts:
            with tempfile.TemporaryDirectory() as tmp:
                if backend == "sqlite":
                    target = str(Path(tmp) / "register.sqlite3")
                else:
                    target = server.url(server.create_database("bench"))
                Register.open(target).close()  # schema created before the clock starts
                real_dir = Path(tmp) / "out" if backend == "postgresql" else None
                run = run_writers(target, count, rows, real_dir)
                expected = {f"w{k}-{i}" for k in range(count) for i in range(rows)}
                stored = check(target, expected)
                verified = []
                with Register.open(target) as reg:
                    for entry_id in run["real_entries"]:
                        verified.append(verify_entry(reg.get(entry_id)).ok)
                result = {
                    "backend": backend,
                    "writers": count,
                    "rows": count * rows,
                    "stored": stored,
                    "seconds": round(run["seconds"], 2),
                    "rows_per_second": round(count * rows / run["seconds"]),
                    "verified_sample": verified,
                    "load_average_1min": round(os.getloadavg()[0], 2),
                }
                print(json.dumps(result), flush=True)
                results.append(result)
    return results


# -- the docket over a county's years ----------------------------------------------------------

KINDS = [
    # interview, documents, answers maker
    ("lien", ("notice-of-lien", "notice-of-lien-to-obligor"), "lien"),
    ("prior-period", ("administrative-order-for-support",), "order"),
    ("registration", ("notice-of-registration", "certificate-of-service"), "registration"),
    ("prior-period", ("order-for-support",), "judicial"),
]


def _answers(kind: str, day: dt.date, rnd: random.Random, n: int) -> dict[str, Any]:
    children = [
        {"birth_date": (day - dt.timedelta(days=rnd.randint(200, 6400))).isoformat()}
        for _ in range(rnd.randint(1, 3))
    ]
    answers: dict[str, Any] = {"iv_d_case_number": f"IVD-{n:06d}"}
    if kind == "lien":
        answers["lien_target"] = rnd.choice(["account", "real_estate", "lump_sum"])
        answers["mailing_date"] = (day + dt.timedelta(days=1)).isoformat()
    elif kind == "order":
        answers["order_mailing_date"] = (day + dt.timedelta(days=2)).isoformat()
        answers["children"] = children
    elif kind == "registration":
        answers["children"] = children
    else:
        answers["children"] = children
    return answers


SPECIALISTS = 12
"""Who issues the docket bench's documents, in turn; specialist 0 is the one asking (--mine)."""


def _issuer(n: int, postgres: bool) -> tuple[str, str]:
    """(OS user, database role) of the n-th document."""
    from counsel.register import current_user

    k = n % SPECIALISTS
    if postgres:
        return f"specialist{k}", f"specialist{k}"
    return (current_user() if k == 0 else f"specialist{k}"), ""


def insert_document(
    conn: Any,
    *,
    n: int,
    when: dt.datetime,
    interview: str,
    documents: tuple[str, ...],
    answers: dict[str, Any],
    case_number: str,
    user: str,
    role: str,
) -> int:
    """One issued document's register row and its file rows, in bulk (the columns
    `Register.record` writes, with placeholder hashes); returns the row's id."""
    import sqlalchemy as sa

    from counsel.register.schema import issue, issued_file

    issue_id: int = conn.execute(
        sa.insert(issue).values(
            issued_at=when,
            source="batch",
            interview=interview,
            case_number=case_number,
            user_name=user,
            document_date=when.date(),
            statute_snapshot="s" * 64,
            answers_hash="h" * 64,
            answers_json=json.dumps(answers, sort_keys=True),
            office_json="{}",
            db_role=role,
            host="bench",
            uid=f"bench-{n}",
        )
    ).inserted_primary_key[0]
    conn.execute(
        sa.insert(issued_file),
        [
            {
                "issue_id": issue_id,
                "position": i,
                "document": d,
                "template": "t.html",
                "template_hash": "t" * 64,
                "format": "pdf",
                "path": f"/out/{n}/{d}.pdf",
                "sha256": "f" * 64,
            }
            for i, d in enumerate(documents)
        ],
    )
    return issue_id


def fill(target: str, docs: int, today: dt.date, seed: int = 7) -> dict[str, Any]:
    """DOCS issued documents over the five years to `today`, in bulk through the same rules
    (`plan_rows`) and tables `Register.record` writes; events on most older documents."""
    import sqlalchemy as sa

    from counsel.register import Register
    from counsel.register.docket import insert_clocks, plan_rows, recompute
    from counsel.register.schema import event

    rnd = random.Random(seed)
    start = time.perf_counter()
    events = 0
    postgres = target.startswith("postgresql")
    with Register.open(target) as reg, reg.engine.begin() as conn:
        if postgres:
            # The owner fills in bulk for twelve roles: the trigger would stamp its own.
            conn.exec_driver_sql("ALTER TABLE issue DISABLE TRIGGER issue_stamp_role")
        for n in range(1, docs + 1):
            user, role = _issuer(n, postgres)
            day = today - dt.timedelta(days=rnd.randint(0, 5 * 365))
            interview, documents, kind = rnd.choice(KINDS)
            answers = _answers(kind, day, rnd, n)
            when = dt.datetime.combine(day, dt.time(15), dt.UTC)
            issue_id = insert_document(
                conn,
                n=n,
                when=when,
                interview=interview,
                documents=documents,
                answers=answers,
                case_number=answers["iv_d_case_number"],
                user=user,
                role=role,
            )
            planned = plan_rows(interview, documents, answers, answers["iv_d_case_number"], ())
            insert_clocks(conn, issue_id, 0, planned)
            # A specialist records what happened to most documents older than two months:
            # registrations served, liens surrendered or heard, orders mailed.
            if (today - day).days > 60 and rnd.random() < 0.9:
                what = {"lien": "hearing-requested", "order": "mailed"}.get(
                    kind, "served" if kind == "registration" else "order-entered"
                )
                conn.execute(
                    sa.insert(event).values(
                        uid=f"bench-e{n}",
                        issue_id=issue_id,
                        kind=what,
                        event_date=day + dt.timedelta(days=3),
                        recorded_at=when,
                        user_name="specialist",
                        db_role="",
                        host="bench",
                    )
                )
                recompute(conn, issue_id)
                events += 1
        if postgres:
            conn.exec_driver_sql("ALTER TABLE issue ENABLE TRIGGER issue_stamp_role")
    return {"docs": docs, "events": events, "fill_seconds": round(time.perf_counter() - start, 1)}


def time_docket(target: str, today: dt.date, repeat: int = 3, mine: bool = False) -> dict[str, Any]:
    counsel = str(ROOT / ".venv" / "bin" / "counsel")
    argv = [
        counsel,
        "--office",
        str(ROOT / "examples" / "office.toml"),
        "docket",
        "--register",
        target,
        "--as-of",
        today.isoformat(),
        *(["--mine"] if mine else []),
    ]
    import resource

    best = best_cpu = None
    items = 0
    for _ in range(repeat):
        # Wall time, and the process's CPU time (user + system): on a shared, loaded machine
        # the wall time is mostly waiting for a core; the CPU time is what the docket costs.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = seconds if best is None else min(best, seconds)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        # One line an item ("  Mon Dec 07, 2026  in 6 days ..."); its citations line is
        # indented further.
        lines = proc.stdout.splitlines()
        items = sum(1 for line in lines if line.startswith("  ") and line[2:3] != " ")
    # The query alone, in this process (no interpreter start-up, imports already done).
    from counsel.office import load_office
    from counsel.register import Register

    closures = load_office(ROOT / "examples" / "office.toml").closure_dates()
    with Register.open(target) as reg:
        reg.docket(today, closures=closures, mine=mine)
        start = time.perf_counter()
        reg.docket(today, closures=closures, mine=mine)
        query = time.perf_counter() - start
    return {
        "mine": mine,
        "cli_seconds_best": round(best or 0, 2),
        "cli_cpu_seconds_best": round(best_cpu or 0, 2),
        "query_seconds": round(query, 3),
        "items": items,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def docket_bench(server: Any, docs: int) -> list[dict[str, Any]]:
    today = dt.date(2026, 12, 1)
    results = []
    for backend in ("sqlite", "postgresql"):
        with tempfile.TemporaryDirectory() as tmp:
            name = ""
            if backend == "sqlite":
                target = str(Path(tmp) / "register.sqlite3")
            else:
                name = server.create_database("docket")
                target = server.url(name)
            filled = fill(target, docs, today)
            mine_target = target
            if name:
                server.execute("ANALYZE", dbname=name)
                mine_target = _login_role(server, name, "specialist0")
            for mine in (False, True):
                timed_ = time_docket(mine_target if mine else target, today, mine=mine)
                result = {"backend": backend, **filled, **timed_}
                print(json.dumps(result), flush=True)
                results.append(result)
    return results


def _login_role(server: Any, database: str, role: str) -> str:
    """A specialist's login role with the GRANTs `counsel register grants` prints; its URL."""
    from counsel.register.grants import grant_sql

    group = f"{database}_specialists"
    server.execute(f"CREATE ROLE {group} NOLOGIN")
    server.execute(f"CREATE ROLE {role} LOGIN IN ROLE {group}")
    server.execute(grant_sql(group, database), dbname=database)
    return str(server.url(database, role))


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500, help="rows per writer (default 500)")
    parser.add_argument("--writers", default="1,2,8", help="writer counts (default 1,2,8)")
    parser.add_argument("--docs", type=int, default=100_000, help="documents for the docket")
    parser.add_argument("--skip-tools", action="store_true", help="skip lint/impact timings")
    args = parser.parse_args()
    from tests.postgres import running_server

    counts = [int(c) for c in args.writers.split(",") if int(c) > 0]
    with running_server(durable=True) as server:
        writers_bench(server, counts, args.rows)
        if args.docs:
            docket_bench(server, args.docs)
    if not args.skip_tools:
        counsel = str(ROOT / ".venv" / "bin" / "counsel")
        print(f"templates lint (all): {timed([counsel, 'templates', 'lint']):.2f} s")
        print(f"statutes check: {timed([counsel, 'statutes', 'check']):.2f} s")
        impact = timed([counsel, "templates", "impact", "305 ILCS 5/10-16.5"])
        print(f"templates impact 10-16.5: {impact:.2f} s")


if __name__ == "__main__":
    main()
