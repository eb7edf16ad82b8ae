"""No text is cut at 80x24 or 120x40: every label, question, outline entry, table cell and key
of the bar reads whole on the screen as drawn (wrapped, never clipped), on every screen.

The check reads the compositor's output (what the terminal gets) inside each widget's region
and looks for the widget's whole text there, spaces aside (a wrapped line breaks at them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from counsel import drafts
from counsel.tui.app import CounselApp
from counsel.tui.screens.conversation import ConversationScreen
from counsel.tui.screens.home import HomeScreen
from counsel.tui.screens.interview import InterviewScreen
from counsel.tui.screens.render import RenderScreen
from counsel.tui.screens.review import ReviewScreen
from counsel.tui.screens.statutes import StatuteBrowser
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.list_input import RowList
from counsel.tui.widgets.section_outline import SectionOutline
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

SIZES = [(80, 24), (120, 40)]

PRIOR = {
    "court_case_number": "2026-F-000417",
    "document_date": "2026-11-23",
    "track": "judicial",
    "obligor_name": "Morgan T. Fictional",
    "children": [{"name": "Riley Fictional", "birth_date": "2013-02-28"}],
    "family_violence": False,
    "guideline_monthly": "1045.00",
    "current_support_start": "2027-01-01",
    "support_start_basis": "separation",
    "separation_date": "2025-03-15",
    "segments": [{"start_date": "2025-03-15", "end_date": "2026-12-31"}],
}
"""A judicial prior-period case, answered up to the five 802 factors (the longest labels)."""


def _squash(text: str) -> str:
    return "".join(text.split())


def _region_text(app: CounselApp, region: Region) -> str:
    """What the terminal shows inside `region` (cropped to the screen)."""
    region = region.intersection(Region(0, 0, *app.size))
    update = app.screen._compositor.render_full_update()
    lines = ["".join(seg.text for strip in line for seg in strip) for line in update.strips]
    return "".join(line[region.x : region.right] for line in lines[region.y : region.bottom])


def _plain(renderable: Any) -> str:
    if isinstance(renderable, Content | Text):
        return renderable.plain
    return str(renderable)


async def _whole_list_text(pilot: Any, option_list: OptionList) -> str:
    """Every line of a list as drawn, a page at a time when it scrolls (pages overlap or
    follow one another, so a wrapped option reads whole on one of them)."""
    inner = option_list.content_region
    # Without the scrollbar's column (its thumb is drawn there, beside the options).
    bar = option_list.scrollbar_size_vertical if option_list.show_vertical_scrollbar else 0
    region = Region(inner.x, inner.y, inner.width - bar, inner.height)
    start = option_list.scroll_y
    last = int(option_list.max_scroll_y)
    tops = list(range(0, last + 1, max(region.height - 2, 1)))
    if tops[-1] != last:
        tops.append(last)
    pages = []
    for top in tops:
        option_list.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        pages.append(_region_text(pilot.app, region))
    option_list.scroll_to(y=start, animate=False, immediate=True)
    await pilot.pause()
    return "".join(pages)


async def _check_widgets(pilot: Any) -> int:
    app = pilot.app
    screen = app.screen
    checked = 0
    for widget in screen.query(Static):
        if not widget.display or widget.region.area == 0 or not widget.visible:
            continue
        text = _squash(_plain(widget.render()))
        if not text:
            continue
        container = widget.parent
        visible = widget.region
        while isinstance(container, Widget):
            visible = visible.intersection(container.content_region)
            container = container.parent
        if visible != widget.region:
            continue  # partly scrolled out of view: not cut, and the scrollbar says so
        shown = _squash(_region_text(app, widget.region))
        assert text in shown, f"{type(widget).__name__}#{widget.id} is cut: {text[:60]!r}"
        checked += 1
    for option_list in screen.query(OptionList):
        if not option_list.display or option_list.region.area == 0:
            continue
        shown = _squash(await _whole_list_text(pilot, option_list))
        for i in range(option_list.option_count):
            prompt = _squash(_plain(option_list.get_option_at_index(i).prompt))
            assert prompt in shown, f"{option_list.id}: option cut: {prompt[:60]!r}"
            checked += 1
    for table in screen.query(DataTable):
        if table.region.area == 0:
            continue  # not shown (home's docket where nothing was issued)
        x = table.content_region.x
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            region = Region(x, table.content_region.y, width, table.content_region.height)
            x += width
            shown = _squash(_region_text(app, region))
            assert _squash(_plain(column.label)) in shown, f"column heading cut: {column.label}"
            for row in range(table.row_count):
                cell = table.get_cell_at((row, table.ordered_columns.index(column)))
                assert _squash(_plain(cell)) in shown, f"table cell cut: {cell!r}"
                checked += 1
        assert x <= table.content_region.right, "the table runs past its right edge"
    bar = screen.query_one(KeyBar)
    # One line, except a list's keys beside the form's at 80 columns: two, broken between keys.
    assert bar.region.height == 1 or (
        bar.region.height == 2 and isinstance(app.focused, RowList)
    ), "the key bar wraps"
    for key, _, description, _ in bar.parts(bar.size.width):
        assert _squash(f"{key}{description}") in _squash(_region_text(app, bar.region))
    return checked


async def _home(pilot: Any) -> None:
    await pilot.pause()


async def _conversation(pilot: Any) -> None:
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    await pilot.pause()


async def _form(pilot: Any) -> None:
    await _conversation(pilot)
    await pilot.press("f4")
    await settle(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen))
    screen = pilot.app.screen
    factors = next(i for i, s in enumerate(screen.session.sections) if s.id == "factors")
    await screen.show_section(factors)
    await pilot.pause()
    assert screen.query_one(SectionOutline)


async def _form_list(pilot: Any) -> None:
    await _form(pilot)
    screen = pilot.app.screen
    await screen.show_section(screen.session.section_index("children"))
    screen.query_one(RowList).focus()
    await pilot.pause()


async def _review(pilot: Any) -> None:
    await _form(pilot)
    await pilot.press("ctrl+r")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    await settle(pilot, lambda: pilot.app.screen.docs is not None, timeout=60)
    await pilot.pause()


async def _why(pilot: Any) -> None:
    await _conversation(pilot)
    await pilot.press("f1")
    await pilot.pause()


async def _statutes(pilot: Any) -> None:
    pilot.app.push_screen(StatuteBrowser("305 ILCS 5/10-25.5"))
    await pilot.pause()


async def _render(pilot: Any) -> None:
    await _conversation(pilot)
    screen = pilot.app.screen
    pilot.app.push_screen(RenderScreen(screen.session))
    await pilot.pause()


SCREENS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "home": _home,
    "conversation": _conversation,
    "form": _form,
    "form-list": _form_list,
    "review": _review,
    "why": _why,
    "statutes": _statutes,
    "render": _render,
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_no_text_is_cut(
    make_app: MakeApp, drafts_folder: Path, name: str, size: tuple[int, int]
) -> None:
    draft = drafts.new_draft("prior-period")
    for key, value in PRIOR.items():
        draft = draft.with_answer(key, value)
    drafts.save_draft(draft.in_view("conversation"), drafts_folder)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await SCREENS[name](pilot)
        assert await _check_widgets(pilot) > 0
