"""The deadline engine: every dated obligation of an order and its dispute.

Each ``Deadline`` says what is due when, under which rule, who must act and what happens if
nobody does. Deadlines are derived from the order's history and the dispute's events every time;
they are never stored or typed, so a changed rule profile or a late-recorded event moves them.
The key of a deadline stays the same when its date moves (an extension, a new profile), so a
calendar import updates the event instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.disputes import (
    Dispute,
    DisputeEventKind,
    DisputeStage,
    effective_events,
)
from ta_desktop.core.domain.entities import Action, Order, Supplier
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import OrderStatus, Party
from ta_desktop.core.domain.workdays import WorkCalendar

S = OrderStatus
# How close a deadline must be to count as urgent / soon (display only, not a platform rule).
URGENT_DAYS = 2
SOON_DAYS = 7


class DeadlineKind(StrEnum):
    DUE = "due"  # something must happen by this day
    FROM = "from"  # something becomes possible on this day


class Urgency(StrEnum):
    OVERDUE = "overdue"
    URGENT = "urgent"
    SOON = "soon"
    LATER = "later"
    CLOSED = "closed"


@dataclass(frozen=True)
class Deadline:
    key: str
    rule: str
    title: str
    due: date
    party: Party
    consequence: str
    open: bool = True
    kind: DeadlineKind = DeadlineKind.DUE
    order_id: int | None = None
    order_number: str = ""

    @property
    def safe_by(self) -> date:
        """The day to act by: one day early for the buyer's own deadlines (time zones)."""
        if self.party == Party.BUYER and self.kind == DeadlineKind.DUE:
            return self.due - timedelta(days=1)
        return self.due

    def days_left(self, today: date) -> int:
        """Days from ``today`` to the platform deadline itself (negative when overdue)."""
        return (self.due - today).days

    def left_text(self, today: date) -> str:
        """How far off it is, in words: "3 days", "today", "2 days overdue", "possible now"."""
        days = self.days_left(today)
        if self.kind == DeadlineKind.FROM:
            return "possible now" if days <= 0 else f"in {days} days"
        if days < 0:
            return f"{-days} day{'s' if days != -1 else ''} overdue"
        if days == 0:
            return "today"
        return "tomorrow" if days == 1 else f"{days} days"

    def is_overdue(self, today: date) -> bool:
        return self.open and self.kind == DeadlineKind.DUE and today > self.due

    def urgency(self, today: date) -> Urgency:
        if not self.open:
            return Urgency.CLOSED
        days = self.days_left(today)
        if days < 0:
            return Urgency.CLOSED if self.kind == DeadlineKind.FROM else Urgency.OVERDUE
        if days <= URGENT_DAYS:
            return Urgency.URGENT
        return Urgency.SOON if days <= SOON_DAYS else Urgency.LATER

    def to_json(self, today: date) -> dict[str, object]:
        return {
            "key": self.key,
            "order_id": self.order_id,
            "order_number": self.order_number,
            "rule": self.rule,
            "title": self.title,
            "due": self.due.isoformat(),
            "safe_by": self.safe_by.isoformat(),
            "party": self.party.value,
            "kind": self.kind.value,
            "open": self.open,
            "days_left": self.days_left(today),
            "overdue": self.is_overdue(today),
            "consequence": self.consequence,
        }


