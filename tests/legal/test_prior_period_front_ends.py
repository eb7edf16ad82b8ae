"""Prior-period support covers only "a period before the date the order is entered" (305 ILCS
5/10-7(b), 10-10): a segment that ends on or after the order's date is an error naming the
segment in `check`, `render`, `batch` and the terminal UI, and nothing is written."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from tests.legal.helpers import ANSWERS, ROOT

OFFICE = str(ROOT / "examples" / "office.toml")
CROSSING = ANSWERS / "pp-crossing.toml"


@pytest.fixture(autouse=True)
def _private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))


def test_check_names_the_segment(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--office", OFFICE, "check", "prior-period", "--answers", str(CROSSING), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2 and not out["complete"]
    (error,) = out["errors"]
    assert error["field"] == "segments[2].end_date"
    assert "segment 2 must end before the order's date" in error["message"]


def test_render_refuses_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        ["--office", OFFICE, "render", "prior-period", "--answers", str(CROSSING)]
        + ["--out", str(out), "--format", "both"]
    )
    assert code == 2
    assert "segments[2].end_date" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_batch_rejects_the_row_naming_the_segment(tmp_path: Path) -> None:
    from counsel.interviewer import load_answers_file, load_interview
    from counsel.interviewer.rows import columns, flatten_answers

    iv = load_interview("prior-period")
    _, raw = load_answers_file(CROSSING)
    _, good = load_answers_file(ROOT / "examples" / "prior-period-judicial.toml")
    header = columns(iv, {"segments": 2, "children": 2})
    sheet = tmp_path / "rows.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerow({k: v for k, v in flatten_answers(iv, good).items() if k in header})
        writer.writerow({k: v for k, v in flatten_answers(iv, raw).items() if k in header})
    out = tmp_path / "out"
    code = main(
        ["--office", OFFICE, "batch", "prior-period", str(sheet), "--out", str(out)]
        + ["--jobs", "1", "--quiet", "--format", "pdf"]
    )
    assert code == 1
    with (out / "errors.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["row"] for r in rows] == ["3"]
    assert "segment 2 must end before the order's date" in rows[0]["message"]
    assert rows[0]["column"] == "segment_2_end_date"
    assert sorted(p.name for p in out.glob("*.pdf"))  # the good row was rendered


def _raw_for_draft(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_raw_for_draft(v) for v in value]
    if isinstance(value, dict):
        return {k: _raw_for_draft(v) for k, v in value.items()}
    return value


async def test_the_terminal_shows_the_error_on_the_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Driven with Pilot at 80x24: a draft holding the crossing answers opens on the prior
    period section, and the segments question shows the error naming segment 2."""
    from counsel import drafts
    from counsel.interviewer import load_answers_file
    from counsel.office import load_office
    from counsel.tui.app import CounselApp
    from counsel.tui.screens.interview import InterviewScreen

    _, raw = load_answers_file(CROSSING)
    folder = tmp_path / "drafts"
    draft = drafts.new_draft("prior-period")
    for key, value in raw.items():
        draft = draft.with_answer(key, _raw_for_draft(value))
    drafts.save_draft(draft.at_section("prior_period"), folder)
    app = CounselApp(load_office(Path(OFFICE)), drafts_folder=folder, today=dt.date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # resume the draft
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.sections[screen.current].id == "prior_period"
        block = screen.block_for("segments")
        assert block is not None
        shown = str(block.query_one(".q-error").render())
        assert "segment 2 must end before the order's date" in shown
