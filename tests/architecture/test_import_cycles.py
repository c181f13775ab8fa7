"""No two modules of detente import each other, directly or round a longer loop.

Counted are all imports of detente modules, at the top of a module and inside functions (a
function-level import that closes a loop is still a loop: it only moves the failure to the
first call). Imports under ``if TYPE_CHECKING:`` are not executed and do not count; neither does
Python importing a package's ``__init__`` before a submodule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import detente

ROOT = Path(detente.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, known: set[str]) -> set[str]:
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if target in known:
                    found.add(target)
                elif node.module in known:
                    found.add(node.module)
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> nx.DiGraph:
    """Module -> the detente modules it imports."""
    paths = {_module_name(p): p for p in ROOT.rglob("*.py")}
    known = set(paths)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph.add_edges_from((name, target) for target in _imports(tree, known) if target != name)
    return graph


def test_the_graph_sees_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("detente.cli.app", "detente.errors")
    assert graph.has_edge("detente.analysis", "detente.uncertainty.runner")


def test_no_import_cycles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert not cycles, f"modules that import each other: {cycles}"
