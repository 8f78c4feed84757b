"""Rules exactly as the buyer's guide says (issue 13): escalation at once after the supplier's
counter-proposal (DS-ESC-EARLY), a cancellation after escalation is a request to the dispute
team (DS-CANCEL), the platform's automatic cancellation (CONF-AUTO), the minimum lead time
(LEAD) and the shipment date's own rule (SHIP-DATE). Every date is worked out by hand."""

import json
from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.cli import main
from ta_desktop.core.domain import lifecycle
from ta_desktop.core.domain.deadlines import lead_time_warning, order_deadlines
from ta_desktop.core.domain.dispute_clock import dispute_clock
from ta_desktop.core.domain.disputes import (
    DisputeEvent,
    DisputeStage,
    open_dispute,
    record,
)
from ta_desktop.core.domain.disputes import DisputeEventKind as K
from ta_desktop.core.domain.entities import Action
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.types import ClaimType, Money, OrderStatus, Party
from ta_desktop.core.services.workdays import team_calendar
from tests.factories import make_order, make_supplier, order_through

D = date.fromisoformat
OPENED = D("2026-05-04")  # a Monday; day 4 is Thursday 7 May


@pytest.fixture
def cn(profile):
    return team_calendar(profile)


@pytest.fixture
def disputed(profile):
    order = order_through(profile, Action.CONFIRM_DELIVERY, start=D("2026-04-01"))
    dispute = open_dispute(order, profile, OPENED, claim=ClaimType.QUALITY,
                           requested_refund=Money(Decimal("300"), "USD"),
                           claim_text="Colour is not Pantone 186 C.")
    return order, dispute


# --- DS-ESC-EARLY -------------------------------------------------------------------------------


@pytest.mark.parametrize(("proposal", "escalate_from"), [
    (None, "2026-05-07"),  # no proposal: day 4, opened + 3 days
    ("2026-05-05", "2026-05-05"),  # the supplier proposed on day 2: at once
    ("2026-05-04", "2026-05-04"),  # on the opening day itself
    ("2026-05-09", "2026-05-07"),  # on day 6: day 4 came first
])
def test_the_buyer_may_escalate_from_the_earlier_of_day_4_and_the_suppliers_proposal(
        profile, cn, proposal, escalate_from):
    clock = dispute_clock(OPENED, profile, cn, supplier_proposal=D(proposal) if proposal
                          else None)
    assert clock.escalate_from == D(escalate_from)


def test_the_buyers_own_proposal_does_not_open_early_escalation(profile, cn):
    clock = dispute_clock(OPENED, profile, cn, proposal=D("2026-05-05"), proposal_by=Party.BUYER)
    assert clock.escalate_from == D("2026-05-07")


def test_after_a_counter_proposal_the_buyer_escalates_at_once(profile, cn, disputed):
    order, dispute = disputed
    escalate = DisputeEvent(K.ESCALATED, D("2026-05-05"), Party.BUYER)
    with pytest.raises(NotAllowed) as refused:  # day 2, no proposal from the supplier yet
        record(dispute, order, escalate, profile, cn)
    assert refused.value.rule == "DS-ESC-EARLY"
    record(dispute, order, DisputeEvent(K.PROPOSAL, D("2026-05-05"), Party.SUPPLIER,
                                        amount=Decimal("50")), profile, cn)
    record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-05-05"), Party.BUYER), profile, cn)
    assert dispute.stage == DisputeStage.ESCALATED
    clock = dispute.clock(profile, cn)
    assert clock.escalate_from == D("2026-05-05") and clock.early_by_counter_proposal
    # The dispute team: 5 working days after Tuesday 5 May; 1-5 May is China's Labour Day
    # holiday and Saturday 9 May a make-up working day: Wed 6, Thu 7, Fri 8, Sat 9, Mon 11.
    assert clock.team_response_due == D("2026-05-11")


