"""The order state machine (TA_RULES.md "Order flow", MOD-REQ, MOD-PAY, RC-EXT, DS-OPEN, OFFLINE).

``check`` answers "may this happen now, and if not, why" for any action, so the UI can disable a
button with the reason as its tooltip. ``transition`` performs an allowed action and returns the
history event; it raises ``NotAllowed`` with the same reason otherwise. ``perform`` is what a
user's action does: the transition plus its effect on the order's payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ta_desktop.core.domain.bounds import amount_problem
from ta_desktop.core.domain.entities import Action, Order, OrderEvent, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.receiving import delivered_on
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import (
    OFFLINE_CLAIM_TYPES,
    ClaimType,
    OrderStatus,
    Party,
    PaymentStatus,
)

S = OrderStatus

# Where each action leads. Actions absent here keep the status (a modification request, an
# extension, a further payment) but are still recorded in the history.
_NEXT_STATUS: dict[Action, OrderStatus] = {
    Action.SUBMIT: S.AWAITING_SUPPLIER_CONFIRMATION,
    Action.SUPPLIER_CONFIRM: S.AWAITING_PAYMENT,
    Action.CANCEL: S.CANCELLED,
    Action.AUTO_CANCEL: S.CANCELLED,
    Action.PAYMENT_RECEIVED: S.AWAITING_SHIPMENT,
    Action.MARK_SHIPPED: S.AWAITING_DELIVERY_CONFIRMATION,
    Action.CONFIRM_DELIVERY: S.COMPLETED,
    Action.OPEN_DISPUTE: S.IN_DISPUTE,
}

BEFORE_PAYMENT = frozenset({S.DRAFT, S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT})
PAID = frozenset({S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION, S.COMPLETED})
MODIFIABLE_BY_REQUEST = frozenset(
    {S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT}
)
DISPUTE_OUTCOMES = frozenset({S.REFUNDED, S.PARTIALLY_REFUNDED, S.CLOSED})


@dataclass(frozen=True)
class Check:
    allowed: bool
    reason: str = ""
    rule: str | None = None

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Check(True)


def _no(reason: str, rule: str | None = None) -> Check:
    return Check(False, reason, rule)


def _why_not_editable(status: OrderStatus) -> Check:
    if status in MODIFIABLE_BY_REQUEST:
        return _no(
            "The order is with the supplier: it cannot be edited, only changed by a "
            "modification request that the supplier accepts or declines.",
            "MOD-REQ",
        )
    if status == S.PAYMENT_PROCESSING:
        return _no("No modification while a payment is being processed.", "MOD-PAY")
    if status == S.AWAITING_DELIVERY_CONFIRMATION:
        return _no(
            "While the order waits for delivery confirmation it cannot be modified; "
            "only the receiving time can be extended.",
            "RC-EXT",
        )
    return _no(f"A {status.label.lower()} order cannot be edited.")


def dispute_window_end(order: Order, profile: RuleProfile) -> date | None:
    """The last day a dispute may be opened, or None while no window has started.

    Online (DS-WINDOW): a fixed number of days after delivery, counted from the earlier of the
    recorded arrival and the delivery confirmation. Offline (OFF-WINDOW): days after the later
    of the payment and the agreed delivery date.
    """
    if order.online:
        delivered = delivered_on(order)
        return delivered + timedelta(days=profile.dispute_window_days) if delivered else None
    anchors = [d for d in (order.payment_received_on(), order.shipment_date) if d]
    return max(anchors) + timedelta(days=profile.offline_complaint_days) if anchors else None


def _check_open_dispute(
    order: Order, profile: RuleProfile, today: date, claim: ClaimType | None
) -> Check:
    if order.status in BEFORE_PAYMENT or order.status == S.PAYMENT_PROCESSING:
        return _no(
            "A dispute can be opened only after the payment is received; "
            "before that the order can only be cancelled.",
            "DS-OPEN",
        )
    if order.status not in PAID:
        return _no(f"A {order.status.label.lower()} order cannot be disputed.")
    if not order.online:
        if order.status == S.COMPLETED:
            return _no(
                "For an offline order the platform only handles goods not delivered after "
                "payment, and this order was delivered.",
                "OFFLINE",
            )
        if claim is not None and claim not in OFFLINE_CLAIM_TYPES:
            return _no(
                "For an offline order the platform only handles goods not delivered after "
                "payment: not quality, damage or shortage.",
                "OFFLINE",
            )
    last_day = dispute_window_end(order, profile)
    if last_day is not None and today > last_day:
        rule = "DS-WINDOW" if order.online else "OFF-WINDOW"
        return _no(f"The last day to open a dispute was {last_day.isoformat()}.", rule)
    return ALLOWED


def auto_cancel_day(order: Order, profile: RuleProfile) -> date | None:
    """CONF-AUTO: the first day the platform has cancelled an order left unconfirmed or
    unpaid (the day after its last day), or None when no such clock runs."""
    if order.status == S.AWAITING_SUPPLIER_CONFIRMATION:
        start, days = order.date_of(Action.SUBMIT), profile.supplier_confirmation_days
    elif order.status == S.AWAITING_PAYMENT:
        start, days = order.date_of(Action.SUPPLIER_CONFIRM), profile.payment_wait_days
    else:
        return None
    start = start or order.created_on
    return start + timedelta(days=days + 1) if start else None


def _check_auto_cancel(order: Order, profile: RuleProfile, today: date) -> Check:
    if order.status not in (S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT):
        return _no("The platform cancels only orders left unconfirmed or unpaid.", "CONF-AUTO")
    cancelled_on = auto_cancel_day(order, profile)  # None: no date known to count from
    if cancelled_on is not None and today < cancelled_on:
        return _no(f"The platform cancels this order only if it is still "
                   f"{order.status.label.lower()} on {cancelled_on.isoformat()}.", "CONF-AUTO")
    return ALLOWED


def _check_extension(order: Order, profile: RuleProfile, party: Party | None) -> Check:
    if order.status != S.AWAITING_DELIVERY_CONFIRMATION:
        return _no("The receiving time can be extended only while the order waits for "
                   "delivery confirmation.", "RC-EXT")
    if party not in (Party.BUYER, Party.SUPPLIER):
        return _no("Say which party extends the receiving time: buyer or supplier.", "RC-EXT")
    if order.extensions_by(party) >= profile.receiving_extensions_per_party:
        return _no(f"The {party.value} has already extended the receiving time; each party "
                   "may do it once.", "RC-EXT")
    added = (order.extension_count + 1) * profile.receiving_extension_days
    if added > profile.receiving_extension_max_days:
        return _no(f"Extensions may add at most {profile.receiving_extension_max_days} days.",
                   "RC-EXT")
    return ALLOWED


def check(
    order: Order,
    action: Action,
    profile: RuleProfile,
    today: date,
    *,
    party: Party | None = None,
    claim: ClaimType | None = None,
) -> Check:
    """May ``action`` happen to ``order`` now? If not, the reason and its rule id."""
    status = order.status
    match action:
        case Action.EDIT:
            return ALLOWED if status == S.DRAFT else _why_not_editable(status)
        case Action.SUBMIT:
            if status != S.DRAFT:
                return _no("Only a draft can be sent to the supplier.")
            if not order.lines:
                return _no("Add at least one order line before sending the order.")
            if order.shipment_date is None:
                return _no("Agree an exact shipment date before the order is confirmed: "
                           "late shipment is only claimable against a date.")
            return ALLOWED
        case Action.SUPPLIER_CONFIRM:
            if status == S.AWAITING_SUPPLIER_CONFIRMATION:
                return ALLOWED
            return _no("Only an order waiting for the supplier's confirmation can be confirmed.")
        case Action.AUTO_CANCEL:
            return _check_auto_cancel(order, profile, today)
        case Action.MODIFICATION_DECLINED:
            return ALLOWED  # a refusal changes nothing, whatever the order's status now
        case Action.REQUEST_MODIFICATION | Action.MODIFICATION_ACCEPTED:
            if status in MODIFIABLE_BY_REQUEST:
                return ALLOWED
            if status == S.DRAFT:
                return _no("A draft can be edited directly.")
            return _why_not_editable(status)
        case Action.CANCEL:
            if status in BEFORE_PAYMENT:
                return ALLOWED
            if status == S.PAYMENT_PROCESSING:
                return _no("No change while a payment is being processed.", "MOD-PAY")
            if status in PAID or status == S.IN_DISPUTE:
                return _no("After payment an order cannot be cancelled; open a dispute instead.",
                           "DS-OPEN")
            return _no(f"A {status.label.lower()} order cannot be cancelled.")
        case Action.RECORD_PAYMENT:
            if status == S.AWAITING_PAYMENT or (
                status in PAID and status != S.COMPLETED and order.paid < order.total
            ):
                return ALLOWED
            if status in (S.DRAFT, S.AWAITING_SUPPLIER_CONFIRMATION):
                return _no("Pay once the supplier has confirmed the order.")
            if status == S.PAYMENT_PROCESSING:
                return _no("A payment is being processed; wait until it arrives.", "MOD-PAY")
            return _no("Nothing is left to pay on this order.")
        case Action.PAYMENT_RECEIVED:
            return ALLOWED if status == S.PAYMENT_PROCESSING else \
                _no("No payment of this order is being processed.")
        case Action.MARK_SHIPPED:
            return ALLOWED if status == S.AWAITING_SHIPMENT else \
                _no("Only a paid order waiting for shipment can be marked shipped.")
        case Action.CONFIRM_DELIVERY:
            return ALLOWED if status == S.AWAITING_DELIVERY_CONFIRMATION else \
                _no("Only a shipped order can be confirmed as delivered.")
        case Action.EXTEND_RECEIVING:
            return _check_extension(order, profile, party)
        case Action.OPEN_DISPUTE:
            return _check_open_dispute(order, profile, today, claim)
        case Action.CANCEL_DISPUTE | Action.RESOLVE_DISPUTE:
            return ALLOWED if status == S.IN_DISPUTE else _no("The order is not in dispute.")
        case Action.APPLY_PROFILE:
            return ALLOWED  # any status: it changes which rules the order's clocks follow
        case Action.IMPORTED:
            return _no("An order is imported from a file, not by an action on it.")
    raise AssertionError(f"unhandled action {action}")  # pragma: no cover


# Recorded by their own dialogs and services, never offered as a plain button.
NOT_OFFERED = frozenset({Action.AUTO_CANCEL, Action.IMPORTED, Action.MODIFICATION_ACCEPTED,
                         Action.MODIFICATION_DECLINED, Action.APPLY_PROFILE})


def allowed_actions(order: Order, profile: RuleProfile, today: date) -> dict[Action, Check]:
    """Every action with its verdict, in the order the UI shows them."""
    party = Party.BUYER if order.extensions_by(Party.BUYER) == 0 else Party.SUPPLIER
    return {
        action: check(order, action, profile, today, party=party)
        for action in Action
        if action not in NOT_OFFERED
    }


def status_before_dispute(order: Order) -> OrderStatus:
    opened = order.last_event(Action.OPEN_DISPUTE)
    if opened is None or opened.from_status is None:
        return S.COMPLETED
    return opened.from_status


def transition(
    order: Order,
    action: Action,
    profile: RuleProfile,
    on: date,
    *,
    today: date | None = None,
    party: Party | None = None,
    claim: ClaimType | None = None,
    outcome: OrderStatus | None = None,
    note: str = "",
) -> OrderEvent:
    """Apply ``action`` to ``order`` (status and history) and return the recorded event."""
    verdict = check(order, action, profile, today or on, party=party, claim=claim)
    if not verdict:
        raise NotAllowed(verdict.reason, rule=verdict.rule)
    if action == Action.RESOLVE_DISPUTE:
        if outcome not in DISPUTE_OUTCOMES:
            raise NotAllowed("A dispute ends refunded, partially refunded or closed.")
        new_status = outcome
    elif action == Action.CANCEL_DISPUTE:
        new_status = status_before_dispute(order)
    else:
        new_status = _NEXT_STATUS.get(action, order.status)
    if action == Action.RECORD_PAYMENT and order.status == S.AWAITING_PAYMENT:
        new_status = S.PAYMENT_PROCESSING
    event = OrderEvent(
        action=action,
        on=on,
        from_status=order.status,
        to_status=new_status,
        party=party,
        note=note,
        recorded_at=datetime.now().replace(microsecond=0),
    )
    order.status = new_status
    order.events.append(event)
    return event


def perform(
    order: Order,
    action: Action,
    profile: RuleProfile,
    on: date,
    *,
    today: date | None = None,
    party: Party | None = None,
    payment: Payment | None = None,
    note: str = "",
) -> None:
    """Apply a user's ``action`` to ``order`` with its effect on the payments (PAY-SCHED).

    "Payment received" marks every payment still processing as received. Recording a payment
    adds it on the day it was paid; one already received on an order waiting for payment moves
    the order on to waiting for shipment, with both steps in the history.
    """
    if action == Action.RECORD_PAYMENT:
        _record_payment(order, payment, profile, today=today, note=note)
        return
    transition(order, action, profile, on, today=today, party=party, note=note)
    if action == Action.EXTEND_RECEIVING and order.confirm_receipt_by is not None:
        # The date copied from the platform moves with the extension, as on the platform.
        order.confirm_receipt_by += timedelta(days=profile.receiving_extension_days)
    if action == Action.PAYMENT_RECEIVED:
        for item in order.payments:
            if item.status == PaymentStatus.PROCESSING:
                item.status = PaymentStatus.RECEIVED


def _record_payment(
    order: Order, payment: Payment | None, profile: RuleProfile, *, today: date | None, note: str
) -> None:
    problem = "Enter the amount paid, above 0." if payment is None else \
        amount_problem(payment.amount, "amount paid")
    if problem:
        raise ValidationError(problem, field_errors={"amount": problem})
    was_waiting = order.status == S.AWAITING_PAYMENT
    transition(order, Action.RECORD_PAYMENT, profile, payment.paid_on, today=today,
               note=note or f"{payment.amount} {order.currency}")
    order.payments.append(payment)
    if was_waiting and payment.status == PaymentStatus.RECEIVED:
        transition(order, Action.PAYMENT_RECEIVED, profile, payment.paid_on, today=today)


def record_import(order: Order, on: date, note: str = "") -> OrderEvent | None:
    """An order brought in from a file in a status past draft keeps that status, with one
    "imported" event on ``on`` as its history: the platform's steps are not replayed, so no
    date is made up. A draft needs no event. None when nothing was recorded."""
    if order.status == S.DRAFT:
        return None
    event = OrderEvent(action=Action.IMPORTED, on=on, to_status=order.status, note=note,
                       recorded_at=datetime.now().replace(microsecond=0))
    order.events.append(event)
    return event
