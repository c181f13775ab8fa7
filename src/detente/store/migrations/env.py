"""Alembic environment for the detente store; run by :func:`detente.store.migrate.upgrade`.

The caller passes an open SQLAlchemy connection in ``config.attributes["connection"]`` so that
migrations run on the very database the store opened (SQLite file or PostgreSQL URL).
"""

from __future__ import annotations

from alembic import context

from detente.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
