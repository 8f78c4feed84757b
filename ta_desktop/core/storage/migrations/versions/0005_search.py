"""search that ignores case, indexed on PostgreSQL (pg_trgm GIN indexes for ILIKE '%text%')

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

log = logging.getLogger("ta_desktop.migrations")

# The columns the order and supplier lists search with ILIKE (repositories._filtered).
SEARCHED = {
    'orders': ('order_number', 'notes'),
    'suppliers': ('name', 'country', 'contact_name', 'email'),
}


def _index(table: str, column: str) -> str:
    return f'ix_{table}_{column}_trgm'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return  # SQLite: LIKE already ignores ASCII case and has no trigram index
    # The extension ships with the server (postgresql-contrib); creating it needs a privilege
    # the database's owner may lack. Without it, search still works, only unindexed.
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    except DBAPIError as error:
        savepoint.rollback()
        log.warning("pg_trgm is not available (%s): search works, without its index", error.orig)
        return
    savepoint.commit()
    for table, columns in SEARCHED.items():
        for column in columns:
            bind.exec_driver_sql(
                f'CREATE INDEX IF NOT EXISTS {_index(table, column)} ON {table} '
                f'USING gin ({column} gin_trgm_ops)')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            op.execute(f'DROP INDEX IF EXISTS {_index(table, column)}')
