"""The register of issued documents: rows, filters, private files, concurrent writers."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from counsel.errors import NotFoundError, UsageError
from counsel.office import load_office
from counsel.register import (
    DATA_DIR_ENV,
    IssuedFile,
    Register,
    RegisterError,
    answers_hash,
    default_register_path,
    office_from_snapshot,
    office_snapshot,
)

ANSWERS = {
    "case_number": "2026-D-000123",
    "order_date": dt.date(2026, 3, 2),
    "monthly_support": Decimal("412.50"),
    "children": [{"name": "A. Child", "birth_date": dt.date(2016, 2, 29)}],
    "family_violence": False,
}


def _file(tmp: Path, name: str = "order.pdf") -> IssuedFile:
    return IssuedFile(
        document="administrative_order",
        template="administrative_order.html.j2",
        template_hash="t" * 64,
        format="pdf",
        path=str(tmp / name),
        sha256="f" * 64,
    )


def _record(reg: Register, tmp: Path, **kw: object) -> int:
    args: dict[str, object] = {
        "interview": "prior-period",
        "answers": ANSWERS,
        "files": [_file(tmp), _file(tmp, "order.docx")],
        "statute_snapshot": "s" * 64,
        "on": dt.date(2026, 3, 2),
        "case_number": "2026-D-000123",
        "source": "render",
        "office": load_office(None),
    }
    args.update(kw)
    return reg.record(**args)  # type: ignore[arg-type]


def test_record_then_get_round_trips_every_field(tmp_path: Path, register_target: str) -> None:
    with Register.open(register_target) as reg:
        rid = _record(reg, tmp_path, user_name="specialist1")
        entry = reg.get(rid)
    assert entry.id == rid
    assert entry.interview == "prior-period"
    assert entry.case_number == "2026-D-000123"
    assert entry.user_name == "specialist1"
    assert entry.document_date == dt.date(2026, 3, 2)
    assert entry.statute_snapshot == "s" * 64
    assert entry.answers_hash == answers_hash(ANSWERS)
    assert entry.issued_at.tzinfo is not None and entry.issued_at.utcoffset() == dt.timedelta(0)
    assert [f.path for f in entry.files] == [
        str(tmp_path / "order.pdf"),
        str(tmp_path / "order.docx"),
    ]
    # The snapshot keeps dates and money as text that the interview's validate() accepts.
    assert entry.answers["order_date"] == "2026-03-02"
    assert entry.answers["monthly_support"] == "412.50"
    assert entry.answers["children"][0]["birth_date"] == "2016-02-29"
    assert office_from_snapshot(entry.office) == load_office(None)


def test_user_name_defaults_to_the_session_user(tmp_path: Path, register_target: str) -> None:
    import getpass

    with Register.open(register_target) as reg:
        entry = reg.get(_record(reg, tmp_path))
    assert entry.user_name == getpass.getuser()


def test_answers_hash_is_canonical_and_sensitive() -> None:
    reordered = dict(reversed(list(ANSWERS.items())))
    assert answers_hash(reordered) == answers_hash(ANSWERS)
    changed = dict(ANSWERS, monthly_support=Decimal("412.51"))
    assert answers_hash(changed) != answers_hash(ANSWERS)


def test_list_filters_by_case_and_since(tmp_path: Path, register_target: str) -> None:
    with Register.open(register_target) as reg:
        a = _record(reg, tmp_path, issued_at=dt.datetime(2026, 1, 31, 23, 59, tzinfo=dt.UTC))
        b = _record(
            reg,
            tmp_path,
            case_number="2026-D-000999",
            issued_at=dt.datetime(2026, 2, 1, 0, 0, tzinfo=dt.UTC),
        )
        c = _record(reg, tmp_path, issued_at=dt.datetime(2026, 2, 2, 12, 0, tzinfo=dt.UTC))
        assert [e.id for e in reg.list()] == [a, b, c]
        assert [e.id for e in reg.list(case="2026-D-000123")] == [a, c]
        # since is inclusive of the whole day (UTC): the row at 00:00 on Feb 1 is in.
        assert [e.id for e in reg.list(since=dt.date(2026, 2, 1))] == [b, c]
        assert [e.id for e in reg.list(case="2026-D-000123", since=dt.date(2026, 2, 1))] == [c]
        assert reg.list(case="no-such-case") == []


def test_latest_gives_each_cases_newest_entry_newest_first(
    tmp_path: Path, register_target: str
) -> None:
    with Register.open(register_target) as reg:
        assert reg.latest(10) == []
        a1 = _record(reg, tmp_path, case_number="A")
        b1 = _record(reg, tmp_path, case_number="B")
        none1 = _record(reg, tmp_path, case_number="")
        a2 = _record(reg, tmp_path, case_number="A", interview="lien")
        none2 = _record(reg, tmp_path, case_number="")
        c1 = _record(reg, tmp_path, case_number="C")
        assert [e.id for e in reg.latest(10)] == [c1, none2, a2, none1, b1]
        assert reg.latest(10)[2].interview == "lien"  # the newer entry of case A, in full
        assert [f.path for f in reg.latest(10)[2].files] == [
            str(tmp_path / "order.pdf"),
            str(tmp_path / "order.docx"),
        ]
        assert [e.id for e in reg.latest(2)] == [c1, none2]
        assert a1 not in [e.id for e in reg.latest(10)]


def test_local_time_is_stored_as_utc(tmp_path: Path, register_target: str) -> None:
    chicago = dt.timezone(dt.timedelta(hours=-6))
    with Register.open(register_target) as reg:
        rid = _record(reg, tmp_path, issued_at=dt.datetime(2026, 1, 31, 20, 0, tzinfo=chicago))
        assert reg.get(rid).issued_at == dt.datetime(2026, 2, 1, 2, 0, tzinfo=dt.UTC)
        assert [e.id for e in reg.list(since=dt.date(2026, 2, 1))] == [rid]


def test_get_unknown_id_is_not_found(tmp_path: Path, register_target: str) -> None:
    with Register.open(register_target) as reg:
        with pytest.raises(NotFoundError, match="no entry with id 7"):
            reg.get(7)


def test_summary_leaves_out_the_private_answers(tmp_path: Path, register_target: str) -> None:
    with Register.open(register_target) as reg:
        summary = reg.get(_record(reg, tmp_path)).summary()
    assert "answers" not in summary
    assert "A. Child" not in repr(summary)


def test_default_location_is_private_and_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    assert default_register_path() == data / "register.sqlite3"
    with Register.open() as reg:
        _record(reg, tmp_path)
        assert reg.path is not None
        with sqlite3.connect(reg.path) as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        wal = Path(str(reg.path) + "-wal")
        assert wal.exists()
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert mode == "wal"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "register.sqlite3").stat().st_mode) == 0o600


def test_file_is_0600_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with Register.open(tmp_path / "new" / "reg.sqlite3") as reg:
            _record(reg, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new" / "reg.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_office_register_path_is_used(tmp_path: Path) -> None:
    office = load_office(None)
    shared = tmp_path / "shared" / "office-register.sqlite3"
    from dataclasses import replace

    office = replace(office, register_path=str(shared))
    assert default_register_path(office) == shared
    with Register.open(None, office=office) as reg:
        assert reg.path == shared


def test_a_folder_or_a_foreign_file_is_a_usage_error(tmp_path: Path) -> None:
    # The library says what is wrong; the CLI adds the flag (test_register_cli.py).
    with pytest.raises(RegisterError, match="^.* is a folder"):
        Register.open(tmp_path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    junk.chmod(0o600)  # a file others may read is refused before it is opened
    with pytest.raises(UsageError, match="is not a counsel register"):
        Register.open(junk)


def test_reopening_keeps_rows(tmp_path: Path, register_target: str) -> None:
    path = register_target
    with Register.open(path) as reg:
        first = _record(reg, tmp_path)
    with Register.open(path) as reg:
        second = _record(reg, tmp_path)
        assert [e.id for e in reg.list()] == [first, second]


def test_office_snapshot_round_trips_closures_and_review_date() -> None:
    office = load_office(None)
    assert office_from_snapshot(office_snapshot(office)) == office


WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from counsel.register import IssuedFile, Register
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    with Register.open(path) as reg:
        for i in range(n):
            f = IssuedFile("doc", "doc.html.j2", "t", "pdf", f"/out/{tag}/{i}.pdf", "h")
            reg.record(interview="lien", answers={"i": i}, files=[f, f],
                       statute_snapshot="s", on=dt.date(2026, 1, 2),
                       case_number=f"{tag}-{i}", source="batch")
    """
)


