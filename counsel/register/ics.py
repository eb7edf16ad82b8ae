"""The docket as an iCalendar file (RFC 5545) a specialist imports into Outlook or any calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.register.docket import DocketItem

PRODID = "-//counsel//docket//EN"


def calendar_bytes(items: Sequence[DocketItem], office: Office, now: dt.datetime) -> bytes:
    """One all-day event per dated deadline, with a reminder the day before.

    Each event's UID is stable for a deadline (its entry and clock), and its SEQUENCE is the
    generation the deadline was computed in, so importing a newer export updates the
    calendar's event (a recorded service moves the day) instead of adding a second one.
    Summaries name the case number and the deadline only: no party's name is written.
    """
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"counsel docket: {office.office_name}")
    domain = re.sub(r"[^a-z0-9]+", "-", office.county.lower()).strip("-") or "office"
    for item in items:
        if item.due is None:
            continue
        ev = Event()
        entries = "-".join(str(n) for n in item.entry_ids)
        ev.add("uid", f"counsel-{entries}-{item.key}@{domain}.counsel")
        ev.add("dtstamp", now)
        ev.add("sequence", item.generation)
        ev.add("dtstart", item.due)
        ev.add("dtend", item.due + dt.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        label = f" ({item.label})" if item.label else ""
        ev.add("summary", f"{item.case_number or 'no case number'}: {item.title}{label}")
        shown = ", ".join(f"#{n}" for n in item.entry_ids)
        ev.add(
            "description",
            f"{item.explanation}\n\nCitations: {'; '.join(item.citations)}\n"
            f"Register entries {shown} (counsel register show {item.entry_ids[0]}).",
        )
        ev.add("categories", ["counsel", item.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Tomorrow: {item.title}")
        alarm.add("trigger", dt.timedelta(days=-1))
        ev.add_component(alarm)
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def write_ics(path: Path, items: Sequence[DocketItem], office: Office) -> Path:
    """Write the calendar (owner-only, atomically). An existing file is replaced only if it is
    a counsel docket calendar: anything else there is refused, never overwritten."""
    from counsel.fsutil import atomic_write

    target = path.expanduser()
    if target.exists():
        try:
            head = target.read_bytes()[:4096]
        except OSError as exc:
            raise UsageError(f"cannot read {target} ({exc.strerror})", what="ics") from None
        if PRODID.encode() not in head:
            raise UsageError(
                f"{target} exists and is not a counsel docket calendar; give another "
                "file name (counsel replaces only its own calendar)",
                what="ics",
            )
    if not target.parent.is_dir():
        raise UsageError(f"no folder {target.parent}; create it or give another path", what="ics")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        atomic_write(target, calendar_bytes(items, office, now))
    except OSError as exc:
        raise UsageError(f"cannot write {target} ({exc.strerror})", what="ics") from None
    return target
