"""The JSON API through FastAPI's TestClient, with jobs in real processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from polling import wait_for_run

from detente.store import Store
from detente.web.app import create_app
from detente.web.services import MAX_UPLOAD_BYTES


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, job_mode="thread")) as test_client:
        yield test_client


def _slugs(store: Store) -> list[str]:
    return [summary.slug for summary in store.scenarios()]


def _create(client: TestClient, text: str) -> dict:
    response = client.post("/api/scenarios", json={"yaml": text, "author": "ana", "note": "n1"})
    assert response.status_code == 201, response.text
    return response.json()


def _run(client: TestClient, **body: object) -> dict:
    response = client.post("/api/runs", json={"scenario": "demo", **body})
    assert response.status_code == 202, response.text
    run_id = response.json()["id"]
    return wait_for_run(lambda: client.get(f"/api/runs/{run_id}").json())


def test_create_revise_and_list(client: TestClient, scenario_text: str) -> None:
    created = _create(client, scenario_text)
    assert created["scenario"] == "demo" and created["number"] == 1
    revised = client.post(
        "/api/scenarios/demo/revisions",
        json={"yaml": scenario_text.replace("Demo talks", "Demo talks II"), "note": "retitled"},
    )
    assert revised.status_code == 201 and revised.json()["number"] == 2
    history = client.get("/api/scenarios/demo/revisions").json()
    assert [r["note"] for r in history] == ["n1", "retitled"]
    assert client.get("/api/scenarios/demo/revisions/1").json()["yaml"] == scenario_text
    listed = {s["id"]: s for s in client.get("/api/scenarios").json()}
    assert listed["demo"]["revisions"] == 2 and listed["demo"]["title"] == "Demo talks II"
    again = client.post("/api/scenarios", json={"yaml": scenario_text})
    assert again.status_code == 409


def test_invalid_upload_stores_nothing_and_names_the_line(
    client: TestClient, store: Store, scenario_text: str
) -> None:
    bad = scenario_text.replace("    name: Beta", "    name: Beta\n    colour: red")
    response = client.post("/api/scenarios", json={"yaml": bad})
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["line"] == 11 and "colour" in problem["text"]
    assert "demo" not in _slugs(store)
    multipart = client.post(
        "/api/scenarios/upload", files={"file": ("bad.yaml", bad.encode(), "text/yaml")}
    )
    assert multipart.status_code == 422 and "demo" not in _slugs(store)
    validated = client.post("/api/validate", json={"yaml": bad}).json()
    assert validated["valid"] is False and validated["problems"][0]["line"] == 11


def test_too_large_upload_is_refused(client: TestClient, store: Store, scenario_text: str) -> None:
    huge = scenario_text + "#" * (MAX_UPLOAD_BYTES + 10)
    assert client.post("/api/scenarios", json={"yaml": huge}).status_code == 413
    files = {"file": ("big.yaml", huge.encode(), "text/yaml")}
    assert client.post("/api/scenarios/upload", files=files).status_code == 413
    assert "demo" not in _slugs(store)


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for path in ("/api/runs/nope", "/api/scenarios/nope", "/api/scenarios/nope/revisions/3"):
        response = client.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["error"]
    page = client.get("/runs/nope")
    assert page.status_code == 404 and "no run &#39;nope&#39;" in page.text


def test_run_records_parameters_and_results(client: TestClient, scenario_text: str) -> None:
    _create(client, scenario_text)
    run = _run(client, seed=7)
    assert run["status"] == "done", run
    assert run["lenses"] == ["testcount"]  # testnever and testdesigns do not apply
    assert run["seed"] == 7 and run["revision"] == 1 and run["detente_version"]
    assert run["results"]["lenses"]["testcount"]["summary"] == {"actors": 2.0, "sources": 0.0}
    again = _run(client, seed=7)
    assert again["results"] == run["results"]  # same seed, same answer


def test_results_carry_the_report_blocks_and_export_csv(
    client: TestClient, scenario_text: str
) -> None:
    _create(client, scenario_text)
    run = _run(client, seed=1)
    [table] = run["results"]["lenses"]["testcount"]["blocks"]  # no figure module: summary table
    assert table["type"] == "table" and table["columns"] == ["answer", "value"]
    csv = client.get(f"/runs/{run['id']}/tables/testcount/{table['key']}.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines() == ["answer,value", "actors,2", "sources,0"]
    assert client.get(f"/runs/{run['id']}/tables/testcount/nope.csv").status_code == 404
    page = client.get(f"/runs/{run['id']}")
    assert "Download CSV" in page.text and "figure-data" in page.text


def test_failing_job_marks_the_run_failed(client: TestClient, scenario_text: str) -> None:
    _create(client, scenario_text.replace("A two-party test scenario.", "fail! boom at step 3"))
    run = _run(client)
    assert run["status"] == "failed" and "boom at step 3" in run["error"]
    page = client.get(f"/runs/{run['id']}")
    assert "boom at step 3" in page.text


def test_bad_run_requests(client: TestClient, scenario_text: str) -> None:
    _create(client, scenario_text)
    unknown = client.post("/api/runs", json={"scenario": "demo", "lenses": ["nosuch"]})
    assert unknown.status_code == 400 and "testcount" in unknown.json()["hint"]
    assert client.post("/api/runs", json={"scenario": "zzz"}).status_code == 404
    assert client.post("/api/runs", json={"scenario": "demo", "seed": -1}).status_code == 400


def test_compare_and_timeline(client: TestClient, scenario_text: str) -> None:
    _create(client, scenario_text)
    first = _run(client, seed=1)
    more = scenario_text.replace("as_of: 2025-12-01", "as_of: 2026-01-15") + (
        "  - id: gamma\n    name: Gamma\n"
    )
    client.post("/api/scenarios/demo/revisions", json={"yaml": more, "note": "third party"})
    second = _run(client, seed=1)
    comparison = client.get("/api/compare", params={"a": first["id"], "b": second["id"]}).json()
    rows = {row["key"]: row for row in comparison["rows"]}
    assert rows["actors"]["a"] == 2 and rows["actors"]["b"] == 3
    assert rows["actors"]["difference"] == 1
    fragment = client.get(f"/runs/{first['id']}/compare-with")
    assert second["id"] in fragment.text and f'value="{first["id"]}"' in fragment.text
    run_page = client.get(f"/runs/{first['id']}").text
    assert client.get(f"/runs/{first['id']}").text == run_page  # served from the page cache
    page = client.get("/compare", params={"a": first["id"], "b": second["id"]})
    assert page.status_code == 200 and "1 headline answer differ" in page.text
    assert "1 answers are the same in both runs" in page.text  # sources: 0 and 0
    timeline = client.get("/api/scenarios/demo/timeline").json()
    assert [p["summary"]["testcount"]["actors"] for p in timeline] == [2.0, 3.0]
    assert [p["revision"]["as_of"] for p in timeline] == ["2025-12-01", "2026-01-15"]
    page = client.get("/scenarios/demo/timeline")
    assert page.status_code == 200 and "figure-data" in page.text


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/scenarios",
        "/api/runs",
        "/api/runs/{run_id}",
        "/api/compare",
        "/api/scenarios/{slug}/timeline",
        "/api/validate",
    ):
        assert path in schema["paths"]
    assert not any(p.startswith("/scenarios") for p in schema["paths"])


def test_token_guards_every_write(store: Store, scenario_text: str) -> None:
    with TestClient(create_app(store, token="s3cret")) as client:
        denied = client.post("/api/scenarios", json={"yaml": scenario_text})
        assert denied.status_code == 401 and "demo" not in _slugs(store)
        assert client.post("/upload", data={"text": scenario_text}).status_code == 401
        assert client.get("/api/scenarios").status_code == 200  # reads stay open
        headers = {"Authorization": "Bearer s3cret"}
        allowed = client.post("/api/scenarios", json={"yaml": scenario_text}, headers=headers)
        assert allowed.status_code == 201
        assert client.post("/api/runs", json={"scenario": "demo"}).status_code == 401
        assert client.post("/login", data={"token": "wrong"}).status_code == 401
        client.post("/login", data={"token": "s3cret"})  # cookie for the pages
        assert client.post("/api/runs", json={"scenario": "demo"}).status_code == 202


def test_cross_origin_writes_are_refused(client: TestClient, scenario_text: str) -> None:
    response = client.post(
        "/api/scenarios", json={"yaml": scenario_text}, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403


def test_static_assets_are_local(client: TestClient) -> None:
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    htmx = client.get("/static/htmx-2.0.11.min.js")
    assert htmx.status_code == 200 and b"Zero-Clause BSD" in htmx.content
    page = client.get("/")
    assert "http://" not in page.text.split("<main>")[0].replace("http://www.w3", "")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_sweep_needs_uncertain_inputs_and_bounded_draws(
    client: TestClient, scenario_text: str
) -> None:
    pytest.importorskip("detente.uncertainty", reason="the uncertainty module is not installed")
    _create(client, scenario_text)
    flat = client.post("/api/runs", json={"scenario": "demo", "kind": "sweep", "draws": 10})
    assert flat.status_code == 400 and "no uncertain inputs" in flat.json()["error"]
    too_big = client.post("/api/runs", json={"scenario": "demo", "kind": "sweep", "draws": 10**6})
    assert too_big.status_code == 400 and "draws" in too_big.json()["error"]


def _uncertain_shipped_scenario() -> str | None:
    from detente.lens import available_lenses
    from detente.scenario import load_scenario, shipped_scenarios
    from detente.uncertainty import find_inputs

    for shipped in shipped_scenarios():
        scenario = load_scenario(shipped.path)
        applies = [n for n, lens in available_lenses().items() if lens.applies(scenario)]
        if find_inputs(scenario) and any(not n.startswith("test") for n in applies):
            return scenario.id
    return None


def test_sweep_of_a_shipped_scenario(client: TestClient) -> None:
    pytest.importorskip("detente.uncertainty", reason="the uncertainty module is not installed")
    name = _uncertain_shipped_scenario()
    if name is None:
        pytest.skip("no shipped scenario with uncertain inputs and a lens that applies")
    response = client.post(
        "/api/runs", json={"scenario": name, "kind": "sweep", "draws": 12, "seed": 4}
    )
    assert response.status_code == 202, response.text
    run_id = response.json()["id"]
    run = wait_for_run(lambda: client.get(f"/api/runs/{run_id}").json(), timeout=300)
    assert run["status"] == "done", run["error"]
    sweep = run["results"]["sweep"]
    assert sweep["draws"] == {"requested": 12, "completed": 12} and sweep["seed"] == 4
    for output in sweep["outputs"]:
        assert sum(sweep["histograms"][output["column"]]["counts"]) == output["n"]
    page = client.get(f"/runs/{run_id}")
    assert "Uncertainty sweep" in page.text and sweep["outputs"][0]["column"] in page.text


def test_readme_api_table_matches_the_openapi_schema(client: TestClient) -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    section = readme.split("### JSON API", 1)[1].split("###", 1)[0]
    documented = {
        (method.lower(), re.sub(r"\{[a-z_]+\}", "{}", path.split("?")[0]))
        for method, path in re.findall(r"^\| `(GET|POST) ([^`]+)` \|", section, re.MULTILINE)
    }
    schema = client.get("/openapi.json").json()["paths"]
    served = {
        (method, re.sub(r"\{[a-z_]+\}", "{}", path))
        for path, methods in schema.items()
        for method in methods
    }
    assert documented and documented == served


def test_readme_store_example_runs(tmp_path: Path, scenario_text: str) -> None:
    import os

    readme = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    example = readme.split("### The store", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    directory = Path(str(tmp_path))
    (directory / "my-scenario.yaml").write_text(scenario_text)
    previous = os.getcwd()
    os.chdir(directory)
    try:
        exec(compile(example, "docs/web.md", "exec"), {})
    finally:
        os.chdir(previous)
    assert (directory / "detente.db").exists()


def test_too_large_page_upload_is_shown_and_not_stored(
    client: TestClient, store: Store, scenario_text: str
) -> None:
    huge = scenario_text + "#" * (MAX_UPLOAD_BYTES + 10)
    files = {"file": ("big.yaml", huge.encode(), "text/yaml")}
    page = client.post("/upload", files=files, data={"author": "x"})
    assert page.status_code == 413 and "larger than" in page.text
    bad = client.post("/upload", data={"text": scenario_text.replace("id: demo", "id: 'a b'")})
    assert bad.status_code == 422 and "line 2" in bad.text
    assert "demo" not in _slugs(store) and "a b" not in _slugs(store)


def test_two_subjects_of_one_run_side_by_side(client: TestClient, scenario_text: str) -> None:
    _create(client, scenario_text.replace("A two-party test scenario.", "designs!"))
    run = _run(client, lenses=["testdesigns"], seed=1)
    assert run["status"] == "done", run["error"]
    response = client.get(f"/api/runs/{run['id']}/side-by-side", params={"a": "alpha", "b": "beta"})
    rows = {row["key"]: row for row in response.json()["rows"]}
    assert rows["name_length"] == {
        "lens": "testdesigns",
        "key": "name_length",
        "a": 5.0,
        "b": 4.0,
        "difference": -1.0,
    }
    assert rows["vowels"]["a"] == 2.0 and rows["vowels"]["b"] == 2.0
    unknown = client.get(f"/api/runs/{run['id']}/side-by-side", params={"a": "alpha", "b": "x"})
    assert unknown.status_code == 400 and "alpha" in unknown.json()["hint"]
    page = client.get(f"/runs/{run['id']}/side-by-side", params={"a": "alpha", "b": "beta"})
    assert page.status_code == 200 and "name_length" in page.text and "figure-data" in page.text
