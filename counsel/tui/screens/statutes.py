"""The statute browser: search by citation or words, text as of a date, history, diffs."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from counsel.tui.text import PICTURED, assemble, plain
from counsel.tui.widgets.date_input import DateInput, check_date
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.statute_view import StatuteView
from counsel.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp


def version_label(version: Any) -> str:
    return version.effective_iso or "date unknown"


def history_text(section: Any, on: dt.date) -> Content:
    """Every version of a section, oldest first, marking the one in force on `on`."""
    try:
        current = section.as_of(on)
    except Exception:  # not in force on that date: no mark
        current = None
    parts: list[str | tuple[str, str]] = [
        (section.citation, "bold"),
        f"  {section.heading}\nVersion history:",
    ]
    for i, v in enumerate(section.versions, start=1):
        mark = "  <- in force on " + on.isoformat() if v is current else ""
        state = "complete" if v.complete else "incomplete"
        parts += [
            f"\n{i}. effective {version_label(v)} ({state}){mark}",
            "\n   ",
            (v.source, "italic"),
        ]
        if v.note:
            parts.append(f"\n   {v.note}")
    return assemble(*parts)


def diff_text(section: Any, older: int, newer: int) -> Content:
    """A unified diff between two versions (1-based indexes), coloured for the terminal and
    marked + and - in words' place, so it reads without colour too."""
    a, b = section.versions[older - 1], section.versions[newer - 1]
    parts: list[str | tuple[str, str]] = [
        (section.citation, "bold"),
        f": version {older} (effective {version_label(a)}) "
        f"-> version {newer} (effective {version_label(b)})",
    ]
    lines = list(
        difflib.unified_diff(
            a.text.splitlines(),
            b.text.splitlines(),
            f"version {older}",
            f"version {newer}",
            n=2,
            lineterm="",
        )
    )
    if not lines:
        parts.append("\n\nThe two versions' texts are identical.")
        return assemble(*parts)
    parts.append("\n")
    for line in lines:
        if line.startswith("+") and not line.startswith("+++"):
            parts.append((f"\n{line}", "green"))
        elif line.startswith("-") and not line.startswith("---"):
            parts.append((f"\n{line}", "red"))
        else:
            parts.append(f"\n{line}")
    return assemble(*parts)


