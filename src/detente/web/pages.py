"""The HTML pages (Jinja2 templates + htmx): library, scenario, editor, runs, compare, timeline."""

from __future__ import annotations

import hmac
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from detente.errors import DetenteError, InputError
from detente.lens import available_lenses
from detente.store import NotFoundError, RunRecord, Store
from detente.web import figures
from detente.web.api import read_upload
from detente.web.blocks import block_csv, embed_figure
from detente.web.security import TOKEN_COOKIE, require_write, write_allowed
from detente.web.services import (
    TooLargeError,
    applicable_lenses,
    check_size,
    compare_runs,
    problems_of,
    queue_run,
    side_by_side,
    subjects,
    validate_text,
)
from detente.web.sweeps import MAX_SWEEP_DRAWS, sweeps_available
from detente.web.templating import templates

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _numbered_lines(text: str, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text's lines, each with the problems reported at it (for the editor's listing)."""
    at: dict[int, list[str]] = {}
    for problem in problems:
        if problem.get("line"):
            at.setdefault(int(problem["line"]), []).append(problem["text"])
    return [
        {"number": n, "text": line, "problems": at.get(n, [])}
        for n, line in enumerate(text.splitlines() or [""], start=1)
    ]


# -- library and uploads ------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def library(request: Request) -> Response:
    return _render(request, "library.html", scenarios=_store(request).scenarios())


@router.post("/upload", response_class=HTMLResponse, dependencies=[Depends(require_write)])
async def upload(
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "anonymous",
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        if file is not None and file.filename:
            text = await read_upload(file)
            note = note or f"uploaded {file.filename}"
        check_size(text)
        if not text.strip():
            raise InputError("choose a scenario file or paste its text")
        record = _store(request).add_revision(text, author=author, note=note)
    except DetenteError as error:
        problems = problems_of(error)
        return _render(
            request,
            "library.html",
            status_code=413 if isinstance(error, TooLargeError) else 422,
            scenarios=_store(request).scenarios(),
            problems=problems,
            lines=_numbered_lines(text, problems) if text else [],
        )
    return _see_other(f"/scenarios/{record.scenario}")


# -- one scenario -------------------------------------------------------------------------


@router.get("/scenarios/{slug}", response_class=HTMLResponse)
def scenario_page(request: Request, slug: str, revision: int | None = None) -> Response:
    store = _store(request)
    summary = store.scenario(slug)
    record = store.revision(slug, revision)
    return _render(
        request,
        "scenario.html",
        summary=summary,
        record=record,
        scenario=record.load(),
        revisions=list(reversed(store.revisions(slug))),
        lenses=applicable_lenses(record.load()),
        runs=store.runs(slug, limit=20),
        sweeps=sweeps_available(),
        max_draws=MAX_SWEEP_DRAWS,
    )


@router.get("/scenarios/{slug}/edit", response_class=HTMLResponse)
def editor(request: Request, slug: str) -> Response:
    record = _store(request).revision(slug)
    return _render(
        request, "editor.html", slug=slug, record=record, text=record.yaml_text, problems=[]
    )


@router.post("/validate", response_class=HTMLResponse)
def validate_fragment(request: Request, yaml: str = Form("")) -> Response:
    """Live validation for the editor (htmx): the problems, each at its line."""
    scenario, problems = validate_text(yaml)
    return _render(
        request,
        "_problems.html",
        valid=scenario is not None,
        problems=problems,
        lines=_numbered_lines(yaml, problems),
    )


@router.post(
    "/scenarios/{slug}/edit", response_class=HTMLResponse, dependencies=[Depends(require_write)]
)
def save_revision(
    request: Request,
    slug: str,
    yaml: str = Form(...),
    author: str = Form("anonymous"),
    note: str = Form(""),
) -> Response:
    store = _store(request)
    try:
        check_size(yaml)
        store.add_revision(yaml, author=author, note=note, scenario=slug, create=False)
    except DetenteError as error:
        problems = problems_of(error)
        return _render(
            request,
            "editor.html",
            status_code=422,
            slug=slug,
            record=store.revision(slug),
            text=yaml,
            problems=problems,
            lines=_numbered_lines(yaml, problems),
        )
    return _see_other(f"/scenarios/{slug}")


@router.post("/scenarios/{slug}/runs", dependencies=[Depends(require_write)])
async def start_run(request: Request, slug: str) -> Response:
    form = await request.form()
    store = _store(request)
    revision_text = str(form.get("revision") or "")
    seed_text = str(form.get("seed") or "").strip()
    draws_text = str(form.get("draws") or "").strip()
    try:
        revision = store.revision(slug, int(revision_text) if revision_text else None)
        record = queue_run(
            store,
            revision,
            lenses=[str(v) for v in form.getlist("lens")] or None,
            kind=str(form.get("kind") or "analysis"),
            seed=int(seed_text) if seed_text else None,
            draws=int(draws_text) if draws_text else None,
        )
    except ValueError:
        raise InputError("seed, draws and revision must be whole numbers") from None
    request.app.state.jobs.submit(record.id)
    return _see_other(f"/runs/{record.id}")


@router.get("/scenarios/{slug}/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, slug: str) -> Response:
    store = _store(request)
    points = store.timeline(slug)
    return _render(
        request,
        "timeline.html",
        summary=store.scenario(slug),
        points=points,
        figures=[figures.embed(f) for f in figures.timeline_figures(points)],
        missing=[p["revision"].number for p in points if p["run"] is None],
    )


@router.post("/scenarios/{slug}/timeline/fill", dependencies=[Depends(require_write)])
def fill_timeline(request: Request, slug: str) -> Response:
    """Queue an analysis of every revision that has none yet."""
    store = _store(request)
    pending = {r.revision for r in store.runs(slug, limit=10_000) if not r.finished}
    for point in store.timeline(slug):
        if point["run"] is None and point["revision"].number not in pending:
            record = queue_run(store, point["revision"], seed=0)
            request.app.state.jobs.submit(record.id)
    return _see_other(f"/scenarios/{slug}/timeline")


# -- runs ---------------------------------------------------------------------------------


def _lens_sections(record: RunRecord) -> list[dict[str, Any]]:
    sections = []
    for name, lens_result in (record.results or {}).get("lenses", {}).items():
        summary = lens_result.get("summary", {})
        title = lens_result.get("title", name)
        blocks = []
        for stored in lens_result.get("blocks", []):
            if stored.get("type") == "figure":
                stored = {**stored, "embedded": embed_figure(stored["figure"], stored["key"])}  # noqa: PLW2901
            blocks.append(stored)
        if not any(b.get("type") == "figure" for b in blocks):
            headline = figures.summary_figure(title, summary)
            if headline is not None:
                blocks.append(
                    {
                        "type": "figure",
                        "key": f"{name}-headline",
                        "title": "",
                        "caption": "",
                        "embedded": figures.embed(headline),
                    }
                )
        sections.append(
            {
                "name": name,
                "title": title,
                "summary": summary,
                "headlines": lens_result.get("headlines", []),
                "blocks": blocks,
                "figures_error": lens_result.get("figures_error"),
            }
        )
    return sections


@router.get("/runs/{run_id}/tables/{lens_name}/{key}.csv")
def table_csv(request: Request, run_id: str, lens_name: str, key: str) -> Response:
    """A table of a run's results as CSV (with each verdict's explanation)."""
    record = _store(request).run(run_id)
    lens_result = (record.results or {}).get("lenses", {}).get(lens_name)
    if lens_result is None:
        raise NotFoundError(f"run {run_id!r} has no results of lens {lens_name!r}")
    try:
        text = block_csv(lens_result.get("blocks", []), key)
    except InputError as error:
        raise NotFoundError(error.message) from None
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{lens_name}-{key}.csv"'},
    )


@router.get("/runs", response_class=HTMLResponse)
def history(request: Request, scenario: str | None = None) -> Response:
    return _render(
        request,
        "runs.html",
        runs=_store(request).runs(scenario or None, limit=300),
        scenario=scenario,
    )


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, run_id: str) -> Response:
    record = _store(request).run(run_id, with_results=False)
    if not record.finished:
        return _render(request, "run.html", run=record, results_html=_results_html(request, record))
    # A finished run's page depends only on the run and on whether the visitor may write:
    # render it once per variant and serve the cached HTML afterwards.
    cache: ResultsCache = request.app.state.page_cache
    key = f"{run_id}:{int(write_allowed(request))}"
    html = cache.get(key)
    if html is None:
        response = _render(
            request, "run.html", run=record, results_html=_results_html(request, record)
        )
        cache.put(key, Markup(bytes(response.body).decode("utf-8")))
        return response
    return HTMLResponse(str(html))


@router.get("/runs/{run_id}/compare-with", response_class=HTMLResponse)
def compare_with(request: Request, run_id: str) -> Response:
    """The "compare with" form of a run page (loaded by htmx: the list of runs changes)."""
    others = [r for r in _store(request).runs(status="done", limit=50) if r.id != run_id]
    run = _store(request).run(run_id, with_results=False)
    return _render(request, "_compare_with.html", run=run, others=others)


def _results_html(request: Request, light: RunRecord) -> Markup:
    """The results part of a run page, rendered once per finished run and then reused.

    A finished run never changes (the store only moves queued/running runs), so its rendered
    results can be cached; unfinished runs are rendered on every request.
    """
    cache: ResultsCache = request.app.state.results_cache
    if light.finished:
        cached = cache.get(light.id)
        if cached is not None:
            return cached
    record = _store(request).run(light.id)
    results = record.results or {}
    sweep = results.get("sweep")
    if sweep:
        histograms = sweep.get("histograms", {})
        varying = [o for o in sweep["outputs"] if figures.varies(histograms.get(o["column"], {}))]
        constant = [o for o in sweep["outputs"] if o not in varying]
        sweep = {**sweep, "varying": varying, "constant": constant}
    html = Markup(
        templates.get_template("_results.html").render(
            run=record,
            sections=_lens_sections(record) if record.status == "done" else [],
            skipped=results.get("skipped", {}),
            sweep=sweep,
            sweep_figures=[figures.embed(f) for f in figures.sweep_figures(sweep or {})],
        )
    )
    if record.finished:
        cache.put(record.id, html)
    return html


class ResultsCache:
    """A small thread-safe LRU of rendered results of finished runs."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict[str, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Markup | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, value: Markup) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@router.get("/runs/{run_id}/side-by-side", response_class=HTMLResponse)
