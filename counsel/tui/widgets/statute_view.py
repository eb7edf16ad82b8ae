"""One statute version shown whole: citation, heading, version, source line, text, gaps."""

from __future__ import annotations

import datetime as dt
import re

from textual.content import Content
from textual.widgets import Static

from counsel.tui.text import assemble, plain

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


def version_text(citation: str, on: dt.date) -> tuple[Content, Content]:
    """(header, body) for `citation` as in force on `on`; problems become the body. Statute
    text is shown as text (a bracket in it is never markup)."""
    from counsel.errors import CounselError
    from counsel.law import get_store

    store = get_store()
    try:
        section = store.section(citation)
        version = section.as_of(on)
    except CounselError as exc:
        return plain(citation, "bold"), plain(str(exc), "red")
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
    header = assemble(
        (section.citation, "bold"),
        "  ",
        version.heading or section.heading,
        f"\nIn force on {on.isoformat()}: version {index} of {count}, effective {effective}\n",
        (version.source, "italic"),
    )
    parts: list[str | Content | tuple[str, str]] = []
    notes: list[str] = []
    if version.note:
        notes.append(version.note)
    if version.truncated:
        notes.append("Truncated in the source, not completed: " + ", ".join(version.truncated))
    if notes:
        parts += [("\n".join(notes), "yellow"), "\n\n"]
    if pinpoint and pinpoint != version.text:
        parts += [
            (citation, "bold"),
            "\n",
            reflow(pinpoint),
            "\n\n",
            ("Whole section", "bold"),
            "\n",
        ]
    if version.text:
        parts.append(reflow(version.text))
    else:
        parts.append(("(no text in the project's sources)", "dim"))
    return header, assemble(*parts)


class StatuteView(Static):
    """Static text of a statute version; call `show(citation, on)`."""

    def show(self, citation: str, on: dt.date) -> None:
        header, body = version_text(citation, on)
        self.update(assemble(header, "\n\n", body))
