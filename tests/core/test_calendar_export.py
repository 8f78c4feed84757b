"""Deadlines as .ics: one event per deadline, stable UIDs, safe-by alarms for the buyer."""

import dataclasses
from datetime import UTC, date, datetime

from icalendar import Calendar

from ta_desktop.core.domain.deadlines import order_deadlines
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.types import Party
from ta_desktop.core.services.calendar_export import event_dates, export_ics, uid_of
from ta_desktop.core.services.workdays import team_calendar
from tests.factories import order_through

D = date.fromisoformat


def shipped(profile, extensions=()):
    order = order_through(profile, Action.MARK_SHIPPED, extensions=extensions,
                          dates={Action.MARK_SHIPPED: D("2026-03-01")})
    return order_deadlines(order, profile, team_calendar(profile), D("2026-03-02"))


def test_one_event_per_deadline_on_its_due_day(profile, tmp_path):
    deadlines = shipped(profile)
    path = tmp_path / "deadlines.ics"
    assert export_ics(deadlines, path) == len(deadlines)
    events = event_dates(path.read_bytes())
    assert events == {uid_of(d): d.due for d in deadlines}


def test_exporting_again_after_an_extension_updates_the_same_events(profile, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_ics(shipped(profile), first, now=datetime(2026, 3, 2, 8, tzinfo=UTC))
    export_ics(shipped(profile, (Party.BUYER,)), second, now=datetime(2026, 3, 5, 8, tzinfo=UTC))
    before, after = event_dates(first.read_bytes()), event_dates(second.read_bytes())
    assert before.keys() == after.keys()
    moved = [uid for uid in before if before[uid] != after[uid]]
    assert moved and all(after[uid] > before[uid] for uid in moved)
    sequences = [
        {str(e["uid"]): int(e["sequence"]) for e in Calendar.from_ical(p.read_bytes()).walk()
         if e.name == "VEVENT"}
        for p in (first, second)
    ]
    assert all(sequences[1][uid] > sequences[0][uid] for uid in moved)


def test_buyer_deadline_reminds_on_the_safe_by_day(profile, tmp_path):
    path = tmp_path / "d.ics"
    export_ics(shipped(profile), path)
    calendar = Calendar.from_ical(path.read_bytes())
    receive = next(e for e in calendar.walk("VEVENT") if "RC-EXT" in str(e["uid"]) or
                   "receive" in str(e["uid"]))
    assert str(receive["summary"]).startswith("[You]")
    assert "Act by 2026-03-30" in str(receive["description"])
    assert receive.walk("VALARM")


def test_text_is_escaped_and_long_lines_folded_as_rfc_5545_says(profile, tmp_path):
    deadline = shipped(profile)[0]
    odd = dataclasses.replace(deadline, title="Ship; pack, label \\ check\n" + "深圳 " * 40,
                              order_number="TA-1")
    path = tmp_path / "odd.ics"
    export_ics([odd], path, now=datetime(2026, 3, 2, 8, tzinfo=UTC))
    data = path.read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # octets, CRLF aside
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == f"[You] {odd.title} · TA-1"
    assert event.decoded("dtstart") == odd.due


def test_an_empty_export_is_a_calendar_without_events(tmp_path):
    path = tmp_path / "none.ics"
    assert export_ics([], path) == 0
    assert Calendar.from_ical(path.read_bytes()).walk("VEVENT") == []
