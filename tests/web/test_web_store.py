"""The store against SQLite always, and against PostgreSQL when DETENTE_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from detente.errors import InputError, ScenarioError
from detente.store import NotFoundError, Store, open_store
from detente.store.database import connect

POSTGRES_URL = os.environ.get("DETENTE_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL tests need DETENTE_TEST_POSTGRES_URL (.ci/run sets it)")
        url = POSTGRES_URL
        _reset_postgres(url)  # a PostgreSQL URL that is set but unreachable fails here
    store = open_store(url)
    yield store
    store.close()


def test_every_edit_is_a_new_dated_revision(any_store: Store, scenario_text: str) -> None:
    first = any_store.add_revision(scenario_text, author="ana", note="first draft")
    second = any_store.add_revision(
        scenario_text.replace("Demo talks", "Demo talks — 2nd «draft»"), author="ben", note="n2"
    )
    assert (first.number, second.number) == (1, 2)
    history = any_store.revisions("demo")
    assert [(r.author, r.note) for r in history] == [("ana", "first draft"), ("ben", "n2")]
    assert history[0].yaml_text == scenario_text  # earlier text kept verbatim
    assert history[1].title == "Demo talks — 2nd «draft»"
    assert history[0].created_at <= history[1].created_at
    assert history[0].as_of is not None and history[0].as_of.isoformat() == "2025-12-01"
    assert any_store.revision("demo").number == 2
    summary = any_store.scenario("demo")
    assert summary.revisions == 2 and summary.origin == "uploaded"


def test_invalid_text_stores_nothing(any_store: Store, scenario_text: str) -> None:
    any_store.add_revision(scenario_text, author="ana")
    with pytest.raises(ScenarioError) as caught:
        any_store.add_revision(scenario_text.replace("id: beta", "id: 'not an id!'"), author="x")
    assert caught.value.problems[0].line is not None
    with pytest.raises(InputError):
        any_store.add_revision(scenario_text, author="x", scenario="other")
    with pytest.raises(NotFoundError):
        any_store.add_revision(
            scenario_text.replace("id: demo", "id: fresh"), author="x", create=False
        )
    assert [s.slug for s in any_store.scenarios()] == ["demo"]
    assert len(any_store.revisions("demo")) == 1


def test_run_life_cycle_is_one_way(any_store: Store, scenario_text: str) -> None:
    revision = any_store.add_revision(scenario_text, author="ana")
    run = any_store.create_run(revision, lenses=["testcount"], parameters={"k": 1}, seed=5)
    assert run.status == "queued" and run.seed == 5 and run.parameters == {"k": 1}
    assert any_store.start_run(run.id, pid=123)
    assert not any_store.start_run(run.id)  # claimed once only
    any_store.set_progress(run.id, 0.5, "half")
    assert any_store.run(run.id).progress == 0.5
    results = {"lenses": {"t": {"summary": {"x": 1.5}, "text": "ünïcode ✓"}}}
    assert any_store.finish_run(run.id, results)
    assert not any_store.fail_run(run.id, "late failure")  # a finished run stays done
    stored = any_store.run(run.id)
    assert stored.status == "done" and stored.results == results and stored.error is None
    assert stored.finished_at is not None and stored.progress == 1.0
    with pytest.raises(NotFoundError):
        any_store.run("missing")


def test_runs_of_dead_processes_are_marked_failed(any_store: Store, scenario_text: str) -> None:
    revision = any_store.add_revision(scenario_text, author="ana")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = any_store.create_run(revision, lenses=["testcount"])
    any_store.start_run(orphan.id, pid=dead.pid)
    alive = any_store.create_run(revision, lenses=["testcount"])
    any_store.start_run(alive.id, pid=os.getpid())
    queued = any_store.create_run(revision, lenses=["testcount"])
    assert any_store.recover_abandoned_runs() == [orphan.id]
    assert any_store.run(orphan.id).status == "failed"
    assert str(dead.pid) in (any_store.run(orphan.id).error or "")
    assert any_store.run(alive.id).status == "running"
    assert any_store.run(queued.id).status == "queued"


def test_concurrent_edits_get_distinct_revision_numbers(
    any_store: Store, scenario_text: str
) -> None:
    any_store.add_revision(scenario_text, author="ana")
    errors: list[BaseException] = []

    def edit(i: int) -> None:
        try:
            any_store.add_revision(scenario_text, author=f"w{i}", note=str(i))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [r.number for r in any_store.revisions("demo")] == [1, 2, 3, 4, 5, 6, 7]


def test_migrations_are_idempotent(any_store: Store) -> None:
    again = open_store(any_store.url)  # upgrading an up-to-date schema is a no-op
    with again.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "0001"
    again.close()


def test_shipped_scenarios_are_imported_once(
    any_store: Store, scenario_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detente.scenario as scenario_package
    from detente.scenario.catalog import ShippedScenario

    path = tmp_path / "demo.yaml"
    path.write_text(scenario_text)
    shipped = [ShippedScenario("demo-file-name", path)]  # the stored id is the file's `id`
    monkeypatch.setattr(scenario_package, "shipped_scenarios", lambda: shipped)
    assert len(any_store.sync_shipped()) == 1
    assert any_store.sync_shipped() == []  # unchanged text: nothing new
    path.write_text(scenario_text.replace("Demo talks", "Demo talks (updated)"))
    [added] = any_store.sync_shipped()
    assert added.number == 2 and added.author == "detente"
    assert any_store.scenario("demo").origin == "shipped"
    edit = scenario_text.replace("Demo talks", "Demo talks (analyst's view)")
    any_store.add_revision(edit, author="analyst", note="my assumptions")
    assert any_store.sync_shipped() == []  # a restart keeps the analyst's edit as the latest
    assert any_store.revision("demo").author == "analyst"


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(InputError) as caught:
        open_store("postgresql://nobody@127.0.0.1:9/none")
    assert "cannot reach database" in str(caught.value)
    with pytest.raises(InputError):
        open_store("notadriver://x/y")


def test_serve_exits_2_on_unreachable_database() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "detente", "serve", "--db", "postgresql://nobody@127.0.0.1:9/x"],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 2
    assert "cannot reach database" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_broken_shipped_file_is_skipped_not_fatal(
    any_store: Store, scenario_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detente.scenario as scenario_package
    from detente.scenario.catalog import ShippedScenario

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(scenario_text)
    bad.write_text(scenario_text.replace("id: demo", "id: broken").replace("actors:", "actors: 3"))
    shipped = [ShippedScenario("bad", bad), ShippedScenario("good", good)]
    monkeypatch.setattr(scenario_package, "shipped_scenarios", lambda: shipped)
    assert [r.scenario for r in any_store.sync_shipped()] == ["demo"]
