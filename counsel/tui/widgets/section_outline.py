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
        self.clear_options()
        self.add_options(
            [Option(escape(f"[{badge}] {title}"), id=sid) for sid, title, badge in sections]
        )
        self.highlighted = current
