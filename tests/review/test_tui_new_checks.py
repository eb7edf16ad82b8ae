"""The county and date-order checks, as a specialist meets them in the conversation at 80x24:
said at the answer, in the question's words, and the conversation goes on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.tui.conftest import MakeApp
from tests.tui.test_conversation_errors import _draft, _said_after, _start, _type_ahead, _until


async def test_another_county_is_said_at_the_county_question(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    draft, raw = _draft("lien-account", {"iv_d_case_number"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        await _until(pilot, screen, "county", raw)
        await _type_ahead(pilot, "Menard")
        said = " ".join(_said_after(screen, "county"))
        assert "not this office's county (sangamon)" in said.casefold(), said
        assert "Menard" not in said
        assert screen.current is not None and screen.current.key == "document_date"


async def test_a_report_due_before_the_order_is_said_at_the_answer(
    make_app: MakeApp, drafts_folder: Path
) -> None:
    keep = {"court_case_number", "iv_d_case_number", "county", "document_date", "track"}
    draft, raw = _draft("job-program-judicial", keep)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot, draft)
        await _until(pilot, screen, "report_by_date", raw)
        day_before = raw["document_date"] - dt.timedelta(days=1)
        await _type_ahead(pilot, day_before.isoformat())
        said = " ".join(_said_after(screen, "report_by_date"))
        assert 'must not be before "Date of the document"' in said, said
        assert screen.current is not None and screen.current.key != "report_by_date"
