"""The batch engine with a stand-in renderer: rejected rows, collisions, manifest, resume.

Rendering itself is tested against the real renderer in test_batch_render.py; here the
renderer is replaced so each test checks the bookkeeping alone, quickly.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import datetime as dt
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import counsel.batch.case as case
from counsel.batch import BatchOptions, run_batch
from counsel.batch.folder import LOCK_NAME
from counsel.batch.worker import worker_state
from counsel.errors import UsageError
from counsel.render.core import BuiltDocument, DocumentSpec
from counsel.render.provenance import Provenance, answers_hash
from tests.unit.batch.conftest import BAD_SHEET, lien_row

CALLS: list[str] = []


class _FakeStore:
    def snapshot_hash(self) -> str:
        return "s" * 64


class _FakeRenderer:
    """Stands in for counsel.render.core.Renderer behind counsel.case.prepare/issue: one
    document per row whose bytes name the format and the case."""

    store = _FakeStore()

    def build(
        self, interview_id: str, answers: Any, office: Any, on: dt.date, **_kw: Any
    ) -> list[BuiltDocument]:
        number = str(answers["iv_d_case_number"])
        CALLS.append(number)
        return [_built(interview_id, number, on, answers_hash(answers))]

    def to_pdf(self, built: BuiltDocument) -> bytes:
        return f"pdf:{built.model}".encode()

    def to_docx(self, built: BuiltDocument) -> bytes:
        return f"docx:{built.model}".encode()


def _built(interview_id: str, number: str, on: dt.date, a_hash: str) -> BuiltDocument:
    spec = DocumentSpec(interview_id, "lien-notice", "lien.html", "Notice", "notice-of-lien")
    prov = Provenance(
        document_id="notice-of-lien",
        interview_id=interview_id,
        template_id="lien.html",
        template_hash="t" * 64,
        statute_snapshot="s" * 64,
        answers_hash=a_hash,
        document_date=on.isoformat(),
    )
    return BuiltDocument(spec, number, prov, "notice-of-lien")  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def fake_renderer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(case, "make_renderer", lambda formats: _FakeRenderer())
    worker_state.cache_clear()
    CALLS.clear()
    yield
    worker_state.cache_clear()


def _options(sheet: Path, out: Path, **kw: Any) -> BatchOptions:
    return BatchOptions(interview_id="lien", sheet=sheet, out_dir=out, jobs=1, **kw)


def _errors(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "errors.csv").read_text("utf-8-sig"))))[1:]


def test_bad_rows_are_reported_exactly_and_good_rows_render(
    sheet: Callable[..., Path], tmp_path: Path
) -> None:
    path = sheet([r for r, _ in BAD_SHEET])
    out = tmp_path / "out"
    summary = run_batch(_options(path, out))
    expected = {i + 2: col for i, (_, col) in enumerate(BAD_SHEET) if col}
    rows = _errors(out)
    assert {int(r[0]): r[1] for r in rows} == expected
    assert len(rows) == len(expected)  # one error each, no echo of a dropped cell as missing
    assert summary.rejected == len(expected) and summary.rejected_rows == tuple(expected)
    assert summary.rendered == 4 and summary.exit_code == 1
    assert sorted(CALLS) == ["IVD-T-0001", "IVD-T-0002", "IVD-T-0003", "IVD-T-0008"]
    text = (out / "errors.csv").read_text("utf-8-sig")
    for row, _ in BAD_SHEET:  # no cell value reaches the report
        for column in ("obligor_name", "past_due_amount", "account_balance", "obligor_ssn"):
            if row[column] and len(row[column]) > 3:
                assert row[column] not in text
    assert "calc" not in text


def test_outputs_manifest_and_modes(sheet: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch(_options(sheet([lien_row(1), lien_row(2)]), out, formats=("pdf", "docx")))
    assert summary.exit_code == 0 and summary.documents == 4
    names = sorted(p.name for p in out.iterdir() if p.name != LOCK_NAME)
    assert names == [
        "IVD-T-0001_notice-of-lien.docx",
        "IVD-T-0001_notice-of-lien.pdf",
        "IVD-T-0001_notice-of-lien.provenance.json",
        "IVD-T-0002_notice-of-lien.docx",
        "IVD-T-0002_notice-of-lien.pdf",
        "IVD-T-0002_notice-of-lien.provenance.json",
        "errors.csv",
        "manifest.jsonl",
    ]
    # Each document has its provenance sidecar, as `counsel render` writes it, naming the
    # batch's file names with the sha256 of the bytes written.
    side = json.loads((out / "IVD-T-0001_notice-of-lien.provenance.json").read_text())
    assert side["files"] == {
        f"IVD-T-0001_notice-of-lien.{fmt}": hashlib.sha256(
            (out / f"IVD-T-0001_notice-of-lien.{fmt}").read_bytes()
        ).hexdigest()
        for fmt in ("pdf", "docx")
    }
    assert side["provenance"]["template_hash"] == "t" * 64
    assert os.stat(out).st_mode & 0o777 == 0o700
    for p in out.iterdir():
        assert os.stat(p).st_mode & 0o777 == 0o600, p.name
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert [x["row"] for x in sorted(lines, key=lambda x: x["row"])] == [2, 3]
    first = next(x for x in lines if x["row"] == 2)
    assert first["case_number"] == "IVD-T-0001"
    listed = {f["name"]: f["sha256"] for f in first["files"]}
    assert set(listed) == {n for n in names if n.startswith("IVD-T-0001")}  # sidecar too
    for name, sha in listed.items():
        assert sha == hashlib.sha256((out / name).read_bytes()).hexdigest()
    assert first["template_hash"] == "t" * 64 and first["statute_snapshot"] == "s" * 64
    assert len(first["answers_hash"]) == 64


def test_resume_skips_intact_rows_and_redoes_damaged_or_changed(
    sheet: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rows = [lien_row(n) for n in range(1, 5)]
    run_batch(_options(sheet(rows), out))
    assert len(CALLS) == 4
    CALLS.clear()
    (out / "IVD-T-0002_notice-of-lien.pdf").write_bytes(b"torn")  # damaged file
    (out / ".IVD-T-0003_notice-of-lien.pdf.x1y2z3w4.tmp").write_bytes(b"half")  # killed write
    rows[3] = lien_row(4, past_due_amount="2000.00")  # the paralegal fixed a cell
    summary = run_batch(_options(sheet(rows), out, resume=True))
    assert sorted(CALLS) == ["IVD-T-0002", "IVD-T-0004"]
    assert summary.skipped == 2 and summary.rendered == 2
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert (out / "IVD-T-0002_notice-of-lien.pdf").read_bytes() == b"pdf:IVD-T-0002"
    CALLS.clear()
    again = run_batch(_options(sheet(rows), out, resume=True))
    assert CALLS == [] and again.skipped == 4 and again.exit_code == 0


def test_fresh_batch_refuses_an_old_manifest_and_never_overwrites(
    sheet: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_batch(_options(sheet([lien_row(1)]), out))
    with pytest.raises(UsageError, match="resume that batch") as info:
        run_batch(_options(sheet([lien_row(1)]), out))
    assert (info.value.what, info.value.fix_with) == ("out", "resume")
    other = tmp_path / "other"
    other.mkdir()
    (other / "IVD-T-0001_notice-of-lien.pdf").write_bytes(b"someone else's")
    summary = run_batch(_options(sheet([lien_row(1), lien_row(2)]), other))
    assert summary.rejected_rows == (2,) and summary.rendered == 1
    assert (other / "IVD-T-0001_notice-of-lien.pdf").read_bytes() == b"someone else's"
    assert _errors(other)[0][:2] == ["2", "(document)"]


def test_names_that_collide_once_sanitized(sheet: Callable[..., Path], tmp_path: Path) -> None:
    rows = [lien_row(1, iv_d_case_number="IVD 77"), lien_row(2, iv_d_case_number="ivd/77")]
    summary = run_batch(_options(sheet(rows), tmp_path / "out"))
    assert summary.rendered == 1 and summary.rejected_rows == (3,)
    assert "same output file names as row 2" in _errors(tmp_path / "out")[0][2]


def test_unknown_column_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("iv_d_case_number,obligor_nmae\nX,Y\n", encoding="utf-8")
    with pytest.raises(UsageError, match="did you mean 'obligor_name'"):
        run_batch(_options(path, tmp_path / "out"))
    assert not (tmp_path / "out").exists()  # nothing created for a sheet that cannot run


def test_semicolon_sheet_and_as_of_recorded(sheet: Callable[..., Path], tmp_path: Path) -> None:
    path = sheet([lien_row(1)], delimiter=";")
    out = tmp_path / "out"
    run_batch(_options(path, out, as_of=dt.date(2026, 11, 23)))
    entry = json.loads((out / "manifest.jsonl").read_text())
    assert entry["as_of"] == "2026-11-23"


def _readme_bad_rows() -> dict[int, str]:
    """The table of deliberately bad rows in examples/README.md, section "Batch"."""
    text = (Path(__file__).resolve().parents[3] / "examples" / "README.md").read_text("utf-8")
    section = text[text.index("## Batch") :]
    out = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].isdigit():
            out[int(cells[0])] = cells[1].strip("`")
    return out


@pytest.mark.parametrize("name", ["liens.csv", "liens.xlsx"])
def test_example_sheets_reject_exactly_the_rows_the_readme_lists(tmp_path: Path, name: str) -> None:
    sheet = Path(__file__).resolve().parents[3] / "examples" / "batch" / name
    out = tmp_path / "out"
    summary = run_batch(_options(sheet, out))
    documented = _readme_bad_rows()
    assert len(documented) == 9
    assert {int(r[0]): r[1] for r in _errors(out)} == documented
    assert summary.rows == 56 and summary.rendered == 47 and summary.rejected == 9


def test_an_unexpected_renderer_failure_costs_one_row(
    sheet: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = _FakeRenderer.build

    def flaky(self: _FakeRenderer, interview_id: str, answers: Any, *rest: Any, **kw: Any) -> Any:
        if answers["iv_d_case_number"] == "IVD-T-0002":
            raise KeyError(answers["obligor_ssn"])  # a bug whose text holds private data
        return real_build(self, interview_id, answers, *rest, **kw)

    monkeypatch.setattr(_FakeRenderer, "build", flaky)
    out = tmp_path / "out"
    summary = run_batch(_options(sheet([lien_row(1), lien_row(2), lien_row(3)]), out))
    assert summary.rendered == 2 and summary.rejected_rows == (3,)
    (row,) = _errors(out)
    assert row[:2] == ["3", "(document)"] and "KeyError" in row[2]
    assert "900-00-0002" not in (out / "errors.csv").read_text("utf-8-sig")


class _SlowExecutor(cf.Executor):
    """Completes each job on a thread after a pause, counting jobs submitted but not yet
    collected by the batch: the most ever outstanding is what memory has to hold."""

    def __init__(self) -> None:
        self.outstanding = 0
        self.most = 0
        self._pool = cf.ThreadPoolExecutor(2)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)

        def run() -> Any:
            time.sleep(0.002)
            return fn(*args, **kwargs)

        future = self._pool.submit(run)
        future.add_done_callback(lambda _f: None)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_rows_in_flight_stay_bounded(
    sheet: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import counsel.batch.engine as engine

    slow = _SlowExecutor()
    real_store = engine._store

    def counting_store(*args: Any) -> bool:
        slow.outstanding -= 1
        return real_store(*args)

    monkeypatch.setattr(engine, "make_executor", lambda o, c: (slow, 2, None))
    monkeypatch.setattr(engine, "_store", counting_store)
    rows = [lien_row(n) for n in range(1, 31)]
    summary = run_batch(_options(sheet(rows), tmp_path / "out", in_flight=3))
    assert summary.rendered == 30
    assert slow.most == 3


def test_plain_progress_lines(tmp_path: Path) -> None:
    from counsel.batch.progress import PlainProgress, RichProgress, make_progress

    stream = io.StringIO()
    p = PlainProgress(stream, every=3600)
    p.start(20)
    for _ in range(20):
        p.advance(2)
    p.stop()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "batch: 20 rows to render"
    assert len(lines) == 11  # one line per tenth of the rows, not one per row
    assert lines[-1].startswith("batch: 20/20 rows (100%), 40 documents,")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(make_progress(Tty()), RichProgress)
    assert isinstance(make_progress(io.StringIO()), PlainProgress)


def test_resume_matches_rows_that_moved_and_leaves_foreign_temp_files(
    sheet: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rows = [lien_row(n) for n in range(1, 4)]
    run_batch(_options(sheet(rows), out))
    CALLS.clear()
    (out / ".notes.tmp").write_text("mine")  # not a file a batch writes: left alone
    (out / ".IVD-T-0001_notice-of-lien.pdf.ab12cd_3.tmp").write_bytes(b"half")
    summary = run_batch(_options(sheet([rows[2], lien_row(9), rows[0], rows[1]]), out, resume=True))
    assert CALLS == ["IVD-T-0009"] and summary.skipped == 3
    dotted = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert dotted == [LOCK_NAME, ".notes.tmp"]  # the batch's own lock stays, not removed


def test_cli_exit_codes_and_json_summary(
    sheet: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.cli import main

    good = sheet([lien_row(1), lien_row(2)], name="good.csv")
    assert main(["batch", "lien", str(good), "--out", str(tmp_path / "a"), "--jobs", "1"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("rendered 2 rows (2 documents), rejected 0")
    assert "batch: 2 rows to render" in out.err  # plain progress lines: stderr is no terminal
    mixed = sheet([lien_row(1), lien_row(2, account_type="loan")], name="mixed.csv")
    args = ["batch", "lien", str(mixed), "--out", str(tmp_path / "b"), "--jobs", "1"]
    assert main([*args, "--json", "--quiet", "--format", "both"]) == 1
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert captured.err == ""
    assert summary["rendered"] == 1 and summary["rejected_rows"] == [3]
    assert summary["documents"] == 2  # pdf and docx of the one good row
    assert set(summary) >= {"skipped", "seconds", "documents_per_second", "errors", "manifest"}


def test_a_kill_between_register_and_manifest_does_not_record_the_row_twice(
    sheet: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counsel.batch.manifest import ManifestWriter
    from counsel.register import Register

    real_append = ManifestWriter.append
    appended: list[int] = []

    def killed_on_second(self: ManifestWriter, entry: Any) -> None:
        if len(appended) == 1:
            raise KeyboardInterrupt  # the process dies after the row's register insert
        appended.append(entry.row)
        real_append(self, entry)

    monkeypatch.setattr(ManifestWriter, "append", killed_on_second)
    out = tmp_path / "out"
    rows = [lien_row(n) for n in range(1, 4)]
    with pytest.raises(KeyboardInterrupt):
        run_batch(_options(sheet(rows), out))
    monkeypatch.setattr(ManifestWriter, "append", real_append)
    register = tmp_path / "data" / "register.sqlite3"
    with Register.open(register) as reg:
        first = [e.case_number for e in reg.list()]
    lines = (out / "manifest.jsonl").read_text().splitlines()
    manifest = [json.loads(x)["case_number"] for x in lines]
    (unlisted,) = set(first) - set(manifest)  # recorded, then killed before its manifest line
    assert len(first) == 2 and len(manifest) == 1
    summary = run_batch(_options(sheet(rows), out, resume=True))
    assert summary.skipped == 1 and summary.rendered == 2
    with Register.open(register) as reg:
        entries = reg.list()
    assert sorted(e.case_number for e in entries) == ["IVD-T-0001", "IVD-T-0002", "IVD-T-0003"]
    # The row that survives is the one whose files are on disk: same paths, same hashes.
    (again,) = [e for e in entries if e.case_number == unlisted]
    for f in again.files:
        assert hashlib.sha256(Path(f.path).read_bytes()).hexdigest() == f.sha256
