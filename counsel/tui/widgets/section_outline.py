"""The interview's outline: each section with how much of it is answered; Enter jumps there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from counsel.tui.text import assemble

_BADGE_STYLE = {"ok": "$success", "!": "bold $error", "no": "bold $error"}


class SectionOutline(OptionList):
    """One option per section: `[ok] Title`, `[2/5] Title` (answered of asked), `[!] Title`
    (an answer has an error) or `[no] Title` (an answer there refuses the documents)."""

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
        # Content, not markup: "[2/5]" is text. Options wrap, so a long title is never cut.
        self.add_options(
            [
                Option(assemble((f"[{badge}]", _BADGE_STYLE.get(badge, "")), f" {title}"), id=sid)
                for sid, title, badge in sections
            ]
        )
        self.highlighted = current
