"""The JSON REST API: everything the pages do, under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from detente import __version__
from detente.errors import InputError
from detente.lens import available_lenses
from detente.store import Store
from detente.web.security import require_write
from detente.web.services import (
    MAX_UPLOAD_BYTES,
    TooLargeError,
    applicable_lenses,
    check_size,
    compare_runs,
    queue_run,
    side_by_side,
    validate_text,
)
from detente.web.sweeps import MAX_SWEEP_DRAWS, sweeps_available

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


class ScenarioText(BaseModel):
    """A scenario as YAML text (``format: detente/1``) and who stores it, why."""

    yaml: str = Field(description="The scenario file's text.")
    author: str = Field("anonymous", max_length=200)
    note: str = Field("", max_length=2000, description="Why this revision was made.")


class ValidateRequest(BaseModel):
    yaml: str


class RunRequest(BaseModel):
    scenario: str = Field(description="Scenario id.")
    revision: int | None = Field(None, description="Revision number; default the latest.")
    lenses: list[str] | None = Field(None, description="Lens names; default every that applies.")
    kind: Literal["analysis", "sweep"] = "analysis"
    seed: int | None = Field(None, description="Random seed; chosen and recorded if omitted.")
    draws: int | None = Field(None, description=f"Sweep draws (1..{MAX_SWEEP_DRAWS}).")


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


@router.get("", summary="Service description")
def index(request: Request) -> dict[str, Any]:
    return {
        "detente_version": __version__,
        "lenses": sorted(available_lenses()),
        "sweeps": sweeps_available(),
        "max_upload_bytes": MAX_UPLOAD_BYTES,
        "max_sweep_draws": MAX_SWEEP_DRAWS,
        "writes_need_token": request.app.state.token is not None,
    }


@router.get("/lenses", summary="Installed lenses")
def lenses() -> list[dict[str, str]]:
    return [{"name": name, "title": lens.title} for name, lens in available_lenses().items()]


@router.get("/scenarios", summary="Scenario library (shipped and uploaded)")
def scenarios(request: Request) -> list[dict[str, Any]]:
    return [summary.as_dict() for summary in _store(request).scenarios()]


def _created(request: Request, body: ScenarioText, *, slug: str | None) -> JSONResponse:
    store = _store(request)
    check_size(body.yaml)
    if slug is None:
        scenario, _ = validate_text(body.yaml)
        if scenario is not None:
            try:
                store.scenario(scenario.id)
            except InputError:
                pass
            else:
                return JSONResponse(
                    {
                        "error": f"scenario {scenario.id!r} already exists",
                        "hint": f"POST /api/scenarios/{scenario.id}/revisions to add a revision",
                    },
                    status_code=409,
                )
    record = store.add_revision(
        body.yaml, author=body.author, note=body.note, scenario=slug, create=slug is None
    )
    return JSONResponse(record.as_dict(), status_code=201)


@router.post(
    "/scenarios",
    status_code=201,
    dependencies=[Depends(require_write)],
    summary="Store a new scenario (422 with located problems when invalid; nothing stored)",
)
def create_scenario(request: Request, body: ScenarioText) -> JSONResponse:
    return _created(request, body, slug=None)


@router.post(
    "/scenarios/upload",
    status_code=201,
    dependencies=[Depends(require_write)],
    summary="Upload a scenario file (multipart); a known id gets a new revision",
)
async def upload_scenario(
    request: Request,
    file: Annotated[UploadFile, File()],
    author: Annotated[str, Form()] = "anonymous",
    note: Annotated[str, Form()] = "",
) -> JSONResponse:
    text = await read_upload(file)
    record = _store(request).add_revision(
        text, author=author, note=note or f"uploaded {file.filename or ''}".strip()
    )
    return JSONResponse(record.as_dict(), status_code=201)


async def read_upload(file: UploadFile) -> str:
    data = await file.read(MAX_UPLOAD_BYTES + 1)  # never more than the limit (+1 to detect it)
    if len(data) > MAX_UPLOAD_BYTES:
        raise TooLargeError(
            f"{file.filename or 'the upload'} is larger than the {MAX_UPLOAD_BYTES:,} bytes "
            "allowed",
            hint="split the scenario or remove unused material",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            f"{file.filename or 'the upload'} is not UTF-8 text", hint="upload a YAML file"
        ) from None


@router.get("/scenarios/{slug}", summary="One scenario: latest revision and lenses")
def scenario(request: Request, slug: str) -> dict[str, Any]:
    store = _store(request)
    summary = store.scenario(slug)
    document = summary.as_dict()
    document["lenses"] = applicable_lenses(summary.latest.load())
    return document


@router.get("/scenarios/{slug}/revisions", summary="Dated history of a scenario")
def revisions(request: Request, slug: str) -> list[dict[str, Any]]:
    return [record.as_dict() for record in _store(request).revisions(slug)]


@router.post(
    "/scenarios/{slug}/revisions",
    status_code=201,
    dependencies=[Depends(require_write)],
    summary="Store an edited scenario as its next revision",
)
def add_revision(request: Request, slug: str, body: ScenarioText) -> JSONResponse:
    _store(request).scenario(slug)
    return _created(request, body, slug=slug)


@router.get("/scenarios/{slug}/revisions/{number}", summary="One revision with its YAML text")
def revision(request: Request, slug: str, number: int) -> dict[str, Any]:
    return _store(request).revision(slug, number).as_dict(with_text=True)


@router.get(
    "/scenarios/{slug}/timeline",
    summary="Headline answers of each revision's latest analysis, by revision date",
)
def timeline(request: Request, slug: str) -> list[dict[str, Any]]:
    return [
        {"revision": p["revision"].as_dict(), "run": p["run"], "summary": p["summary"]}
        for p in _store(request).timeline(slug)
    ]


@router.post("/validate", summary="Validate scenario text; problems located at file:line")
def validate(body: ValidateRequest) -> dict[str, Any]:
    scenario, problems = validate_text(body.yaml)
    return {
        "valid": scenario is not None,
        "id": scenario.id if scenario else None,
        "problems": problems,
    }


@router.post(
    "/runs",
    status_code=202,
    dependencies=[Depends(require_write)],
    summary="Queue an analysis (or sweep) of a scenario revision as a background job",
)
def create_run(request: Request, body: RunRequest) -> JSONResponse:
    store = _store(request)
    record = queue_run(
        store,
        store.revision(body.scenario, body.revision),
        lenses=body.lenses,
        kind=body.kind,
        seed=body.seed,
        draws=body.draws,
    )
    request.app.state.jobs.submit(record.id)
    return JSONResponse(
        record.as_dict(), status_code=202, headers={"Location": f"/api/runs/{record.id}"}
    )


@router.get("/runs", summary="Run history, newest first")
def runs(
    request: Request,
    scenario: str | None = None,
    status: Literal["queued", "running", "done", "failed"] | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    limit = min(max(limit, 1), 1000)
    return [
        r.as_dict(with_results=False)
        for r in _store(request).runs(scenario, status=status, limit=limit)
    ]


@router.get("/runs/{run_id}", summary="One run: status, progress, error and results")
def run(request: Request, run_id: str) -> dict[str, Any]:
    return _store(request).run(run_id).as_dict()


@router.get(
    "/runs/{run_id}/side-by-side",
    summary="Within one run, the answers about two subjects (e.g. two guarantee designs)",
)
def run_side_by_side(request: Request, run_id: str, a: str, b: str) -> dict[str, Any]:
    return side_by_side(_store(request).run(run_id), a, b)


@router.get("/compare", summary="Headline answers of two runs side by side")
def compare(request: Request, a: str, b: str) -> dict[str, Any]:
    store = _store(request)
    return compare_runs(store.run(a), store.run(b))
