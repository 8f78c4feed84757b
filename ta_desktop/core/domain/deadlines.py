"""The deadline engine: every dated obligation of an order and its dispute.

Each ``Deadline`` says what is due when, under which rule, who must act and what happens if
nobody does. Deadlines are derived from the order's history and the dispute's events every time;
they are never stored or typed, so a changed rule profile or a late-recorded event moves them.
The key of a deadline stays the same when its date moves (an extension, a new profile), so a
calendar import updates the event instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.disputes import (
    Dispute,
    DisputeEventKind,
    DisputeStage,
    effective_events,
)
from ta_desktop.core.domain.entities import Action, Order
from ta_desktop.core.domain.payment_schedule import DueEvent, Instalment, plan
from ta_desktop.core.domain.receiving import (
    default_receiving_days,
    delivered_on,
    receiving_extension_days,
    receiving_window,
    shipped_on,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import Money, OrderStatus, Party
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
    # RC-WINDOW: the date is an estimate from the profile's default for the shipping method,
    # not the platform's own date (its title says so too).
    estimate: bool = False
    supplier_id: int | None = None  # a supplier-level deadline (SUP-CERT) has no order
    # Listed from that day on (a SUP-CERT reminder starts some days before the expiry).
    shows_from: date | None = None

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
            "estimate": self.estimate,
            "supplier_id": self.supplier_id,
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
SHIP = Clock("ship", "SHIP-DATE", "Agreed shipment date")
RECEIVE = Clock("receive", "RC-EXT", "Confirm delivery or extend the receiving time")
DISPUTE_WINDOW = Clock("dispute-window", "DS-WINDOW", "Last day to open a dispute")
OFFLINE_WINDOW = Clock("dispute-window", "OFF-WINDOW", "Last day to complain (offline order)")


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


ESTIMATE = "estimate"


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
            *, open: bool, kind: DeadlineKind = DeadlineKind.DUE, estimate: bool = False) -> None:
        self.items.append(Deadline(
            key=f"{self.ref}/{slug}", rule=rule, title=title, due=due, party=party,
            consequence=consequence, open=open, kind=kind, order_id=self.order_id,
            order_number=self.order_number, estimate=estimate))

    def add_clock(self, clock: Clock, due: date, party: Party, consequence: str, *, open: bool,
                  detail: str = "", estimate: bool = False) -> None:
        """One of the order's own deadlines; ``detail`` (and "estimate") is added to its title."""
        details = ", ".join(d for d in (detail, ESTIMATE if estimate else "") if d)
        title = f"{clock.title} ({details})" if details else clock.title
        self.add(clock.slug, clock.rule, title, due, party, consequence, open=open,
                 estimate=estimate)

    def sorted(self) -> list[Deadline]:
        return sorted(self.items, key=lambda d: (d.due, d.key))


def _confirmation_deadlines(b: _Builder, profile: RuleProfile) -> None:
    """CONF-AUTO: the last day before the platform cancels an unconfirmed or unpaid order."""
    cancelled_on = lifecycle.auto_cancel_day(b.order, profile)
    if cancelled_on is None:
        return
    last_day = cancelled_on - timedelta(days=1)
    then = "; once it has, record its cancellation here too."
    if b.order.status == S.AWAITING_SUPPLIER_CONFIRMATION:
        b.add_clock(CONFIRM, last_day, Party.SUPPLIER,
                    "The platform cancels the order automatically" + then, open=True)
    else:
        b.add_clock(PAY, last_day, Party.BUYER,
                    "The platform cancels the unpaid order automatically" + then, open=True)


def lead_time_warning(order: Order, profile: RuleProfile, today: date) -> str | None:
    """LEAD: one line when the agreed shipment date leaves less than the shortest typical lead
    time after the supplier's confirmation (or after today, for an order not confirmed yet)."""
    if order.shipment_date is None or order.status not in (S.DRAFT, *BEFORE_SHIPMENT):
        return None
    confirmed = order.date_of(Action.SUPPLIER_CONFIRM)
    start = confirmed or today
    earliest = start + timedelta(days=profile.lead_time_min_days)
    if order.shipment_date >= earliest:
        return None
    after = "the supplier's confirmation" if confirmed else "today"
    return (f"LEAD: the agreed shipment date {order.shipment_date.isoformat()} is "
            f"{(order.shipment_date - start).days} days after {after}; a B2B order typically "
            f"takes {profile.lead_time_min_days} to {profile.lead_time_max_days} days from order "
            f"to receipt, so check that the supplier can really ship by then (a date before "
            f"{earliest.isoformat()}).")


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
    window = receiving_window(order, profile)
    waiting = order.status == S.AWAITING_DELIVERY_CONFIRMATION
    if window is not None and (waiting or order.date_of(Action.CONFIRM_DELIVERY)):
        extra = receiving_extension_days(order, profile)
        b.add_clock(RECEIVE, window.end, Party.BUYER,
                    "Delivery counts as confirmed and the payment is released to the supplier.",
                    open=waiting, detail=f"extended by {extra} days" if extra else "",
                    estimate=window.estimate)
    if order.online:
        delivered = delivered_on(order)
        # Not delivered yet: the window starts at the latest when the receiving time runs out.
        assumed = window.end if waiting and window is not None else None
        anchor = min(d for d in (delivered, assumed) if d) if delivered or assumed else None
        if anchor is None:
            return
        last_day = anchor + timedelta(days=profile.dispute_window_days)
        if anchor == order.arrived_on:
            detail = f"counted from the arrival on {anchor.isoformat()}"
        elif delivered is None:
            detail = "if delivery is confirmed on the last day"
        else:
            detail = ""
        b.add_clock(DISPUTE_WINDOW, last_day, Party.BUYER,
                    "The platform no longer accepts a dispute on this order.",
                    open=order.status in (S.COMPLETED, S.AWAITING_DELIVERY_CONFIRMATION)
                    and today <= last_day,
                    detail=detail, estimate=delivered is None and window.estimate)
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
    waiting_for_team = stage in (DisputeStage.ESCALATED, DisputeStage.CANCEL_REQUESTED)
    if clock.team_response_due is not None:
        b.add(f"{prefix}/team-response", "DS-TEAM", "Dispute team should respond",
              clock.team_response_due, Party.PLATFORM,
              "No automatic outcome: chase the dispute team if it has not answered.",
              open=waiting_for_team)
    requests = [e for e in current.events if e.kind == DisputeEventKind.CANCEL_REQUESTED]
    for index, request in enumerate(requests, start=1):
        b.add(f"{prefix}/cancel-request-{index}", "DS-CANCEL",
              "Dispute team should answer the cancellation request",
              calendar.add_working_days(request.on, profile.team_response_working_days),
              Party.PLATFORM,
              "No automatic outcome: the dispute stays escalated until the team answers.",
              open=request is current.cancel_request)


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