class StatuteBrowser(Screen[None]):
    """Find a section, read it as of any date, see its history and what each amendment changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+f", "find", "Find", priority=True),
        Binding("f2", "mode('text')", "Text"),
        Binding("f3", "mode('history')", "History"),
        Binding("f4", "mode('diff')", "Diff"),
        Binding("left_square_bracket", "step(-1)", "Older pair"),
        Binding("right_square_bracket", "step(1)", "Newer pair"),
        Binding("left_curly_bracket", "older(-1)", "From older"),
        Binding("right_curly_bracket", "older(1)", "From newer"),
    ]

    def __init__(self, citation: str | None = None, on_date: dt.date | None = None) -> None:
        super().__init__()
        self.initial = citation
        self.on_date = on_date
        self.mode = "text"
        self.citation: str | None = None
        self.diff_newer = 0  # 1-based index of the newer version in the diff; 0: latest
        self.diff_older = 0  # 1-based index of the older one; 0: the one just before
        self._date_error = False

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="statute-bar"):
            yield Input(
                highlighter=PICTURED,
                placeholder="citation (305 ILCS 5/10-16.5) or words",
                id="find",
                compact=True,
            )
            yield Static("as of", classes="bar-label")
            yield DateInput("", required=False, widget_id="as-of")
        with Horizontal(id="statute-body"):
            yield OptionList(id="results")
            with VerticalScroll(id="statute-pane"):
                yield StatuteView("Choose a section on the left.", id="statute-main")
        yield Static("", id="statute-status")
        yield KeyBar()

    def on_mount(self) -> None:
        day = self.on_date or self.counsel.today
        self.query_one("#as-of", DateInput).value = day.isoformat()
        self._list_all()
        if self.initial:
            self.query_one("#find", Input).value = self.initial
            self._search(self.initial)
        self.query_one("#find", Input).focus()

    @property
    def as_of(self) -> dt.date:
        day, problem = check_date(self.query_one("#as-of", DateInput).value)
        return day if day is not None and problem is None else self.counsel.today

    def _store(self) -> Any:
        from counsel.law import get_store

        return get_store()

    def _list_all(self) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        keys = self._store().keys()
        results.add_options([Option(k, id=k) for k in keys])
        self._status(f"{len(keys)} sections in the store.")

    def _status(self, text: str) -> None:
        self.query_one("#statute-status", Static).update(plain(text))

    def _search(self, query: str) -> None:
        from counsel.errors import CounselError
        from counsel.law import CitationError, parse_citation

        query = query.strip()
        if not query:
            self._list_all()
            return
        store = self._store()
        results = self.query_one("#results", OptionList)
        try:
            section = store.section(parse_citation(query))
        except CitationError as exc:
            section = None
            close = list(getattr(exc, "matches", ()) or ())
        except CounselError:
            section, close = None, []
        if section is not None:
            results.clear_options()
            results.add_option(Option(section.citation, id=section.citation))
            self._open(query if query.startswith(section.citation) else section.citation)
            self._status(f"Citation found: {section.citation}")
            return
        try:
            hits = store.search(query)
        except CounselError as exc:
            self._status(str(exc))
            return
        results.clear_options()
        options = [
            Option(assemble(s.citation, "\n", (s.heading, "dim")), id=s.citation) for s, _ in hits
        ]
        for c in close:
            if c not in {s.citation for s, _ in hits}:
                options.append(Option(assemble(str(c), (" (close match)", "dim")), id=str(c)))
        results.add_options(options)
        if options:
            results.highlighted = 0
            self._status(f"{len(hits)} sections hold every word.")
        else:
            self._status(
                "No section matches. Try a citation like 305 ILCS 5/10-16.5 or fewer words."
            )

    @on(Input.Submitted, "#find")
    def _find(self, event: Input.Submitted) -> None:
        self._search(event.value)
        if self.query_one("#results", OptionList).option_count:
            self.query_one("#results", OptionList).focus()

    @on(Input.Changed, "#as-of")
    def _date_changed(self, event: Input.Changed) -> None:
        if event.validation_result is not None and not event.validation_result.is_valid:
            self._status(event.validation_result.failure_descriptions[0])
            self._date_error = True
            return
        if self._date_error:
            # A valid date again: the message about the bad one goes (it said "not a date").
            self._date_error = False
            self._status(f"Showing the law as of {self.as_of.isoformat()}.")
        if self.citation and check_date(event.value)[1] is None:
            self._redraw()

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._open(event.option.id)

    def _open(self, citation: str) -> None:
        self.citation = citation
        self.diff_newer = self.diff_older = 0
        self._redraw()

    def _redraw(self) -> None:
        view = self.query_one("#statute-main", StatuteView)
        if not self.citation:
            return
        if self.mode == "text":
            view.show(self.citation, self.as_of)
            return
        from counsel.errors import CounselError

        try:
            section = self._store().section(self.citation)
        except CounselError as exc:
            view.update(plain(str(exc)))
            return
        if self.mode == "history":
            view.update(history_text(section, self.as_of))
            return
        count = len(section.versions)
        if count < 2:
            view.update(plain(f"{section.citation} has one version only: nothing to compare."))
            return
        if not self.diff_newer:
            try:
                self.diff_newer = max(2, section.versions.index(section.as_of(self.as_of)) + 1)
            except CounselError:
                self.diff_newer = count
        older = self.diff_older if 0 < self.diff_older < self.diff_newer else self.diff_newer - 1
        self.diff_older = older
        view.update(diff_text(section, older, self.diff_newer))
        self._status("[ ] step both versions; { } move only the older one (any two versions).")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The version-stepping keys exist (and show in the key bar) only in diff mode.
        if action in ("step", "older"):
            return self.mode == "diff"
        return True

    def action_find(self) -> None:
        self.query_one("#find", Input).focus()

    def action_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "diff" and isinstance(self.focused, Input):
            # [ ] { } would be typed into the search box; the text pane takes them instead.
            self.query_one("#statute-pane").focus()
        self.refresh_bindings()
        self._redraw()

    def action_step(self, delta: int) -> None:
        if self.mode != "diff" or not self.citation:
            return
        section = self._store().section(self.citation)
        self.diff_newer = min(max(2, self.diff_newer + delta), len(section.versions))
        self.diff_older = 0
        self._redraw()

    def action_older(self, delta: int) -> None:
        if self.mode != "diff" or not self.citation or not self.diff_newer:
            return
        self.diff_older = min(max(1, self.diff_older + delta), self.diff_newer - 1)
        self._redraw()
