"""The interview's outline: each section with how much of it is answered; Enter jumps there."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SectionOutline(OptionList):
    """One option per section: `[ok] Title`, `[2/5] Title` or `[!] Title` (has an error)."""

    def show(self, sections: Sequence[tuple[str, str, str]], current: int) -> None:
        """Sections as (id, title, badge); `current` is highlighted."""
        rows = list(sections)
        if rows == getattr(self, "_rows", None):
            # Unchanged badges: moving the highlight is enough (a rebuild relays the screen).
            if self.highlighted != current:
                self.highlighted = current
            return
        self._rows = rows
        self.clear_options()
        self.add_options(
            [Option(escape(f"[{badge}] {title}"), id=sid) for sid, title, badge in sections]
        )
        self.highlighted = current
