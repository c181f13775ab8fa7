"""A tiny lens package installed for the web tests only (via a dist-info on sys.path).

The web app discovers lenses through entry points, in the server and in job processes alike,
so the test lens is registered the same way a real lens is: a module plus an
``entry_points.txt`` in a ``*.dist-info`` directory on the path.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

MODULE = '''
"""Test lenses for detente's web tests."""
import re
import time


class CountLens:
    """Counts the scenario's actors and sources; 'sleep=N' / 'fail!' in the description."""

    name = "testcount"
    title = "Actor count (test lens)"

    def applies(self, scenario):
        return True

    def run(self, scenario, rng=None):
        match = re.search(r"sleep=([0-9.]+)", scenario.description)
        if match:
            time.sleep(float(match.group(1)))
        if "fail!" in scenario.description:
            raise ValueError(scenario.description.split("fail!", 1)[1].strip())
        draw = float(rng.random()) if rng is not None else 0.0
        return {"actors": len(scenario.actors), "sources": len(scenario.sources),
                "names": [a.name for a in scenario.actors], "draw": draw}

    def summary(self, result):
        return {"actors": float(result["actors"]), "sources": float(result["sources"])}

    def to_json(self, result):
        return dict(result)


class DesignLens:
    """Answers about each actor as ``<measure>.<actor id>`` (applies with 'designs!')."""

    name = "testdesigns"
    title = "Per-actor answers (test lens)"

    def applies(self, scenario):
        return "designs!" in scenario.description

    def run(self, scenario, rng=None):
        return {a.id: a.name for a in scenario.actors}

    def summary(self, result):
        out = {}
        for ident, name in result.items():
            out[f"name_length.{ident}"] = float(len(name))
            out[f"vowels.{ident}"] = float(sum(c in "aeiouAEIOU" for c in name))
        return out

    def to_json(self, result):
        return dict(result)


class NeverLens:
    """A lens that applies to no scenario (to test 'not applicable')."""

    name = "testnever"
    title = "Never applies (test lens)"

    def applies(self, scenario):
        return False

    def run(self, scenario, rng=None):
        raise AssertionError("never run")

    def summary(self, result):
        return {}

    def to_json(self, result):
        return {}
'''


def install(directory: Path) -> Path:
    """Write the test lens package into ``directory`` and return it (add it to the path)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "detente_testlenses.py").write_text(textwrap.dedent(MODULE))
    info = directory / "detente_testlenses-0.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: detente-testlenses\nVersion: 0.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[detente.lenses]\n"
        "testcount = detente_testlenses:CountLens\n"
        "testnever = detente_testlenses:NeverLens\n"
        "testdesigns = detente_testlenses:DesignLens\n"
    )
    return directory


def activate(directory: Path) -> None:
    """Put the test lens package on the import path (entry points are read from it)."""
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))
    importlib.invalidate_caches()


def deactivate(directory: Path) -> None:
    """Undo :func:`activate`: the test lenses are no longer found by entry-point discovery."""
    while str(directory) in sys.path:
        sys.path.remove(str(directory))
    sys.modules.pop("detente_testlenses", None)
    importlib.invalidate_caches()
