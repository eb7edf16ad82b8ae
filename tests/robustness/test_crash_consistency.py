"""Nothing lost: a failure injected at each step of a draft save, a document write and a
register insert leaves the previous state loadable (or the new one, complete), never a torn
file, a temp file or a half-recorded row."""

from __future__ import annotations

import os
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


class _Injected(Exception):
    """The failure injected into the register's k-th database step."""


def _fail_at(reg: Any, k: int) -> list[str]:
    """Make the register's k-th database step (each statement, then the COMMIT) raise; returns
    the steps taken. Hooks on the SQLAlchemy engine, so it works on either back end."""
    import sqlalchemy as sa

    steps: list[str] = []

    def step(name: str) -> None:
        steps.append(name)
        if len(steps) == k:
            raise _Injected(f"injected failure at step {k} ({name})")

    @sa.event.listens_for(reg.engine, "before_cursor_execute")
    def statement(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        step(sql.split("(")[0].strip()[:40])

    @sa.event.listens_for(reg.engine, "commit")
    def commit(conn: Any) -> None:
        step("COMMIT")

    return steps


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


def _consistent(target: str) -> int:
    """Rows in the register, after checking none is half-recorded."""
    import sqlalchemy as sa

    from counsel.register import Register

    with Register.open(target) as reg:
        entries = reg.list()
        for entry in entries:
            assert len(reg.get(entry.id).files) == 2, "an issue row without its files"
        with reg.engine.connect() as conn:
            orphans = conn.execute(
                sa.text(
                    "SELECT count(*) FROM issued_file WHERE issue_id NOT IN (SELECT id FROM issue)"
                )
            ).scalar_one()
            undocketed = conn.execute(
                sa.text(
                    "SELECT count(*) FROM issue WHERE id NOT IN (SELECT issue_id FROM deadline)"
                )
            ).scalar_one()
    assert orphans == 0
    assert undocketed == 0, "an issue row without its deadlines"
    return len(entries)


def test_register_insert_survives_a_failure_at_every_step(register_target: str) -> None:
    from counsel.register import Register

    with Register.open(register_target) as reg:
        _record(reg, 1)
    k = 0
    while True:
        k += 1
        with Register.open(register_target) as reg:
            steps = _fail_at(reg, k)
            try:
                _record(reg, k + 1)
                failed = False
            except Exception as exc:  # the injected failure, maybe wrapped by SQLAlchemy
                assert "injected failure" in repr(exc) or "injected failure" in repr(
                    exc.__cause__ or exc.__context__
                ), repr(exc)
                failed = True
        tally.fuzz()
        count = _consistent(register_target)
        if not failed:
            assert len(steps) < k
            assert count == 2
            break
        assert count == 1, f"step {k} ({steps[-1]}): a failed insert left a row"
    assert k >= 5  # BEGIN, INSERT issue, INSERT files, INSERT deadlines, COMMIT


def test_register_survives_a_kill_inside_a_transaction(register_target: str) -> None:
    """A process killed between INSERT and COMMIT loses only its own row."""
    from counsel.register import Register

    with Register.open(register_target) as reg:
        _record(reg, 1)
    script = f"""
import os, sys
import sqlalchemy as sa
sys.path.insert(0, {str(helpers.ROOT)!r})
from counsel.register import Register
from tests.robustness.test_crash_consistency import _record
reg = Register.open({register_target!r})
@sa.event.listens_for(reg.engine, "commit")
def die(conn):
    os._exit(9)
_record(reg, 2)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    tally.fuzz()
    assert _consistent(register_target) == 1
    with Register.open(register_target) as reg:
        _record(reg, 3)  # and the register still takes new rows
    assert _consistent(register_target) == 2
