"""The dispute timeline: the days of a dispute, its phases, events and clocks at a glance."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain.deadlines import Deadline, dispute_deadlines, next_deadline
from ta_desktop.core.domain.dispute_clock import DisputeClock
from ta_desktop.core.domain.disputes import (
    Dispute,
    DisputeEvent,
    DisputeEventKind,
    DisputeStage,
    effective_events,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.widgets.timeline import RuleTimelineWidget
from ta_desktop.ui.widgets.timeline_model import (
    SpanRole,
    TimelineMarker,
    TimelineModel,
    TimelineSpan,
    deadline_marker,
    long_date,
)

_ENDS_NEGOTIATION = (DisputeEventKind.ESCALATED, DisputeEventKind.CANCELLED)
_ENDS_TEAM = (DisputeEventKind.DECISION, DisputeEventKind.CANCELLED)


class DisputeTimelineWidget(RuleTimelineWidget):
    """Painted over the days of one dispute; redraws whenever ``set_dispute`` is called."""

    def __init__(self, profile: RuleProfile, calendar: WorkCalendar,
                 parent: QWidget | None = None) -> None:
        super().__init__(profile, calendar, parent)
        self._dispute: Dispute | None = None
        self.setAccessibleName(self.tr("Dispute timeline"))

    def dispute(self) -> Dispute | None:
        return self._dispute

    def set_dispute(self, dispute: Dispute | None, today: date | None = None) -> None:
        self._dispute = dispute
        if today is not None:
            self._today = today
        self.set_model(self.build_model(dispute, self._today) if dispute else None)

    # -- the model ---------------------------------------------------------------------------

    def build_model(self, dispute: Dispute, today: date) -> TimelineModel:
        profile, calendar = self._profile, self._calendar
        current = effective_events(dispute, profile, calendar, today)
        clock = current.clock(profile, calendar)
        deadlines = dispute_deadlines(dispute, profile, calendar, today)
        opened = clock.opened

        def day_note(day: date) -> str:
            return self.tr(" (day %1)").replace("%1", str(clock.day_number(day)))

        spans = self._spans(current, clock, today)
        markers = [self._event_marker(i, e, day_note(e.on)) for i, e in enumerate(current.events)]
        markers += [
            deadline_marker(d, today, self._deadline_label(d),
                            self.deadline_tooltip(d, today, day_note(d.due)))
            for d in deadlines
        ]
        markers.sort(key=lambda m: (m.day, m.shape.value != "event"))
        days = [m.day for m in markers] + [today, clock.auto_escalation]
        last = max(days)
        days_off = frozenset(
            day for span in spans if span.role == SpanRole.WAITING
            for day in _days(span.start, span.end) if not calendar.is_working_day(day)
        )
        return TimelineModel(
            first=opened - timedelta(days=1),
            last=last + timedelta(days=2),
            today=today,
            title=self._title(current, clock.day_number(today)),
            spans=tuple(spans),
            markers=tuple(markers),
            next_deadline=next_deadline(deadlines, today),
            days_off=days_off,
        )

    def _spans(self, current: Dispute, clock: DisputeClock, today: date) -> list[TimelineSpan]:
        opened, escalate_from = current.opened_on, clock.escalate_from
        day_before = timedelta(days=1)
        # DS-NEGOTIATE: buyer and supplier negotiate alone for 3 to 30 days.
        ends = [clock.negotiation_max_end]
        ends += [e.on - day_before for e in current.events if e.kind in _ENDS_NEGOTIATION]
        ends += [e.on for e in current.events if e.kind == DisputeEventKind.REPLY and e.accepted]
        negotiation_end = min(ends)
        band = self.tr("Negotiation (%1 to %2 days)") \
            .replace("%1", str(self._profile.negotiation_min_days)) \
            .replace("%2", str(self._profile.negotiation_max_days))
        spans = []
        if escalate_from > opened:
            spans.append(TimelineSpan(opened, min(escalate_from - timedelta(days=1),
                                                  negotiation_end),
                                      band, SpanRole.CALM))
        if negotiation_end >= escalate_from:
            spans.append(TimelineSpan(escalate_from, negotiation_end,
                                      self.tr("Negotiation · you may escalate"),
                                      SpanRole.OPPORTUNITY))
        escalation = current.escalation
        if escalation is not None:
            decided = next((e.on for e in current.events if e.on >= escalation.on and (
                e.kind in _ENDS_TEAM or (e.kind == DisputeEventKind.CANCEL_ANSWERED
                                         and e.accepted))), None)
            end = decided or max(clock.team_response_due or today, today)
            spans.append(TimelineSpan(escalation.on, end, self.tr("Dispute team"),
                                      SpanRole.WAITING))
        return spans

    def _title(self, current: Dispute, day: int) -> str:
        stage = current.stage
        auto_day = self._profile.auto_escalation_on_day
        if stage == DisputeStage.NEGOTIATION:
            text = self.tr("Negotiation · day %1 of %2").replace("%1", str(day)) \
                .replace("%2", str(auto_day))
        elif stage == DisputeStage.ESCALATED:
            text = self.tr("Escalated · day %1").replace("%1", str(day))
        elif stage == DisputeStage.CANCEL_REQUESTED:
            text = self.tr("Escalated · day %1 · cancellation asked of the dispute team") \
                .replace("%1", str(day))
        else:
            text = {
                DisputeStage.AGREED: self.tr("Agreed with the supplier"),
                DisputeStage.DECIDED: self.tr("Decided by the dispute team"),
                DisputeStage.CANCELLED: self.tr("Dispute cancelled"),
                DisputeStage.CLOSED: self.tr("Dispute closed"),
            }[stage]
        return f"{text} · {current.claim.label}"

    def _deadline_label(self, deadline: Deadline) -> str:
        labels = {
            "DS-ESC-EARLY": self.tr("Escalate from"),
            "DS-ESC-AUTO": self.tr("Auto-escalation"),
            "DS-TEAM": self.tr("Team answer due"),
            "DS-CANCEL": self.tr("Team answers cancellation"),
        }
        if deadline.rule == "DS-REPLY":
            return self.tr("%1 reply due").replace("%1", fmt.label(deadline.party))
        return labels.get(deadline.rule, deadline.title)

    def _event_marker(self, index: int, event: DisputeEvent, day_note: str) -> TimelineMarker:
        lines = [f"<b>{html.escape(event.title)}</b>", f"{long_date(event.on)}{day_note}"]
        if event.party:
            lines.append(self.tr("By: %1").replace("%1", self.party_name(event.party)))
        if event.amount is not None and self._dispute is not None:
            currency = self._dispute.requested_refund.currency
            money = self.tr("no money") if event.kind == DisputeEventKind.PROPOSAL \
                and not event.amount else fmt.money(event.amount, currency)
            lines.append(self.tr("Amount: %1").replace("%1", money))
        if event.note:
            lines.append(html.escape(event.note))
        if event.automatic:
            lines.append(self.tr("<i>Done by the platform on its own (%1).</i>")
                         .replace("%1", event.rule or ""))
        return TimelineMarker(
            key=f"event-{index}", day=event.on, label=_short_title(event),
            tooltip="<br>".join(lines), party=event.party, automatic=event.automatic,
            payload=event,
        )


def _short_title(event: DisputeEvent) -> str:
    if event.kind == DisputeEventKind.OPENED:
        return "Opened"
    if event.kind == DisputeEventKind.ESCALATED:
        return "Escalated"
    return event.title


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
