"""inspections of an order; certificates gain a type, a scope and a stored file (SUP-CERT);
orders keep the day they shipped, for the supplier scorecard

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

CERTIFICATE_COLUMNS = (('kind', 40), ('scope', 500), ('file_sha256', 64), ('file_name', 500))


def upgrade() -> None:
    # Plain ADD COLUMNs with a constant default: no table copy, existing rows keep their data.
    for name, length in CERTIFICATE_COLUMNS:
        op.add_column('certificates', sa.Column(name, sa.String(length=length), nullable=False,
                                                server_default=''))
    op.create_index('ix_certificates_valid_until', 'certificates', ['valid_until'], unique=False)
    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('inspector', sa.String(length=200), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('aql_plan', sa.String(length=500), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('report_evidence_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('changed_by', sa.String(length=100), server_default='', nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_evidence_id'], ['evidence.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_inspections_order_id', 'inspections', ['order_id'], unique=False)
    op.create_index('ix_inspections_result', 'inspections', ['result'], unique=False)
    op.create_index('ix_inspections_report_evidence_id', 'inspections', ['report_evidence_id'],
                    unique=False)
    op.add_column('orders', sa.Column('shipped_on', sa.Date(), nullable=True))
    op.execute(
        "UPDATE orders SET shipped_on = (SELECT max(e.\"on\") FROM order_events e"
        " WHERE e.order_id = orders.id AND e.action = 'mark_shipped')")
    op.create_index('ix_orders_scorecard', 'orders',
                    ['supplier_id', 'shipped_on', 'shipment_date', 'spec_score'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_orders_scorecard', table_name='orders')
    op.drop_column('orders', 'shipped_on')
    op.drop_table('inspections')
    op.drop_index('ix_certificates_valid_until', table_name='certificates')
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy (see 0004).
    for name, _length in reversed(CERTIFICATE_COLUMNS):
        op.drop_column('certificates', name)
