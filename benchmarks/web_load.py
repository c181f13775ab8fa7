#!/usr/bin/env python3
"""Load on the results page of a stored run: N concurrent clients on loopback.

    .venv/bin/python benchmarks/web_load.py [--clients 20] [--requests 1000] [--seconds 60]

Starts ``detente serve`` on a free loopback port with a fresh SQLite database, stores a run
(a real analysis of the default scenario by every lens that applies, or, when no lens is
installed, a stored run with a results document of comparable size, which the output says),
then lets ``--clients`` threads, each with its own keep-alive connection, fetch
``/runs/<id>`` until ``--requests`` requests are done or ``--seconds`` have passed. Prints the
latency percentiles (target: p95 < 300 ms with 20 clients). A load script, not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _request(url: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _stored_run(base: str, database: Path) -> tuple[str, str]:
    """Id of a finished run and a description of what it holds."""
    from detente.scenario import DEFAULT_SCENARIO, load_scenario, shipped_path

    default = load_scenario(shipped_path(DEFAULT_SCENARIO)).id  # stored by its id
    scenarios = {s["id"] for s in _request(base + "/api/scenarios")}
    if default in scenarios:
        applying = [
            lens["name"]
            for lens in _request(f"{base}/api/scenarios/{default}")["lenses"]
            if lens["applies"]
        ]
        if applying:
            run = _request(base + "/api/runs", "POST", {"scenario": default, "seed": 1})
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                state = _request(f"{base}/api/runs/{run['id']}")
                if state["status"] in ("done", "failed"):
                    break
                time.sleep(0.2)
            if state["status"] != "done":
                sys.exit(f"the analysis failed: {state['error']}")
            return run["id"], f"{default} analysed by {', '.join(applying)}"
    # No lens installed: store a run with a results document of realistic size directly.
    from detente.store import open_store

    store = open_store(f"sqlite:///{database}")
    text = (
        "format: detente/1\nid: load\ntitle: Load test\nactors:\n"
        "  - id: a\n    name: A\n  - id: b\n    name: B\n"
    )
    revision = store.add_revision(text, author="benchmark")
    run = store.create_run(revision, lenses=["synthetic"], seed=1)
    store.start_run(run.id)
    rows = [
        [{"text": f"state {i}", "explanation": "why " * 20, "tone": None}] * 4 for i in range(60)
    ]
    figure = {
        "data": [{"type": "scatter", "x": list(range(400)), "y": list(range(400))}],
        "layout": {"title": {"text": "synthetic"}},
    }
    store.finish_run(
        run.id,
        {
            "lenses": {
                "synthetic": {
                    "title": "Synthetic",
                    "summary": {f"k{i}": float(i) for i in range(20)},
                    "result": {"states": list(range(2000))},
                    "blocks": [
                        {
                            "type": "figure",
                            "key": "f",
                            "title": "F",
                            "caption": "",
                            "figure": figure,
                        },
                        {
                            "type": "table",
                            "key": "t",
                            "title": "T",
                            "caption": "",
                            "columns": ["a", "b", "c", "d"],
                            "rows": rows,
                        },
                    ],
                }
            },
            "skipped": {},
        },
    )
    store.close()
    return run.id, "a synthetic stored run (no lens installed)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "detente.db"
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "DETENTE_TOKEN"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "detente",
                "serve",
                "--db",
                f"sqlite:///{database}",
                "--port",
                str(port),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    _request(base + "/api")
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        sys.exit("detente serve did not start")
                    time.sleep(0.2)
            run_id, what = _stored_run(base, database)
            path = f"/runs/{run_id}"
            size = len(urllib.request.urlopen(base + path).read())

            latencies: list[float] = []
            failures = 0
            lock = threading.Lock()
            issued = 0
            stop_at = time.monotonic() + args.seconds

            def client() -> None:
                nonlocal issued, failures
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                while True:
                    with lock:
                        if issued >= args.requests or time.monotonic() > stop_at:
                            break
                        issued += 1
                    started = time.perf_counter()
                    try:
                        connection.request("GET", path)
                        response = connection.getresponse()
                        response.read()
                        ok = response.status == 200
                    except OSError:
                        ok = False
                        connection.close()
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies.append(elapsed)
                        failures += 0 if ok else 1
                connection.close()

            began = time.perf_counter()
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)

    latencies.sort()
    ms = [1000 * x for x in latencies]
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    print(f"results page of {what} ({size:,} bytes)")
    print(
        f"{len(ms)} requests, {args.clients} concurrent clients, {wall:.1f} s, "
        f"{len(ms) / wall:.0f} req/s, {failures} failed"
    )
    print(
        f"p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  max {ms[-1]:.1f} ms  "
        f"(target p95 < 300 ms)"
    )
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