def payment_deadlines(order: Order, instalments: list[Instalment], total: Money | None = None
                      ) -> list[Deadline]:
    """PAY-SCHED: "pay the deposit / the balance" for each instalment with a due day; open
    until the buyer's payments cover it (never for a cancelled or finished order). ``total``:
    the order total when ``order`` was read without its lines."""
    builder = _Builder.of(order)
    for state in plan(order, instalments, total):
        if state.due is None:
            continue
        item = state.instalment
        share = f" ({item.percent.normalize():f}%)" if item.percent is not None else ""
        estimate = ", estimate" if state.estimate else ""
        consequence = ("The supplier does not start production until it is paid."
                       if item.event == DueEvent.ORDER_CONFIRMED else
                       "The supplier does not ship or release the bill of lading until it is paid.")
        builder.add(f"pay-{item.id if item.id is not None else state.position}", "PAY-SCHED",
                    f"Pay the {item.label.lower()}: {state.amount}{share}{estimate}",
                    state.due, Party.BUYER, consequence,
                    open=not state.settled and not order.status.is_final)
    return builder.sorted()


def current_deadlines(
    order: Order,
    profile: RuleProfile,
    calendar: WorkCalendar,
    today: date,
    dispute: Dispute | None = None,
    instalments: Sequence[Instalment] = (),
    total: Decimal | None = None,
) -> list[Deadline]:
    """Every deadline of ``order``: its own, its latest ``dispute``'s while the order is in
    dispute (a settled or cancelled dispute no longer sets dates), and its payment schedule's
    (``total``: the order total when ``order`` was read without its lines)."""
    found = order_deadlines(order, profile, calendar, today,
                            dispute if order.status == S.IN_DISPUTE else None)
    if instalments:
        found += payment_deadlines(order, list(instalments),
                                   Money(total, order.currency) if total is not None else None)
    return sorted(found, key=lambda d: (d.due, d.key))


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
    estimate: bool = False  # RC-WINDOW: what it says comes from the profile's estimate

    @property
    def label(self) -> str:
        return f"{self.title} ({ESTIMATE})" if self.estimate else self.title


# Until an order ships, the clocks that start at shipment have not started.
_UNSHIPPED = frozenset({S.DRAFT, *BEFORE_SHIPMENT})


def coming_deadlines(order: Order, profile: RuleProfile) -> list[ComingDeadline]:
    """The order's own deadlines that ``order_deadlines`` cannot date yet because their clock
    has not started, so that a draft's contract summary states them too."""
    status = order.status
    coming: list[ComingDeadline] = []

    def add(clock: Clock, starts: str, due: date | None = None, estimate: bool = False) -> None:
        coming.append(ComingDeadline(clock.rule, clock.title, starts, due, estimate))

    if status == S.DRAFT and order.shipment_date is not None:
        add(SHIP, "Late shipment is claimable only against this exact date.", order.shipment_date)
    if status == S.DRAFT:
        add(CONFIRM, f"Within {profile.supplier_confirmation_days} days of receiving it, or the "
                     "platform cancels it.")
    if status in (S.DRAFT, S.AWAITING_SUPPLIER_CONFIRMATION):
        add(PAY, f"Within {profile.payment_wait_days} days of the supplier's confirmation, or "
                 "the platform cancels it.")
    if status in _UNSHIPPED:
        method = order.shipping_method
        days = default_receiving_days(profile, method)
        how = method.label.lower() if method else "an unknown shipping method"
        add(RECEIVE, f"By the \"confirm receipt by\" date the platform shows on the order once it "
                     f"has shipped; it depends on the shipping method (estimate for {how}: "
                     f"{days} days after shipment). Each party may extend it once by "
                     f"{profile.receiving_extension_days} days.", estimate=True)
        if order.online:
            add(DISPUTE_WINDOW, f"{profile.dispute_window_days} days after delivery is "
                                "confirmed.")
        elif _offline_window_end(order, profile) is None:
            add(OFFLINE_WINDOW, f"{profile.offline_complaint_days} days after the later of the "
                                "payment and the agreed delivery date.")
    return coming
