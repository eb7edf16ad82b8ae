"""The register on PostgreSQL: no passwords in URLs, roles, append-only grants, lost connections."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from counsel.errors import UsageError
from counsel.register import IssuedFile, Register
from counsel.register.grants import grant_sql
from counsel.register.location import locate, postgres_location
from counsel.register.store import RegisterUnavailable
from tests.postgres import PostgresServer

ROOT = Path(__file__).resolve().parents[3]


def _file(n: int = 0) -> IssuedFile:
    return IssuedFile("lien-notice", "lien-notice.html", "t" * 64, "pdf", f"/o/{n}.pdf", "h" * 64)


def _record(reg: Register, n: int = 0, **kw: Any) -> int:
    args: dict[str, Any] = {
        "interview": "lien",
        "answers": {"iv_d_case_number": f"C-{n}", "mailing_date": dt.date(2026, 3, 2)},
        "files": [_file(n)],
        "statute_snapshot": "s" * 64,
        "on": dt.date(2026, 3, 2),
        "case_number": f"C-{n}",
    }
    args.update(kw)
    return reg.record(**args)


# -- the URL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://clerk:hunter2@db.example/counsel",
        "postgres://clerk:hunter2@db.example/counsel",
        "postgresql://db.example/counsel?password=hunter2",
        "postgresql://clerk:@db.example/counsel",
    ],
)
def test_a_password_in_the_url_is_refused_and_never_repeated(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        postgres_location(url)
    message = str(caught.value)
    assert "holds a password" in message
    assert "PGPASSWORD" in message and ".pgpass" in message and "service" in message
    assert "hunter2" not in message and "db.example" not in message


def test_a_profile_with_a_password_in_register_url_is_refused(tmp_path: Path) -> None:
    from counsel.office import load_office

    example = (ROOT / "examples" / "office.toml").read_text("utf-8")
    profile = tmp_path / "office.toml"

    def with_lines(*lines: str) -> Path:
        # Top-level keys go before the first table of the profile.
        profile.write_text("\n".join(lines) + "\n" + example, "utf-8")
        return profile

    url = "postgresql://clerk:hunter2@db.example/counsel"
    with pytest.raises(UsageError, match="register_url: the URL holds a password") as caught:
        load_office(with_lines(f'register_url = "{url}"'))
    assert "hunter2" not in str(caught.value)
    office = load_office(
        with_lines('register_url = "postgresql://db.example/counsel?sslmode=verify-full"')
    )
    location = locate(None, office)
    assert location.kind == "postgresql"
    assert location.url.startswith("postgresql+psycopg://db.example/counsel?")
    assert "sslmode=verify-full" in location.url and "connect_timeout=10" in location.url
    both = with_lines(
        'register_url = "postgresql://db.example/counsel"',
        'register_path = "/srv/register.sqlite3"',
    )
    with pytest.raises(UsageError, match="not both"):
        load_office(both)


def test_a_url_mangled_into_a_path_is_refused_not_made_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counsel.register import RegisterError

    monkeypatch.chdir(tmp_path)  # where a relative "postgresql:/..." file would be made
    with pytest.raises(RegisterError, match="given as a file path"):
        Register.open(Path("postgresql://clerk@/counsel?host=/run"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["mysql://db/counsel", "sqlite:///x.sqlite3"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(UsageError, match="only postgresql:// URLs"):
        locate(url)


def test_the_service_file_and_environment_give_the_connection(
    pg_server: PostgresServer, pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = tmp_path / "pg_service.conf"
    service.write_text(
        f"[counsel]\nhost={pg_server.socket_dir}\nport=5432\ndbname={pg_database}\n"
        "user=counsel_admin\n",
        "utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    with Register.open("postgresql:///?service=counsel") as reg:
        rid = _record(reg)
        assert reg.get(rid).db_role == "counsel_admin"


# -- who issued ------------------------------------------------------------------------------


def test_the_database_role_is_stamped_by_the_server(
    pg_server: PostgresServer, pg_database: str
) -> None:
    with Register.open(pg_server.url(pg_database)) as reg:
        rid = _record(reg, user_name="specialist1")
        entry = reg.get(rid)
    assert entry.user_name == "specialist1"
    assert entry.db_role == "counsel_admin"
    assert entry.host
    # A client writing another role's name directly still gets its own (the trigger wins).
    with psycopg.connect(pg_server.conninfo(pg_database), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO issue (issued_at, source, interview, case_number, user_name,"
            " document_date, statute_snapshot, answers_hash, answers_json, office_json, db_role)"
            " VALUES (now(), 'test', 'lien', 'X', 'x', '2026-01-01', 's', 'h', '{}', '{}',"
            " 'the_supervisor')"
        )
        assert conn.execute("SELECT db_role FROM issue WHERE case_number = 'X'").fetchone() == (
            "counsel_admin",
        )


# -- the grants: a specialist adds and reads, never rewrites -----------------------------------


@pytest.fixture()
def specialist(pg_server: PostgresServer, pg_database: str) -> str:
    """A login role in counsel_specialist, with exactly the GRANTs `grant_sql` prints."""
    with Register.open(pg_server.url(pg_database)) as reg:
        _record(reg, 1)  # the owner creates the tables (counsel register upgrade)
    role = f"alice_{pg_database[-6:]}"
    group = f"spec_{pg_database[-6:]}"
    pg_server.execute(f"CREATE ROLE {group} NOLOGIN")
    pg_server.execute(f"CREATE ROLE {role} LOGIN IN ROLE {group}")
    pg_server.execute(grant_sql(group, pg_database), dbname=pg_database)
    return role


def test_a_specialist_adds_and_reads_but_cannot_rewrite_or_delete(
    pg_server: PostgresServer, pg_database: str, specialist: str
) -> None:
    with Register.open(pg_server.url(pg_database, specialist)) as reg:
        rid = _record(reg, 2)
        event = reg.add_event(rid, "mailed", dt.date(2026, 3, 3))
        assert reg.get(rid).db_role == specialist
        assert event.db_role == specialist
        assert [e.id for e in reg.list()] == [1, rid]
        assert reg.docket(dt.date(2026, 3, 10), closures={})
    refused = [
        "UPDATE issue SET case_number = 'forged' WHERE id = 1",
        "UPDATE issued_file SET sha256 = 'forged'",
        "DELETE FROM issue WHERE id = 1",
        "DELETE FROM issued_file",
        "DELETE FROM event",
        "UPDATE deadline SET state = 'closed'",
        "DELETE FROM deadline",
        "TRUNCATE issue CASCADE",
        "UPDATE meta SET value = '1'",
        "INSERT INTO meta VALUES ('x', 'y')",
        "DROP TABLE event",
        "ALTER TABLE issue DISABLE TRIGGER issue_stamp_role",
    ]
    for sql in refused:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg_server.execute(sql, dbname=pg_database, user=specialist)
    with Register.open(pg_server.url(pg_database)) as reg:
        assert [e.case_number for e in reg.list()] == ["C-1", "C-2"]
        assert len(reg.events(rid)) == 1


def test_a_specialist_cannot_upgrade_and_is_told_who_can(
    pg_server: PostgresServer, pg_database: str
) -> None:
    role = f"bob_{pg_database[-6:]}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN")
    pg_server.execute(f"REVOKE CREATE ON SCHEMA public FROM {role}", dbname=pg_database)
    with pytest.raises(UsageError) as caught:
        Register.open(pg_server.url(pg_database, role))
    message = str(caught.value)
    assert "has no counsel tables yet" in message
    assert "counsel register upgrade" in message and "SECURITY.md" in message


# -- lost connections and killed writers ------------------------------------------------------


def test_a_connection_dropped_mid_transaction_leaves_no_half_row(
    pg_server: PostgresServer, pg_database: str
) -> None:
    """The server ends the session between the issue row and its files: the transaction is
    rolled back, the write is retried on a new connection, and the row exists exactly once."""
    with Register.open(pg_server.url(pg_database)) as reg:
        _record(reg, 1)
        killed: list[int] = []

        @sa.event.listens_for(reg.engine, "before_cursor_execute")
        def kill_once(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if statement.startswith("INSERT INTO issued_file") and not killed:
                pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
                killed.append(pid)
                pg_server.execute(f"SELECT pg_terminate_backend({pid})")

        rid = _record(reg, 2)
        assert killed
        entries = reg.list()
    assert [e.case_number for e in entries] == ["C-1", "C-2"]
    assert all(len(e.files) == 1 for e in entries)
    assert entries[-1].id == rid
    _assert_consistent(pg_server, pg_database)


def test_a_server_gone_for_good_is_a_clear_error_naming_the_written_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's server stops mid-issue (between the issue row and its deadlines): nothing
    half-recorded, exit 75, and the error lists the files written but not recorded."""
    import counsel.register.store as store
    from counsel import case
    from counsel.interviewer import load_answers_file
    from counsel.office import load_office
    from tests.postgres import PostgresServer as Server

    monkeypatch.setattr(store, "_RECONNECTS", 2)
    office = load_office(ROOT / "examples" / "office.toml")
    interview, raw = load_answers_file(ROOT / "examples" / "lien-real-estate.toml")
    prepared = case.prepare(interview, raw, office)
    server = Server().start()
    try:
        name = server.create_database()
        url = server.url(name)
        with Register.open(url) as reg:
            _record(reg, 1)

            @sa.event.listens_for(reg.engine, "before_cursor_execute")
            def stop_server(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
                if statement.startswith("INSERT INTO deadline"):  # after the issue row
                    server.stop_keep_data()

            with pytest.raises(RegisterUnavailable) as caught:
                case.issue(prepared, tmp_path / "out", ["docx"], source="render", register=reg)
        error = caught.value
        written = sorted((tmp_path / "out").iterdir())
        assert written and all(p.suffix in (".docx", ".json") for p in written)
        assert error.exit_code == 75
        assert sorted(Path(p) for p in error.written) == written
        message = str(error)
        assert "NOT in the register" in message and "--force" not in message
        assert error.fix_with == "force"  # the CLI names its option: "(--force)"
        assert all(str(p) in message for p in written)
        assert "Quinn" not in message and "Fictional" not in message  # no answers in it
        server.start_again()
        _assert_consistent(server, name)
        with psycopg.connect(server.conninfo(name)) as conn:
            assert conn.execute("SELECT count(*) FROM issue").fetchone() == (1,)
    finally:
        server.stop()


def _assert_consistent(server: PostgresServer, dbname: str) -> None:
    with psycopg.connect(server.conninfo(dbname)) as conn:
        bare = conn.execute(
            "SELECT count(*) FROM issue i WHERE NOT EXISTS"
            " (SELECT 1 FROM issued_file f WHERE f.issue_id = i.id)"
            " OR NOT EXISTS (SELECT 1 FROM deadline d WHERE d.issue_id = i.id)"
        ).fetchone()
        assert bare == (0,), "an issue row without its files or deadlines"
        doubled = conn.execute(
            "SELECT count(*) FROM (SELECT uid FROM issue WHERE uid IS NOT NULL"
            " GROUP BY uid HAVING count(*) > 1) d"
        ).fetchone()
        assert doubled == (0,)


KILLED_WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys
    import sqlalchemy as sa
    sys.path.insert(0, sys.argv[2])
    from counsel.register import Register
    from tests.unit.register.test_postgres import _record
    reg = Register.open(sys.argv[1])
    @sa.event.listens_for(reg.engine, "commit")
    def die(conn):
        os._exit(9)  # killed between the last INSERT and COMMIT
    _record(reg, 99)
    """
)


def test_a_writer_killed_mid_transaction_leaves_the_register_consistent(
    pg_server: PostgresServer, pg_database: str
) -> None:
    url = pg_server.url(pg_database)
    with Register.open(url) as reg:
        _record(reg, 1)
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, url, str(ROOT)], capture_output=True, timeout=60
    )
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    with Register.open(url) as reg:
        assert [e.case_number for e in reg.list()] == ["C-1"]
        _record(reg, 3)  # and the register still takes new rows
        assert [e.case_number for e in reg.list()] == ["C-1", "C-3"]
    _assert_consistent(pg_server, pg_database)


def test_concurrent_events_on_one_document_each_see_the_other(
    pg_server: PostgresServer, pg_database: str
) -> None:
    """Two specialists record events on one document at once: the last generation of its
    deadlines counts both events."""
    url = pg_server.url(pg_database)
    with Register.open(url) as reg:
        rid = _record(reg, 1, answers={"lien_target": "account", "iv_d_case_number": "C-1"})
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def add(kind: str) -> None:
        try:
            with Register.open(url) as r:
                barrier.wait()
                r.add_event(rid, kind, dt.date(2026, 3, 5))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(k,)) for k in ("mailed", "lien-surrendered")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Register.open(url) as reg:
        states = {row.kind: row.state for row in reg.clocks(rid)}
    # Mailing starts both clocks; the surrender ends them, whichever was recorded first.
    assert states == {"lien-hearing": "closed", "fi-lien-expiry": "closed"}
