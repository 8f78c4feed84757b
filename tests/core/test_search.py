"""Search ignores case on both engines; on PostgreSQL it is indexed by pg_trgm, and a server
without the extension still migrates (without the index, said in the log)."""

import logging

import pytest
from alembic import command
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.storage.db import alembic_config
from tests.factories import make_order, make_supplier

pytestmark = pytest.mark.both_engines


@pytest.fixture
def filled(workspace):
    shenzhen = workspace.suppliers.save(make_supplier(
        "Shenzhen Power Co.", contact_name="Lily Wang", email="Lily@Power.cn")).value
    other = workspace.suppliers.save(make_supplier("Ningbo Tools", country="China")).value
    workspace.orders.save(make_order("TA-Alpha-1", shenzhen.id, notes="Carton DROP test"))
    workspace.orders.save(make_order("ta-beta-2", other.id))
    return workspace


@pytest.mark.parametrize(("typed", "numbers"), [
    ("alpha", ["TA-Alpha-1"]), ("ALPHA", ["TA-Alpha-1"]), ("Beta", ["ta-beta-2"]),
    ("drop", ["TA-Alpha-1"]), ("shenzhen power", ["TA-Alpha-1"]), ("NINGBO", ["ta-beta-2"]),
    ("ta-", ["TA-Alpha-1", "ta-beta-2"]), ("%", []), ("_", []),
])
def test_orders_are_found_whatever_the_case(filled, typed, numbers):
    found = sorted(r.order_number for r in filled.orders.rows(ListQuery(text=typed)))
    assert found == sorted(numbers)
    assert filled.orders.count(ListQuery(text=typed)) == len(numbers)


def test_suppliers_are_found_whatever_the_case(filled):
    for typed in ("lily", "LILY@power", "shenzhen", "CHINA"):
        names = {r.name for r in filled.suppliers.rows(ListQuery(text=typed))}
        assert "Shenzhen Power Co." in names, typed


def trgm_indexes(workspace) -> set[str]:
    with workspace.db.unit_of_work() as session:
        return set(session.scalars(text(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm'")))


@pytest.mark.postgresql_only
def test_postgresql_indexes_the_searched_columns_with_pg_trgm(workspace):
    assert {"ix_orders_order_number_trgm", "ix_orders_notes_trgm",
            "ix_suppliers_name_trgm"} <= trgm_indexes(workspace)
    with workspace.db.unit_of_work() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(text(
            "EXPLAIN SELECT id FROM orders WHERE order_number ILIKE '%alpha%'")))
    assert "ix_orders_order_number_trgm" in plan


@pytest.mark.postgresql_only
def test_without_pg_trgm_the_migration_still_succeeds_and_says_so(workspace, caplog):
    config = alembic_config()
    with workspace.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        connection.exec_driver_sql("DROP EXTENSION IF EXISTS pg_trgm")

    def no_such_extension(_conn, _cursor, statement, parameters, _context, _many):
        return statement.replace("EXTENSION IF NOT EXISTS pg_trgm",
                                 "EXTENSION IF NOT EXISTS pg_trgm_not_installed"), parameters

    # On every engine: the upgrade runs on an engine of its own.
    event.listen(Engine, "before_cursor_execute", no_such_extension, retval=True)
    try:
        with caplog.at_level(logging.WARNING):
            workspace.db.migrate()
    finally:
        event.remove(Engine, "before_cursor_execute", no_such_extension)
    assert "pg_trgm is not available" in caplog.text
    assert trgm_indexes(workspace) == set()
    assert [r.order_number for r in workspace.orders.rows(ListQuery(text="x"))] == []
