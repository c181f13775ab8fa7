"""The detente store: scenarios with their dated revisions, and runs with their results.

SQLite file by default (``~/.local/share/detente/detente.db``), PostgreSQL by URL
(``postgresql://...``, via psycopg 3). The schema is managed by Alembic migrations shipped in
this package and applied when the store is opened.
"""

from __future__ import annotations

from detente.store.database import default_database_url, normalise_url
from detente.store.models import RunStatus
from detente.store.repository import (
    NotFoundError,
    RevisionRecord,
    RunRecord,
    ScenarioSummary,
    Store,
    open_store,
)

__all__ = [
    "NotFoundError",
    "RevisionRecord",
    "RunRecord",
    "RunStatus",
    "ScenarioSummary",
    "Store",
    "default_database_url",
    "normalise_url",
    "open_store",
]
