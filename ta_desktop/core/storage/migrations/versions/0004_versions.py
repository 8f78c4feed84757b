"""a version number on every editable record (stale saves become conflicts)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Suppliers (with contacts and certificates), orders (with lines, payments, history),
# disputes, evidence (captions) and settings. Existing rows start at version 1.
TABLES = ('suppliers', 'orders', 'disputes', 'evidence', 'settings')


def upgrade() -> None:
    for table in TABLES:
        # A plain ADD COLUMN on SQLite too: a constant default needs no table copy.
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False,
                                       server_default='1'))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy: with foreign keys on,
    # dropping the old copy of ``orders`` would cascade to its lines and payments.
    for table in reversed(TABLES):
        op.drop_column(table, 'version')
