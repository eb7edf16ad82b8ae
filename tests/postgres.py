"""A throwaway PostgreSQL server for tests and benchmarks: its own folder, Unix socket only."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SUPERUSER = "counsel_admin"
"""The cluster's bootstrap superuser (initdb -U): the register's owner in the tests."""
PORT = 5432
"""Only names the socket file (.s.PGSQL.5432): the server listens on no TCP address."""
SERVER_USER = "postgres"
"""The system user the server runs as when the tests run as root (initdb refuses root)."""


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine: `make setup` installs them."""


def server_bindir() -> Path:
    """The folder holding initdb and postgres: Debian's newest /usr/lib/postgresql/N/bin,
    else wherever `initdb` is on PATH."""

    def major(p: Path) -> int:
        return int(p.parent.name) if p.parent.name.isdigit() else 0

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: -major(p.parent))
    if found:
        return found[0].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PostgresUnavailable(
        "no PostgreSQL server programs (initdb, postgres) found: run `make setup`, which "
        "installs the distribution's postgresql package"
    )


def _run_as() -> dict[str, Any]:
    """Popen arguments that drop root to the `postgres` system user; none when not root."""
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root, and there is no '{SERVER_USER}' system user to run the test "
            "server as: run `make setup` (the postgresql package creates it)"
        ) from None
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


class PostgresServer:
    """initdb + postgres in a temporary folder, stopped (and the folder removed) by `stop`.

    Unless `durable`, durability is switched off (fsync, full_page_writes, synchronous_commit):
    the data is thrown away, and it keeps CREATE DATABASE per test cheap. Authentication is
    `trust` on the socket, which only this folder's owner and root can reach.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        """Keep PostgreSQL's durability settings (fsync on): for benchmarks, not tests."""
        self.bindir = server_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="counsel-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "run"
        self.log = self.root / "server.log"
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> PostgresServer:
        run_as = _run_as()
        self.socket_dir.mkdir()
        if run_as:
            for path in (self.root, self.socket_dir):
                os.chown(path, run_as["user"], run_as["group"])
        os.chmod(self.root, 0o700)
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        env.pop("PGDATA", None)
        init = subprocess.run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            env=env,
            cwd=self.root,
            **run_as,
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.decode(errors='replace')[-2000:]}")
        self._launch()
        return self

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 60
        while True:
            try:
                with psycopg.connect(self.conninfo("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                assert self._proc is not None
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "the test PostgreSQL server did not start: "
                        + self.log.read_text(errors="replace")[-2000:]
                    ) from None
                time.sleep(0.1)

    def conninfo(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"host={self.socket_dir} port={PORT} dbname={dbname} user={user}"

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        """A `postgresql://` register URL (no password: the socket trusts its users)."""
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def execute(self, sql: str, dbname: str = "postgres", user: str = SUPERUSER) -> None:
        import psycopg

        with psycopg.connect(self.conninfo(dbname, user), autocommit=True) as conn:
            conn.execute(sql.encode())

    def create_database(self, prefix: str = "t") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError("database names are lower-case letters, digits and _")
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGINT)  # "fast" shutdown: roll back, then exit
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=30)
        self._proc = None
        shutil.rmtree(self.root, ignore_errors=True)

    def stop_keep_data(self) -> None:
        """Stop the server (every connection drops), keeping its data for `start_again`."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGINT)
        self._proc.wait(timeout=30)

    def start_again(self) -> None:
        self._launch()

    def restart(self) -> None:
        self.stop_keep_data()
        self.start_again()

    def _launch(self) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        settings = {"listen_addresses": "", "max_connections": "60"}
        if not self.durable:
            settings |= {"fsync": "off", "full_page_writes": "off", "synchronous_commit": "off"}
        argv = [str(self.bindir / "postgres"), "-D", str(self.data)]
        argv += ["-k", str(self.socket_dir), "-p", str(PORT)]
        for key, value in settings.items():
            argv += ["-c", f"{key}={value}"]
        with self.log.open("ab") as log:
            self._proc = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.root,
                start_new_session=True,  # a Ctrl+C in the terminal reaches pytest, not the server
                **_run_as(),
            )
        self._wait_ready()


@contextlib.contextmanager
def running_server(*, durable: bool = False) -> Iterator[PostgresServer]:
    server = PostgresServer(durable=durable)
    try:
        yield server.start()
    finally:
        server.stop()
