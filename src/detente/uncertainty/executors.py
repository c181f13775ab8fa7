"""Where sweeps run: in this process, on local processes, or on a Dask cluster.

Every backend is a :class:`concurrent.futures.Executor`; :func:`open_backend` turns a
``--backend`` string into one (and cleans it up afterwards):

* ``inprocess``: runs each task when it is submitted (no parallelism, easiest to debug);
* ``processes``: a local :class:`~concurrent.futures.ProcessPoolExecutor` (default: all cores);
* ``dask://host:port`` or ``tcp://host:port``: an existing Dask scheduler, through
  ``distributed.Client(address).get_executor()`` (optional extra ``detente[dask]``; detente
  must be installed on the workers);
* ``dask-local``: a Dask ``LocalCluster`` started for the run and closed after it.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from detente.errors import InputError

__all__ = [
    "BACKENDS",
    "DEFAULT_CONNECT_TIMEOUT",
    "Backend",
    "InProcessExecutor",
    "open_backend",
]

BACKENDS = ("inprocess", "processes", "dask://host:port", "dask-local")
DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler before giving up with a clear message."""

T = TypeVar("T")


class InProcessExecutor(Executor):
    """An executor that runs each task in the calling thread when it is submitted."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            future.set_exception(exc)
        return future


@dataclass(frozen=True)
class Backend:
    """An executor ready for :func:`detente.uncertainty.runner.evaluate`."""

    executor: Executor
    workers: int
    description: str


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; let only the coordinator handle it, so workers
    # are stopped deliberately rather than dying mid-task with their own tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise InputError(
            "the Dask backend needs the optional dependency 'distributed'",
            hint="pip install 'detente[dask]', or use --backend processes",
        ) from exc
    return distributed


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_workers(workers: int | None) -> int | None:
    if workers is not None and workers < 1:
        raise InputError(
            f"the number of workers must be positive (got {workers})", hint="try --workers 2"
        )
    return workers


@contextmanager
def open_backend(
    spec: str = "processes",
    workers: int | None = None,
    *,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> Iterator[Backend]:
    """The executor named by ``spec`` (see the module docstring), closed on exit."""
    workers = _check_workers(workers)
    if spec == "inprocess":
        yield Backend(InProcessExecutor(), 1, "in-process")
        return
    if spec == "processes":
        count = workers or _cpu_count()
        pool = ProcessPoolExecutor(max_workers=count, initializer=_ignore_sigint)
        interrupted = False
        try:
            yield Backend(pool, count, f"{count} local process{'es' if count > 1 else ''}")
        except KeyboardInterrupt:
            interrupted = True
            raise
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
        return
    if spec == "dask-local":
        distributed = _import_distributed()
        count = workers or _cpu_count()
        cluster = distributed.LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
        try:
            client = distributed.Client(cluster, timeout=connect_timeout)
            try:
                yield Backend(client.get_executor(), count, f"Dask LocalCluster ({count} workers)")
            finally:
                client.close()
        finally:
            cluster.close()
        return
    if spec.startswith(("dask://", "tcp://", "tls://")):
        distributed = _import_distributed()
        address = "tcp://" + spec.removeprefix("dask://") if spec.startswith("dask://") else spec
        try:
            client = distributed.Client(address, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at {address} within {connect_timeout:g} s "
                f"({type(exc).__name__})",
                hint="start one with `dask scheduler` and `dask worker "
                f"{address}`, check the host and port, or use --backend processes",
            ) from None
        try:
            info = client.scheduler_info()
            count = workers or max(
                1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
            )
            yield Backend(client.get_executor(), count, f"Dask cluster at {address}")
        finally:
            client.close()
        return
    raise InputError(
        f"unknown backend {spec!r}",
        hint="use one of: " + ", ".join(BACKENDS),
    )
