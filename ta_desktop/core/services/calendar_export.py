"""Deadlines as an iCalendar (.ics) file, one all-day event per deadline.

The UID of each event is the deadline's stable key, and SEQUENCE grows with the export time, so
importing a newer file into a calendar updates the events (a moved date, a closed deadline)
instead of duplicating them. Closed deadlines are exported as cancelled events for the same reason.

The text is written as it is made, event by event, by a plain RFC 5545 writer (escaping and
line folding below): building icalendar objects first took 9 times as long and held every event
in memory. icalendar itself only reads (``event_dates``, and the tests parse exports back).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind
from ta_desktop.core.domain.types import Party
from ta_desktop.core.storage.files import write_atomically

PRODID = "-//TA Desktop//Trade Assurance deadlines//EN"
UID_DOMAIN = "ta-desktop.local"
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_WHO = {Party.BUYER: "You", Party.SUPPLIER: "Supplier", Party.PLATFORM: "Platform"}
_FOLD = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


def uid_of(deadline: Deadline) -> str:
    return f"{deadline.key}@{UID_DOMAIN}"


def _summary(deadline: Deadline) -> str:
    order = f" · {deadline.order_number}" if deadline.order_number else ""
    return f"[{_WHO[deadline.party]}] {deadline.title}{order}"


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


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """The content line with its CRLF, folded after 75 octets (never inside a character)."""
    if len(line) <= _FOLD and line.isascii():
        return line + "\r\n"
    data = line.encode()
    pieces, start, width = [], 0, _FOLD
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a UTF-8 character
            end -= 1
        pieces.append(data[start:end])
        start, width = end, _FOLD - 1  # a continuation line starts with one space
    return b"\r\n ".join(pieces).decode() + "\r\n"


def _day(day: date) -> str:
    return day.isoformat().replace("-", "")


def _duration(delta: timedelta) -> str:
    """A DURATION value (RFC 5545 3.3.6), e.g. -P1DT15H."""
    sign = "-" if delta < timedelta(0) else ""
    seconds = int(abs(delta).total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
                    if n)
    return f"{sign}P{f'{days}D' if days else ''}{f'T{clock}' if clock else ''}" \
        if days or clock else "PT0S"


def _event(deadline: Deadline, stamp: str, sequence: int) -> str:
    due = deadline.due
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(uid_of(deadline))}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{_text(_summary(deadline))}",
        f"DESCRIPTION:{_text(_description(deadline))}",
        f"DTSTART;VALUE=DATE:{_day(due)}",
        f"DTEND;VALUE=DATE:{_day(due + timedelta(days=1))}",
        "TRANSP:TRANSPARENT",
        f"CATEGORIES:{_text(deadline.rule)},{_text(deadline.party.value)}",
        f"STATUS:{'CONFIRMED' if deadline.open else 'CANCELLED'}",
    ]
    if deadline.open and deadline.party == Party.BUYER and deadline.kind == DeadlineKind.DUE:
        # 09:00 on the "safe by" day (the event itself starts at 00:00 on the due day).
        early = deadline.due - deadline.safe_by
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                  f"DESCRIPTION:{_text(f'Act by today: {deadline.title}')}",
                  f"TRIGGER:{_duration(-early + timedelta(hours=9))}", "END:VALARM"]
    lines.append("END:VEVENT")
    return "".join(_fold(line) for line in lines)


def ics_text(deadlines: Iterable[Deadline], *, now: datetime | None = None) -> Iterator[str]:
    """The calendar's text, a piece at a time (one event each): what ``export_ics`` writes."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    sequence = max(int((now - _SEQUENCE_EPOCH).total_seconds() // 60), 0)
    yield "".join(_fold(line) for line in (
        "BEGIN:VCALENDAR", f"PRODID:{_text(PRODID)}", "VERSION:2.0", "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Trade Assurance deadlines"))
    for deadline in deadlines:
        yield _event(deadline, stamp, sequence)
    yield "END:VCALENDAR\r\n"


def export_ics(deadlines: Iterable[Deadline], path: Path, *, now: datetime | None = None) -> int:
    """Write the deadlines to ``path`` (atomically, streamed); returns the number of events."""
    count = 0

    def counted() -> Iterator[Deadline]:
        nonlocal count
        for deadline in deadlines:
            count += 1
            yield deadline

    with write_atomically(path) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        text.writelines(ics_text(counted(), now=now))
        text.flush()
        text.detach()  # write_atomically still owns (and closes) the file
    return count


def event_dates(ics: bytes) -> dict[str, date]:
    """UID -> start day of each event in an .ics file (for checks and tests)."""
    from icalendar import Calendar  # only to read one back

    calendar = Calendar.from_ical(ics)
    return {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
