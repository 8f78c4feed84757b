"""Every service write says what it changed, from what its transaction really wrote."""

from datetime import date
from decimal import Decimal

import pytest

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.domain.entities import Action, Payment
from ta_desktop.core.domain.types import ClaimType, Party, PaymentStatus
from ta_desktop.core.services.buyer_settings import BuyerDetails, save_buyer
from ta_desktop.core.services.workdays import set_user_days
from ta_desktop.core.storage.changes import _touched
from ta_desktop.core.storage.orm import Base
from tests.evidence_files import image_file
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines


def test_every_table_has_a_change_kind(workspace):
    with workspace.db.unit_of_work() as session:
        for mapper in Base.registry.mappers:
            kind, _record_id = _touched(session, mapper.class_())
            assert kind in Kind


def test_saving_a_supplier_and_an_order_names_each(workspace):
    supplier = workspace.suppliers.save(make_supplier())
    assert supplier.changes == Changes.of(Kind.SUPPLIER, supplier.value.id)
    order = workspace.orders.save(make_order(supplier_id=supplier.value.id))
    assert order.changes == Changes.of(Kind.ORDER, order.value.id)


def test_a_payment_changes_its_order_only(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    paid = workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), date(2026, 11, 20), PaymentStatus.RECEIVED))
    assert paid.changes == Changes.of(Kind.ORDER, order_id)
    assert paid.changes.touches_order(order_id)
    assert not paid.changes.touches_order(order_id + 1)


def test_a_dispute_changes_the_dispute_and_its_order(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), date(2026, 11, 20), PaymentStatus.RECEIVED))
    opened = workspace.disputes.open(order_id, claim=ClaimType.QUALITY,
                                     requested_refund=Decimal("100"), claim_text="Cracked cases")
    assert opened.changes.kinds() == {Kind.ORDER, Kind.DISPUTE}
    assert opened.changes.ids(Kind.DISPUTE) == {order_id}
    proposal = workspace.disputes.propose(order_id, Party.SUPPLIER, Decimal("50"), on=TODAY)
    assert proposal.changes.ids(Kind.DISPUTE) == {order_id}


def test_evidence_and_settings_name_their_kind(workspace, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    added = workspace.evidence.add_files(order_id, [image_file(tmp_path, "photo.jpg")])
    assert added.changes == Changes.of(Kind.EVIDENCE, order_id)
    caption = workspace.evidence.set_caption(added.value[0].id, "Cracked corner")
    assert caption.changes == Changes.of(Kind.EVIDENCE, order_id)
    rules = workspace.settings.set_rule_values({"proposal_reply_days": 6})
    assert rules.changes == Changes.of(Kind.SETTINGS)
    assert rules.changes.touches_order(order_id)


def test_deleting_names_what_is_gone_and_a_no_op_names_nothing(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order_id = workspace.orders.save(make_order(supplier_id=supplier.id)).value.id
    assert workspace.disputes.catch_up().changes == Changes()
    assert workspace.orders.delete(order_id).changes.ids(Kind.ORDER) == {order_id}
    assert workspace.suppliers.delete(supplier.id).changes == Changes.of(Kind.SUPPLIER, supplier.id)


def test_changes_combine():
    both = Changes.of(Kind.ORDER, 1) | Changes.of(Kind.SUPPLIER, 2)
    assert both == Changes.union([Changes.of(Kind.ORDER, 1), Changes.of(Kind.SUPPLIER, 2)])
    assert both.has(Kind.ORDER) and both.has(Kind.SUPPLIER, 2) and not both.has(Kind.SUPPLIER, 1)
    assert not Changes()


def test_settings_helpers_report_a_settings_change(workspace):
    days = set_user_days(workspace.settings, [date(2026, 12, 24)], [date(2026, 12, 27)])
    assert days.changes == Changes.of(Kind.SETTINGS)
    assert save_buyer(workspace.settings, BuyerDetails(name="Nordic Home AB")).changes \
        == Changes.of(Kind.SETTINGS)
