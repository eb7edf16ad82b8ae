"""The same answers through `counsel render`, the TUI (driven by Pilot) and `counsel batch`:
one road, so the same register fields, the same case identifier and the same sidecars."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from counsel import drafts
from counsel.batch import BatchOptions, run_batch
from counsel.cli import main
from counsel.interviewer import load_answers_file, load_interview
from counsel.interviewer.rows import columns, flatten_answers
from counsel.office import load_office
from counsel.register import Entry, Register

ROOT = Path(__file__).resolve().parents[3]
OFFICE = ROOT / "examples" / "office.toml"
TODAY = dt.date(2026, 11, 23)
IV_D, COURT = "IVD-2024-000404", "2026-F-404"


def _as_typed(value: Any) -> Any:
    """An answer as the TUI's draft keeps it: text as typed, yes/no, rows of text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [{k: _as_typed(v) for k, v in row.items()} for row in value]
    return value


def _sheet(path: Path, raw: dict[str, Any]) -> Path:
    iv = load_interview("lien")
    header = columns(iv, {"joint_owners": len(raw["joint_owners"])})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, restval="")
        writer.writeheader()
        writer.writerow(flatten_answers(iv, raw))
    return path


async def _render_in_tui(raw: dict[str, Any], folder: Path, drafts_folder: Path) -> None:
    from counsel.tui.app import CounselApp
    from counsel.tui.screens.home import HomeScreen
    from counsel.tui.screens.render import RenderScreen
    from counsel.tui.screens.review import ReviewScreen
    from tests.tui.helpers import paste, settle

    draft = drafts.new_draft("lien")
    for key, value in raw.items():
        draft = draft.with_answer(key, _as_typed(value))
    app = CounselApp(load_office(OFFICE), drafts_folder=drafts_folder, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.open_draft(draft)
        await pilot.pause()
        await pilot.press("ctrl+r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert await settle(pilot, lambda: review.docs is not None, timeout=60)
        assert review.problems == []
        await pilot.press("r")
        render = app.screen
        assert isinstance(render, RenderScreen)
        assert render.formats == ("pdf", "docx")
        box = render.query_one("#folder", Input)
        box.focus()
        await pilot.pause()
        box.value = ""
        await paste(pilot, box, str(folder))
        await pilot.press("ctrl+s")
        assert await settle(pilot, lambda: bool(render.written), timeout=120), str(
            render.query_one("#render-result").render()
        )


def _same_fields(e: Entry) -> dict[str, Any]:
    """What every front end must record alike (not: id, time, source, file paths)."""
    return {
        "interview": e.interview,
        "case_number": e.case_number,
        "user_name": e.user_name,
        "document_date": e.document_date,
        "statute_snapshot": e.statute_snapshot,
        "answers_hash": e.answers_hash,
        "answers": e.answers,
        "office": e.office,
        "files": [(f.document, f.template, f.template_hash, f.format, f.sha256) for f in e.files],
    }


def _sidecars(folder: Path, prefix: str = "") -> dict[str, Any]:
    """Each document's sidecar by document stem, file names reduced to their format."""
    out = {}
    for path in sorted(folder.glob("*.provenance.json")):
        data = json.loads(path.read_text("utf-8"))
        stem = path.name.removesuffix(".provenance.json").removeprefix(prefix)
        files = {name.rsplit(".", 1)[1]: sha for name, sha in data["files"].items()}
        assert all(n.startswith(prefix + stem + ".") for n in data["files"]), data["files"]
        out[stem] = {"provenance": data["provenance"], "files": files}
    return out


@pytest.mark.slow
async def test_cli_tui_and_batch_issue_the_same_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    _, raw = load_answers_file(ROOT / "examples" / "lien-account.toml")
    raw = {**raw, "court_case_number": COURT}
    answers = tmp_path / "answers.toml"
    text = (ROOT / "examples" / "lien-account.toml").read_text("utf-8")
    answers.write_text(text.replace("county = ", f'court_case_number = "{COURT}"\ncounty = '))
    assert load_answers_file(answers)[1] == raw

    cli_out, tui_out, batch_out = tmp_path / "cli", tmp_path / "tui", tmp_path / "batch"
    argv = ["--office", str(OFFICE), "render", "lien", "--answers", str(answers)]
    assert main([*argv, "--out", str(cli_out)]) == 0
    await _render_in_tui(raw, tui_out, tmp_path / "drafts")
    sheet = _sheet(tmp_path / "cases.csv", raw)
    summary = run_batch(BatchOptions("lien", sheet, batch_out, ("pdf", "docx"), 1, OFFICE))
    assert summary.rendered == 1 and summary.exit_code == 0

    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        entries = {e.source: e for e in reg.list()}
        # One case, one name (the IV-D number first), found by either of its numbers.
        assert len(reg.list(case=COURT)) == len(reg.list(case=IV_D)) == 3
    assert sorted(entries) == ["batch", "render", "tui"]
    cli, tui, batch = entries["render"], entries["tui"], entries["batch"]
    assert cli.case_number == tui.case_number == batch.case_number == IV_D
    assert _same_fields(cli) == _same_fields(tui) == _same_fields(batch)
    assert len(cli.files) == 6  # notices to the holder, the obligor, the joint owner: PDF, DOCX
    # Each front end's files are where its row says, with the hashes it recorded.
    for entry, folder in ((cli, cli_out), (tui, tui_out), (batch, batch_out)):
        for f in entry.files:
            assert Path(f.path).parent == folder.resolve()
    # The same sidecars: provenance and each format's sha256 (batch names start IVD-..._).
    sides = _sidecars(cli_out)
    assert len(sides) == 3
    assert _sidecars(tui_out) == sides == _sidecars(batch_out, prefix=f"{IV_D}_")


@pytest.mark.slow
async def test_the_tui_says_in_its_own_words_that_files_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second render into the same folder: the screen names the files and the checkbox that
    replaces them, never the command line's --force; nothing is written or recorded."""
    from counsel.tui.app import CounselApp
    from counsel.tui.screens.render import RenderScreen
    from counsel.tui.session import InterviewSession
    from tests.tui.helpers import settle

    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    _, raw = load_answers_file(ROOT / "examples" / "track-judicial.toml")
    draft = drafts.new_draft("track")
    for key, value in raw.items():
        draft = draft.with_answer(key, _as_typed(value))
    office = load_office(OFFICE)
    folder = tmp_path / "out"
    app = CounselApp(office, drafts_folder=tmp_path / "drafts", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        session = InterviewSession(load_interview("track"), draft, office, TODAY)
        for attempt in (1, 2):
            screen = RenderScreen(session, folder)
            await app.push_screen(screen)
            await pilot.pause()
            await pilot.press("ctrl+s")

            def done(s: RenderScreen = screen) -> bool:
                return "Rendering" not in str(s.query_one("#render-result").render())

            assert await settle(pilot, done, timeout=120)
            message = str(screen.query_one("#render-result").render())
            if attempt == 1:
                assert screen.written, message
                before = {p.name: p.read_bytes() for p in folder.iterdir()}
            else:
                assert not screen.written
                assert "Nothing was written" in message and "Replace files" in message
                assert "case-assessment.pdf" in message and "--force" not in message
            await pilot.press("escape")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    with Register.open(tmp_path / "data" / "register.sqlite3") as reg:
        assert len(reg.list()) == 1
