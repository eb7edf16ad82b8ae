"""Only counsel.tui imports Textual; the headless core never pulls in the UI or the PDF writer."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import counsel

HEADLESS = sorted(
    m.name
    for m in pkgutil.walk_packages(counsel.__path__, "counsel.")
    if not m.name.startswith("counsel.tui") and m.name != "counsel.__main__"
)


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_headless_modules_do_not_import_textual() -> None:
    for module in HEADLESS:
        loaded = _modules_after_import(module)
        assert "textual" not in loaded, f"{module} imports textual"


def test_cli_start_does_not_import_heavy_libraries() -> None:
    loaded = _modules_after_import("counsel.cli")
    for heavy in ("textual", "weasyprint", "docx", "jinja2", "openpyxl"):
        assert heavy not in loaded, f"counsel.cli imports {heavy} at start"