def _writers(target: str, tags: list[str], n: int) -> None:
    """Processes that each record `n` rows, started together (one line on stdin)."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, target, tag, str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err


def _no_row_lost_or_doubled(target: str, tags: list[str], n: int) -> None:
    with Register.open(target) as reg:
        entries = reg.list()
    cases = sorted(e.case_number for e in entries)
    assert cases == sorted(f"{tag}-{i}" for tag in tags for i in range(n))
    assert all(len(e.files) == 2 for e in entries)
    # Ids are unique and dense: no transaction was half applied.
    assert sorted(e.id for e in entries) == list(range(1, len(tags) * n + 1))


@pytest.mark.parametrize(("created", "n"), [(True, 150), (False, 40)])
def test_two_processes_writing_at_once_lose_no_row(tmp_path: Path, created: bool, n: int) -> None:
    # created=False: both processes also race to create the file, the WAL mode and the schema.
    path = str(tmp_path / "reg.sqlite3")
    if created:
        Register.open(path).close()
    _writers(path, ["a", "b"], n)
    _no_row_lost_or_doubled(path, ["a", "b"], n)


def test_eight_processes_on_postgresql_lose_no_row(pg_server: object, pg_database: str) -> None:
    """Eight writers on one PostgreSQL register, also racing to create its schema; the full
    8 x 500 with a verified sample is bench/register.py (notes/office.md has the figures)."""
    url = pg_server.url(pg_database)  # type: ignore[attr-defined]
    tags = [f"w{k}" for k in range(8)]
    _writers(url, tags, 25)
    _no_row_lost_or_doubled(url, tags, 25)


def test_a_path_that_cannot_be_created_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the register's folder should be", "utf-8")
    with pytest.raises(RegisterError, match="^cannot create"):
        Register.open(blocker / "sub" / "reg.sqlite3")
