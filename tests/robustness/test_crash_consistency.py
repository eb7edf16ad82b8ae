"""Nothing lost: a failure injected at each step of a draft save, a document write and a
register insert leaves the previous state loadable (or the new one, complete), never a torn
file, a temp file or a half-recorded row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from counsel import case
from tests.security import helpers, tally

# The os-level steps of an atomic write: create the temp file, set its mode, open it, flush
# it, rename it, flush the folder.
STEPS = ("open", "fchmod", "fdopen", "fsync", "replace", "unlink", "mkdir", "chmod")


class Injected(OSError):
    pass


@contextmanager
def fail_at(k: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make the k-th call (1-based) to any of STEPS (and tempfile.mkstemp) raise Injected;
    yields the list of calls made, for the caller to see whether step k was reached."""
    calls: list[str] = []

    def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if len(calls) == k:
                raise Injected(5, f"injected failure at step {k} ({name})")
            return real(*args, **kwargs)

        return step

    with monkeypatch.context() as m:
        for name in STEPS:
            m.setattr(os, name, wrap(name, getattr(os, name)))
        m.setattr(tempfile, "mkstemp", wrap("mkstemp", tempfile.mkstemp))
        yield calls


def _temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_draft_save_survives_a_failure_at_every_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counsel.drafts import list_drafts, load_draft, new_draft, save_draft

    folder = tmp_path / "drafts"
    old = (
        new_draft("lien")
        .with_answer("obligor_name", "Old Name")
        .with_answer("past_due_amount", "1000")
    )
    save_draft(old, folder)
    save_draft(old, folder)  # a .prev exists from here on
    k = 0
    outcomes = {"old": 0, "new": 0}
    while True:
        k += 1
        new = old.with_answer("obligor_name", f"New Name {k}")
        with fail_at(k, monkeypatch) as calls:
            try:
                save_draft(new, folder)
                failed = False
            except OSError:  # Injected, or the UsageError/OSError fsutil reports it as
                failed = True
        tally.fuzz()
        loaded = load_draft(old.id, folder)
        assert loaded.answers in (old.answers, new.answers)
        assert _temp_files(folder) == []
        assert list_drafts(folder).problems == ()
        if len(calls) < k:  # the whole save ran without reaching step k: every step was tried
            assert not failed and loaded.answers == new.answers
            break
        if not failed:  # the step's failure was absorbed (mkdir of an existing folder)
            assert loaded.answers == new.answers
        outcomes["old" if loaded.answers == old.answers else "new"] += 1
        save_draft(old, folder)  # back to the previous state for the next step
    assert outcomes["old"] >= 4 and k > 6, outcomes


@pytest.fixture(scope="module")
def two_versions() -> list[Any]:
    """One document built twice (different dates): two versions of the same files."""
    interview_id, raw = helpers.example("track-judicial")
    renderer = helpers.renderer()
    versions = []
    for day in (raw["document_date"], raw["document_date"].replace(day=24)):
        raw_day = {**raw, "document_date": day}
        versions.append(case.prepare(interview_id, raw_day, helpers.office(), renderer=renderer))
    return versions


def _write(prepared: Any, out: Path, force: bool = False) -> tuple[Path, ...]:
    """Issue the prepared documents as `counsel render --force` would (unrecorded)."""
    issued = case.issue(prepared, out, ("pdf", "docx"), force=force, source=None, record=False)
    return issued.paths


def test_document_write_survives_a_failure_at_every_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_versions: Any
) -> None:
    """Overwriting (--force) a rendered set: each file is always the old or the new version,
    whole; no temp file remains."""
    from counsel.render.core import Renderer

    versions = two_versions
    cache: dict[int, bytes] = {}

    def cached(kind: str) -> Callable[[Any, Any], bytes]:
        real = getattr(Renderer, kind)

        def get(self: Any, built: Any) -> bytes:
            key = hash((kind, built.provenance.digest))
            if key not in cache:
                cache[key] = real(self, built)
            return cache[key]

        return get

    monkeypatch.setattr(Renderer, "to_pdf", cached("to_pdf"))
    monkeypatch.setattr(Renderer, "to_docx", cached("to_docx"))
    out = tmp_path / "out"
    old_paths = _write(versions[0], out)
    old = {p.name: p.read_bytes() for p in old_paths}
    probe = tmp_path / "probe"
    new = {p.name: p.read_bytes() for p in _write(versions[1], probe)}
    assert all(old[n] != new[n] for n in old)
    k = 0
    while True:
        k += 1
        with fail_at(k, monkeypatch) as calls:
            try:
                _write(versions[1], out, force=True)
                failed = False
            except Injected:
                failed = True
        tally.fuzz()
        assert _temp_files(out) == []
        for name in old:
            data = (out / name).read_bytes()
            assert data in (old[name], new[name]), f"step {k}: {name} is torn"
        if len(calls) < k:  # every step was tried
            assert not failed
            assert all((out / n).read_bytes() == new[n] for n in new)
            break
        if not failed:
            assert all((out / n).read_bytes() == new[n] for n in new)
        _write(versions[0], out, force=True)
    assert k > 10
    # The files of the last state open in their readers.
    helpers.pdf_text(next(v for n, v in new.items() if n.endswith(".pdf")))
    helpers.docx_text(next(v for n, v in new.items() if n.endswith(".docx")))


