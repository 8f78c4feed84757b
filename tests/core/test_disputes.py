"""The dispute workflow: DS-OPEN, OFFLINE, EV-TEXT, proposals, DS-REPLY outcomes, escalation,
DS-CANCEL and the decision, with the order's status following."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.disputes import (
    DisputeEvent,
    DisputeStage,
    apply_automatic,
    automatic_events,
    claim_text_warning,
    effective_events,
    open_dispute,
    record,
)
from ta_desktop.core.domain.disputes import DisputeEventKind as K
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, Party
from ta_desktop.core.services.workdays import team_calendar
from tests.factories import order_through, paid_order

D = date.fromisoformat
OPENED = D("2026-05-04")


@pytest.fixture
def cn(profile):
    return team_calendar(profile)


def usd(amount):
    return Money(Decimal(amount), "USD")


def start(profile, order=None, claim=ClaimType.QUALITY):
    order = order or order_through(profile, Action.CONFIRM_DELIVERY, start=D("2026-04-25"))
    dispute = open_dispute(order, profile, OPENED, claim=claim, requested_refund=usd("400"),
                           claim_text="Colour is not Pantone 1935 D as in the contract.")
    return order, dispute


def test_buyer_cannot_open_dispute_before_payment(profile):
    order = order_through(profile, Action.SUPPLIER_CONFIRM)
    with pytest.raises(NotAllowed) as raised:
        start(profile, order)
    assert raised.value.rule == "DS-OPEN"


def test_offline_order_can_be_disputed_only_for_non_delivery(profile):
    with pytest.raises(NotAllowed) as raised:
        start(profile, paid_order(profile, online=False), claim=ClaimType.QUALITY)
    assert raised.value.rule == "OFFLINE"
    order, _dispute = start(profile, paid_order(profile, online=False),
                           claim=ClaimType.NOT_DELIVERED)
    assert order.status == OrderStatus.IN_DISPUTE


def test_refund_asked_cannot_exceed_what_was_paid(profile):
    order = order_through(profile, Action.CONFIRM_DELIVERY, start=D("2026-04-25"))
    with pytest.raises(ValidationError) as raised:
        open_dispute(order, profile, OPENED, claim=ClaimType.QUALITY,
                     requested_refund=usd("1000.01"), claim_text="Broken")
    assert "requested_refund" in raised.value.field_errors
    assert order.status == OrderStatus.COMPLETED


def test_opening_moves_the_order_into_dispute(profile):
    order, dispute = start(profile)
    assert order.status == OrderStatus.IN_DISPUTE
    assert dispute.stage == DisputeStage.NEGOTIATION
    assert dispute.opened_on == OPENED and dispute.events[0].party == Party.BUYER


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("The colour is wrong; see photo_1.jpg (ref #12).", False),
        ("颜色不对", True),
        ("Farbe ist grün", True),
        ("Colour “red” — not Pantone", True),
    ],
)
def test_claim_text_warns_on_non_english_characters(text, warned):
    warning = claim_text_warning(text)
    assert (warning is not None) == warned
    if warned:
        assert warning.startswith("The claim text contains ")
        assert warning.endswith("; the platform accepts English only.")


def test_claim_text_warning_names_the_script_in_plain_words():
    assert claim_text_warning("Goods not 收到 as agreed") == (
        "The claim text contains Chinese characters (收到); the platform accepts English only.")
    assert claim_text_warning("收货颜色不对 grün") == (
        "The claim text contains Chinese characters (收货颜…) and accented letters (ü); "
        "the platform accepts English only.")


def test_buyer_may_escalate_from_day_four_not_before(profile, cn):
    order, dispute = start(profile)
    with pytest.raises(NotAllowed) as raised:
        record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-05-06"), Party.BUYER),
               profile, cn)
    assert raised.value.rule == "DS-ESC-EARLY" and "2026-05-07" in str(raised.value)
    record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-05-07"), Party.BUYER), profile, cn)
    assert dispute.stage == DisputeStage.ESCALATED


def test_silent_supplier_gets_the_dispute_escalated_the_day_after_the_reply_was_due(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-05"), Party.BUYER,
                                        amount=Decimal("400")), profile, cn)
    assert automatic_events(dispute, profile, cn, D("2026-05-12")) == []  # due day: still in time
    [event] = automatic_events(dispute, profile, cn, D("2026-05-13"))
    assert (event.kind, event.on, event.rule) == (K.ESCALATED, D("2026-05-13"), "DS-REPLY")
    assert effective_events(dispute, profile, cn, D("2026-05-20")).stage == DisputeStage.ESCALATED


def test_silent_buyer_gets_the_dispute_cancelled_and_the_order_back(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-06"), Party.SUPPLIER,
                                        amount=Decimal("50")), profile, cn)
    with pytest.raises(NotAllowed):  # too late: cancelled on 14 May, the day after 13 May
        record(dispute, order, DisputeEvent(K.REPLY, D("2026-05-14"), Party.BUYER,
                                            accepted=False), profile, cn)
    assert dispute.stage == DisputeStage.NEGOTIATION  # the refused reply added nothing
    current = effective_events(dispute, profile, cn, D("2026-05-14"))
    assert current.stage == DisputeStage.CANCELLED
    assert current.events[-1].automatic and current.events[-1].on == D("2026-05-14")
    [event] = apply_automatic(dispute, order, profile, cn, D("2026-05-20"))
    assert event.rule == "DS-REPLY" and dispute.stage == DisputeStage.CANCELLED
    assert order.status == OrderStatus.COMPLETED


def test_unresolved_dispute_is_escalated_automatically_on_day_31(profile, cn):
    _order, dispute = start(profile)
    [event] = automatic_events(dispute, profile, cn, D("2026-06-30"))
    assert (event.kind, event.on, event.rule) == (K.ESCALATED, D("2026-06-03"), "DS-ESC-AUTO")


def test_counter_proposal_answers_the_pending_one_and_starts_a_new_clock(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-05"), Party.SUPPLIER,
                                        amount=Decimal("100")), profile, cn)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-11"), Party.BUYER,
                                        amount=Decimal("300")), profile, cn)
    clock = dispute.clock(profile, cn)
    assert (clock.reply_due, clock.reply_by) == (D("2026-05-18"), Party.SUPPLIER)


def test_only_the_other_side_answers_a_proposal(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-05"), Party.SUPPLIER), profile, cn)
    with pytest.raises(NotAllowed) as raised:
        record(dispute, order, DisputeEvent(K.REPLY, D("2026-05-06"), Party.SUPPLIER,
                                            accepted=True), profile, cn)
    assert raised.value.rule == "DS-REPLY"


def test_accepted_proposal_ends_the_dispute_partially_refunded(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-05"), Party.SUPPLIER,
                                        amount=Decimal("250")), profile, cn)
    record(dispute, order, DisputeEvent(K.REPLY, D("2026-05-12"), Party.BUYER, accepted=True),
           profile, cn)
    assert dispute.stage == DisputeStage.AGREED
    assert order.status == OrderStatus.PARTIALLY_REFUNDED
    record(dispute, order, DisputeEvent(K.REFUND, D("2026-05-20"), Party.SUPPLIER), profile, cn)
    assert dispute.stage == DisputeStage.CLOSED


def test_buyer_cancels_before_escalation_and_the_order_returns_to_its_status(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.CANCELLED, D("2026-05-05"), Party.BUYER), profile, cn)
    assert dispute.stage == DisputeStage.CANCELLED
    assert order.status == OrderStatus.COMPLETED
    with pytest.raises(NotAllowed):
        record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-06"), Party.BUYER),
               profile, cn)


def test_team_decision_refunds_in_full(profile, cn):
    order, dispute = start(profile)
    record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-05-10"), Party.BUYER), profile, cn)
    with pytest.raises(NotAllowed):
        record(dispute, order, DisputeEvent(K.DECISION, D("2026-05-12"), Party.PLATFORM,
                                            outcome=OrderStatus.REFUNDED,
                                            amount=Decimal("1000.01")), profile, cn)
    record(dispute, order, DisputeEvent(K.DECISION, D("2026-05-14"), Party.PLATFORM,
                                        outcome=OrderStatus.REFUNDED), profile, cn)
    assert dispute.stage == DisputeStage.DECIDED
    assert dispute.events[-1].amount == Decimal("1000.00")
    assert order.status == OrderStatus.REFUNDED


def test_events_cannot_go_back_in_time(profile, cn):
    order, dispute = start(profile)
    with pytest.raises(NotAllowed, match="before the dispute was opened"):
        record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-01"), Party.BUYER),
               profile, cn)
