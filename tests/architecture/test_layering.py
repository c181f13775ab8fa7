"""Layering is one-way: scenario <- lens engines <- deals <- uncertainty <- analysis <- presenters.

docs/architecture.md: the scenario package is the model and file format and depends on no
lens; lens engines never know about the uncertainty layer, the public analysis facade
(:mod:`detente.analysis`), the CLI, reports, the web app or the store.
This test reads every module's imports (top-level and function-level) and fails on an import
that points up the stack.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import detente

ROOT = Path(detente.__file__).parent
LENSES = ("conflict", "bargaining", "deterrence", "ratification")
PRESENTERS = ("cli", "report", "web", "store")

FACADE = "analysis"
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "scenario": (*LENSES, "deals", "uncertainty", FACADE, *PRESENTERS, "lens"),
    **dict.fromkeys(LENSES, ("deals", "uncertainty", FACADE, *PRESENTERS)),
    # deals composes the lenses' public engines; the lenses never import it
    "deals": ("uncertainty", FACADE, *PRESENTERS),
    "uncertainty": (FACADE, *PRESENTERS),
    FACADE: PRESENTERS,
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(package: str) -> list[Path]:
    if (ROOT / f"{package}.py").is_file():
        return [ROOT / f"{package}.py"]
    return sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []


CASES = [
    pytest.param(package, path, id=str(path.relative_to(ROOT)))
    for package in FORBIDDEN
    for path in _modules(package)
]


def test_every_layer_has_modules() -> None:
    assert _modules("scenario") and _modules("conflict") and _modules(FACADE)


def test_importing_the_package_imports_no_layer() -> None:
    """``import detente`` stays quick: its public names are imported on first use."""
    import subprocess
    import sys

    code = "import sys, detente; print(sorted(m for m in sys.modules if m.startswith('detente')))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "['detente', 'detente._exports']"


@pytest.mark.parametrize(("package", "path"), CASES)
def test_module_imports_only_lower_layers(package: str, path: Path) -> None:
    bad = sorted(
        name
        for name in _imports(path)
        for upper in FORBIDDEN[package]
        if name == f"detente.{upper}" or name.startswith(f"detente.{upper}.")
    )
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}, which sit above {package}"
