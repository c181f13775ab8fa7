"""``detente serve`` (the web app) and ``detente db upgrade`` (store migrations)."""

from __future__ import annotations

import ipaddress
import os

import typer

from detente.cli.common import out_console
from detente.errors import InputError

__all__ = ["register"]

TOKEN_ENV = "DETENTE_TOKEN"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_token_file(path: str) -> str:
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8")[:4096].strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the token file {path}: {exc}") from None
    if not text:
        raise InputError(f"the token file {path} is empty")
    return text


def serve(
    db: str = typer.Option(
        None,
        "--db",
        help="Database URL (sqlite:///PATH or postgresql://...); default: "
        "~/.local/share/detente/detente.db",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    token: str = typer.Option(
        None, "--token", envvar=TOKEN_ENV, help=f"Require this token for writes (or ${TOKEN_ENV})."
    ),
    token_file: str = typer.Option(
        None, "--token-file", help="Read the token from this file (keeps it out of `ps`)."
    ),
    workers: int = typer.Option(2, "--jobs", min=1, max=32, help="Jobs run at the same time."),
) -> None:
    """Serve the web app: scenario library, editor, runs, comparisons, timelines, JSON API."""
    import uvicorn

    from detente.store import default_database_url, open_store
    from detente.web.app import create_app

    if token_file:
        token = _read_token_file(token_file)
    if not _is_loopback(host) and not token:
        raise InputError(
            f"refusing to serve on {host} without a token: anyone who can reach this port could "
            "change scenarios and start jobs",
            hint=f"set ${TOKEN_ENV} or --token-file, or bind to 127.0.0.1",
        )
    url = db or os.environ.get("DETENTE_DB") or default_database_url()
    store = open_store(url)  # unreachable database: DetenteError -> exit 2 before binding
    out_console.print(f"detente serving on http://{host}:{port}/ (database {store.engine.url!r})")
    uvicorn.run(
        create_app(store, token=token, max_workers=workers),
        host=host,
        port=port,
        log_level="warning",
    )


def db_upgrade(
    db: str = typer.Option(None, "--db", help="Database URL; default: the user's SQLite file."),
) -> None:
    """Create or migrate the store's schema to the newest version (serve does this too)."""
    from detente.store import default_database_url, open_store

    store = open_store(db or os.environ.get("DETENTE_DB") or default_database_url())
    out_console.print(f"database {store.engine.url!r} is up to date")
    store.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    db_app = typer.Typer(help="The store's database.", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade)
    app.add_typer(db_app, name="db")
