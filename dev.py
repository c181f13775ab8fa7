#!/usr/bin/env python3
"""Bootstrap and run detente from a fresh clone with nothing but Python 3.11+.

    python3 dev.py analyze          # any `detente` command, run inside ./.venv
    python3 dev.py test [ARGS...]   # the whole test suite (pytest ARGS...)

The first call creates ./.venv and installs detente (editable) with its test extras; later
calls reuse it and reinstall only when pyproject.toml changes. Standard library only, so it
runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DETENTE_VENV", ROOT / ".venv"))
EXTRAS = "test,dask,postgres"
STAMP = VENV / ".detente-install-stamp"


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(EXTRAS.encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs under any python3)
        sys.exit(f"detente needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = _python()
    if not python.exists():
        print(f"[dev] creating virtual environment in {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text().strip() != _wanted_stamp():
        log = VENV / "install.log"
        print(
            f"[dev] installing detente and its dependencies (first run only; log: {log})",
            file=sys.stderr,
        )
        with log.open("w") as sink:
            for args in (
                ["install", "--upgrade", "pip"],
                ["install", "-e", f"{ROOT}[{EXTRAS}]"],
            ):
                done = subprocess.run(
                    [python, "-m", "pip", *args], check=False, stdout=sink, stderr=subprocess.STDOUT
                )
                if done.returncode != 0:
                    sys.stderr.write(log.read_text()[-4000:])
                    sys.exit(f"[dev] pip {' '.join(args)} failed; full log in {log}")
        STAMP.write_text(_wanted_stamp())
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] == "help":
        print(__doc__)
        return 0
    python = ensure_environment()
    if argv[0] == "test":
        # The suite runs from the repository root whatever the caller's directory.
        return subprocess.call([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT)
    return subprocess.call([str(python), "-m", "detente", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
