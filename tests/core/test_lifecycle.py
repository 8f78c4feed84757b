"""The order state machine: every allowed and forbidden transition, with its reason."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.entities import Action, OrderEvent, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.types import ClaimType, OrderStatus, Party, PaymentStatus
from tests.factories import TODAY, make_order

S = OrderStatus

# The statuses from which each action is allowed; every other status must refuse it.
ALLOWED_FROM = {
    Action.EDIT: {S.DRAFT},
    Action.SUBMIT: {S.DRAFT},
    Action.SUPPLIER_CONFIRM: {S.AWAITING_SUPPLIER_CONFIRMATION},
    Action.REQUEST_MODIFICATION: {
        S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT,
    },
    Action.CANCEL: {S.DRAFT, S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT},
    Action.AUTO_CANCEL: {S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT},
    Action.RECORD_PAYMENT: {S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT,
                            S.AWAITING_DELIVERY_CONFIRMATION},
    Action.PAYMENT_RECEIVED: {S.PAYMENT_PROCESSING},
    Action.MARK_SHIPPED: {S.AWAITING_SHIPMENT},
    Action.CONFIRM_DELIVERY: {S.AWAITING_DELIVERY_CONFIRMATION},
    Action.EXTEND_RECEIVING: {S.AWAITING_DELIVERY_CONFIRMATION},
    Action.OPEN_DISPUTE: {S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION, S.COMPLETED},
    Action.CANCEL_DISPUTE: {S.IN_DISPUTE},
    Action.RESOLVE_DISPUTE: {S.IN_DISPUTE},
}


def order_in(status: OrderStatus):
    order = make_order(status=status)
    if status == S.COMPLETED:
        order.events.append(
            OrderEvent(Action.CONFIRM_DELIVERY, TODAY - timedelta(days=1), S.COMPLETED)
        )
    return order


@pytest.mark.parametrize("action", list(ALLOWED_FROM))
@pytest.mark.parametrize("status", list(S))
def test_each_action_is_allowed_exactly_in_its_statuses(profile, action, status):
    order = order_in(status)
    # CONF-AUTO: an order with no date to count from may be recorded cancelled at any time.
    verdict = lifecycle.check(order, action, profile, TODAY, party=Party.BUYER)
    assert bool(verdict) == (status in ALLOWED_FROM[action])
    if not verdict:
        assert verdict.reason, "a refusal must say why"


def test_the_happy_path_walks_every_status_and_keeps_the_history(profile):
    order = make_order()
    steps = [Action.SUBMIT, Action.SUPPLIER_CONFIRM, Action.RECORD_PAYMENT,
             Action.PAYMENT_RECEIVED, Action.MARK_SHIPPED, Action.CONFIRM_DELIVERY]
    for offset, action in enumerate(steps):
        lifecycle.transition(order, action, profile, TODAY - timedelta(days=10 - offset))
    assert order.status == S.COMPLETED
    assert [e.to_status for e in order.events] == [
        S.AWAITING_SUPPLIER_CONFIRMATION, S.AWAITING_PAYMENT, S.PAYMENT_PROCESSING,
        S.AWAITING_SHIPMENT, S.AWAITING_DELIVERY_CONFIRMATION, S.COMPLETED,
    ]
    assert all(e.recorded_at is not None for e in order.events)


def test_buyer_cannot_open_dispute_before_payment(profile):
    for status in (S.AWAITING_PAYMENT, S.PAYMENT_PROCESSING):
        with pytest.raises(NotAllowed) as error:
            lifecycle.transition(order_in(status), Action.OPEN_DISPUTE, profile, TODAY)
        assert error.value.rule == "DS-OPEN"
        assert "only after the payment" in str(error.value)


def test_draft_needs_lines_and_an_exact_shipment_date_before_it_is_sent(profile):
    assert "shipment date" in lifecycle.check(
        make_order(shipment_date=None), Action.SUBMIT, profile, TODAY).reason
    assert "order line" in lifecycle.check(
        make_order(lines=[]), Action.SUBMIT, profile, TODAY).reason


def test_modification_rules_name_their_rule_ids(profile):
    assert lifecycle.check(order_in(S.AWAITING_PAYMENT), Action.EDIT, profile, TODAY).rule \
        == "MOD-REQ"
    assert lifecycle.check(order_in(S.PAYMENT_PROCESSING), Action.EDIT, profile, TODAY).rule \
        == "MOD-PAY"
    assert lifecycle.check(
        order_in(S.AWAITING_DELIVERY_CONFIRMATION), Action.EDIT, profile, TODAY).rule == "RC-EXT"
    assert lifecycle.check(order_in(S.AWAITING_SHIPMENT), Action.CANCEL, profile, TODAY).rule \
        == "DS-OPEN"


def test_receiving_time_extends_once_per_party(profile):
    order = order_in(S.AWAITING_DELIVERY_CONFIRMATION)
    lifecycle.transition(order, Action.EXTEND_RECEIVING, profile, TODAY, party=Party.BUYER)
    again = lifecycle.check(order, Action.EXTEND_RECEIVING, profile, TODAY, party=Party.BUYER)
    assert not again and again.rule == "RC-EXT" and "once" in again.reason
    lifecycle.transition(order, Action.EXTEND_RECEIVING, profile, TODAY, party=Party.SUPPLIER)
    assert not lifecycle.check(order, Action.EXTEND_RECEIVING, profile, TODAY,
                               party=Party.SUPPLIER)
    assert order.extension_count == 2
    assert order.status == S.AWAITING_DELIVERY_CONFIRMATION


def test_extensions_never_add_more_than_the_profile_allows(profile):
    strict = profile.with_overrides({"receiving_extension_max_days": 15})
    order = order_in(S.AWAITING_DELIVERY_CONFIRMATION)
    lifecycle.transition(order, Action.EXTEND_RECEIVING, strict, TODAY, party=Party.BUYER)
    verdict = lifecycle.check(order, Action.EXTEND_RECEIVING, strict, TODAY, party=Party.SUPPLIER)
    assert not verdict and "at most 15 days" in verdict.reason


def test_offline_order_disputes_only_non_delivery_after_payment(profile):
    order = order_in(S.AWAITING_SHIPMENT)
    order.online = False
    order.payments.append(Payment(Decimal(100), TODAY - timedelta(days=5), PaymentStatus.RECEIVED))
    quality = lifecycle.check(order, Action.OPEN_DISPUTE, profile, TODAY, claim=ClaimType.QUALITY)
    assert not quality and quality.rule == "OFFLINE"
    assert lifecycle.check(order, Action.OPEN_DISPUTE, profile, TODAY,
                           claim=ClaimType.NOT_DELIVERED)
    delivered = order_in(S.COMPLETED)
    delivered.online = False
    assert lifecycle.check(delivered, Action.OPEN_DISPUTE, profile, TODAY).rule == "OFFLINE"


def test_dispute_window_closes_days_after_delivery_confirmation(profile):
    order = make_order(status=S.COMPLETED)
    confirmed = date(2026, 1, 31)
    order.events.append(OrderEvent(Action.CONFIRM_DELIVERY, confirmed, S.COMPLETED))
    last = confirmed + timedelta(days=profile.dispute_window_days)
    assert lifecycle.dispute_window_end(order, profile) == last == date(2026, 3, 2)
    assert lifecycle.check(order, Action.OPEN_DISPUTE, profile, last)
    late = lifecycle.check(order, Action.OPEN_DISPUTE, profile, last + timedelta(days=1))
    assert not late and late.rule == "DS-WINDOW"


def test_cancelling_a_dispute_returns_the_order_to_where_it_was(profile):
    order = order_in(S.AWAITING_DELIVERY_CONFIRMATION)
    lifecycle.transition(order, Action.OPEN_DISPUTE, profile, TODAY)
    assert order.status == S.IN_DISPUTE
    lifecycle.transition(order, Action.CANCEL_DISPUTE, profile, TODAY)
    assert order.status == S.AWAITING_DELIVERY_CONFIRMATION


def test_a_dispute_decision_must_be_an_outcome(profile):
    order = order_in(S.IN_DISPUTE)
    with pytest.raises(NotAllowed):
        lifecycle.transition(order, Action.RESOLVE_DISPUTE, profile, TODAY, outcome=S.COMPLETED)
    lifecycle.transition(order, Action.RESOLVE_DISPUTE, profile, TODAY,
                         outcome=S.PARTIALLY_REFUNDED)
    assert order.status == S.PARTIALLY_REFUNDED


def test_a_payment_received_on_recording_moves_a_waiting_order_on(profile):
    order = order_in(S.AWAITING_PAYMENT)
    paid = Payment(Decimal("785"), TODAY - timedelta(days=1), PaymentStatus.RECEIVED)
    lifecycle.perform(order, Action.RECORD_PAYMENT, profile, TODAY, payment=paid)
    assert order.status == S.AWAITING_SHIPMENT and order.payments == [paid]
    assert [(e.action, e.on) for e in order.events] == [
        (Action.RECORD_PAYMENT, paid.paid_on), (Action.PAYMENT_RECEIVED, paid.paid_on)]
    assert order.events[0].note == "785 USD"


def test_a_processing_payment_waits_and_is_marked_received_with_the_order(profile):
    order = order_in(S.AWAITING_PAYMENT)
    sent = Payment(Decimal("785"), TODAY - timedelta(days=2))
    lifecycle.perform(order, Action.RECORD_PAYMENT, profile, TODAY, payment=sent)
    assert order.status == S.PAYMENT_PROCESSING
    lifecycle.perform(order, Action.PAYMENT_RECEIVED, profile, TODAY)
    assert order.status == S.AWAITING_SHIPMENT
    assert sent.status == PaymentStatus.RECEIVED


@pytest.mark.parametrize("payment", [None, Payment(Decimal(0), TODAY)])
def test_recording_a_payment_needs_an_amount_above_zero(profile, payment):
    order = order_in(S.AWAITING_PAYMENT)
    with pytest.raises(ValidationError) as error:
        lifecycle.perform(order, Action.RECORD_PAYMENT, profile, TODAY, payment=payment)
    assert "amount" in error.value.field_errors
    assert order.status == S.AWAITING_PAYMENT and not order.events
