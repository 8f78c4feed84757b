"""MOD-REQ: a modification request records what is to change and the supplier's answer;
accepted, the order changes with old and new values in its history; declined, nothing changes.
Dates and amounts are worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.entities import Action, OrderLine, Payment
from ta_desktop.core.domain.errors import NotAllowed, ValidationError
from ta_desktop.core.domain.modifications import ModificationRequest, RequestStatus
from ta_desktop.core.domain.types import Money, OrderStatus, PaymentStatus
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines

NEW_DATE = date(2026, 12, 15)


@pytest.fixture
def sent(workspace):
    """TA-1: 100 power banks at 7.85 USD = 785.00 USD, shipping 1 Dec 2026, sent to the
    supplier on 25 Nov 2026 (TODAY)."""
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-1", supplier.id)).value
    return workspace.orders.perform(order.id, Action.SUBMIT).value


def bigger_order(workspace, order):
    """Ask for 1 Dec -> 15 Dec, and 120 pieces at 7.50 instead of 100 at 7.85."""
    line = order.lines[0]
    request = ModificationRequest(
        order.id, TODAY, shipment_date=NEW_DATE, reason="Supplier's mould is late",
        lines=[OrderLine(line.product, 120, Decimal("7.50"), id=line.id)])
    return workspace.modifications.request(request).value


def test_a_request_records_what_is_to_change_and_leaves_the_order_as_it_was(workspace, sent):
    request = bigger_order(workspace, sent)
    assert request.status == RequestStatus.PENDING
    order = workspace.orders.get(sent.id)
    assert (order.shipment_date, order.total) == (date(2026, 12, 1),
                                                  Money(Decimal("785.00"), "USD"))
    event = order.last_event(Action.REQUEST_MODIFICATION)
    assert event.note == ("shipment date: 2026-12-01 -> 2026-12-15; "
                          "Power bank 20,000 mAh: quantity 100 -> 120; "
                          "Power bank 20,000 mAh: unit price 7.85 USD -> 7.50 USD; "
                          "Supplier's mould is late")
    assert workspace.modifications.for_order(sent.id)[0].shipment_date == NEW_DATE


def test_accepted_the_order_takes_the_new_values_with_old_and_new_in_its_history(workspace,
                                                                                  sent):
    request = bigger_order(workspace, sent)
    order = workspace.modifications.answer(request.id, accepted=True, note="OK by chat").value
    # 120 x 7.50 = 900.00 USD, shipping 15 Dec 2026.
    assert order.total == Money(Decimal("900.00"), "USD")
    assert order.shipment_date == NEW_DATE
    assert order.status == OrderStatus.AWAITING_SUPPLIER_CONFIRMATION
    event = order.last_event(Action.MODIFICATION_ACCEPTED)
    assert "shipment date: 2026-12-01 -> 2026-12-15" in event.note
    assert "quantity 100 -> 120" in event.note and event.note.endswith("OK by chat")
    stored = workspace.modifications.for_order(sent.id)[0]
    assert (stored.status, stored.answered_on) == (RequestStatus.ACCEPTED, TODAY)
    assert stored.applied[0] == "shipment date: 2026-12-01 -> 2026-12-15"
    # The agreed date reaches the deadlines: late shipment is claimable against 15 Dec.
    assert any(d.due == NEW_DATE for d in workspace.disputes.order_deadlines(sent.id))


def test_declined_nothing_of_the_order_changes(workspace, sent):
    request = bigger_order(workspace, sent)
    order = workspace.modifications.answer(request.id, accepted=False).value
    assert (order.shipment_date, order.total.amount) == (date(2026, 12, 1), Decimal("785.00"))
    assert order.last_event(Action.MODIFICATION_DECLINED) is not None
    assert workspace.modifications.for_order(sent.id)[0].status == RequestStatus.DECLINED


def test_a_request_is_answered_once(workspace, sent):
    request = bigger_order(workspace, sent)
    workspace.modifications.answer(request.id, accepted=False)
    with pytest.raises(NotAllowed, match="already declined"):
        workspace.modifications.answer(request.id, accepted=True)
    assert workspace.orders.get(sent.id).total.amount == Decimal("785.00")


def test_one_request_waits_for_an_answer_at_a_time(workspace, sent):
    bigger_order(workspace, sent)
    with pytest.raises(NotAllowed) as refused:
        workspace.modifications.request(ModificationRequest(sent.id, TODAY,
                                                            shipment_date=date(2026, 12, 20)))
    assert refused.value.rule == "MOD-REQ"


def test_a_draft_is_edited_not_modified_by_request(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    draft = workspace.orders.save(make_order("TA-2", supplier.id)).value
    with pytest.raises(NotAllowed, match="A draft can be edited directly"):
        workspace.modifications.request(ModificationRequest(draft.id, TODAY,
                                                            shipment_date=NEW_DATE))


def test_a_request_that_changes_nothing_or_empties_the_order_is_refused(workspace, sent):
    with pytest.raises(ValidationError, match="changes nothing"):
        workspace.modifications.request(ModificationRequest(
            sent.id, TODAY, shipment_date=date(2026, 12, 1)))
    with pytest.raises(ValidationError, match="at least one line"):
        workspace.modifications.request(ModificationRequest(sent.id, TODAY, lines=[]))
    assert workspace.modifications.for_order(sent.id) == []


def test_acceptance_is_checked_again_when_recorded(workspace, sent):
    """Asked while waiting for confirmation; by the answer a payment is being processed
    (MOD-PAY): the change cannot be applied then, but a refusal can be recorded."""
    request = bigger_order(workspace, sent)
    workspace.orders.perform(sent.id, Action.SUPPLIER_CONFIRM)
    workspace.orders.perform(sent.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.PROCESSING))
    with pytest.raises(NotAllowed) as refused:
        workspace.modifications.answer(request.id, accepted=True)
    assert refused.value.rule == "MOD-PAY"
    assert workspace.orders.get(sent.id).shipment_date == date(2026, 12, 1)
    assert workspace.modifications.for_order(sent.id)[0].pending
    workspace.modifications.answer(request.id, accepted=False)
    assert not workspace.modifications.for_order(sent.id)[0].pending


def test_a_new_specification_keeps_the_one_it_replaced(workspace, sent):
    request = workspace.modifications.request(ModificationRequest(
        sent.id, TODAY, spec_text="Colour: Pantone 186 C.")).value
    order = workspace.modifications.answer(request.id, accepted=True).value
    assert order.spec_text == "Colour: Pantone 186 C."
    assert workspace.modifications.for_order(sent.id)[0].previous_spec_text == ""


def test_lines_can_be_added_and_removed(workspace, sent):
    kept = sent.lines[0]
    request = workspace.modifications.request(ModificationRequest(sent.id, TODAY, lines=[
        OrderLine("USB-C cable 1 m", 200, Decimal("0.62")),
    ])).value
    order = workspace.modifications.answer(request.id, accepted=True).value
    # 200 x 0.62 = 124.00 USD; the power banks are gone.
    assert [line.product for line in order.lines] == ["USB-C cable 1 m"]
    assert order.total.amount == Decimal("124.00")
    note = order.last_event(Action.MODIFICATION_ACCEPTED).note
    assert f"line removed: {kept.product}: 100 pcs at 7.85" in note
    assert "line added: USB-C cable 1 m: 200 pcs at 0.62" in note


def test_an_answer_before_the_request_or_in_the_future_is_refused(workspace, sent):
    request = bigger_order(workspace, sent)
    with pytest.raises(ValidationError, match="future"):
        workspace.modifications.answer(request.id, accepted=True, on=date(2026, 11, 26))
    with pytest.raises(ValidationError, match="before the request was sent"):
        workspace.modifications.answer(request.id, accepted=True, on=date(2026, 11, 24))


def test_a_bare_log_line_is_no_longer_a_modification_request(workspace, sent):
    with pytest.raises(NotAllowed) as refused:
        workspace.orders.perform(sent.id, Action.REQUEST_MODIFICATION, note="new date?")
    assert refused.value.rule == "MOD-REQ"
    assert workspace.orders.get(sent.id).last_event(Action.REQUEST_MODIFICATION) is None
