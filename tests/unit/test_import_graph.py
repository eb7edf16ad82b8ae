"""The import graph, walked from the source (function-level imports included): the command
line opens the TUI, and nothing in the TUI imports the command line back."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import counsel

PACKAGE = Path(counsel.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str) -> Iterator[str]:
    """Every counsel module `module` imports when it runs (not under `if TYPE_CHECKING`)."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{a.name}" for a in node.names)
        stack.extend(ast.iter_child_nodes(node))


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        targets = set()
        for imported in _imports(tree, name):
            # Importing a.b.c runs a, a.b and a.b.c: each is an edge.
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                candidate = ".".join(parts[:i])
                if candidate in MODULES and candidate != name:
                    targets.add(candidate)
        graph[name] = targets
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> dict[str, str]:
    """Modules reachable from `start`, each with the module it was reached from."""
    seen = {start: ""}
    todo = [start]
    while todo:
        here = todo.pop()
        for there in graph[here]:
            if there not in seen:
                seen[there] = here
                todo.append(there)
    return seen


def _path(seen: dict[str, str], end: str) -> str:
    chain = [end]
    while seen[chain[-1]]:
        chain.append(seen[chain[-1]])
    return " -> ".join(reversed(chain))


def test_the_walker_sees_function_level_imports() -> None:
    # counsel.cli imports the TUI only inside the command that opens it.
    assert "counsel.tui.app" in _reachable(_graph(), "counsel.cli")


def test_no_tui_module_imports_the_command_line() -> None:
    graph = _graph()
    tui = sorted(m for m in graph if m == "counsel.tui" or m.startswith("counsel.tui."))
    assert len(tui) > 10
    for module in tui:
        seen = _reachable(graph, module)
        assert "counsel.cli" not in seen, f"circle cli <-> tui: {_path(seen, 'counsel.cli')}"
        commands = sorted(m for m in seen if m.startswith("counsel.commands"))
        assert not commands, f"the TUI reaches a command module: {_path(seen, commands[0])}"


def test_library_code_never_imports_the_command_line() -> None:
    """Only the command line (cli, commands, __main__) may import the command line: the library
    raises errors that carry the problem, and the command line adds its flags."""
    graph = _graph()
    front = ("counsel.cli", "counsel.commands", "counsel.__main__")
    library = sorted(m for m in graph if not m.startswith(front) and m != "counsel")
    assert "counsel.authoring.statutes_check" in library
    for module in library:
        reached = sorted(m for m in graph[module] if m.startswith(front))
        assert not reached, f"{module} imports the command line ({reached[0]})"
