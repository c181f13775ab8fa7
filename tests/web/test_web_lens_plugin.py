"""The web tests' lens plugin is registered for their modules only, and leaves no trace."""

from __future__ import annotations

from pathlib import Path

import web_lensplugin as lensplugin

from detente.lens import available_lenses


def test_the_test_lenses_are_registered_inside_web_tests(test_lenses: Path) -> None:
    assert {"testcount", "testnever", "testdesigns"} <= set(available_lenses())


def test_deactivating_unregisters_them(tmp_path: Path) -> None:
    directory = lensplugin.install(tmp_path / "more")
    lensplugin.activate(directory)
    lensplugin.deactivate(directory)
    assert str(directory) not in __import__("sys").path
    available_lenses.cache_clear()
    try:
        # the module's own registration (test_lenses) is still there; the second copy is gone
        assert "testcount" in available_lenses()
    finally:
        available_lenses.cache_clear()