def side_by_side_page(
    request: Request, run_id: str, a: str | None = None, b: str | None = None
) -> Response:
    """Two designs (or proposals, issues, states) of one run, measure by measure."""
    record = _store(request).run(run_id)
    found = subjects(record)
    comparison = side_by_side(record, a, b) if a and b else None
    rows = comparison["rows"] if comparison else []
    figure = figures.embed(figures.comparison_figure(rows, f"A: {a}", f"B: {b}")) if rows else None
    return _render(
        request,
        "side_by_side.html",
        run=record,
        subjects=found,
        a=a or (found[0] if found else None),
        b=b or (found[1] if len(found) > 1 else None),
        rows=rows,
        compared=comparison is not None,
        figure=figure,
    )


@router.get("/runs/{run_id}/status", response_class=HTMLResponse)
def run_status(request: Request, run_id: str) -> Response:
    """Progress fragment polled by htmx; asks for a full reload once the run has finished."""
    record = _store(request).run(run_id, with_results=False)
    response = _render(request, "_status.html", run=record)
    if record.finished:
        response.headers["HX-Refresh"] = "true"
    return response


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, a: str | None = None, b: str | None = None) -> Response:
    store = _store(request)
    choices = store.runs(status="done", limit=300)
    comparison = None
    figure = None
    changed: list[dict[str, Any]] = []
    same: list[dict[str, Any]] = []
    if a and b:
        first, second = store.run(a), store.run(b)
        comparison = compare_runs(first, second)
        changed = [r for r in comparison["rows"] if r["difference"] != 0]
        same = [r for r in comparison["rows"] if r["difference"] == 0]
        figure = figures.embed(
            figures.comparison_figure(
                comparison["rows"],
                f"A: {first.scenario} r{first.revision}",
                f"B: {second.scenario} r{second.revision}",
            )
        )
    return _render(
        request,
        "compare.html",
        choices=choices,
        a=a,
        b=b,
        comparison=comparison,
        changed=changed,
        same=same,
        figure=figure,
    )


# -- token sign-in ------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return _render(request, "login.html", failed=False)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: str = Form(..., max_length=4096)) -> Response:
    expected = request.app.state.token
    throttle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(client)
    if wait:
        raise HTTPException(
            429,
            detail=f"too many failed sign-ins; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    if expected is None or not hmac.compare_digest(token.encode(), expected.encode()):
        if expected is not None:
            throttle.failed(client)
        return _render(request, "login.html", status_code=401, failed=expected is not None)
    response = _see_other("/")
    session = request.app.state.sessions.open()
    response.set_cookie(TOKEN_COOKIE, session, httponly=True, samesite="strict")
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    session = request.cookies.get(TOKEN_COOKIE)
    if session:
        request.app.state.sessions.revoke(session)
    response = _see_other("/")
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/lenses", response_class=HTMLResponse)
def lenses_page(request: Request) -> Response:
    return _render(request, "lenses.html", lenses=available_lenses())
