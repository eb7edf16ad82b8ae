"""`register verify`: an untouched document re-renders to its hash; a change is named."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from counsel import case
from counsel.cli import main
from counsel.interviewer import load_answers_file, load_interview
from counsel.law.store import Store
from counsel.office import load_office
from counsel.register import Register, office_from_snapshot, verify_entry
from counsel.render.core import Renderer

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "track-judicial.toml"
TEMPLATE = "track-memo.html"


def _issue(tmp_path: Path, formats: tuple[str, ...]) -> tuple[Path, int]:
    interview_id, raw = load_answers_file(EXAMPLE)
    office = load_office(None)
    prepared = case.prepare(interview_id, raw, office, renderer=Renderer())
    reg_path = tmp_path / "reg.sqlite3"
    issued = case.issue(prepared, tmp_path / "out", formats, source="render", register=reg_path)
    assert issued.entry_id is not None
    return reg_path, issued.entry_id


@pytest.fixture()
def issued(tmp_path: Path) -> tuple[Path, int]:
    """The track memo rendered as DOCX (fast) and recorded in a fresh register."""
    return _issue(tmp_path, ("docx",))


def _verify(reg_path: Path, entry_id: int, renderer: Renderer | None = None) -> object:
    with Register.open(reg_path) as reg:
        entry = reg.get(entry_id)
    return verify_entry(entry, renderer)


def test_untouched_document_verifies(tmp_path: Path) -> None:
    # PDF and DOCX: WeasyPrint's output is byte-for-byte repeatable, so the PDF verifies too.
    reg_path, entry_id = _issue(tmp_path, ("pdf", "docx"))
    with Register.open(reg_path) as reg:
        entry = reg.get(entry_id)
    assert {f.format for f in entry.files} == {"pdf", "docx"}
    assert entry.interview == "track" and entry.case_number
    result = verify_entry(entry)
    assert result.ok, result.human()
    assert result.causes == ()
    assert all(f.on_disk == "unchanged" for f in result.files)


def test_cli_verify_exit_0_then_1_after_a_template_change(
    issued: tuple[Path, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reg_path, entry_id = issued
    assert main(["register", "verify", str(entry_id), "--register", str(reg_path)]) == 0
    assert "verified" in capsys.readouterr().out

    import counsel.render.env as env

    original = env.read_package_text

    def edited(name: str) -> str:
        text = original(name)
        if name == TEMPLATE:
            text += "\n<p>A sentence added after the memorandum was issued.</p>\n"
        return text

    monkeypatch.setattr(env, "read_package_text", edited)
    rc = main(["register", "verify", str(entry_id), "--register", str(reg_path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert data["ok"] is False
    assert all(not f["matches"] for f in data["files"])
    assert any(c.startswith(f"template {TEMPLATE} changed") for c in data["causes"])
    assert not any("statute snapshot" in c for c in data["causes"])


def test_a_changed_statute_snapshot_is_named(
    issued: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    reg_path, entry_id = issued
    # The snapshot is written into each file's provenance, so a new store changes the bytes.
    monkeypatch.setattr(Store, "snapshot_hash", lambda self: "0" * 64)
    result = _verify(reg_path, entry_id, Renderer())
    assert not result.ok  # type: ignore[attr-defined]
    causes = result.causes  # type: ignore[attr-defined]
    assert any("statute snapshot changed" in c for c in causes)
    assert not any(c.startswith("template") for c in causes)


def test_an_altered_issued_file_is_reported_on_disk(issued: tuple[Path, int]) -> None:
    reg_path, entry_id = issued
    with Register.open(reg_path) as reg:
        (docx,) = reg.get(entry_id).files
    Path(docx.path).write_bytes(Path(docx.path).read_bytes() + b"tampered")
    result = _verify(reg_path, entry_id)
    # The law and templates are unchanged, so the re-render still matches the record ...
    assert result.ok  # type: ignore[attr-defined]
    # ... and the file on disk is reported as no longer the one issued.
    states = {f.format: f.on_disk for f in result.files}  # type: ignore[attr-defined]
    assert states == {"docx": "modified"}
    Path(docx.path).unlink()
    assert _verify(reg_path, entry_id).files[0].on_disk == "missing"  # type: ignore[attr-defined]


def test_files_recorded_under_the_manifest_id_still_verify(
    issued: tuple[Path, int], tmp_path: Path
) -> None:
    # The TUI records IssuedFile.document as the manifest id ("track-memo"), not the output
    # stem ("case-assessment"); verify pairs files by their file name first.
    reg_path, entry_id = issued
    with Register.open(reg_path) as reg:
        entry = reg.get(entry_id)
        files = [replace(f, document="track-memo") for f in entry.files]
        new_id = reg.record(
            interview=entry.interview,
            answers=load_interview("track").validate(entry.answers).answers,
            files=files,
            statute_snapshot=entry.statute_snapshot,
            on=entry.document_date,
            case_number=entry.case_number,
            source="tui",
            office=office_from_snapshot(entry.office),
        )
    result = _verify(reg_path, new_id)
    assert result.ok, result.human()  # type: ignore[attr-defined]


def test_verify_on_another_machine_says_where_the_files_are(
    issued: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared register is verified from any specialist's machine: the re-render still decides,
    and a file not found here is said to be on the machine that issued it, not lost."""
    import counsel.register.model as model

    reg_path, entry_id = issued
    with Register.open(reg_path) as reg:
        entry = reg.get(entry_id)
    assert entry.host == model.current_host()
    here = verify_entry(entry)
    assert here.issued_on == "" and "issued on" not in here.human()
    monkeypatch.setattr(model, "current_host", lambda: "another-desk")
    (docx,) = entry.files
    Path(docx.path).unlink()
    there = verify_entry(entry)
    assert there.ok, there.human()
    assert there.files[0].on_disk == "missing"
    assert there.issued_on == entry.host
    assert f"not on this machine (issued on {entry.host})" in there.human()
    assert there.to_json()["issued_on"] == entry.host
