"""Statute browser and modal: search, text as of a date, history and diff."""

from __future__ import annotations

import datetime as dt

from counsel.tui.screens.statute_modal import StatuteModal
from counsel.tui.screens.statutes import StatuteBrowser
from counsel.tui.widgets.statute_view import version_text as _version_content
from tests.tui.conftest import MakeApp


def version_text(citation: str, on: dt.date) -> tuple[str, str]:
    header, body = _version_content(citation, on)
    return header.plain, body.plain


INTEREST = "305 ILCS 5/10-16.5"
REGISTRATION = "305 ILCS 5/10-15.1"


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector).render())  # type: ignore[attr-defined]


def test_interest_section_as_of_2019_and_2020_shows_different_versions() -> None:
    header_2019, body_2019 = version_text(INTEREST, dt.date(2019, 1, 1))
    header_2020, body_2020 = version_text(INTEREST, dt.date(2020, 1, 1))
    # Before P.A. 101-336 (eff. 8-9-19): the 30-day, 9% wording quoted by the IRG.
    assert "30 days or more" in body_2019 and "9% per annum" in body_2019
    assert "version 1 of" in header_2019
    assert "excluding the child support that was due for that month" in body_2020
    assert "effective 2019-08-09" in header_2020 and "P.A. 101-336" in header_2020
    assert "30 days or more" not in body_2020


def test_unknown_citation_is_shown_not_raised() -> None:
    header, body = version_text("305 ILCS 5/99-99", dt.date(2026, 1, 1))
    assert "not in the statute store" in body


async def test_browser_search_by_citation_then_history_and_diff(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatuteBrowser())
        await pilot.pause()
        await pilot.press(*INTEREST, "enter")
        await pilot.pause()
        text = _text(app, "#statute-main")
        assert "effective 2019-08-09" in text
        await pilot.press("f3")
        text = _text(app, "#statute-main")
        assert "Version history" in text and "P.A. 101-336" in text
        await pilot.press("f4")
        text = _text(app, "#statute-main")
        assert "-A support obligation" in text.replace("\u2212", "-")
        assert "30 days or more" in text


async def test_browser_as_of_date_changes_the_version(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatuteBrowser(INTEREST))
        await pilot.pause()
        assert "version 2 of 2" in _text(app, "#statute-main")
        as_of = app.screen.query_one("#as-of")
        as_of.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"01/01/2019")
        await pilot.pause()
        assert "version 1 of 2" in _text(app, "#statute-main")
        await pilot.press("ctrl+a", "ctrl+k", *"02/30/2019")
        await pilot.pause()
        assert "February" in _text(app, "#statute-status")


async def test_browser_search_by_words(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatuteBrowser())
        await pilot.pause()
        await pilot.press(*"simple interest", "enter")
        await pilot.pause()
        results = app.screen.query_one("#results")
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]  # type: ignore[attr-defined]
        assert INTEREST in ids
        assert "hold every word" in _text(app, "#statute-status")


async def test_modal_shows_the_version_in_force_on_the_case_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StatuteModal([INTEREST, REGISTRATION], dt.date(2019, 1, 1)))
        await pilot.pause()
        assert "30 days or more" in _text(app, "#statute-text")
        assert "Citation 1 of 2" in _text(app, "#statute-which")
        await pilot.press("right_square_bracket")
        assert REGISTRATION in _text(app, "#statute-which")
        await pilot.press("escape")
        assert not isinstance(app.screen, StatuteModal)


async def test_diff_between_any_two_versions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(StatuteBrowser(REGISTRATION))
        await pilot.pause()
        app.screen.query_one("#statute-pane").focus()
        await pilot.press("f4")
        text = _text(app, "#statute-main")
        assert "version 2 (effective 2015-08-27) -> version 3 (effective 2017-08-18)" in text
        await pilot.press("left_curly_bracket")
        text = _text(app, "#statute-main")
        assert "version 1 (effective date unknown) -> version 3" in text
        await pilot.press("left_square_bracket")
        text = _text(app, "#statute-main")
        assert "version 1 (effective date unknown) -> version 2" in text


async def test_version_keys_show_only_in_diff_mode(make_app: MakeApp) -> None:
    from counsel.tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(StatuteBrowser(INTEREST))
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert "Older pair" not in bar.text()
        await pilot.press("f4")
        await pilot.pause()
        assert "Older pair" in bar.text() and "From older" in bar.text()
        await pilot.press("f2")
        await pilot.pause()
        assert "Older pair" not in bar.text()
