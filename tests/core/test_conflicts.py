"""Two windows on one database: a save of a copy another window changed since it was read is a
ConflictError and writes nothing; actions that take only an id never conflict and never lose
each other's writes; a save never deletes a row its copy did not read (issue 9, point 1)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ta_desktop.core.domain.entities import Action, Certificate, OrderLine, Payment
from ta_desktop.core.domain.errors import ConflictError
from ta_desktop.core.domain.types import ClaimType, Party, PaymentStatus
from ta_desktop.core.storage.db import alembic_config
from ta_desktop.core.storage.dispute_repository import DisputeRepository
from ta_desktop.core.storage.orm import SettingRecord, SupplierRecord
from ta_desktop.core.storage.repositories import OrderRepository
from tests.evidence_files import image_file
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines

STALE = "was changed in another window since you opened it"


@pytest.fixture
def draft_id(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order("TA-1", supplier.id)).value.id


def shipped(workspace, order_id):
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(order_id, action)
    workspace.orders.perform(order_id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), date(2026, 11, 20), PaymentStatus.RECEIVED))
    workspace.orders.perform(order_id, Action.MARK_SHIPPED)


def test_versions_start_at_one_and_count_every_save(workspace, draft_id):
    order = workspace.orders.get(draft_id)
    assert order.version == 1
    order.notes = "Call the factory"
    assert workspace.orders.save(order).value.version == 2
    assert workspace.orders.perform(draft_id, Action.SUBMIT).value.version == 3


def test_a_stale_order_is_a_conflict_and_the_other_save_stays(workspace, other_window, draft_id):
    mine, theirs = workspace.orders.get(draft_id), other_window.orders.get(draft_id)
    mine.notes = "Mine"
    workspace.orders.save(mine)
    theirs.notes = "Theirs"
    with pytest.raises(ConflictError) as caught:
        other_window.orders.save(theirs)
    assert str(caught.value) == (
        "Order TA-1 was changed in another window since you opened it: reload it to see the "
        "change; what you typed is still on screen.")
    assert workspace.orders.get(draft_id).notes == "Mine"
    assert theirs.notes == "Theirs"  # the copy on screen is left as typed


def test_a_stale_draft_never_deletes_the_line_another_window_added(workspace, other_window,
                                                                   draft_id):
    first, second = workspace.orders.get(draft_id), other_window.orders.get(draft_id)
    first.lines.append(OrderLine("USB-C cable 1 m", 100, Decimal("0.80")))
    workspace.orders.save(first)
    second.lines[0].quantity = 120
    with pytest.raises(ConflictError, match=STALE):
        other_window.orders.save(second)
    stored = workspace.orders.get(draft_id)
    assert [(line.product, line.quantity) for line in stored.lines] == [
        ("Power bank 20,000 mAh", 100), ("USB-C cable 1 m", 100)]
    reloaded = other_window.orders.get(draft_id)  # what Reload does: then the edit goes through
    reloaded.lines[0].quantity = 120
    assert [line.quantity for line in other_window.orders.save(reloaded).value.lines] == [120, 100]


def test_notes_and_deletes_of_a_stale_order_are_conflicts(workspace, other_window, draft_id):
    seen = other_window.orders.get(draft_id)
    workspace.orders.perform(draft_id, Action.SUBMIT)
    with pytest.raises(ConflictError, match=STALE):
        other_window.orders.save_notes(draft_id, "Theirs", seen.version)
    with pytest.raises(ConflictError, match=STALE):
        other_window.orders.delete(draft_id, seen.version)
    assert workspace.orders.get(draft_id).notes == ""
    fresh = other_window.orders.get(draft_id)
    assert other_window.orders.save_notes(draft_id, "Theirs", fresh.version).value.notes == "Theirs"


def test_actions_by_id_never_conflict_and_both_are_stored(workspace, other_window, draft_id):
    for action in (Action.SUBMIT, Action.SUPPLIER_CONFIRM):
        workspace.orders.perform(draft_id, action)
    for window, amount in ((workspace, "300"), (other_window, "200")):
        window.orders.perform(draft_id, Action.RECORD_PAYMENT, payment=Payment(
            Decimal(amount), TODAY, PaymentStatus.RECEIVED, reference=amount))
    assert [p.reference for p in other_window.orders.get(draft_id).payments] == ["300", "200"]


def test_a_save_never_deletes_payments_or_history(workspace, draft_id):
    shipped(workspace, draft_id)
    with workspace.db.writing() as session:
        repository = OrderRepository(session)
        order = repository.get(draft_id)
        order.payments.clear()
        order.events.clear()
        repository.save(order)
    stored = workspace.orders.get(draft_id)
    assert len(stored.payments) == 1
    assert [e.action for e in stored.events][-1] == Action.MARK_SHIPPED


def test_a_stale_supplier_is_a_conflict_and_keeps_the_new_certificate(workspace, other_window):
    supplier_id = workspace.suppliers.save(make_supplier()).value.id
    mine, theirs = workspace.suppliers.get(supplier_id), other_window.suppliers.get(supplier_id)
    mine.certificates.append(Certificate("ISO 9001", "Q-1"))
    workspace.suppliers.save(mine)
    theirs.email = "sales@example.cn"
    with pytest.raises(ConflictError, match=f"Supplier {theirs.name} {STALE}"):
        other_window.suppliers.save(theirs)
    with pytest.raises(ConflictError, match=STALE):
        other_window.suppliers.delete(supplier_id, theirs.version)
    stored = workspace.suppliers.get(supplier_id)
    assert [c.name for c in stored.certificates] == ["ISO 9001"] and stored.email == ""


def test_a_stale_dispute_is_a_conflict(workspace, other_window, draft_id):
    shipped(workspace, draft_id)
    workspace.disputes.open(draft_id, claim=ClaimType.QUALITY, requested_refund=Decimal("300"),
                            claim_text="Paint chips on 12% of the units.")
    stale = other_window.disputes.get(draft_id)
    workspace.disputes.propose(draft_id, Party.SUPPLIER, Decimal("100"))
    stale.claim_text = "Paint chips on 15% of the units."
    with pytest.raises(ConflictError, match=f"The dispute on order TA-1 {STALE}"), \
            other_window.db.writing() as session:
        DisputeRepository(session).save(stale)
    stored = workspace.disputes.get(draft_id)
    assert stored.claim_text == "Paint chips on 12% of the units." and len(stored.events) == 2


def test_a_stale_caption_is_a_conflict(workspace, other_window, draft_id, tmp_path):
    [item] = workspace.evidence.add_files(draft_id, [image_file(tmp_path, "box.jpg")]).value
    workspace.evidence.set_caption(item.id, "Dented box", item.version)
    with pytest.raises(ConflictError, match=f"The evidence file box.jpg {STALE}"):
        other_window.evidence.set_caption(item.id, "Wet box", item.version)
    assert workspace.evidence.items(draft_id)[0].caption == "Dented box"


def test_stale_settings_are_a_conflict(workspace, other_window):
    value, version = workspace.settings.get_versioned("buyer_company", {})
    assert (value, version) == ({}, 0)
    workspace.settings.put("buyer_company", {"name": "Mine"}, version)
    with pytest.raises(ConflictError, match=f"The setting 'buyer_company' {STALE}"):
        other_window.settings.put("buyer_company", {"name": "Theirs"}, version)
    assert other_window.settings.get("buyer_company") == {"name": "Mine"}


def test_rules_changed_in_another_window_are_a_conflict_until_reloaded(workspace, other_window):
    other_window.settings.profile()  # the rules dialog of the other window shows them
    workspace.settings.set_rule_values({"dispute_window_days": 20})
    for _ in range(2):
        with pytest.raises(ConflictError, match=f"'Trade Assurance rules' {STALE}"):
            other_window.settings.set_rule_values({"receiving_extension_days": 12})
    with pytest.raises(ConflictError, match=STALE):
        other_window.settings.reset_rules()
    assert other_window.settings.reload_profile().dispute_window_days == 20
    other_window.settings.set_rule_values({"receiving_extension_days": 12})
    assert workspace.settings.get("rule_overrides") == {
        "dispute_window_days": 20, "receiving_extension_days": 12}


def test_an_update_of_a_row_changed_underneath_is_a_conflict_not_an_overwrite(workspace):
    supplier_id = workspace.suppliers.save(make_supplier()).value.id
    with pytest.raises(ConflictError, match=f"A record {STALE}"), \
            workspace.db.writing() as session:
        record = session.get(SupplierRecord, supplier_id)
        session.execute(text("UPDATE suppliers SET version = version + 1, notes = 'other'"))
        record.notes = "mine"
    assert workspace.suppliers.get(supplier_id).notes == ""


def test_a_reading_unit_of_work_refuses_to_write(workspace):
    with pytest.raises(RuntimeError, match="writing"), workspace.db.unit_of_work() as session:
        session.add(SettingRecord(key="x", value="1"))
    assert workspace.settings.get("x") is None


def test_writes_lock_the_rows_they_load_on_postgresql(workspace, draft_id, tmp_path):
    """SQLite takes its database lock at BEGIN IMMEDIATE; on PostgreSQL every record a write
    loads is read with SELECT … FOR UPDATE (checked by compiling for PostgreSQL)."""
    loads: list[tuple[str, bool]] = []

    def note(state):
        if state.is_select and not state.is_relationship_load:
            sql = str(state.statement.compile(dialect=postgresql.dialect()))
            found = re.search(r"\bFROM\s+(\w+)", sql)
            if found:
                loads.append((found.group(1), sql.rstrip().endswith("FOR UPDATE")))

    event.listen(Session, "do_orm_execute", note)
    try:
        workspace.orders.perform(draft_id, Action.SUBMIT)
        order = workspace.orders.get(draft_id)
        workspace.orders.save_notes(draft_id, "Call", order.version)
        supplier = workspace.suppliers.get(order.supplier_id)
        workspace.suppliers.save(supplier)
        [item] = workspace.evidence.add_files(draft_id, [image_file(tmp_path, "a.jpg")]).value
        workspace.evidence.set_caption(item.id, "Front")
        workspace.settings.set_rule_values({"dispute_window_days": 20})
    finally:
        event.remove(Session, "do_orm_execute", note)
    locked = {table for table, for_update in loads if for_update}
    assert {"orders", "suppliers", "evidence", "settings"} <= locked
    assert ("orders", False) in loads  # plain reads (get) stay unlocked


def test_rows_stored_before_versions_existed_get_version_one(workspace, draft_id):
    workspace.orders.save_notes(draft_id, "Version 2 of the order")
    config = alembic_config()
    with workspace.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
    workspace.db.migrate()
    assert workspace.settings.get_versioned("k") == (1, 1)
    order = workspace.orders.get(draft_id)  # its lines survived the round trip
    assert (order.version, len(order.lines), order.notes) == (1, 1, "Version 2 of the order")
