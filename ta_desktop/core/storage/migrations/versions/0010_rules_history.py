"""rule profile versions, modification requests, a supplier's designated account, a payment's
payee, the profile version an order follows (issue 13)

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rule_profiles',
    sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), server_default='', nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    op.create_table('modification_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('proposed', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answer_note', sa.Text(), nullable=False),
    sa.Column('applied', sa.Text(), nullable=False),
    sa.Column('previous_spec_text', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_modification_requests_order_id'), 'modification_requests',
                    ['order_id'], unique=False)
    # Plain ADD COLUMN (no table copy, see 0004). Existing rows get the defaults: no designated account or payee recorded yet, and orders
    # follow the current profile (NULL) until one is applied to them.
    op.add_column('suppliers', sa.Column('designated_account', sa.String(length=500),
                                         server_default='', nullable=False))
    op.add_column('payments', sa.Column('payee', sa.String(length=500), server_default='',
                                        nullable=False))
    op.add_column('orders', sa.Column('profile_version', sa.Integer(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), never a batch copy (see 0004).
    op.drop_column('orders', 'profile_version')
    op.drop_column('payments', 'payee')
    op.drop_column('suppliers', 'designated_account')
    op.drop_index(op.f('ix_modification_requests_order_id'), table_name='modification_requests')
    op.drop_table('modification_requests')
    op.drop_table('rule_profiles')
