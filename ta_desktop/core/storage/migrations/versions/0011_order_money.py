"""an order's money: payment schedule (PAY-SCHED) and landed cost (LAND)

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _of_order() -> sa.Column:
    return sa.Column('order_id', sa.Integer(), nullable=False)


def _order_key() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['order_id'], ['order_money.order_id'], ondelete='CASCADE')


def upgrade() -> None:
    op.create_table('order_money',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('changed_by', sa.String(length=100), server_default='', nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('order_id')
    )
    op.create_table('payment_instalments',
    sa.Column('id', sa.Integer(), nullable=False),
    _of_order(),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('event', sa.String(length=30), nullable=False),
    sa.Column('percent', sa.BigInteger(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('days', sa.Integer(), nullable=False),
    _order_key(),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('landed_costs',
    sa.Column('id', sa.Integer(), nullable=False),
    _of_order(),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('rate', sa.BigInteger(), nullable=True),
    sa.Column('reclaimable', sa.Boolean(), nullable=False),
    sa.Column('paid_rate', sa.String(length=40), nullable=True),
    sa.Column('note', sa.String(length=255), nullable=False),
    _order_key(),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('line_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    _of_order(),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('weight', sa.BigInteger(), nullable=True),
    sa.Column('volume', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['line_id'], ['order_lines.id'], ondelete='CASCADE'),
    _order_key(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('line_id')
    )
    op.create_table('payment_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    _of_order(),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('rate', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ondelete='CASCADE'),
    _order_key(),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('payment_id')
    )
    for table in ('payment_instalments', 'landed_costs', 'line_measures', 'payment_rates'):
        op.create_index(op.f(f'ix_{table}_order_id'), table, ['order_id'], unique=False)


def downgrade() -> None:
    for table in ('payment_rates', 'line_measures', 'landed_costs', 'payment_instalments'):
        op.drop_index(op.f(f'ix_{table}_order_id'), table_name=table)
        op.drop_table(table)
    op.drop_table('order_money')
