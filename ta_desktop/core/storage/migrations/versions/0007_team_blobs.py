"""evidence bytes in the database for a team on a server: content-addressed, in 1 MiB chunks

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Created on every engine (the schema is one), used only on a server (team mode).
    op.create_table('evidence_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('evidence_blob_chunks',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['evidence_blobs.sha256'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sha256', 'position')
    )


def downgrade() -> None:
    op.drop_table('evidence_blob_chunks')
    op.drop_table('evidence_blobs')
