"""Alembic environment: run on the connection the app hands over (see db.Database.migrate)."""

from alembic import context

from ta_desktop.core.storage.orm import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
