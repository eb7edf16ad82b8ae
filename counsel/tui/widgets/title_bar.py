"""The top line: the screen's title and subtitle (the case), as text."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from counsel.tui.text import assemble


class TitleBar(Static):
    """A one-line header. Textual's Header updates itself from async watchers, which a
    screen closed right after a title change leaves unawaited (and a warning is an error in
    the tests); this one updates synchronously and reads titles as text, never markup."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        text-align: center;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._titles, init=False)
        self.watch(self.screen, "sub_title", self._titles, init=False)
        self.watch(self.app, "title", self._titles, init=False)
        self._titles()

    def _titles(self, *_: Any) -> None:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        if sub:
            self.update(assemble(str(title), (" — ", "dim"), (str(sub), "dim")))
        else:
            self.update(assemble(str(title)))
