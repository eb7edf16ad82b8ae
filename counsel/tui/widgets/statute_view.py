"""One statute version shown whole: citation, heading, version, source line, text, gaps."""

from __future__ import annotations

import datetime as dt
import re

from rich.markup import escape
from textual.widgets import Static

_NEW_ITEM = re.compile(r"^\s*(\([0-9a-zA-Z.-]+\)|Sec\. |\|)")


def reflow(text: str) -> str:
    """Join the source's hard-wrapped lines for reading; a subsection label or a blank line
    still starts a new paragraph. Display only: the stored text is never changed."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1] and line.strip() and not _NEW_ITEM.match(line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def version_text(citation: str, on: dt.date) -> tuple[str, str]:
    """(header, body) markup for `citation` as in force on `on`; problems become the body."""
    from counsel.errors import CounselError
    from counsel.law import get_store

    store = get_store()
    try:
        section = store.section(citation)
        version = section.as_of(on)
    except CounselError as exc:
        return f"[b]{escape(citation)}[/b]", f"[red]{escape(str(exc))}[/red]"
    pinpoint = ""
    try:
        resolved = store.cite(citation, on)
        if resolved.citation.pinpoint:
            pinpoint = resolved.text
    except CounselError:
        pinpoint = ""
    effective = version.effective_iso or "date unknown"
    count = len(section.versions)
    index = section.versions.index(version) + 1
    header = (
        f"[b]{escape(section.citation)}[/b]  {escape(version.heading or section.heading)}\n"
        f"In force on {on.isoformat()}: version {index} of {count}, effective {effective}\n"
        f"[i]{escape(version.source)}[/i]"
    )
    notes: list[str] = []
    if version.note:
        notes.append(escape(version.note))
    if version.truncated:
        notes.append(
            "Truncated in the source, not completed: " + escape(", ".join(version.truncated))
        )
    body = ""
    if notes:
        body += "[yellow]" + "\n".join(notes) + "[/yellow]\n\n"
    if pinpoint and pinpoint != version.text:
        body += f"[b]{escape(citation)}[/b]\n{escape(reflow(pinpoint))}\n\n[b]Whole section[/b]\n"
    body += (
        escape(reflow(version.text))
        if version.text
        else "[dim](no text in the project's sources)[/dim]"
    )
    return header, body


class StatuteView(Static):
    """Static text of a statute version; call `show(citation, on)`."""

    def show(self, citation: str, on: dt.date) -> None:
        header, body = version_text(citation, on)
        self.update(f"{header}\n\n{body}")
