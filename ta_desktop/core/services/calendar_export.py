"""Deadlines as an iCalendar (.ics) file, one all-day event per deadline.

The UID of each event is the deadline's stable key, and SEQUENCE grows with the export time, so
importing a newer file into a calendar updates the events (a moved date, a closed deadline)
instead of duplicating them. Closed deadlines are exported as cancelled events for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind
from ta_desktop.core.domain.types import Party
from ta_desktop.core.storage.files import write_atomically

PRODID = "-//TA Desktop//Trade Assurance deadlines//EN"
UID_DOMAIN = "ta-desktop.local"
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def uid_of(deadline: Deadline) -> str:
    return f"{deadline.key}@{UID_DOMAIN}"


def _summary(deadline: Deadline) -> str:
    who = {Party.BUYER: "You", Party.SUPPLIER: "Supplier", Party.PLATFORM: "Platform"}
    order = f" · {deadline.order_number}" if deadline.order_number else ""
    return f"[{who[deadline.party]}] {deadline.title}{order}"


def _description(deadline: Deadline) -> str:
    lines = [f"Rule {deadline.rule}."]
    if deadline.kind == DeadlineKind.FROM:
        lines.append(f"Possible from {deadline.due.isoformat()}.")
    else:
        lines.append(f"Platform deadline: {deadline.due.isoformat()}.")
        if deadline.safe_by != deadline.due:
            lines.append(f"Act by {deadline.safe_by.isoformat()} to be safe across time zones.")
        lines.append(f"If nobody acts: {deadline.consequence}")
    return "\n".join(lines)


def build_calendar(deadlines: Iterable[Deadline], *, now: datetime | None = None) -> Calendar:
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sequence = int((now - _SEQUENCE_EPOCH).total_seconds() // 60)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Trade Assurance deadlines")
    for deadline in deadlines:
        event = Event()
        event.add("uid", uid_of(deadline))
        event.add("dtstamp", now)
        event.add("last-modified", now)
        event.add("sequence", max(sequence, 0))
        event.add("summary", _summary(deadline))
        event.add("description", _description(deadline))
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [deadline.rule, deadline.party.value])
        event.add("status", "CONFIRMED" if deadline.open else "CANCELLED")
        if deadline.open and deadline.party == Party.BUYER and deadline.kind == DeadlineKind.DUE:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Act by today: {deadline.title}")
            # 09:00 on the "safe by" day (the event itself starts at 00:00 on the due day).
            early = deadline.due - deadline.safe_by
            alarm.add("trigger", -early + timedelta(hours=9))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def export_ics(deadlines: Iterable[Deadline], path: Path, *, now: datetime | None = None) -> int:
    """Write the deadlines to ``path`` (atomically); returns the number of events."""
    items = list(deadlines)
    data = build_calendar(items, now=now).to_ical()
    with write_atomically(path) as out:
        out.write(data)
    return len(items)


def event_dates(ics: bytes) -> dict[str, date]:
    """UID -> start day of each event in an .ics file (for checks and tests)."""
    calendar = Calendar.from_ical(ics)
    return {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
