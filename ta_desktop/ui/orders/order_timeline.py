"""The order timeline: placed, paid, shipment due, shipped, the delivery window with its
extensions and the last day to open a dispute, painted like the dispute timeline."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain import deadlines as dl
from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.disputes import Dispute
from ta_desktop.core.domain.entities import Action, Order, OrderEvent
from ta_desktop.core.domain.receiving import delivered_on, receiving_window
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party
from ta_desktop.core.domain.workdays import WorkCalendar
from ta_desktop.ui.widgets.timeline import RuleTimelineWidget
from ta_desktop.ui.widgets.timeline_model import (
    SpanRole,
    TimelineMarker,
    TimelineModel,
    TimelineSpan,
    deadline_marker,
    long_date,
)

# The dispute's own clocks belong on the dispute timeline; the order shows its own rules.
ORDER_RULES = ("CONF-AUTO", "SHIP-DATE", "RC-EXT", "DS-WINDOW", "OFF-WINDOW")


class OrderTimelineWidget(RuleTimelineWidget):
    """Painted over the life of one order; redraws whenever ``set_order`` is called."""

    def __init__(self, profile: RuleProfile, calendar: WorkCalendar,
                 parent: QWidget | None = None) -> None:
        super().__init__(profile, calendar, parent)
        self._order: Order | None = None
        self._dispute: Dispute | None = None
        self.setAccessibleName(self.tr("Order timeline"))

    def set_order(self, order: Order | None, today: date | None = None,
                  dispute: Dispute | None = None,
                  extra: Sequence[TimelineMarker] = ()) -> None:
        """Show ``order``; ``extra`` markers come from other features (inspections)."""
        self._order, self._dispute = order, dispute
        if today is not None:
            self._today = today
        self.set_model(self.build_model(order, self._today, dispute, extra) if order else None)

    def _labels(self) -> dict[Action, str]:
        return {
            Action.SUBMIT: self.tr("Sent"),
            Action.SUPPLIER_CONFIRM: self.tr("Confirmed"),
            Action.RECORD_PAYMENT: self.tr("Payment sent"),
            Action.PAYMENT_RECEIVED: self.tr("Paid"),
            Action.MARK_SHIPPED: self.tr("Shipped"),
            Action.EXTEND_RECEIVING: self.tr("Extended"),
            Action.CONFIRM_DELIVERY: self.tr("Delivered"),
            Action.OPEN_DISPUTE: self.tr("Dispute"),
            Action.CANCEL_DISPUTE: self.tr("Dispute cancelled"),
            Action.RESOLVE_DISPUTE: self.tr("Dispute decided"),
            Action.CANCEL: self.tr("Cancelled"),
            Action.AUTO_CANCEL: self.tr("Auto-cancelled"),
            Action.REQUEST_MODIFICATION: self.tr("Change asked"),
            Action.MODIFICATION_ACCEPTED: self.tr("Change accepted"),
            Action.MODIFICATION_DECLINED: self.tr("Change declined"),
        }

    def build_model(self, order: Order, today: date, dispute: Dispute | None = None,
                    extra: Sequence[TimelineMarker] = ()) -> TimelineModel:
        profile = self._profile
        all_deadlines = dl.order_deadlines(order, profile, self._calendar, today, dispute)
        deadlines = [d for d in all_deadlines if d.rule in ORDER_RULES]
        markers = self._event_markers(order) + list(extra)
        markers += [deadline_marker(d, today, self._deadline_label(d),
                                    self.deadline_tooltip(d, today)) for d in deadlines]
        markers.sort(key=lambda m: (m.day, m.shape.value != "event"))
        days = [m.day for m in markers] + [today]
        first = min(days)
        placed = order.created_on or first
        age = (today - placed).days
        title = (self.tr("Order timeline · placed today") if age == 0 else
                 self.tr("Order timeline · placed %n day(s) ago", "", age))
        return TimelineModel(
            first=first - timedelta(days=1),
            last=max(days) + timedelta(days=2),
            today=today,
            title=title,
            spans=tuple(self._spans(order, today)),
            markers=tuple(markers),
            next_deadline=dl.next_deadline(all_deadlines, today),
        )

    def _event_markers(self, order: Order) -> list[TimelineMarker]:
        labels = self._labels()
        markers = []
        if order.created_on is not None:
            markers.append(TimelineMarker(
                key="placed", day=order.created_on, label=self.tr("Placed"),
                tooltip=f"<b>{self.tr('Order placed')}</b><br>{long_date(order.created_on)}",
                party=Party.BUYER))
        for index, event in enumerate(order.events):
            if event.action == Action.RECORD_PAYMENT:
                continue  # the day it was received is the one that counts (DS-OPEN)
            label = labels.get(event.action, event.action.label)
            if event.action == Action.EXTEND_RECEIVING and event.party:
                label = self.tr("%1 extended").replace("%1", event.party.value.capitalize())
            markers.append(TimelineMarker(
                key=f"order-event-{index}", day=event.on, label=label,
                tooltip=self._event_tooltip(event), party=event.party or _actor(event),
                payload=event))
        return markers

    def _event_tooltip(self, event: OrderEvent) -> str:
        lines = [f"<b>{html.escape(event.action.label)}</b>", long_date(event.on),
                 self.tr("Status: %1").replace("%1", event.to_status.label)]
        if event.note:
            lines.append(html.escape(event.note))
        return "<br>".join(lines)

    def _deadline_label(self, deadline: dl.Deadline) -> str:
        label = {
            "CONF-AUTO": self.tr("Auto-cancel"),
            "SHIP-DATE": self.tr("Ship by"),
            "RC-EXT": self.tr("Confirm delivery by"),
            "DS-WINDOW": self.tr("Last day to dispute"),
            "OFF-WINDOW": self.tr("Last day to complain"),
        }[deadline.rule]
        return self.tr("%1 (estimate)").replace("%1", label) if deadline.estimate else label

    def _spans(self, order: Order, today: date) -> list[TimelineSpan]:
        profile = self._profile
        spans = []
        paid = order.payment_received_on()
        shipped = dl.shipped_on(order)
        if paid and order.shipment_date and order.shipment_date >= paid:
            spans.append(TimelineSpan(paid, order.shipment_date, self.tr("Production"),
                                      SpanRole.CALM))
        late = dl.shipment_delay(order, today)
        if late and order.shipment_date:
            spans.append(TimelineSpan(order.shipment_date + timedelta(days=1),
                                      order.shipment_date + timedelta(days=late),
                                      self.tr("Late"), SpanRole.LATE))
        window = receiving_window(order, profile)
        delivered = delivered_on(order)
        if shipped and window:
            label = self.tr("Delivery window (estimate)") if window.estimate else \
                self.tr("Delivery window")
            spans.append(TimelineSpan(shipped, window.base_end, label, SpanRole.WAITING))
            if window.end > window.base_end:
                spans.append(TimelineSpan(window.base_end + timedelta(days=1), window.end,
                                          self.tr("Extended"), SpanRole.EXTENSION))
        last_day = lifecycle.dispute_window_end(order, profile)
        if delivered and last_day and order.online:
            spans.append(TimelineSpan(delivered + timedelta(days=1), last_day,
                                      self.tr("Dispute window"), SpanRole.OPPORTUNITY))
        opened = order.date_of(Action.OPEN_DISPUTE)
        if opened:
            ended = order.date_of(Action.RESOLVE_DISPUTE) or order.date_of(Action.CANCEL_DISPUTE)
            end = ended if ended and ended >= opened else today
            if order.status == OrderStatus.IN_DISPUTE:
                end = max(today, opened)
            spans.append(TimelineSpan(opened, end, self.tr("In dispute"), SpanRole.LATE))
        return clip_spans(spans)


def clip_spans(spans: list[TimelineSpan]) -> list[TimelineSpan]:
    """Spans one after the other: each ends the day before the next begins (a delivery
    confirmed early ends the delivery window; a dispute ends the dispute window)."""
    ordered = sorted(spans, key=lambda s: s.start)
    clipped = []
    for index, span in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        end = span.end
        if following is not None and following.start <= end:
            end = following.start - timedelta(days=1)
        if end >= span.start:
            clipped.append(replace(span, end=end))
    return clipped


def _actor(event: OrderEvent) -> Party:
    supplier_actions = (Action.SUPPLIER_CONFIRM, Action.MARK_SHIPPED)
    platform_actions = (Action.AUTO_CANCEL, Action.PAYMENT_RECEIVED, Action.RESOLVE_DISPUTE)
    if event.action in supplier_actions:
        return Party.SUPPLIER
    if event.action in platform_actions:
        return Party.PLATFORM
    return Party.BUYER
