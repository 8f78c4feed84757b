"""disputes and their dated events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('disputes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('claim', sa.String(length=40), nullable=False),
    sa.Column('requested_amount', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('claim_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('disputes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disputes_order_id'), ['order_id'], unique=False)

    op.create_table('dispute_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dispute_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('party', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('accepted', sa.Boolean(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('rule', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['dispute_id'], ['disputes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dispute_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_events_dispute_id'), ['dispute_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dispute_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_events_dispute_id'))

    op.drop_table('dispute_events')
    with op.batch_alter_table('disputes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disputes_order_id'))

    op.drop_table('disputes')
