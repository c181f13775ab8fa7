"""Opening a store database: URL resolution, connection check, automatic migrations."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from detente.errors import InputError

__all__ = ["connect", "default_database_url", "normalise_url", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_url() -> str:
    """``sqlite:///~/.local/share/detente/detente.db`` (XDG_DATA_HOME respected)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'detente' / 'detente.db'}"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs (use psycopg 3) and bare file paths (SQLite)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def connect(url: str) -> Engine:
    """An engine for ``url`` whose database answered a query, or an :class:`InputError`."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(
            f"cannot parse database URL {url!r}",
            hint="use sqlite:///PATH or postgresql://USER@HOST:PORT/DB",
        ) from None
    kwargs: dict[str, object] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": 5}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise InputError(
            f"cannot use database URL {_redacted(url)}: {exc}",
            hint="PostgreSQL needs the 'postgres' extra: pip install 'detente[postgres]'",
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise InputError(
            f"cannot reach database {_redacted(url)}: {reason}",
            hint="check the --db URL, that the server is running and that you may connect",
        ) from None
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets the server read while a job process writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
