"""On SQLite a search's first page in the list's order (newest first) walks the search index in
that order and stops after the page: no temporary B-tree sorting every match, with or without a
status or supplier filter; a broad short search walks the created_on index the same way."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ta_desktop.core.domain.entities import ListQuery
from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.core.services.demo import load_demo
from ta_desktop.core.storage import search_index


def _plan(workspace, query: ListQuery) -> list[str]:
    """SQLite's plan of the statement that reads the list's first page."""
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(workspace.db.engine, "before_cursor_execute", keep)
    try:
        workspace.orders.rows(query, 0, 200)
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", keep)
    statement, parameters = next((s, p) for s, p in reversed(seen) if "LIMIT" in s)
    with workspace.db.engine.connect() as connection:
        return [row[3] for row in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters)]


@pytest.mark.parametrize("filters", [{}, {"status": OrderStatus.COMPLETED},
                                     {"supplier_id": 1}])
def test_a_search_page_walks_the_index_in_list_order(workspace, filters):
    load_demo(workspace)
    plan = _plan(workspace, ListQuery(text="Ningbo", **filters))
    assert any(step.startswith("SCAN order_search VIRTUAL TABLE") for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_a_broad_short_search_walks_the_created_on_index(workspace, monkeypatch):
    load_demo(workspace)
    monkeypatch.setattr(search_index, "BROAD", 2)
    plan = _plan(workspace, ListQuery(text="TA"))
    assert "SCAN orders USING INDEX ix_orders_created_on" in plan, plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
