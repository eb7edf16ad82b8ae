"""Schema versions: a register written by the first version is upgraded in place, losing nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from counsel.errors import UsageError
from counsel.register import Register, migrations

V1 = Path(__file__).resolve().parents[2] / "data" / "register" / "register-v1.sqlite3"


@pytest.fixture()
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old" / "register.sqlite3"
    path.parent.mkdir(mode=0o700)
    shutil.copyfile(V1, path)
    path.chmod(0o600)
    return path


def _raw_rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        issues = conn.execute(
            "SELECT id, issued_at, source, interview, case_number, user_name, document_date,"
            " statute_snapshot, answers_hash, answers_json, office_json FROM issue ORDER BY id"
        ).fetchall()
        files = conn.execute("SELECT * FROM issued_file ORDER BY issue_id, position").fetchall()
    return issues, files


def test_a_version_1_register_is_upgraded_in_place(v1_copy: Path) -> None:
    issues_before, files_before = _raw_rows(v1_copy)
    with sqlite3.connect(v1_copy) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone() == ("1",)
    with Register.open(v1_copy) as reg:
        assert reg.schema_version() == migrations.LATEST == 4
        entries = reg.list()
        # Every old row reads back through the new code, field for field.
        assert [e.id for e in entries] == [row[0] for row in issues_before]
        first = entries[0]
        assert first.issued_at == dt.datetime(2026, 3, 1, 15, 30, tzinfo=dt.UTC)
        assert first.user_name == "specialist1" and first.db_role == "" and first.host == ""
        assert first.document_date == dt.date(2026, 11, 23)
        assert [e.issued_at.day for e in reg.list(since=dt.date(2026, 3, 5))] == [5, 6]
        assert [e.id for e in reg.list(case="2026-F-000417")] == [5, 6]
        # The docket was computed for the old rows (backfill), e.g. the administrative
        # order's petition period and the account lien's 120 days.
        kinds = {e.id: sorted(c.kind for c in reg.clocks(e.id)) for e in entries}
        assert kinds[1] == ["petition", "relief", "termination"]
        assert kinds[2] == ["registration-contest", "termination"]
        assert kinds[3] == ["fi-lien-expiry", "lien-hearing"]
        assert kinds[4] == ["lien-hearing"]
        assert kinds[5] == ["termination", "termination"]
        assert kinds[6] == []
        # New rows go on after the old ones.
        new = reg.add_event(2, "hearing-requested", dt.date(2026, 12, 10))
        assert new.id == 1
    # Nothing old was changed: the same bytes in every column the first version wrote.
    assert _raw_rows(v1_copy) == (issues_before, files_before)
    assert stat.S_IMODE(v1_copy.stat().st_mode) == 0o600
    with sqlite3.connect(v1_copy) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone() == ("4",)
    # Opening again is a no-op (no second backfill, no error).
    with Register.open(v1_copy) as reg:
        assert sum(len(reg.clocks(e.id)) for e in reg.list()) == 10


def test_a_register_from_a_newer_counsel_is_refused(v1_copy: Path) -> None:
    with sqlite3.connect(v1_copy) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    newer = "written by a newer counsel .*version 99.*upgrade counsel"
    with pytest.raises(UsageError, match=newer):
        Register.open(v1_copy)


def test_a_failed_step_leaves_the_register_as_it_was(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issues_before, files_before = _raw_rows(v1_copy)

    def broken(conn: object) -> None:
        raise RuntimeError("a step that fails halfway")

    real = migrations.STEPS[3]

    def half(conn: object) -> None:
        real(conn)  # type: ignore[arg-type]
        broken(conn)

    monkeypatch.setitem(migrations.STEPS, 3, half)  # steps 2 and 3 run in one transaction
    with pytest.raises(RuntimeError):
        Register.open(v1_copy)
    with sqlite3.connect(v1_copy) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert conn.execute("SELECT value FROM meta").fetchone() == ("1",)
    assert "event" not in tables and "deadline" not in tables
    assert _raw_rows(v1_copy) == (issues_before, files_before)


def test_every_version_is_reached_from_an_empty_database(register_target: str) -> None:
    with Register.open(register_target) as reg:
        assert reg.schema_version() == migrations.LATEST
        assert reg.upgrade() == (migrations.LATEST, migrations.LATEST)
    assert sorted(migrations.STEPS) == list(range(1, migrations.LATEST + 1))


def test_register_upgrade_and_grants_commands(
    v1_copy: Path, pg_server: object, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.cli import main

    assert main(["register", "upgrade", "--register", str(v1_copy)]) == 0
    assert "upgraded from schema version 1 to 4" in capsys.readouterr().out
    assert main(["register", "upgrade", "--register", str(v1_copy)]) == 0
    assert "schema version 4 (already current)" in capsys.readouterr().out
    assert main(["register", "grants", "--register", str(v1_copy)]) == 2
    assert "grants are for a PostgreSQL register" in capsys.readouterr().err
    url = pg_server.url(pg_database)  # type: ignore[attr-defined]
    assert main(["register", "upgrade", "--register", url]) == 0
    assert "tables are created (schema version 4)" in capsys.readouterr().out
    assert main(["register", "grants", "--register", url, "--role", "clerks"]) == 0
    sql = capsys.readouterr().out
    assert f"GRANT CONNECT ON DATABASE {pg_database} TO clerks;" in sql
    assert "GRANT SELECT, INSERT ON issue, issued_file, event, deadline TO clerks;" in sql
    assert "UPDATE" not in sql and "DELETE" not in sql
    assert main(["register", "grants", "--register", url, "--role", "x; DROP TABLE issue"]) == 2
    assert "--role:" in capsys.readouterr().err
