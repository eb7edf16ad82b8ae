"""The footer: every binding active on the screen, as one line of text; a click presses it."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """A light Footer that wraps rather than hides keys on a narrow terminal.

    Textual's Footer recomposes a widget per key on every focus change, which cost more than
    everything else a keypress does; this redraws one Static."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
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

    def _redraw(self) -> None:
        if not self.is_attached:
            return  # a dismissed modal's bar, called back after its screen went away
        parts = []
        for binding, enabled in self.shown():
            key = self.app.get_key_display(binding)
            press = binding.key.split(",")[0]
            style = "bold $footer-key-foreground" if enabled else "dim"
            label = f"[{style}]{escape(key)}[/] {escape(binding.description)}"
            parts.append(f"[@click=app.simulate_key('{press}')]{label}[/]")
        self.update(" " + "  ".join(parts))
