"""Killed and crashed jobs leave the database consistent and their runs marked failed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from fastapi.testclient import TestClient
from polling import wait_for_run

from detente.store import Store
from detente.web.app import create_app


def _wait_running(store: Store, run_id: str, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = store.run(run_id)
        if record.status == "running" and record.worker_pid:
            return record.worker_pid
        time.sleep(0.05)
    raise AssertionError(f"run never started: {store.run(run_id)}")


def test_killed_job_is_marked_failed_and_database_stays_consistent(
    store: Store, scenario_text: str
) -> None:
    slow = scenario_text.replace("A two-party test scenario.", "sleep=60")
    with TestClient(create_app(store)) as client:
        assert client.post("/api/scenarios", json={"yaml": slow}).status_code == 201
        run_id = client.post("/api/runs", json={"scenario": "demo"}).json()["id"]
        pid = _wait_running(store, run_id)
        assert pid != os.getpid()  # the job runs in its own process
        os.kill(pid, signal.SIGKILL)
        run = wait_for_run(lambda: client.get(f"/api/runs/{run_id}").json(), timeout=30)
        assert run["status"] == "failed"
        assert "killed by signal 9" in run["error"]
        assert run["results"] is None
        page = client.get(f"/runs/{run_id}")
        assert "killed by signal 9" in page.text
        # everything else is intact and the server keeps working
        assert client.get("/api/scenarios/demo/revisions").json()[0]["number"] == 1
        ok = client.post("/api/scenarios/demo/revisions", json={"yaml": scenario_text})
        assert ok.status_code == 201
        done = client.post("/api/runs", json={"scenario": "demo"}).json()["id"]
        assert wait_for_run(lambda: client.get(f"/api/runs/{done}").json())["status"] == "done"
    database = store.engine.url.database
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_runs_of_a_killed_server_are_failed_at_next_start(store: Store, scenario_text: str) -> None:
    revision = store.add_revision(scenario_text, author="ana")
    run = store.create_run(revision, lenses=["testcount"])
    ghost = subprocess.Popen([sys.executable, "-c", "pass"])
    ghost.wait()
    store.start_run(run.id, pid=ghost.pid)  # as if its process died with the old server
    queued = store.create_run(revision, lenses=["testcount"], seed=3)
    with TestClient(create_app(store)) as client:
        failed = client.get(f"/api/runs/{run.id}").json()
        assert failed["status"] == "failed" and "stopped before the run finished" in failed["error"]
        # a run still queued when the old server stopped is executed by the new one
        finished = wait_for_run(lambda: client.get(f"/api/runs/{queued.id}").json())
        assert finished["status"] == "done"


def test_web_app_on_postgresql_runs_jobs_in_processes(scenario_text: str) -> None:
    """The whole path (API, job process, results) on PostgreSQL when .ci/run provides one."""
    import pytest

    url = os.environ.get("DETENTE_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PostgreSQL tests need DETENTE_TEST_POSTGRES_URL (.ci/run sets it)")
    from sqlalchemy import text

    from detente.store import open_store
    from detente.store.database import connect

    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    store = open_store(url)
    try:
        with TestClient(create_app(store)) as client:
            assert client.post("/api/scenarios", json={"yaml": scenario_text}).status_code == 201
            run_id = client.post("/api/runs", json={"scenario": "demo", "seed": 2}).json()["id"]
            run = wait_for_run(lambda: client.get(f"/api/runs/{run_id}").json())
            assert run["status"] == "done", run["error"]
            assert run["results"]["lenses"]["testcount"]["summary"]["actors"] == 2.0
    finally:
        store.close()
