"""The order search (revisions 0013, 0014) finds exactly what a plain scan of the same fields
finds, its pages in the list's order (newest first), and stays in step with every write: new
orders, edited notes, lines and dates, renamed suppliers, deletions."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ta_desktop.core.domain.entities import ListQuery, Order, OrderLine
from ta_desktop.core.storage import search_index
from ta_desktop.core.storage.repositories import OrderRepository, SupplierRepository
from ta_desktop.core.storage.search_index import TRIGRAM
from tests.factories import make_supplier

pytestmark = pytest.mark.both_engines

# Few letters, so that queries hit; case, CJK, spaces and the characters LIKE and FTS5 treat
# specially ('%', '_', '\\', '"').
ALPHABET = "abAB01 -.%_\\\"深圳"
texts = st.text(alphabet=ALPHABET, max_size=12)
lines = st.lists(st.tuples(texts.filter(bool), texts), max_size=3)
days = st.none() | st.integers(0, 3)  # few days, so that orders share one; or no date
orders = st.lists(st.tuples(st.integers(0, 2), texts, lines, texts, days), min_size=1,
                  max_size=8)
PAGE = 3
_serial = itertools.count()


def _fields(order: Order, supplier: str) -> list[str]:
    return [order.order_number, supplier, order.notes, order.spec_text,
            *(line.product for line in order.lines), *(line.sku for line in order.lines)]


def _plain_scan(stored: dict[int, tuple[Order, str]], query: str) -> set[int]:
    wanted = query.lower()
    if len(query) < TRIGRAM:
        return {oid for oid, (order, supplier) in stored.items()
                if order.order_number.lower().startswith(wanted) or wanted in supplier.lower()}
    return {oid for oid, (order, supplier) in stored.items()
            if any(wanted in field.lower() for field in _fields(order, supplier))}


def _everything(workspace) -> dict[int, tuple[Order, str]]:
    """Every stored order (earlier examples' too) with its supplier's name, for the scan."""
    with workspace.db.unit_of_work() as session:
        return {order.id: (order, order.supplier_name)
                for order in OrderRepository(session).after(ListQuery(), 0, 10_000)}


def _newest_first(workspace, stored: dict[int, tuple[Order, str]], ids: set[int]) -> list[int]:
    """The list's order: created_on descending (no date last on SQLite, first on PostgreSQL,
    as each sorts NULL), then id descending."""
    nulls_first = workspace.db.engine.dialect.name == "postgresql"
    undated = date.max if nulls_first else date.min
    return sorted(ids, key=lambda oid: (stored[oid][0].created_on or undated, oid), reverse=True)


def _check(workspace, queries: list[str]) -> None:
    """Each query's matches equal the scan's, its first two pages the scan's newest, in order."""
    stored = _everything(workspace)
    for query in queries:
        expected = _plain_scan(stored, query)
        rows = workspace.orders.rows(ListQuery(text=query))
        assert workspace.orders.count(ListQuery(text=query)) == len(rows), query
        assert {row.id for row in rows} == expected, query
        pages = [row.id for start in (0, PAGE)
                 for row in workspace.orders.rows(ListQuery(text=query), start, PAGE)]
        assert pages == _newest_first(workspace, stored, expected)[:2 * PAGE], query


def _queries(stored: dict[int, tuple[Order, str]], extra: list[str]) -> list[str]:
    """Substrings of what is stored (hits) and the drawn texts (mostly misses); one line each,
    as the search box takes (the index joins a specification's lines and an order's lines)."""
    found = set(extra)
    for order, supplier in stored.values():
        for field in _fields(order, supplier):
            for size in (1, 2, 3, 5):
                if len(field) >= size:
                    found.add(field[:size])
                    found.add(field[-size:])
    return sorted(q for q in found if q and "\n" not in q)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=orders, extra=st.lists(texts, max_size=4), renamed=texts)
def test_search_equals_a_plain_scan_before_and_after_edits(workspace, monkeypatch, data, extra,
                                                           renamed):
    run = next(_serial)
    with workspace.db.writing() as session:
        supplier_repo = SupplierRepository(session)
        suppliers = [supplier_repo.save(make_supplier(f"{run}{name}"))
                     for name in ("Ab 深圳", "aB-0", "%_\\")]
        repo = OrderRepository(session)
        stored = {}
        for index, (supplier, number, order_lines, notes, day) in enumerate(data):
            order = repo.save(Order(
                order_number=f"{number}#{run}.{index}", supplier_id=suppliers[supplier].id,
                notes=notes, spec_text=f"{notes}\n{number}",
                created_on=None if day is None else date(2026, 1, 1) + timedelta(days=day),
                lines=[OrderLine(product, 1, Decimal("1"), sku=sku)
                       for product, sku in order_lines]))
            stored[order.id] = (order, suppliers[supplier].name)
    _check(workspace, _queries(stored, extra))
    with monkeypatch.context() as patched:  # every short search counted broad: walks the dates
        patched.setattr(search_index, "BROAD", 1)
        _check(workspace, _queries(stored, extra))

    # Edits: notes, lines and date of the first order, a supplier renamed, the last one deleted.
    first_id, last_id = min(stored), max(stored)
    with workspace.db.writing() as session:
        repo = OrderRepository(session)
        first = repo.get(first_id)
        first.notes = renamed + first.notes
        first.lines = [*first.lines[1:], OrderLine(renamed or "x", 2, Decimal("1"), sku="S")]
        first.created_on = date(2026, 1, 2) if first.created_on is None else None
        first = repo.save(first)
        supplier = SupplierRepository(session).get(suppliers[0].id)
        supplier.name = f"{run}{renamed}"
        SupplierRepository(session).save(supplier)
        if last_id != first_id:
            repo.delete(last_id)
            del stored[last_id]
    stored = {oid: (first if oid == first_id else order,
                    supplier.name if order.supplier_id == supplier.id else name)
              for oid, (order, name) in stored.items()}
    _check(workspace, _queries(stored, [*extra, renamed]))


def test_an_0012_database_with_orders_is_upgraded_searchable_with_its_deadlines(db_target,
                                                                                 tmp_path):
    from alembic import command

    from ta_desktop.core.services.demo import load_demo
    from ta_desktop.core.services.workspace import Workspace
    from ta_desktop.core.storage.db import alembic_config, head_revision
    from tests.conftest import _data_dir
    from tests.factories import TODAY

    data_dir = _data_dir(db_target, tmp_path)
    workspace = Workspace.open(db_target, today=lambda: TODAY, data_dir=data_dir)
    load_demo(workspace)
    expected = workspace.disputes.computed_deadlines()
    with workspace.db.engine.begin() as connection:  # back to revision 0012, data kept
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    workspace.close()

    upgraded = Workspace.open(db_target, today=lambda: TODAY, data_dir=data_dir)
    try:
        assert upgraded.db.current_revision() == head_revision()
        found = {row.order_number for row in upgraded.orders.rows(ListQuery(text="pb-20k"))}
        assert "TA-2026-0101" in found
        every = upgraded.orders.rows(ListQuery(text="TA-2026"))  # newest first (rev. 0014)
        assert [row.id for row in upgraded.orders.rows(ListQuery(text="TA-2026"), 0, 5)] == \
            [row.id for row in sorted(every, key=lambda r: (r.created_on or date.min, r.id),
                                      reverse=True)][:5]
        assert sorted(upgraded.disputes.deadlines(), key=lambda d: d.key) == \
            sorted(expected, key=lambda d: d.key)
    finally:
        upgraded.close()
