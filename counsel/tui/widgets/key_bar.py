"""The footer: every binding active on the screen, as one line of text; a click presses it."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from counsel.tui.text import assemble


class KeyBar(Static):
    """A light Footer that wraps rather than hides keys on a narrow terminal.

    Textual's Footer recomposes a widget per key on every focus change, which cost more than
    everything else a keypress does; this redraws one Static."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._redraw()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._redraw)

    def shown(self) -> list[tuple[Binding, bool]]:
        """Each shown binding active on the screen (one per action) and whether it is enabled."""
        seen: set[str] = set()
        out: list[tuple[Binding, bool]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                out.append((binding, enabled))
        return out

    def text(self) -> str:
        """The bar as plain text (what a test or a screen reader would read)."""
        return "  ".join(f"{self.app.get_key_display(b)} {b.description}" for b, _ in self.shown())

    drawn: list[tuple[str, str, str, bool]] | None = None
    """The items last drawn (None before the first draw)."""

    def on_resize(self) -> None:
        self._redraw()

    def in_step(self) -> bool:
        """True when the bar shows the screen's bindings as they are now (a redraw is
        scheduled after each bindings change; a snapshot waits for it)."""
        width = self.size.width or self.app.size.width
        return self.is_attached and self.drawn == self.parts(width)

    def parts(self, width: int) -> list[tuple[str, str, str, bool]]:
        """(key shown, key pressed, description, enabled) for each binding, fitted to `width`:
        when the whole bar would wrap, the theme and quit keys (shown on the home screen,
        working everywhere) go first, then separators shrink; what still does not fit goes
        on a second line (see _redraw)."""
        items = [
            (self.app.get_key_display(b), b.key.split(",")[0], b.description, enabled)
            for b, enabled in self.shown()
        ]

        def length(rows: list[tuple[str, str, str, bool]], gap: int) -> int:
            return 1 + sum(len(k) + 1 + len(d) for k, _, d, _ in rows) + gap * (len(rows) - 1)

        if isinstance(self.screen, _home_type()):
            return items
        # Off the home screen the app-wide keys go first (they work everywhere and the
        # home screen shows them), then the gaps shrink (in _redraw).
        for key in ("ctrl+t", "ctrl+q"):
            if length(items, 2) > width:
                items = [i for i in items if i[1] != key]
        return items

    def _redraw(self) -> None:
        if not self.is_attached:
            return  # a dismissed modal's bar, called back after its screen went away
        width = self.size.width or self.app.size.width
        items = self.parts(width)
        self.drawn = items
        gap = "  " if 1 + sum(len(k) + 1 + len(d) + 2 for k, _, d, _ in items) - 2 <= width else " "
        pieces: list[str | tuple[str, str]] = [" "]
        used = 1
        for n, (key, press, description, enabled) in enumerate(items):
            size = len(key) + 1 + len(description)
            if n and used + len(gap) + size > width:
                # Still too long (a list's keys beside the screen's): a second line, broken
                # between two keys, never inside one.
                pieces.append("\n ")
                used = 1
            elif n:
                pieces.append(gap)
                used += len(gap)
            click = f"@click=app.simulate_key('{press}')"
            style = "bold $footer-key-foreground" if enabled else "dim"
            pieces.append((key, f"{style} {click}"))
            pieces.append((f" {description}", click))
            used += size
        self.update(assemble(*pieces))


def _home_type() -> type:
    from counsel.tui.screens.home import HomeScreen

    return HomeScreen
