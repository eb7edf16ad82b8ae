"""counsel.rules stays pure: no file, network or UI imports, and no heavy libraries loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import resources

FORBIDDEN_IMPORTS = {
    "os",
    "io",
    "pathlib",
    "shutil",
    "socket",
    "sqlite3",
    "subprocess",
    "jinja2",
    "textual",
    "weasyprint",
    "docx",
    "openpyxl",
    "tomllib",
}
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec"}


def _rule_sources() -> list[tuple[str, ast.Module]]:
    root = resources.files("counsel.rules")
    return [
        (entry.name, ast.parse(entry.read_text("utf-8")))
        for entry in sorted(root.iterdir(), key=lambda p: p.name)
        if entry.name.endswith(".py")
    ]


def test_rules_import_nothing_that_does_io_or_renders() -> None:
    sources = _rule_sources()
    assert len(sources) >= 10
    for name, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                roots = set()
            line = getattr(node, "lineno", 0)
            assert not roots & FORBIDDEN_IMPORTS, f"{name}:{line} imports {roots}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{name}:{line}"


def test_importing_every_rule_loads_no_heavy_library() -> None:
    code = (
        "import sys, pkgutil, importlib, counsel.rules as r\n"
        "for m in pkgutil.iter_modules(r.__path__):\n"
        "    importlib.import_module('counsel.rules.' + m.name)\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    for heavy in ("textual", "jinja2", "weasyprint", "docx", "openpyxl", "holidays"):
        assert heavy not in loaded, heavy
