"""Waiting for background runs in the web tests."""

from __future__ import annotations

import time


def wait_for_run(get_status, timeout: float = 60.0) -> dict:  # type: ignore[no-untyped-def]
    """Poll ``get_status()`` until the run has finished (done or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = get_status()
        if document["status"] in ("done", "failed"):
            return document  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(f"run did not finish in {timeout} s: {document}")
