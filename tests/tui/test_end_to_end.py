"""End to end, one example per interview: type the answers in, review, render, compare text.

The answers go in through the keyboard (pasted text, y/n, arrow keys, the row editor); the
files the Render screen writes must read the same as the documents issue's golden files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from counsel import drafts
from counsel.interviewer import load_answers_file, load_interview
from counsel.tui.screens.home import HomeScreen
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.render import RenderScreen
from counsel.tui.screens.review import ReviewScreen
from tests.golden.conftest import docx_text, normalize, pdf_text
from tests.tui.conftest import EXAMPLES, MakeApp
from tests.tui.helpers import fill_interview, paste, settle

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "expected"

# The form view, by its widgets: the conversation's tests type all five interviews and drive
# the prior-period form by keys to the render screen (tests/tui/test_conversation.py); here
# the lien, in both formats, so the PDF path is covered too.
CASES = [
    ("lien-account", ("pdf", "docx")),
]


async def _choose_format(pilot: object, screen: RenderScreen, formats: tuple[str, ...]) -> None:
    number = {("pdf",): "1", ("docx",): "2", ("pdf", "docx"): "3"}[formats]
    await pilot.press(number)  # type: ignore[attr-defined]
    assert screen.formats == formats


@pytest.mark.slow
@pytest.mark.parametrize(("example", "formats"), CASES, ids=[c[0] for c in CASES])
async def test_type_review_render_matches_golden(
    make_app: MakeApp, tmp_path: Path, drafts_folder: Path, example: str, formats: tuple[str, ...]
) -> None:
    interview_id, raw = load_answers_file(EXAMPLES / f"{example}.toml")
    app = make_app()
    out = tmp_path / "out"
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.open_draft(drafts.new_draft(interview_id).in_view("form"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await fill_interview(pilot, screen, raw)

        # Every answer typed equals the example file's, as the engine reads both.
        expected = load_interview(interview_id).validate(raw, app.office)
        assert screen.session.result.errors == ()
        assert screen.session.result.answers == expected.answers

        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert await settle(pilot, lambda: review.docs is not None, timeout=60)
        assert review.problems == []
        await pilot.press("r")
        render = app.screen
        assert isinstance(render, RenderScreen)
        await _choose_format(pilot, render, formats)
        folder = render.query_one("#folder", Input)
        folder.focus()
        await pilot.pause()
        await paste(pilot, folder, str(out))
        assert folder.value == str(out)
        await pilot.press("ctrl+s")
        assert await settle(pilot, lambda: bool(render.written), timeout=120), str(
            render.query_one("#render-result").render()
        )
        shown = str(render.query_one("#render-result").render())

    expected_dir = GOLDEN / example
    goldens = sorted(expected_dir.glob("*.txt"))
    assert goldens, f"no golden files for {example}"
    compared = 0
    for golden in goldens:
        stem, fmt, _ = golden.name.rsplit(".", 2)
        if fmt not in formats:
            continue
        written = out / f"{stem}.{fmt}"
        assert written.exists(), f"{written.name} was not written"
        assert str(written) in shown, "the render screen lists every path written"
        data = written.read_bytes()
        text = normalize(pdf_text(data) if fmt == "pdf" else docx_text(data))
        assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
        assert (out / f"{stem}.provenance.json").exists()
        compared += 1
    assert compared == len([g for g in goldens if g.name.split(".")[-2] in formats])

    # The render is in the register, marked as coming from the TUI.
    from counsel.register import Register

    with Register.open(None, office=app.office) as reg:
        (entry,) = reg.list()
    assert entry.source == "tui" and entry.interview == interview_id
