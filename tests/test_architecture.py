"""Architecture checks that import-linter (.importlinter, run by scripts/test.sh) does not make:

* no import cycle among the modules of estimator/ and ui/, lazy imports (inside functions) included;
  imports under ``if TYPE_CHECKING:`` are left out, since they never run;
* no module over 500 lines, except the allow-listed ones below, which are being split right now.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("estimator", "ui")
MAX_LINES = 500

# Modules allowed over MAX_LINES for now, each with its reason.  An entry under the limit is reported as a skip.
TOO_LONG_BEING_SPLIT: set[str] = set()

# No cycle is allowed (the registry is a plain table that the schemes module reads).
KNOWN_CYCLES: list[list[str]] = []


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the packages."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth (functions, methods, try blocks)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the packages it imports (the most specific module each import names)."""
    files = module_files()
    graph: dict[str, set[str]] = {name: set() for name in files}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(module, path, node)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != module:
                    graph[module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_imports() -> None:
    graph = import_graph()
    # estimator.cli.main imports estimator.law.estimate only inside _cmd_estimate
    assert "estimator.law.estimate" in graph["estimator.cli.main"]
    assert "estimator.cli.schema" in graph["estimator.cli.main"]


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    found = [c for c in cycles(import_graph()) if c not in KNOWN_CYCLES]
    assert not found, "import cycles (lazy imports included): " + "; ".join(" <-> ".join(c) for c in found)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_over_500_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): _lines(path)
        for path in module_files().values()
        if _lines(path) > MAX_LINES and str(path.relative_to(ROOT)) not in TOO_LONG_BEING_SPLIT
    }
    assert not too_long, f"modules over {MAX_LINES} lines (split them): {too_long}"


@pytest.mark.parametrize("name", sorted(TOO_LONG_BEING_SPLIT))
def test_allow_list_is_not_stale(name: str) -> None:
    path = ROOT / name
    if not path.exists() or _lines(path) <= MAX_LINES:
        pytest.skip(f"{name} is gone or under {MAX_LINES} lines now: delete it from TOO_LONG_BEING_SPLIT")
