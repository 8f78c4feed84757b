"""the receiving window as the platform shows it: shipping method, "confirm receipt by", arrival

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02
"""

import json

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None

# RC-WINDOW: the single "days to confirm delivery" value became one estimate per shipping
# method. A user's own value of the old one is kept as the value of each new one.
OLD = 'receiving_window_days'
NEW = ('receiving_window_express_days', 'receiving_window_air_days',
       'receiving_window_sea_days', 'receiving_window_land_days')
settings = sa.table('settings', sa.column('key', sa.String), sa.column('value', sa.Text))


def upgrade() -> None:
    # Plain ADD COLUMNs (nullable, no default): no table copy on SQLite.
    op.add_column('orders', sa.Column('shipping_method', sa.String(length=20), nullable=True))
    op.add_column('orders', sa.Column('confirm_receipt_by', sa.Date(), nullable=True))
    op.add_column('orders', sa.Column('arrived_on', sa.Date(), nullable=True))
    _rename_override(OLD, NEW)


def downgrade() -> None:
    for column in ('arrived_on', 'confirm_receipt_by', 'shipping_method'):
        op.drop_column('orders', column)
    _rename_override(NEW[0], (OLD,), drop=NEW)


def _rename_override(old: str, new: tuple[str, ...], drop: tuple[str, ...] = ()) -> None:
    connection = op.get_bind()
    row = connection.execute(
        sa.select(settings.c.value).where(settings.c.key == 'rule_overrides')).first()
    if row is None:
        return
    overrides = json.loads(row.value)
    if old not in overrides:
        return
    value = overrides.pop(old)
    for name in drop:
        overrides.pop(name, None)
    for name in new:
        overrides.setdefault(name, value)
    connection.execute(settings.update().where(settings.c.key == 'rule_overrides')
                       .values(value=json.dumps(overrides)))
