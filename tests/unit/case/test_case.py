"""counsel.case: the as-of rule, the case identifier, prepare's errors, and issue's writes
(two renders racing for one folder: one wins, the other writes and records nothing)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from counsel import case, fsutil
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.register import Register

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def office() -> Any:
    return load_office(ROOT / "examples" / "office.toml")


def _raw(example: str, **changes: Any) -> dict[str, Any]:
    _, raw = load_answers_file(ROOT / "examples" / f"{example}.toml")
    return {**raw, **changes}


def test_as_of_rule_given_date_then_document_date_then_today() -> None:
    answered = {"document_date": dt.date(2026, 3, 2)}
    given = dt.date(2025, 1, 6)
    assert case.as_of_date(answered, given, today=TODAY) == given
    assert case.as_of_date(answered, None, today=TODAY) == dt.date(2026, 3, 2)
    assert case.as_of_date({"document_date": None}, None, today=TODAY) == TODAY
    assert case.as_of_date({"document_date": "2026-03-02"}, None, today=TODAY) == TODAY  # untyped
    assert case.as_of_date({}) == dt.date.today()


def test_a_case_is_named_by_its_iv_d_number_first_and_found_by_either() -> None:
    both = {"iv_d_case_number": " IVD-7 ", "court_case_number": "2026-F-1"}
    assert case.case_identifier(both) == "IVD-7"
    assert case.case_identifier_field(both) == "iv_d_case_number"
    court = {"iv_d_case_number": "  ", "court_case_number": "2026-F-1"}
    assert case.case_identifier(court) == "2026-F-1"
    assert case.case_identifier_field(court) == "court_case_number"
    assert case.case_identifier({}) == "" and case.case_identifier_field({}) == "iv_d_case_number"
    assert case.case_numbers(both) == ("IVD-7", "2026-F-1")


def test_prepare_lists_every_field_error_and_writes_nothing(office: Any, tmp_path: Path) -> None:
    raw = _raw("lien-account", past_due_amount="lots", obligor_name="")
    with pytest.raises(case.AnswersInvalid) as exc:
        case.prepare("lien", raw, office)
    fields = {e.field for e in exc.value.errors}
    assert {"past_due_amount", "obligor_name"} <= fields
    assert "lots" not in str(exc.value) and "--answers" not in str(exc.value)
    assert "nothing was written" in str(exc.value)


def test_prepare_applies_the_one_as_of_rule_and_names_the_case(office: Any) -> None:
    raw = _raw("track-judicial")
    prepared = case.prepare("track", raw, office)
    assert prepared.on == raw["document_date"]
    assert {d.provenance.document_date for d in prepared.documents} == {
        raw["document_date"].isoformat()
    }
    later = case.prepare("track", raw, office, dt.date(2026, 12, 1))
    assert later.on == dt.date(2026, 12, 1)
    assert later.documents[0].provenance.document_date == "2026-12-01"
    expected = raw.get("iv_d_case_number") or raw.get("court_case_number")
    assert prepared.case_id == expected


def test_issue_hashes_the_bytes_it_writes_and_records_one_row(office: Any, tmp_path: Path) -> None:
    prepared = case.prepare("track", _raw("track-judicial"), office)
    reg = tmp_path / "reg.sqlite3"
    issued = case.issue(prepared, tmp_path / "out", ("docx",), source="render", register=reg)
    assert [p.name for p in issued.paths] == [
        "case-assessment.docx",
        "case-assessment.provenance.json",
    ]
    (f,) = issued.files
    data = (tmp_path / "out" / f.name).read_bytes()
    assert f.sha256 == hashlib.sha256(data).hexdigest()
    side = json.loads((tmp_path / "out" / "case-assessment.provenance.json").read_text())
    assert side["files"] == {f.name: f.sha256}
    with Register.open(reg) as r:
        (entry,) = r.list()
    assert entry.id == issued.entry_id and entry.case_number == prepared.case_id
    assert [(x.document, x.format, x.sha256) for x in entry.files] == [
        ("case-assessment", "docx", f.sha256)
    ]
    assert entry.answers_hash == prepared.answers_hash == issued.answers_hash


def test_two_renders_into_one_folder_cannot_both_succeed(
    office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two different sets of answers (two document dates: different bytes), both past the
    # "does a file exist?" check before either writes: the first to create a name wins.
    first = case.prepare("track", _raw("track-judicial"), office)
    second = case.prepare("track", _raw("track-judicial"), office, dt.date(2026, 12, 1))
    out = tmp_path / "out"
    reg = tmp_path / "reg.sqlite3"
    Register.open(reg).close()
    both_checked = threading.Barrier(2, timeout=30)
    real_create = fsutil.create_new
    waited: set[int] = set()

    def create_new(path: Path, data: bytes, **kw: Any) -> None:
        me = threading.get_ident()
        if me not in waited:  # each render's first file: wait until both have checked
            waited.add(me)
            both_checked.wait()
        real_create(path, data, **kw)

    monkeypatch.setattr(fsutil, "create_new", create_new)
    results: dict[str, Any] = {}

    def run(name: str, prepared: case.Prepared) -> None:
        try:
            results[name] = case.issue(
                prepared, out, ("pdf", "docx"), source="render", register=reg
            )
        except case.OutputExists as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=run, args=("a", first)),
        threading.Thread(target=run, args=("b", second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    won = [r for r in results.values() if isinstance(r, case.Issued)]
    lost = [r for r in results.values() if isinstance(r, case.OutputExists)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "exist and were left alone" in str(lost[0])
    # Every file on disk is the winner's, whole; the register holds the winner's row only,
    # with the sha256 of the bytes on disk.
    (winner,) = won
    with Register.open(reg) as r:
        (entry,) = r.list()
    assert entry.id == winner.entry_id
    for f in entry.files:
        assert hashlib.sha256(Path(f.path).read_bytes()).hexdigest() == f.sha256
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in winner.paths)


def test_a_name_taken_midway_undoes_the_files_already_created(
    office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = case.prepare("track", _raw("track-judicial"), office)
    out = tmp_path / "out"
    real_create = fsutil.create_new
    made: list[Path] = []

    def create_new(path: Path, data: bytes, **kw: Any) -> None:
        real_create(path, data, **kw)
        made.append(path)
        if len(made) == 1:  # another process takes the next name right now
            (out / "case-assessment.docx").write_bytes(b"someone else's")

    monkeypatch.setattr(fsutil, "create_new", create_new)
    reg = tmp_path / "reg.sqlite3"
    with pytest.raises(case.OutputExists) as exc:
        case.issue(prepared, out, ("pdf", "docx"), source="render", register=reg)
    assert [p.name for p in exc.value.paths] == ["case-assessment.docx"]
    assert sorted(p.name for p in out.iterdir()) == ["case-assessment.docx"]
    assert (out / "case-assessment.docx").read_bytes() == b"someone else's"
    with Register.open(reg) as r:
        assert r.list() == []


def test_create_new_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    fsutil.create_new(target, b"one")
    with pytest.raises(FileExistsError):
        fsutil.create_new(target, b"two")
    assert target.read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no temp file left
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_bad_register_fails_before_anything_is_written(office: Any, tmp_path: Path) -> None:
    from counsel.register import RegisterError

    prepared = case.prepare("track", _raw("track-judicial"), office)
    with pytest.raises(RegisterError, match="is a folder"):
        case.issue(prepared, tmp_path / "out", ("docx",), source="render", register=tmp_path)
    assert not (tmp_path / "out").exists()


def test_register_list_finds_a_case_by_either_number(office: Any, tmp_path: Path) -> None:
    raw = _raw("track-judicial", iv_d_case_number="IVD-55", court_case_number="2026-F-55")
    prepared = case.prepare("track", raw, office)
    reg = tmp_path / "reg.sqlite3"
    case.issue(prepared, tmp_path / "out", ("docx",), source="render", register=reg)
    with Register.open(reg) as r:
        assert [e.case_number for e in r.list(case="IVD-55")] == ["IVD-55"]
        assert [e.case_number for e in r.list(case="2026-F-55")] == ["IVD-55"]
        assert r.list(case="2026-F-5") == [] and r.list(case="IVD-5") == []
