"""The detente web app: FastAPI + Jinja2 + htmx over the store and the lens registry.

:func:`create_app` builds the application for one :class:`~detente.store.Store`. Pages and the
JSON API share :mod:`detente.web.services`; jobs run in separate processes
(:mod:`detente.web.jobs`). Every user-supplied string reaches HTML only through Jinja2's
autoescaping, and figures embed user strings as escaped JSON data.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from detente import __version__
from detente.errors import DetenteError, ScenarioError
from detente.store import NotFoundError, RunStatus, Store
from detente.web.api import router as api_router
from detente.web.jobs import JobManager
from detente.web.pages import ResultsCache
from detente.web.pages import router as page_router
from detente.web.security import BodyLimit, LoginThrottle, SecurityHeaders, Sessions
from detente.web.services import MAX_UPLOAD_BYTES, TooLargeError, problems_of
from detente.web.templating import HERE, templates

__all__ = ["create_app"]

log = logging.getLogger("detente.web")


@cache
def plotly_js() -> bytes:
    """plotly.js from the installed plotly package (no CDN, works offline)."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs()).encode("utf-8")


def _status_of(error: DetenteError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, TooLargeError):
        return 413
    if isinstance(error, ScenarioError):
        return 422
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def create_app(
    store: Store,
    *,
    token: str | None = None,
    job_mode: str = "process",
    max_workers: int = 2,
) -> FastAPI:
    """The web application over ``store``; writes need ``token`` when one is given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store.sync_shipped()
        failed = store.recover_abandoned_runs()
        if failed:
            log.warning("marked %d run(s) abandoned by a stopped process as failed", len(failed))
        for record in reversed(store.runs(status=RunStatus.queued.value, limit=1000)):
            app.state.jobs.submit(record.id)  # queued before a restart: run them now
        try:
            yield
        finally:
            app.state.jobs.shutdown()

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Analyse peace negotiations and security guarantees: scenarios with dated "
        "revisions, lens runs as background jobs, results, comparisons and timelines.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.sessions = Sessions()
    app.state.login_throttle = LoginThrottle()
    app.state.jobs = JobManager(store, mode=job_mode, max_workers=max_workers)
    app.state.results_cache = ResultsCache()
    app.state.page_cache = ResultsCache(size=64)
    app.add_middleware(BodyLimit, limit=MAX_UPLOAD_BYTES + 64_000)

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(DetenteError)
    async def _detente_error(request: Request, error: DetenteError) -> Response:
        status = _status_of(error)
        if _wants_json(request):
            return JSONResponse(
                {"error": error.message, "hint": error.hint, "problems": problems_of(error)},
                status_code=status,
            )
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "error": error}, status_code=status
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"error": error.detail}, status_code=error.status_code, headers=error.headers
            )
        wrapped = DetenteError(str(error.detail))
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": error.status_code, "error": wrapped},
            status_code=error.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {"message": e.get("msg"), "field": ".".join(str(p) for p in e.get("loc", ()))}
            for e in error.errors()
        ]
        return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def _plotly() -> Response:
        return Response(
            plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.include_router(api_router)
    app.include_router(page_router)
    return app
