"""Background jobs: each run executes in its own process, watched by a thread of the server.

A separate process keeps the server responsive while a lens computes, and lets the operating
system reclaim everything if a job crashes or is killed. The watcher marks the run failed when
its process ends without finishing it; :meth:`Store.recover_abandoned_runs` does the same at
start-up for runs whose process died together with a previous server.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from detente.analysis import analyze
from detente.errors import DetenteError
from detente.lens import available_lenses
from detente.store import RunStatus, Store
from detente.web.results import jsonable, lens_entry
from detente.web.sweeps import run_sweep

__all__ = ["WORKER_DB_ENV", "JobManager", "execute_run"]

log = logging.getLogger("detente.web.jobs")

WORKER_DB_ENV = "DETENTE_WORKER_DB"
"""The job process reads its database URL from here (not argv, which `ps` shows to all)."""


def _analysis(store: Store, run_id: str) -> dict[str, Any]:
    """Each of the run's lenses through :func:`detente.analyze` (no sweep), as stored JSON."""
    record = store.run(run_id)
    scenario = store.revision(record.scenario, record.revision).load()
    registry = available_lenses()
    results: dict[str, Any] = {"lenses": {}, "skipped": {}}
    names = list(record.lenses)
    for index, name in enumerate(names):
        lens = registry.get(name)
        if lens is None:
            raise DetenteError(
                f"lens {name!r} is not installed", hint=f"installed: {', '.join(registry)}"
            )
        store.set_progress(run_id, index / len(names), f"running {lens.title}")
        if not lens.applies(scenario):
            results["skipped"][name] = "the scenario has no section for this lens"
            continue
        try:
            analysis = analyze(scenario, lenses=[lens], draws=0)
        except DetenteError:
            raise
        except Exception as exc:
            log.exception("lens %s failed", name)
            raise DetenteError(f"lens {name!r} failed: {type(exc).__name__}: {exc}") from exc
        results["lenses"][name] = lens_entry(analysis[name], scenario)
    return results


def _sweep(store: Store, run_id: str) -> dict[str, Any]:
    record = store.run(run_id)
    scenario = store.revision(record.scenario, record.revision).load()

    def progress(fraction: float, message: str) -> None:
        store.set_progress(run_id, fraction, message)

    return jsonable(run_sweep(scenario, record, progress))  # type: ignore[no-any-return]


def execute_run(store: Store, run_id: str) -> str:
    """Run a queued run to completion in this process; return its final status."""
    if not store.start_run(run_id):
        return store.run(run_id).status
    record = store.run(run_id)
    try:
        results = _sweep(store, run_id) if record.kind == "sweep" else _analysis(store, run_id)
    except DetenteError as exc:
        store.fail_run(run_id, str(exc))
        return RunStatus.failed.value
    except Exception as exc:  # a bug: record it on the run rather than lose it
        log.exception("run %s failed", run_id)
        store.fail_run(run_id, f"internal error: {type(exc).__name__}: {exc}")
        return RunStatus.failed.value
    store.finish_run(run_id, results)
    return RunStatus.done.value


class JobManager:
    """Runs at most ``max_workers`` jobs at a time, each in a process (or a thread)."""

    def __init__(self, store: Store, *, mode: str = "process", max_workers: int = 2) -> None:
        if mode not in ("process", "thread"):
            raise ValueError(f"unknown job mode {mode!r}")
        self.store = store
        self.mode = mode
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="detente-job")
        self._processes: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    def submit(self, run_id: str) -> Future[str]:
        return self._pool.submit(self._execute, run_id)

    def pid(self, run_id: str) -> int | None:
        with self._lock:
            process = self._processes.get(run_id)
        return process.pid if process else None

    def _execute(self, run_id: str) -> str:
        try:
            if self.mode == "thread":
                return execute_run(self.store, run_id)
            return self._execute_in_process(run_id)
        except Exception as exc:  # never let a job failure vanish inside the pool
            log.exception("job %s could not be executed", run_id)
            self.store.fail_run(run_id, f"the job could not be started: {exc}")
            return RunStatus.failed.value

    def _execute_in_process(self, run_id: str) -> str:
        env = dict(os.environ)
        env[WORKER_DB_ENV] = self.store.url
        process = subprocess.Popen(
            [sys.executable, "-m", "detente.web.worker", run_id],
            env=env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: killed as a whole on shutdown
        )
        with self._lock:
            self._processes[run_id] = process
        try:
            code = process.wait()
        finally:
            with self._lock:
                self._processes.pop(run_id, None)
        if code != 0:
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            self.store.fail_run(run_id, f"the job process {how} before the run finished")
        return self.store.run(run_id).status

    def shutdown(self) -> None:
        with self._lock:
            processes = list(self._processes.values())
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self._pool.shutdown(wait=True, cancel_futures=True)
