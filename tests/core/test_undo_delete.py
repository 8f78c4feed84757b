"""A delete can be undone: the order comes back with its lines, payments, history, dispute and
evidence rows, as it was (same ids and versions); a supplier with its certificates; the demo
data set is removed exactly, and can come back too."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ta_desktop.core.domain.changes import Kind
from ta_desktop.core.domain.entities import Action, Certificate, Payment
from ta_desktop.core.domain.errors import NotAllowed
from ta_desktop.core.domain.types import ClaimType, PaymentStatus
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, SUPPLIERS, load_demo, remove_demo
from tests.evidence_files import pdf_file
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines


def _disputed_order(workspace, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order("TA-77", supplier.id)).value
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order.id, action, on=TODAY - timedelta(days=9))
    workspace.orders.perform(order.id, Action.RECORD_PAYMENT, on=TODAY - timedelta(days=8),
                             payment=Payment(Decimal("785"), TODAY - timedelta(days=8),
                                             PaymentStatus.RECEIVED))
    workspace.disputes.open(order.id, claim=ClaimType.QUALITY, requested_refund=Decimal("200"),
                            claim_text="Scratched housings.", on=TODAY - timedelta(days=2))
    workspace.evidence.add_files(order.id, [pdf_file(tmp_path, "lab report.pdf")])
    return supplier, order.id


def test_an_order_comes_back_as_it_was(workspace, tmp_path):
    _supplier, order_id = _disputed_order(workspace, tmp_path)
    before = workspace.orders.get(order_id)
    dispute = workspace.disputes.get(order_id)
    evidence = workspace.evidence.items(order_id)
    assert evidence
    removed = workspace.orders.delete(order_id, before.version)
    assert removed.changes.has(Kind.DISPUTE, order_id)
    assert workspace.orders.count() == 0
    assert "TA-77" in removed.value.what

    restored = workspace.orders.undo_delete(removed.value)
    assert restored.changes.has(Kind.ORDER, order_id) and restored.changes.has(Kind.EVIDENCE,
                                                                                order_id)
    after = workspace.orders.get(order_id)
    assert after == before
    assert workspace.disputes.get(order_id) == dispute
    assert workspace.evidence.items(order_id) == evidence
    workspace.orders.delete(order_id, after.version)  # and it can be deleted again


def test_an_order_whose_number_was_taken_meanwhile_does_not_come_back(workspace, tmp_path):
    supplier, order_id = _disputed_order(workspace, tmp_path)
    removed = workspace.orders.delete(order_id).value
    workspace.orders.save(make_order("TA-77", supplier.id))
    with pytest.raises(NotAllowed, match="order TA-77 cannot come back"):
        workspace.orders.undo_delete(removed)
    assert workspace.orders.count() == 1


def test_a_supplier_comes_back_with_its_certificates(workspace):
    supplier = workspace.suppliers.save(make_supplier(certificates=[
        Certificate("ISO 9001", "Q-1", "SGS", date(2027, 6, 30))])).value
    removed = workspace.suppliers.delete(supplier.id, supplier.version).value
    workspace.suppliers.undo_delete(removed)
    assert workspace.suppliers.get(supplier.id) == supplier


def test_removing_the_demo_takes_exactly_its_rows(workspace):
    mine = workspace.suppliers.save(make_supplier("My own supplier")).value
    workspace.orders.save(make_order("MY-1", mine.id))
    load_demo(workspace)
    # One demo supplier also has an order of the user's: it stays, with that order.
    hq = workspace.suppliers.names()
    shared = next(i for i, name in hq if name == SUPPLIERS[0].name)
    workspace.orders.save(make_order("MY-2", shared))
    outcome = remove_demo(workspace)
    left = {name for _id, name in workspace.suppliers.names()}
    assert left == {"My own supplier", SUPPLIERS[0].name}
    numbers = {row.order_number for row in workspace.orders.rows()}
    assert numbers == {"MY-1", "MY-2"}
    assert outcome.changes.has(Kind.ORDER) and outcome.changes.has(Kind.SUPPLIER)

    workspace.orders.undo_delete(outcome.value)
    assert workspace.orders.count() == DEMO_ORDER_COUNT + 2
    assert workspace.suppliers.count() == len(SUPPLIERS) + 1
