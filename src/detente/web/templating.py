"""The Jinja2 templates of the web pages, shared by the app and the page routes.

Kept apart from :mod:`detente.web.app` so that the page routes (:mod:`detente.web.pages`) and
the application factory both import it without importing each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from detente import __version__
from detente.web.security import write_allowed

__all__ = ["HERE", "HTMX_FILE", "templates"]

HERE = Path(__file__).parent
"""The web package's directory (templates and static files)."""

HTMX_FILE = "htmx-2.0.11.min.js"
"""The vendored htmx build served from ``/static``."""


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(version=__version__, htmx_file=HTMX_FILE)
    return Jinja2Templates(env=environment, context_processors=[_auth_context])


def _auth_context(request: Request) -> dict[str, Any]:
    return {
        "can_write": write_allowed(request),
        "token_required": request.app.state.token is not None,
    }


templates = _templates()
"""Every page's template environment (autoescaping on, undefined names are errors)."""
