from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import web_lensplugin as lensplugin

from detente.lens import available_lenses
from detente.store import Store, open_store

SCENARIO = """\
format: detente/1
id: demo
title: Demo talks
description: A two-party test scenario.
as_of: 2025-12-01
actors:
  - id: alpha
    name: Alpha
  - id: beta
    name: Beta
"""


@pytest.fixture(scope="module", autouse=True)
def test_lenses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Register the test lenses for one web test module (here and, through PYTHONPATH, in job
    processes), and unregister them after it: they must not reach tests outside tests/web,
    which an xdist worker may run next (a session-scoped fixture leaked them into the golden
    files and the conformance suite)."""
    directory = lensplugin.install(tmp_path_factory.mktemp("lenses"))
    lensplugin.activate(directory)
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(directory), previous]))
    available_lenses.cache_clear()
    yield directory
    if previous is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = previous
    lensplugin.deactivate(directory)
    available_lenses.cache_clear()


@pytest.fixture
def scenario_text() -> str:
    return SCENARIO


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'detente.db'}")
    yield opened
    opened.close()
