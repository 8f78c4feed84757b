"""who did what: the team member (and when) on every history entry, payment, dispute event and
evidence file, and the last member to change each editable record

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# Rows stored before this revision were written by the one user of the file: an empty name.
RECORDED = {  # table: its "when" column exists already, or is added
    'order_events': False,
    'payments': True,
    'dispute_events': True,
}
CHANGED = ('suppliers', 'orders', 'disputes', 'evidence', 'settings')


def upgrade() -> None:
    for table, add_when in RECORDED.items():
        op.add_column(table, sa.Column('recorded_by', sa.String(length=100), nullable=False,
                                       server_default=''))
        if add_when:
            op.add_column(table, sa.Column('recorded_at', sa.DateTime(), nullable=True))
    op.add_column('evidence', sa.Column('added_by', sa.String(length=100), nullable=False,
                                        server_default=''))
    for table in CHANGED:
        op.add_column(table, sa.Column('changed_by', sa.String(length=100), nullable=False,
                                       server_default=''))
        op.add_column(table, sa.Column('changed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), never a batch copy (see 0004).
    for table in reversed(CHANGED):
        op.drop_column(table, 'changed_at')
        op.drop_column(table, 'changed_by')
    op.drop_column('evidence', 'added_by')
    for table, add_when in reversed(RECORDED.items()):
        if add_when:
            op.drop_column(table, 'recorded_at')
        op.drop_column(table, 'recorded_by')