class _FailingConnection:
    """A sqlite3 connection whose k-th execute/executemany raises a disk I/O error."""

    def __init__(self, conn: sqlite3.Connection, k: int) -> None:
        self._conn = conn
        self._k = k
        self.calls = 0

    def _step(self) -> None:
        self.calls += 1
        if self.calls == self._k:
            raise sqlite3.OperationalError("disk I/O error (injected)")

    def execute(self, *args: Any) -> Any:
        self._step()
        return self._conn.execute(*args)

    def executemany(self, *args: Any) -> Any:
        self._step()
        return self._conn.executemany(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _record(reg: Any, n: int) -> int:
    from counsel.register import IssuedFile

    interview_id, raw = helpers.example("track-judicial")
    files = [
        IssuedFile(
            document="case-assessment",
            template="track-memo.html",
            template_hash="t" * 64,
            format=fmt,
            path=f"/nonexistent/case-{n}.{fmt}",
            sha256=str(n) * 64,
        )
        for fmt in ("pdf", "docx")
    ]
    result: int = reg.record(
        interview=interview_id,
        answers=helpers.typed(interview_id, raw),
        files=files,
        statute_snapshot="s" * 64,
        on=raw["document_date"],
        case_number=f"CASE-{n}",
    )
    return result


def _consistent(path: Path) -> int:
    """Rows in the register, after checking none is half-recorded."""
    from counsel.register import Register

    with Register.open(path) as reg:
        entries = reg.list()
        for entry in entries:
            assert len(reg.get(entry.id).files) == 2, "an issue row without its files"
    with sqlite3.connect(path) as conn:
        orphans = conn.execute(
            "SELECT count(*) FROM issued_file WHERE issue_id NOT IN (SELECT id FROM issue)"
        ).fetchone()[0]
    assert orphans == 0
    return len(entries)


def test_register_insert_survives_a_failure_at_every_step(tmp_path: Path) -> None:
    from counsel.register import Register

    path = tmp_path / "register.sqlite3"
    with Register.open(path) as reg:
        _record(reg, 1)
    k = 0
    while True:
        k += 1
        reg = Register.open(path)
        proxy = _FailingConnection(reg._conn, k)
        reg._conn = proxy  # type: ignore[assignment]
        try:
            _record(reg, k + 1)
            failed = False
        except sqlite3.OperationalError:
            failed = True
        finally:
            proxy._conn.close()
        tally.fuzz()
        count = _consistent(path)
        if not failed:
            assert count == 2
            break
        assert count == 1, f"step {k}: a failed insert left a row"
    assert k >= 4  # BEGIN, INSERT issue, INSERT files, COMMIT


def test_register_survives_a_kill_inside_a_transaction(tmp_path: Path) -> None:
    """A process killed between INSERT and COMMIT loses only its own row."""
    from counsel.register import Register

    path = tmp_path / "register.sqlite3"
    with Register.open(path) as reg:
        _record(reg, 1)
    script = f"""
import os, sys
sys.path.insert(0, {str(helpers.ROOT)!r})
from counsel.register import Register
from tests.robustness.test_crash_consistency import _record
reg = Register.open({str(path)!r})
real = reg._conn
class Killer:
    def __getattr__(self, name):
        return getattr(real, name)
    def execute(self, sql, *args):
        if sql == "COMMIT":
            os._exit(9)
        return real.execute(sql, *args)
reg._conn = Killer()
_record(reg, 2)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    tally.fuzz()
    assert _consistent(path) == 1
    with Register.open(path) as reg:
        _record(reg, 3)  # and the register still takes new rows
    assert _consistent(path) == 2
