"""the SQLite search index in the order list's order: its rowid is the day an order was created
(high 32 bits) and the order's id (low 32 bits), so the newest matches come first straight out of
the index and the first page of a broad search stops after a page

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import importlib

from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

OLD_TRIGGERS = ('order_search_order_added', 'order_search_order_changed',
                'order_search_order_deleted', 'order_search_line_added',
                'order_search_line_changed', 'order_search_line_deleted',
                'order_search_supplier_renamed')
COLUMNS = 'rowid, number, supplier, notes, products, spec'
SOURCE_COLUMNS = 'key, number, supplier, notes, products, spec'


def key(alias: str) -> str:
    """An order's rowid in the index; no date sorts last, as NULL does in created_on DESC."""
    return (f"((coalesce(CAST(julianday({alias}.created_on) AS INTEGER), 0) << 32) "
            f"| {alias}.id)")


# One row per order, with its id for the triggers to find it by (an index on orders.id; the
# key, an expression, would make every write scan the orders).
SOURCE_VIEW = f"""
CREATE VIEW order_search_source AS
SELECT {key('o')} AS key, o.id AS id, o.order_number AS number,
       coalesce(s.name, '') AS supplier, o.notes AS notes,
       coalesce((SELECT group_concat(l.product || char(10) || l.sku, char(10))
                 FROM order_lines l WHERE l.order_id = o.id), '') AS products,
       o.spec_text AS spec
FROM orders o LEFT JOIN suppliers s ON s.id = o.supplier_id
"""


def _refill(orders_where: str) -> str:
    """Index again the orders ``o`` that ``orders_where`` picks, in rowid order: FTS5 writes
    its pending terms out as a new segment at every smaller rowid (a renamed supplier's orders
    in id order made dozens, then a merge that rewrote the whole index)."""
    return (f'DELETE FROM order_search WHERE rowid IN '
            f'(SELECT {key("o")} FROM orders o WHERE {orders_where}); '
            f'INSERT INTO order_search ({COLUMNS}) SELECT {SOURCE_COLUMNS} '
            f'FROM order_search_source WHERE id IN (SELECT o.id FROM orders o '
            f'WHERE {orders_where}) ORDER BY key;')


TRIGGERS = {
    'order_search_order_added': f"AFTER INSERT ON orders BEGIN {_refill('o.id = new.id')} END",
    'order_search_order_changed': 'AFTER UPDATE OF order_number, supplier_id, notes, spec_text, '
                                  f"created_on ON orders BEGIN DELETE FROM order_search WHERE "
                                  f"rowid = {key('old')}; {_refill('o.id = new.id')} END",
    'order_search_order_deleted': 'AFTER DELETE ON orders BEGIN '
                                  f'DELETE FROM order_search WHERE rowid = {key("old")}; END',
    'order_search_line_added': f"AFTER INSERT ON order_lines BEGIN "
                               f"{_refill('o.id = new.order_id')} END",
    'order_search_line_changed': 'AFTER UPDATE ON order_lines BEGIN '
                                 f"{_refill('o.id = old.order_id')} "
                                 f"{_refill('o.id = new.order_id')} END",
    'order_search_line_deleted': f"AFTER DELETE ON order_lines BEGIN "
                                 f"{_refill('o.id = old.order_id')} END",
    'order_search_supplier_renamed': 'AFTER UPDATE OF name ON suppliers BEGIN '
                                     f"{_refill('o.supplier_id = new.id')} END",
}


def _drop() -> None:
    for name in OLD_TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {name}')
    op.execute('DROP VIEW IF EXISTS order_search_source')
    op.execute('DROP TABLE IF EXISTS order_search')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return  # PostgreSQL's pg_trgm indexes are the tables' own (revision 0013)
    from ta_desktop.core.storage import search_index

    _drop()
    op.execute(SOURCE_VIEW)
    for name, body in TRIGGERS.items():
        op.execute(f'CREATE TRIGGER {name} {body}')
    search_index.rebuild(op.get_bind())  # creates the table


def downgrade() -> None:
    """Back to revision 0013's index, whose rowid is the order's id."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    from ta_desktop.core.storage import search_index

    before = importlib.import_module(
        'ta_desktop.core.storage.migrations.versions.0013_search_and_open_deadlines')
    _drop()
    op.execute(search_index.FTS_TABLE)
    op.execute(before.SOURCE_VIEW)
    for name, body in before.TRIGGERS.items():
        op.execute(f'CREATE TRIGGER {name} {body}')
    op.execute(f'INSERT INTO order_search ({COLUMNS}) SELECT * FROM order_search_source')
