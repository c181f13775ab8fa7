#!/usr/bin/env python3
"""Rewrite tests/golden/data/*.json from the current code (review the diff before committing).

.venv/bin/python scripts/regenerate_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from golden.golden import DIRECTORY, analyses, path_of


def main() -> int:
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    current = analyses()
    for stale in {p.stem for p in DIRECTORY.glob("*.json")} - set(current):
        path_of(stale).unlink()
        print(f"removed {stale}.json")
    for key, document in sorted(current.items()):
        path_of(key).write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
        print(f"wrote {key}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
