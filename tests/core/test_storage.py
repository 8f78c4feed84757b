"""The database: created and upgraded by Alembic, backed up first, written in transactions."""

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from ta_desktop.core.domain.entities import Action, Certificate, ListQuery, OrderLine, Payment
from ta_desktop.core.domain.errors import NotAllowed, NotFound, StorageError, ValidationError
from ta_desktop.core.domain.types import Money, OrderStatus, PaymentStatus
from ta_desktop.core.services.demo import DEMO_ORDER_COUNT, SUPPLIERS, load_demo
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.core.storage.db import Database, alembic_config, head_revision
from ta_desktop.core.storage.orm import Base
from tests.factories import TODAY, make_order, make_supplier

pytestmark = pytest.mark.both_engines


def test_an_empty_database_is_migrated_to_head_matching_the_models(db_target):
    db = Database.open(db_target)
    assert db.current_revision() == head_revision()
    with db.engine.connect() as connection:
        # pg_trgm's indexes (revisions 0005, 0013) are PostgreSQL's own, not the models'; the
        # search index and its prefix indexes (0013) are SQLite's own.
        context = MigrationContext.configure(connection, opts={"include_name": (
            lambda name, kind, _parent: not (kind == "index" and name.endswith(
                ("_trgm", "_nocase"))) and not (name or "").startswith("order_search"))})
        assert compare_metadata(context, Base.metadata) == []
    if not db.is_sqlite:
        db.close()
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_first_revision_database_upgrades_to_head_with_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Database.open(path, migrate=False)
    config = alembic_config()
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO suppliers (name, country, gold_supplier, trade_assurance, contact_name,"
            " email, phone, whatsapp, wechat, store_url, notes)"
            " VALUES ('Old Supplier', 'China', 1, 1, '', '', '', '', '', '', '')"
        )
    old.close()

    db = Database.open(path)
    assert db.current_revision() == head_revision()
    backups = list(tmp_path.glob("old.before-*.bak.sqlite"))
    if head_revision() != "0001":
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as copy:
            assert copy.execute("SELECT name FROM suppliers").fetchall() == [("Old Supplier",)]
    ws = Workspace(db, tmp_path)
    assert [row.name for row in ws.suppliers.rows()] == ["Old Supplier"]


def test_an_unreadable_database_is_a_clear_storage_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("this is not a database")
    with pytest.raises(StorageError, match="not a SQLite file"):
        Database.open(bad)
    with pytest.raises(StorageError, match="does not exist"):
        Database.open(tmp_path / "missing" / "x.sqlite")


def test_supplier_round_trip_keeps_money_certificates_and_chinese_names(workspace):
    saved = workspace.suppliers.save(make_supplier(
        ta_limit=Money(Decimal("12345.67"), "USD"),
        certificates=[Certificate("ISO 9001", "Q-1", "SGS", date(2027, 1, 1))],
    )).value
    loaded = workspace.suppliers.get(saved.id)
    assert loaded.name == "深圳市华强电子有限公司"
    assert loaded.ta_limit == Money(Decimal("12345.67"), "USD")
    assert loaded.certificates[0].valid_until == date(2027, 1, 1)
    loaded.certificates.append(Certificate("CE", "CE-9"))
    again = workspace.suppliers.save(loaded).value
    assert [c.name for c in again.certificates] == ["ISO 9001", "CE"]
    assert again.certificates[0].id == loaded.certificates[0].id


def test_order_totals_are_exact_decimals(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id, lines=[
        OrderLine("Cable", 3, Decimal("0.10")), OrderLine("Bank", 1000, Decimal("7.8525")),
    ])).value
    assert workspace.orders.get(order.id).total == Money(Decimal("7852.80"), "USD")
    [row] = workspace.orders.rows()
    assert row.total.amount_text() == "7852.80"


def test_a_sent_order_cannot_be_edited_only_the_draft(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    order = workspace.orders.perform(order.id, Action.SUBMIT).value
    order.lines[0].quantity = 5
    with pytest.raises(NotAllowed) as error:
        workspace.orders.save(order)
    assert error.value.rule == "MOD-REQ"
    assert workspace.orders.get(order.id).lines[0].quantity == 100


def test_an_unknown_order_number_is_not_found(workspace):
    with pytest.raises(NotFound, match="no order number 'TA-404'"):
        workspace.orders.get_by_number("TA-404")


def test_a_failed_save_changes_nothing(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    workspace.orders.save(make_order("TA-1", supplier_id=supplier.id))
    with pytest.raises(ValidationError) as error:
        workspace.orders.save(make_order("TA-1", supplier_id=supplier.id))
    assert "order_number" in error.value.field_errors
    assert workspace.orders.count() == 1


def test_recording_a_received_payment_moves_the_order_on(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    workspace.orders.perform(order.id, Action.SUBMIT)
    workspace.orders.perform(order.id, Action.SUPPLIER_CONFIRM)
    order = workspace.orders.perform(order.id, Action.RECORD_PAYMENT, payment=Payment(
        Decimal("785"), TODAY, PaymentStatus.RECEIVED)).value
    assert order.status == OrderStatus.AWAITING_SHIPMENT
    assert order.paid == Money(Decimal("785"), "USD")
    assert [e.action for e in order.events][-2:] == [Action.RECORD_PAYMENT,
                                                     Action.PAYMENT_RECEIVED]


def test_a_supplier_with_orders_cannot_be_deleted(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    with pytest.raises(NotAllowed, match="1 order"):
        workspace.suppliers.delete(supplier.id)
    workspace.orders.delete(order.id)
    workspace.suppliers.delete(supplier.id)
    assert workspace.suppliers.count() == 0


def test_loading_the_demo_twice_changes_nothing(workspace):
    assert load_demo(workspace).value == (len(SUPPLIERS), DEMO_ORDER_COUNT)
    first = [(r.order_number, r.status, r.total) for r in workspace.orders.rows()]
    assert load_demo(workspace).value == (0, 0)
    assert [(r.order_number, r.status, r.total) for r in workspace.orders.rows()] == first
    statuses = {row.status for row in workspace.orders.rows()}
    assert statuses == set(OrderStatus)
    assert len(first) >= 30 and len(SUPPLIERS) >= 8
    assert any(not s.trade_assurance for s in SUPPLIERS)
    assert any(not r.online for r in workspace.orders.rows())
    extended = workspace.orders.get_by_number("TA-2026-0113")
    assert extended.status == OrderStatus.AWAITING_DELIVERY_CONFIRMATION
    assert extended.extension_count == 1


def test_lists_filter_and_sort_in_sql(workspace):
    load_demo(workspace)
    chinese = workspace.orders.rows(ListQuery(text="华强"))
    assert chinese and all(r.supplier_name == "深圳市华强电子有限公司" for r in chinese)
    drafts = workspace.orders.rows(ListQuery(status=OrderStatus.DRAFT))
    assert {r.status for r in drafts} == {OrderStatus.DRAFT}
    by_total = workspace.orders.rows(ListQuery(sort="total", descending=True))
    assert [r.total.amount for r in by_total] == sorted(
        (r.total.amount for r in by_total), reverse=True)
    assert workspace.orders.count(ListQuery(text="100%_no_such")) == 0


def test_what_the_database_refuses_inside_a_transaction_is_a_storage_error(tmp_path):
    db = Database.open(tmp_path / "t.sqlite")
    with pytest.raises(StorageError, match="no such table"), db.unit_of_work() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    db.close()
