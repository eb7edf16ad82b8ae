"""Register rows and provenance sidecars are built in one module, counsel/case/record.py;
every front end reaches them through counsel.case (read from the source, so a new copy in a
front end fails here)."""

from __future__ import annotations

import ast
from pathlib import Path

import counsel

PACKAGE = Path(counsel.__file__).resolve().parent
RECORD = PACKAGE / "case" / "record.py"


def _sources() -> dict[Path, ast.AST]:
    return {p: ast.parse(p.read_text("utf-8")) for p in PACKAGE.rglob("*.py")}


def _called(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _called(n) == name]


def _where(found: dict[Path, int]) -> set[str]:
    return {str(p.relative_to(PACKAGE)) for p, n in found.items() if n}


def test_register_rows_are_built_only_in_case_record() -> None:
    sources = _sources()
    # An IssuedFile is made from a written file only in record.py; the register's storage
    # (counsel/register/) makes them too, reading rows back from its database.
    made = {p: len(_calls(t, "IssuedFile")) for p, t in sources.items()}
    outside_storage = {w for w in _where(made) if not w.startswith("register/")}
    assert outside_storage == {"case/record.py"}
    # Only record.py appends a row (Register.record takes the row's fields by keyword).
    rows = {
        p: sum(any(k.arg == "interview" for k in c.keywords) for c in _calls(t, "record"))
        for p, t in sources.items()
    }
    assert _where(rows) == {"case/record.py"}


def test_provenance_sidecars_are_built_only_in_case_record() -> None:
    sources = _sources()
    defined = {
        p
        for p, t in sources.items()
        for n in ast.walk(t)
        if isinstance(n, ast.FunctionDef) and n.name == "sidecar"
    }
    assert defined == {RECORD}
    called = {p: len(_calls(t, "sidecar")) for p, t in sources.items()}
    assert _where(called) == {"case/issue.py"}


def test_the_front_ends_call_the_one_road() -> None:
    sources = _sources()
    for front in ("commands/render.py", "tui/screens/render.py", "batch/worker.py"):
        tree = sources[PACKAGE / front]
        assert _calls(tree, "prepare") and _calls(tree, "issue"), front
    for front in ("register/verify.py", "authoring/preview.py"):
        assert _calls(sources[PACKAGE / front], "prepare"), front
