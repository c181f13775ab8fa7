#!/usr/bin/env python3
"""Rewrite tests/golden/data/*.json from the current code (review the diff before committing).

.venv/bin/python scripts/regenerate_golden.py

Each analysis gets its numbers file and, when it has prose, its explanations file (see
tests/golden/golden.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from golden.golden import DIRECTORY, analyses, golden_files, path_of


def main() -> int:
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    current = golden_files(analyses())
    for stale in {p.stem for p in DIRECTORY.glob("*.json")} - set(current):
        path_of(stale).unlink()
        print(f"removed {stale}.json")
    for stem, content in sorted(current.items()):
        text = json.dumps(content, indent=1, sort_keys=True) + "\n"
        path_of(stem).write_text(text, encoding="utf-8")
        print(f"wrote {stem}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
