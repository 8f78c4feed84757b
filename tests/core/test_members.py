"""Who did what: each member's name on every history entry, payment, dispute event and
evidence file, and a conflict names the colleague who saved meanwhile (issue 11, points 2-3)."""

import re
from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.errors import ConflictError
from ta_desktop.core.domain.types import ClaimType, Party, PaymentStatus
from tests.evidence_files import image_file
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines


@pytest.fixture
def team(workspace, other_window):
    workspace.member, other_window.member = "Anna (owner)", "Chen Wei"
    return workspace, other_window


def test_every_entry_records_its_member_and_time(team, tmp_path):
    anna, chen = team
    supplier = anna.suppliers.save(make_supplier()).value
    order_id = anna.orders.save(make_order("TA-1", supplier.id)).value.id
    anna.orders.perform(order_id, Action.SUBMIT)
    chen.orders.perform(order_id, Action.SUPPLIER_CONFIRM)
    chen.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED))
    anna.orders.perform(order_id, Action.MARK_SHIPPED)
    order = anna.orders.get(order_id)
    assert [(e.action, e.recorded_by) for e in order.events] == [
        (Action.SUBMIT, "Anna (owner)"), (Action.SUPPLIER_CONFIRM, "Chen Wei"),
        (Action.RECORD_PAYMENT, "Chen Wei"), (Action.PAYMENT_RECEIVED, "Chen Wei"),
        (Action.MARK_SHIPPED, "Anna (owner)")]
    [payment] = order.payments
    assert payment.recorded_by == "Chen Wei" and payment.recorded_at.date() == date.today()

    chen.disputes.open(order_id, claim=ClaimType.QUALITY, requested_refund=Decimal("300"),
                       claim_text="Paint chips on 12% of the units.", on=TODAY)
    anna.disputes.propose(order_id, Party.SUPPLIER, Decimal("100"), on=TODAY)
    events = anna.disputes.get(order_id).events
    assert [e.recorded_by for e in events] == ["Chen Wei", "Anna (owner)"]
    assert all(e.recorded_at is not None for e in events)

    [item] = chen.evidence.add_files(order_id, [image_file(tmp_path, "box.jpg")]).value
    assert anna.evidence.items(order_id)[0].added_by == "Chen Wei" == item.added_by
    # A later save of the order keeps who recorded each entry.
    anna.orders.save_notes(order_id, "Chase the refund", anna.orders.get(order_id).version)
    assert [e.recorded_by for e in anna.orders.get(order_id).events][:2] == [
        "Anna (owner)", "Chen Wei"]


def test_a_conflict_names_the_colleague_who_saved_and_when(team):
    anna, chen = team
    supplier = anna.suppliers.save(make_supplier()).value
    order_id = anna.orders.save(make_order("TA-1", supplier.id)).value.id
    mine = anna.orders.get(order_id)
    theirs = chen.orders.get(order_id)
    theirs.notes = "Supplier asked for 10 more days"
    chen.orders.save(theirs)
    mine.notes = "Mine"
    with pytest.raises(ConflictError) as caught:
        anna.orders.save(mine)
    assert re.fullmatch(
        r"Order TA-1 was changed by Chen Wei at \d\d:\d\d on \d{4}-\d\d-\d\d since you opened "
        r"it: reload it to see the change; what you typed is still on screen\.",
        str(caught.value))
    assert caught.value.changed_by == "Chen Wei" and caught.value.changed_at is not None


def test_my_own_other_window_is_still_another_window(workspace, other_window):
    supplier = workspace.suppliers.save(make_supplier()).value
    stale = other_window.suppliers.get(supplier.id)
    workspace.suppliers.save(workspace.suppliers.get(supplier.id))
    with pytest.raises(ConflictError, match="changed in another window since"):
        other_window.suppliers.save(stale)
