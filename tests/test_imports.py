"""No import cycles among the modules of checker/, rules/ and reports/.

A cycle of module-level imports works or breaks depending on which module is imported first.
Imports inside functions do not break, but a cycle through them is still a tangle (`checker.cli`
and the viewer had one: each imported the other inside a function), so both are checked.
Imports under TYPE_CHECKING never run and are not followed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# rules/ and reports/ are installed inside the checker namespace (pyproject.toml)
PACKAGES = {"checker": ROOT / "checker", "checker.rules": ROOT / "rules", "checker.reports": ROOT / "reports"}


def modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for name, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([name, *parts])] = path
    return out


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports_in(body: list[ast.stmt], lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (module level, also inside try/if/with),
    and with `lazy` also those inside functions and classes."""
    out: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node):
                out.extend(_imports_in(node.body, lazy))
            out.extend(_imports_in(node.orelse, lazy))
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                out.extend(_imports_in(block, lazy))
        elif isinstance(node, ast.With | ast.For | ast.While) or (lazy and isinstance(node, _DEFINITIONS)):
            out.extend(_imports_in(node.body, lazy))
    return out


def imports(name: str, path: Path, known: dict[str, Path], lazy: bool = False) -> set[str]:
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in _imports_in(ast.parse(path.read_text(encoding="utf-8")).body, lazy):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` imports pkg and the module pkg.mod
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        out.update(t for t in targets if t in known and t != name)
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycles() -> None:
    known = modules()
    assert "checker.cli" in known and "checker.rules" in known and "checker.reports.html" in known
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert "checker.core.engine" in graph["checker.cli"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle at module level: " + " -> ".join(cycle or [])


def test_no_import_cycles_through_imports_in_functions() -> None:
    known = modules()
    graph = {name: imports(name, path, known, lazy=True) for name, path in known.items()}
    assert "checker.viewer.command" in graph["checker.cli"]  # imported inside main()
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle (through an import inside a function): " + " -> ".join(cycle or [])
