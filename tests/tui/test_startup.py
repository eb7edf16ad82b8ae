"""The UI starts without the PDF and DOCX writers; they load only when the user renders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

_CHILD = """
import asyncio, sys
from pathlib import Path
from counsel import drafts
from counsel.office import load_office
from counsel.tui.app import CounselApp
from counsel.tui.screens.review import ReviewScreen

HEAVY = ("weasyprint", "docx", "openpyxl", "pypdf", "dask")

async def main():
    app = CounselApp(load_office(Path("examples/office.toml")), drafts_folder=Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print("home", [m for m in HEAVY if m in sys.modules])
        app.screen.open_draft(drafts.new_draft("lien").in_view("form"))
        await pilot.pause()
        await pilot.press("ctrl+r")
        for _ in range(500):
            if isinstance(app.screen, ReviewScreen) and app.screen.docs is not None:
                break
            await pilot.pause(0.02)
        print("review", [m for m in HEAVY if m in sys.modules])

asyncio.run(main())
"""


def test_home_interview_and_review_do_not_load_the_writers(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "drafts")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"COUNSEL_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "home []" in out.stdout
    assert "review []" in out.stdout