def test_dispute_clock_command_escalates_from_the_suppliers_proposal(capsys):
    code = main(["dispute-clock", "--opened", "2026-05-04", "--proposal", "2026-05-05",
                 "--by", "supplier", "--today", "2026-05-05", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["escalate_from"] == "2026-05-05" and data["reply_due"] == "2026-05-12"
    assert main(["dispute-clock", "--opened", "2026-05-04", "--proposal", "2026-05-05",
                 "--by", "supplier", "--today", "2026-05-05"]) == 0
    assert "Buyer may escalate from (the supplier proposed)  05 May 2026  day 2" in \
        capsys.readouterr().out


@pytest.mark.parametrize(("argv", "words"), [
    (["--today", "2026-05-03"], "before the dispute was opened"),
    (["--proposal", "2026-06-04", "--by", "supplier"], "after the negotiation ended"),
    (["--escalated", "2026-05-10", "--proposal", "2026-05-12", "--by", "buyer"],
     "after the negotiation ended"),
])
def test_dispute_clock_refuses_dates_out_of_the_disputes_range_in_one_line(capsys, argv, words):
    assert main(["dispute-clock", "--opened", "2026-05-04", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and words in err


# --- DS-CANCEL ----------------------------------------------------------------------------------


def escalated(profile, cn, disputed):
    order, dispute = disputed
    record(dispute, order, DisputeEvent(K.ESCALATED, D("2026-05-07"), Party.BUYER), profile, cn)
    return order, dispute


def test_before_escalation_the_buyer_cancels_directly(profile, cn, disputed):
    order, dispute = disputed
    record(dispute, order, DisputeEvent(K.CANCELLED, D("2026-05-05"), Party.BUYER), profile, cn)
    assert dispute.stage == DisputeStage.CANCELLED
    assert order.status == OrderStatus.COMPLETED


def test_after_escalation_cancelling_is_a_request_pending_until_the_team_answers(
        profile, cn, disputed):
    order, dispute = escalated(profile, cn, disputed)
    with pytest.raises(NotAllowed) as refused:
        record(dispute, order, DisputeEvent(K.CANCELLED, D("2026-05-08"), Party.BUYER),
               profile, cn)
    assert refused.value.rule == "DS-CANCEL"
    record(dispute, order, DisputeEvent(K.CANCEL_REQUESTED, D("2026-05-08"), Party.BUYER),
           profile, cn)
    assert dispute.stage == DisputeStage.CANCEL_REQUESTED
    assert order.status == OrderStatus.IN_DISPUTE  # nothing is cancelled yet
    found = order_deadlines(order, profile, cn, D("2026-05-08"), dispute)
    answer = next(d for d in found if d.rule == "DS-CANCEL")
    # 5 working days after Friday 8 May: Sat 9 (make-up day), Mon 11, Tue 12, Wed 13, Thu 14.
    assert answer.due == D("2026-05-14") and answer.open
    with pytest.raises(NotAllowed, match="answer to the cancellation"):
        record(dispute, order, DisputeEvent(K.DECISION, D("2026-05-09"), Party.PLATFORM,
                                            outcome=OrderStatus.CLOSED), profile, cn)
    record(dispute, order, DisputeEvent(K.CANCEL_ANSWERED, D("2026-05-12"), Party.PLATFORM,
                                        accepted=False), profile, cn)
    assert dispute.stage == DisputeStage.ESCALATED and order.status == OrderStatus.IN_DISPUTE
    record(dispute, order, DisputeEvent(K.CANCEL_REQUESTED, D("2026-05-13"), Party.BUYER),
           profile, cn)
    record(dispute, order, DisputeEvent(K.CANCEL_ANSWERED, D("2026-05-15"), Party.PLATFORM,
                                        accepted=True), profile, cn)
    assert dispute.stage == DisputeStage.CANCELLED
    assert order.status == OrderStatus.COMPLETED  # back to its status before the dispute
    assert [e.title for e in dispute.events if e.kind == K.CANCEL_ANSWERED] == [
        "Dispute team declined the cancellation", "Dispute team accepted the cancellation"]


def test_the_team_answers_only_a_pending_request(profile, cn, disputed):
    order, dispute = escalated(profile, cn, disputed)
    with pytest.raises(NotAllowed, match="No cancellation request"):
        record(dispute, order, DisputeEvent(K.CANCEL_ANSWERED, D("2026-05-08"), Party.PLATFORM,
                                            accepted=True), profile, cn)


# --- CONF-AUTO ----------------------------------------------------------------------------------


def test_the_platforms_cancellation_is_recorded_only_once_it_is_due(profile):
    # Sent on 3 March: the supplier has 30 days, to 2 April; cancelled from 3 April.
    sent = order_through(profile, Action.SUBMIT, dates={Action.SUBMIT: D("2026-03-03")})
    assert lifecycle.auto_cancel_day(sent, profile) == D("2026-04-03")
    early = lifecycle.check(sent, Action.AUTO_CANCEL, profile, D("2026-04-02"))
    assert not early and early.rule == "CONF-AUTO" and "2026-04-03" in early.reason
    assert lifecycle.check(sent, Action.AUTO_CANCEL, profile, D("2026-04-03"))
    # Confirmed on 4 March: 60 days to pay, to 3 May; cancelled from 4 May.
    confirmed = order_through(profile, Action.SUPPLIER_CONFIRM,
                              dates={Action.SUPPLIER_CONFIRM: D("2026-03-04")})
    assert lifecycle.auto_cancel_day(confirmed, profile) == D("2026-05-04")


def test_recording_the_automatic_cancellation_ends_waiting_for_payment(clocked, clock):
    clock.today = D("2026-03-04")
    supplier = clocked.suppliers.save(make_supplier()).value
    order = clocked.orders.save(make_order("TA-5", supplier.id)).value
    clocked.orders.perform(order.id, Action.SUBMIT)
    clocked.orders.perform(order.id, Action.SUPPLIER_CONFIRM)  # 4 March: pay by 3 May
    clock.today = D("2026-05-03")
    with pytest.raises(NotAllowed):
        clocked.orders.record_auto_cancel(order.id)
    clock.today = D("2026-05-20")
    pay = next(d for d in clocked.disputes.deadlines() if d.rule == "CONF-AUTO")
    assert pay.due == D("2026-05-03") and pay.is_overdue(clock.today)
    cancelled = clocked.orders.record_auto_cancel(order.id).value
    assert cancelled.status == OrderStatus.CANCELLED
    event = cancelled.last_event(Action.AUTO_CANCEL)
    assert event.on == D("2026-05-04") and event.party == Party.PLATFORM
    assert not [d for d in clocked.disputes.deadlines() if d.order_id == order.id]


# --- LEAD and SHIP-DATE -------------------------------------------------------------------------


def test_a_shipment_date_sooner_than_the_minimum_lead_time_is_warned(profile):
    # Confirmed on 4 March: the shortest typical lead time (60 days) reaches 3 May.
    order = order_through(profile, Action.SUPPLIER_CONFIRM, shipment_date=D("2026-04-15"),
                          dates={Action.SUPPLIER_CONFIRM: D("2026-03-04")})
    warning = lead_time_warning(order, profile, D("2026-03-05"))
    assert warning.startswith("LEAD:") and "42 days after the supplier's confirmation" in warning
    assert "60 to 90 days" in warning
    order.shipment_date = D("2026-05-03")
    assert lead_time_warning(order, profile, D("2026-03-05")) is None


def test_a_draft_is_warned_from_today(profile):
    draft = make_order(shipment_date=D("2026-03-31"))
    assert "29 days after today" in lead_time_warning(draft, profile, D("2026-03-02"))


def test_the_agreed_shipment_date_has_its_own_rule(profile, cn):
    order = order_through(profile, Action.PAYMENT_RECEIVED)
    ship = next(d for d in order_deadlines(order, profile, cn, D("2026-03-10"))
                if d.title.startswith("Agreed shipment date"))
    assert ship.rule == "SHIP-DATE"
