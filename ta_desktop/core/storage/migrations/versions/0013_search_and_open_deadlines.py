"""search as you type (SQLite FTS5 trigram index kept by triggers; pg_trgm on a server) and the
open deadlines as a table

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import logging

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

log = logging.getLogger("ta_desktop.migrations")

# What the order search reads, one row per order (storage/search_index.py reads the same view).
# Lines are joined by a line break, product and SKU too, so no match spans two of them.
SOURCE_VIEW = """
CREATE VIEW order_search_source AS
SELECT o.id AS id, o.order_number AS number, coalesce(s.name, '') AS supplier,
       o.notes AS notes,
       coalesce((SELECT group_concat(l.product || char(10) || l.sku, char(10))
                 FROM order_lines l WHERE l.order_id = o.id), '') AS products,
       o.spec_text AS spec
FROM orders o LEFT JOIN suppliers s ON s.id = o.supplier_id
"""
COLUMNS = 'rowid, number, supplier, notes, products, spec'


def _refill(where: str) -> str:
    return (f'DELETE FROM order_search WHERE rowid IN ({where}); '
            f'INSERT INTO order_search ({COLUMNS}) '
            f'SELECT * FROM order_search_source WHERE id IN ({where});')


TRIGGERS = {
    'order_search_order_added': f"AFTER INSERT ON orders BEGIN {_refill('new.id')} END",
    'order_search_order_changed': 'AFTER UPDATE OF order_number, supplier_id, notes, spec_text '
                                  f"ON orders BEGIN {_refill('old.id')} {_refill('new.id')} END",
    'order_search_order_deleted': 'AFTER DELETE ON orders BEGIN '
                                  'DELETE FROM order_search WHERE rowid = old.id; END',
    'order_search_line_added': f"AFTER INSERT ON order_lines BEGIN {_refill('new.order_id')} END",
    'order_search_line_changed': 'AFTER UPDATE ON order_lines BEGIN '
                                 f"{_refill('old.order_id')} {_refill('new.order_id')} END",
    'order_search_line_deleted': f"AFTER DELETE ON order_lines BEGIN {_refill('old.order_id')} END",
    'order_search_supplier_renamed': 'AFTER UPDATE OF name ON suppliers BEGIN '
                                     f"{_refill('SELECT id FROM orders WHERE supplier_id = new.id')}"
                                     ' END',
}

# On a server: trigram GIN indexes for the searched columns revision 0005 did not cover.
PG_SEARCHED = {'orders': ('spec_text',), 'order_lines': ('product', 'sku')}


def _sqlite_search() -> None:
    op.execute("CREATE VIRTUAL TABLE order_search USING fts5("
               "number, supplier, notes, products, spec, tokenize = 'trigram')")
    op.execute(SOURCE_VIEW)
    for name, body in TRIGGERS.items():
        op.execute(f'CREATE TRIGGER {name} {body}')
    op.execute(f'INSERT INTO order_search ({COLUMNS}) SELECT * FROM order_search_source')
    # Searches shorter than a trigram look for a prefix of the order number (LIKE ignores case).
    op.execute('CREATE INDEX ix_orders_number_nocase ON orders (order_number COLLATE NOCASE)')


def _postgresql_search() -> None:
    bind = op.get_bind()
    present = bind.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    if present is None:
        log.warning("pg_trgm is not installed: search works, without its index")
        return
    for table, columns in PG_SEARCHED.items():
        for column in columns:
            bind.exec_driver_sql(
                f'CREATE INDEX IF NOT EXISTS ix_{table}_{column}_trgm ON {table} '
                f'USING gin ({column} gin_trgm_ops)')


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_search()
    elif op.get_bind().dialect.name == 'postgresql':
        _postgresql_search()
    # The open deadlines of every subject (an order, or a supplier for supplier-level rules),
    # as the deadline engine gives them. Filled by the app (storage/deadline_table.py) when the
    # stored fingerprint of the rules and the engine differs from its own: at the first opening
    # after this upgrade, then in the transaction of every write that moves a deadline.
    op.create_table(
        'open_deadlines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=20), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('order_number', sa.String(length=64), nullable=False, server_default=''),
        sa.Column('rule', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('party', sa.String(length=20), nullable=False),
        sa.Column('party_rank', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('consequence', sa.Text(), nullable=False, server_default=''),
        sa.Column('expires', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('estimate', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('supplier_id', sa.Integer(), nullable=True),
        sa.Column('shows_from', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_open_deadlines_subject', 'open_deadlines', ['subject', 'subject_id'])
    # What needs me's order; kind and expires too, so its counts read the index alone.
    op.create_index('ix_open_deadlines_needs_me', 'open_deadlines',
                    ['party_rank', 'due', 'order_number', 'key', 'kind', 'expires'])
    op.create_index('ix_open_deadlines_due', 'open_deadlines', ['due'])
    op.create_table(
        'deadline_state',
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('deadline_state')
    op.drop_table('open_deadlines')
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for name in TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute('DROP VIEW IF EXISTS order_search_source')
        op.execute('DROP TABLE IF EXISTS order_search')
        op.execute('DROP INDEX IF EXISTS ix_orders_number_nocase')
    elif bind.dialect.name == 'postgresql':
        for table, columns in PG_SEARCHED.items():
            for column in columns:
                op.execute(f'DROP INDEX IF EXISTS ix_{table}_{column}_trgm')

