"""What a timeline shows, and where: the model a timeline widget paints (spans, markers, the
next deadline) and the pure geometry and wording it is laid out with. No Qt here, so the
date-to-x mapping and the label placement are tested as plain functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from ta_desktop.core.domain.deadlines import Deadline, DeadlineKind, Urgency
from ta_desktop.core.domain.types import Party
from ta_desktop.ui import formatting as fmt


class MarkerShape(Enum):
    EVENT = "event"  # something that happened: a dot on the track
    DEADLINE = "deadline"  # something due: a diamond with a flag above the track
    MILESTONE = "milestone"  # something becomes possible: a triangle above the track


class SpanRole(Enum):
    CALM = "calm"  # e.g. negotiation, production
    OPPORTUNITY = "opportunity"  # e.g. escalation possible, dispute window
    WAITING = "waiting"  # e.g. the dispute team, delivery window
    EXTENSION = "extension"
    LATE = "late"  # something overdue, e.g. a shipment after the agreed date


@dataclass(frozen=True)
class TimelineMarker:
    key: str
    day: date
    label: str
    tooltip: str
    shape: MarkerShape = MarkerShape.EVENT
    party: Party | None = None
    urgency: Urgency | None = None
    automatic: bool = False  # done by the platform on its own (drawn hollow)
    payload: object = None


@dataclass(frozen=True)
class TimelineSpan:
    start: date
    end: date  # inclusive
    label: str
    role: SpanRole = SpanRole.CALM


@dataclass(frozen=True)
class TimelineModel:
    first: date
    last: date  # inclusive
    today: date
    title: str = ""
    spans: tuple[TimelineSpan, ...] = ()
    markers: tuple[TimelineMarker, ...] = ()
    next_deadline: Deadline | None = None
    days_off: frozenset[date] = field(default_factory=frozenset)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


# --- pure geometry --------------------------------------------------------------------------


def date_to_x(day: date, first: date, days: int, left: float, width: float) -> float:
    """The x of the middle of ``day`` when ``days`` days from ``first`` fill ``width`` pixels."""
    return left + ((day - first).days + 0.5) * width / max(days, 1)


def x_to_date(x: float, first: date, days: int, left: float, width: float) -> date:
    """The day under ``x`` (clamped to the timeline)."""
    index = int((x - left) * max(days, 1) // max(width, 1))
    return first + timedelta(days=min(max(index, 0), days - 1))


def place_labels(
    spans: Sequence[tuple[float, float]],
    rows: int,
    gap: float = 6,
    priority: Sequence[int] | None = None,
    limit: float = float("inf"),
) -> list[tuple[int, float] | None]:
    """A (row, shift) for each (left, right) label so labels in a row never overlap.

    Labels are placed in ``priority`` order (indices; default left to right), each in the first
    row where it fits, moved right by at most half its width (it still sits over its marker)
    and never past ``limit``.
    One that fits nowhere gets None: not drawn, its marker keeps its tooltip.
    """
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed: list[tuple[int, float] | None] = [None] * len(spans)
    for index in priority if priority is not None else range(len(spans)):
        left, right = spans[index]
        most = min((right - left) / 2, limit - right)
        for row in range(rows):
            shift = 0.0
            while shift <= most:
                clash = [end for start, end in taken[row]
                         if start < right + shift + gap and left + shift < end + gap]
                if not clash:
                    break
                shift = max(clash) + gap - left
            if shift <= most:
                taken[row].append((left + shift, right + shift))
                placed[index] = (row, shift)
                break
    return placed


def long_date(day: date) -> str:
    return fmt.weekday_day(day)


def countdown_text(days_left: int) -> str:
    if days_left < 0:
        return f"{-days_left} day{'s' if days_left != -1 else ''} overdue"
    if days_left == 0:
        return "due today"
    return f"{days_left} day{'s' if days_left != 1 else ''} left"


def deadline_marker(deadline: Deadline, today: date, label: str, tooltip: str) -> TimelineMarker:
    """A marker for a deadline: a milestone for "possible from", a diamond for "due by"."""
    shape = MarkerShape.MILESTONE if deadline.kind == DeadlineKind.FROM else MarkerShape.DEADLINE
    return TimelineMarker(key=deadline.key, day=deadline.due, label=label,
                          tooltip=tooltip, shape=shape, party=deadline.party,
                          urgency=deadline.urgency(today), payload=deadline)
