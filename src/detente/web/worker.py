"""Entry point of a job process: ``python -m detente.web.worker RUN_ID``.

The database URL comes from the ``DETENTE_WORKER_DB`` environment variable. The process
claims the queued run, executes it and writes the outcome; the server watches its exit code.
"""

from __future__ import annotations

import os
import sys

from detente.store import open_store
from detente.web.jobs import WORKER_DB_ENV, execute_run


def main(argv: list[str]) -> int:
    if len(argv) != 1 or WORKER_DB_ENV not in os.environ:
        print(f"usage: {WORKER_DB_ENV}=URL python -m detente.web.worker RUN_ID", file=sys.stderr)
        return 2
    store = open_store(os.environ[WORKER_DB_ENV], migrate=False)
    try:
        execute_run(store, argv[0])
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