def needs_me_order(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """Buyer actions first, then soonest first (the "What needs me" order)."""
    return sorted(deadlines, key=lambda d: (d.party != Party.BUYER, d.due, d.order_number, d.key))


def next_deadline(deadlines: Iterable[Deadline], today: date) -> Deadline | None:
    """The open deadline to count down to: the soonest still ahead, else the most overdue."""
    due = sorted((d for d in deadlines if d.open and d.kind == DeadlineKind.DUE),
                 key=lambda d: (d.due, d.party != Party.BUYER))
    ahead = [d for d in due if d.due >= today]
    return ahead[0] if ahead else (due[0] if due else None)


# --- the order ---------------------------------------------------------------------------------

BEFORE_SHIPMENT = frozenset({S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT,
                             S.PAYMENT_PROCESSING, S.AWAITING_SHIPMENT})


class Clock(NamedTuple):
    """One of the order's own deadlines: the same slug, rule and title whether it has a date
    (``order_deadlines``) or its clock has not started yet (``coming_deadlines``)."""

    slug: str
    rule: str
    title: str


CONFIRM = Clock("confirm", "CONF-AUTO", "Supplier must confirm the order")
PAY = Clock("pay", "CONF-AUTO", "Pay the order")
SHIP = Clock("ship", "DS-OPEN", "Agreed shipment date")
RECEIVE = Clock("receive", "RC-EXT", "Confirm delivery or extend the receiving time")
DISPUTE_WINDOW = Clock("dispute-window", "DS-WINDOW", "Last day to open a dispute")
OFFLINE_WINDOW = Clock("dispute-window", "OFF-WINDOW", "Last day to complain (offline order)")


def shipped_on(order: Order) -> date | None:
    return order.date_of(Action.MARK_SHIPPED)


def shipment_delay(order: Order, today: date) -> int:
    """Days the shipment is (or was) late against the agreed date; 0 when on time."""
    if order.shipment_date is None:
        return 0
    shipped = shipped_on(order)
    if shipped is None:
        if order.status not in BEFORE_SHIPMENT:
            return 0
        shipped = today
    return max(0, (shipped - order.shipment_date).days)


def receiving_extension_days(order: Order, profile: RuleProfile) -> int:
    """Days the receiving time was extended (RC-EXT: once per party, capped)."""
    return min(order.extension_count * profile.receiving_extension_days,
               profile.receiving_extension_max_days)


def receiving_window_end(order: Order, profile: RuleProfile) -> date | None:
    """Last day to confirm delivery (or extend, or dispute) before it is confirmed for the buyer."""
    shipped = shipped_on(order)
    if shipped is None:
        return None
    days = profile.receiving_window_days + receiving_extension_days(order, profile)
    return shipped + timedelta(days=days)


class _Builder:
    def __init__(self, order_id: int | None, order_number: str) -> None:
        self.order_id = order_id
        self.order_number = order_number
        self.ref = f"order-{order_id}" if order_id is not None else f"order-{order_number}"
        self.items: list[Deadline] = []
        self.order: Order = None  # type: ignore[assignment]  # set by ``of``

    @classmethod
    def of(cls, order: Order) -> _Builder:
        builder = cls(order.id, order.order_number)
        builder.order = order
        return builder

    def add(self, slug: str, rule: str, title: str, due: date, party: Party, consequence: str,
            *, open: bool, kind: DeadlineKind = DeadlineKind.DUE) -> None:
        self.items.append(Deadline(
            key=f"{self.ref}/{slug}", rule=rule, title=title, due=due, party=party,
            consequence=consequence, open=open, kind=kind, order_id=self.order_id,
            order_number=self.order_number))

    def add_clock(self, clock: Clock, due: date, party: Party, consequence: str, *, open: bool,
                  detail: str = "") -> None:
        """One of the order's own deadlines; ``detail`` is added to its title."""
        title = f"{clock.title} ({detail})" if detail else clock.title
        self.add(clock.slug, clock.rule, title, due, party, consequence, open=open)

    def sorted(self) -> list[Deadline]:
        return sorted(self.items, key=lambda d: (d.due, d.key))


def _confirmation_deadlines(b: _Builder, profile: RuleProfile) -> None:
    order = b.order
    if order.status == S.AWAITING_SUPPLIER_CONFIRMATION:
        sent = order.date_of(Action.SUBMIT) or order.created_on
        if sent:
            b.add_clock(CONFIRM, sent + timedelta(days=profile.supplier_confirmation_days),
                        Party.SUPPLIER, "The platform cancels the order automatically.",
                        open=True)
    if order.status == S.AWAITING_PAYMENT:
        confirmed = order.date_of(Action.SUPPLIER_CONFIRM) or order.created_on
        if confirmed:
            b.add_clock(PAY, confirmed + timedelta(days=profile.payment_wait_days), Party.BUYER,
                        "The platform cancels the unpaid order automatically.", open=True)


def _shipment_deadline(b: _Builder, today: date) -> None:
    order = b.order
    if order.shipment_date is None or order.status == S.DRAFT:
        return
    late = shipment_delay(order, today)
    b.add_clock(SHIP, order.shipment_date, Party.SUPPLIER,
                "Late shipment: the buyer may open a dispute for late shipment once the order is "
                "paid. Keep every agreement about a new date on the platform's chat (EV-CHAT).",
                open=order.status in BEFORE_SHIPMENT,
                detail=f"{late} day{'s' if late != 1 else ''} late" if late else "")


def _delivery_deadlines(b: _Builder, profile: RuleProfile, today: date) -> None:
    """The receiving window (RC-EXT) and the last day to open a dispute. A dispute window that
    has passed is closed: nothing can be done about it any more."""
    order = b.order
    window_end = receiving_window_end(order, profile)
    waiting = order.status == S.AWAITING_DELIVERY_CONFIRMATION
    if window_end is not None and (waiting or order.date_of(Action.CONFIRM_DELIVERY)):
        extra = receiving_extension_days(order, profile)
        b.add_clock(RECEIVE, window_end, Party.BUYER,
                    "Delivery counts as confirmed and the payment is released to the supplier.",
                    open=waiting, detail=f"extended by {extra} days" if extra else "")
    if order.online:
        confirmed = order.date_of(Action.CONFIRM_DELIVERY)
        anchor = confirmed or (window_end if waiting else None)
        if anchor is None:
            return
        last_day = anchor + timedelta(days=profile.dispute_window_days)
        b.add_clock(DISPUTE_WINDOW, last_day, Party.BUYER,
                    "The platform no longer accepts a dispute on this order.",
                    open=order.status in (S.COMPLETED, S.AWAITING_DELIVERY_CONFIRMATION)
                    and today <= last_day,
                    detail="" if confirmed else "if delivery is confirmed on the last day")
    else:
        last_day = _offline_window_end(order, profile)
        if last_day is None:
            return
        b.add_clock(OFFLINE_WINDOW, last_day, Party.BUYER,
                    "The platform no longer handles a complaint about this offline order.",
                    open=order.status in (S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION)
                    and today <= last_day)


def _offline_window_end(order: Order, profile: RuleProfile) -> date | None:
    """OFF-WINDOW's last day, once the order is past waiting for payment."""
    if order.status in lifecycle.BEFORE_PAYMENT:
        return None
    return lifecycle.dispute_window_end(order, profile)


_REPLY_OUTCOME = {
    Party.SUPPLIER: "The supplier stays silent: the dispute is escalated to the dispute team.",
    Party.BUYER: "The buyer stays silent: the dispute is cancelled.",
}


def _dispute_deadlines(b: _Builder, dispute: Dispute, profile: RuleProfile,
                       calendar: WorkCalendar, today: date) -> None:
    current = effective_events(dispute, profile, calendar, today)
    stage = current.stage
    negotiating = stage == DisputeStage.NEGOTIATION
    clock = current.clock(profile, calendar)
    prefix = f"dispute-{dispute.opened_on.isoformat()}"
    b.add(f"{prefix}/escalate-from", "DS-ESC-EARLY", "Buyer may escalate to the dispute team",
          clock.escalate_from, Party.BUYER,
          "From this day the buyer may ask the dispute team to step in.",
          open=negotiating, kind=DeadlineKind.FROM)
    b.add(f"{prefix}/auto-escalation", "DS-ESC-AUTO", "Automatic escalation",
          clock.auto_escalation, Party.PLATFORM,
          "The unresolved dispute is escalated to the dispute team automatically.",
          open=negotiating)
    pending = current.pending_proposal
    proposals = [e for e in current.events if e.kind == DisputeEventKind.PROPOSAL]
    for index, proposal in enumerate(proposals, start=1):
        answer_by = Party.BUYER if proposal.party == Party.SUPPLIER else Party.SUPPLIER
        b.add(f"{prefix}/reply-{index}", "DS-REPLY",
              f"Answer the {proposal.party.value}'s proposal",
              proposal.on + timedelta(days=profile.proposal_reply_days), answer_by,
              _REPLY_OUTCOME[answer_by], open=negotiating and proposal is pending)
    if clock.team_response_due is not None:
        b.add(f"{prefix}/team-response", "DS-TEAM", "Dispute team should respond",
              clock.team_response_due, Party.PLATFORM,
              "No automatic outcome: chase the dispute team if it has not answered.",
              open=stage == DisputeStage.ESCALATED)


def order_deadlines(
    order: Order,
    profile: RuleProfile,
    calendar: WorkCalendar,
    today: date,
    dispute: Dispute | None = None,
) -> list[Deadline]:
    """Every deadline of ``order`` (open or not), by date."""
    builder = _Builder.of(order)
    _confirmation_deadlines(builder, profile)
    _shipment_deadline(builder, today)
    _delivery_deadlines(builder, profile, today)
    if dispute is not None:
        _dispute_deadlines(builder, dispute, profile, calendar, today)
    if order.status.is_final:
        builder.items = [replace(d, open=False) for d in builder.items]
    return builder.sorted()


def current_deadlines(
    order: Order,
    profile: RuleProfile,
    calendar: WorkCalendar,
    today: date,
    dispute: Dispute | None = None,
) -> list[Deadline]:
    """Every deadline of ``order``, counting its latest ``dispute`` only while the order is in
    dispute (a settled or cancelled dispute no longer sets dates)."""
    return order_deadlines(order, profile, calendar, today,
                           dispute if order.status == S.IN_DISPUTE else None)


def supplier_deadlines(supplier: Supplier, profile: RuleProfile, today: date) -> list[Deadline]:
    """Every deadline of a supplier itself, not of one of its orders (none yet: the place for
    supplier-level rules). They are stored and listed with the orders' (storage/deadline_table)."""
    return []


def dispute_deadlines(
    dispute: Dispute, profile: RuleProfile, calendar: WorkCalendar, today: date
) -> list[Deadline]:
    """The deadlines of a dispute alone (the same keys as in ``order_deadlines``), by date."""
    builder = _Builder(dispute.order_id, dispute.order_number)
    _dispute_deadlines(builder, dispute, profile, calendar, today)
    return builder.sorted()


# --- what the contract will start ------------------------------------------------------------


@dataclass(frozen=True)
class ComingDeadline:
    """An order deadline whose clock has not started: when it will start and how long it runs.
    Of these, only the agreed shipment date is known in advance."""

    rule: str
    title: str
    starts: str
    due: date | None = None


# Until an order ships, the clocks that start at shipment have not started.
_UNSHIPPED = frozenset({S.DRAFT, *BEFORE_SHIPMENT})


def coming_deadlines(order: Order, profile: RuleProfile) -> list[ComingDeadline]:
    """The order's own deadlines that ``order_deadlines`` cannot date yet because their clock
    has not started, so that a draft's contract summary states them too."""
    status = order.status
    coming: list[ComingDeadline] = []

    def add(clock: Clock, starts: str, due: date | None = None) -> None:
        coming.append(ComingDeadline(clock.rule, clock.title, starts, due))

    if status == S.DRAFT and order.shipment_date is not None:
        add(SHIP, "Late shipment is claimable only against this exact date.", order.shipment_date)
    if status == S.DRAFT:
        add(CONFIRM, f"Within {profile.supplier_confirmation_days} days of receiving it, or the "
                     "platform cancels it.")
    if status in (S.DRAFT, S.AWAITING_SUPPLIER_CONFIRMATION):
        add(PAY, f"Within {profile.payment_wait_days} days of the supplier's confirmation, or "
                 "the platform cancels it.")
    if status in _UNSHIPPED:
        add(RECEIVE, f"Within {profile.receiving_window_days} days of shipment; each party may "
                     f"extend this once by {profile.receiving_extension_days} days.")
        if order.online:
            add(DISPUTE_WINDOW, f"{profile.dispute_window_days} days after delivery is "
                                "confirmed.")
        elif _offline_window_end(order, profile) is None:
            add(OFFLINE_WINDOW, f"{profile.offline_complaint_days} days after the later of the "
                                "payment and the agreed delivery date.")
    return coming
