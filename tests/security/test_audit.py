"""The dependency audit fails on an advisory and says so when nothing could be audited."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_tool", ROOT / "tools" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_known_advisory_fails() -> None:
    report = {
        "dependencies": [
            {
                "name": "jinja2",
                "version": "3.1.5",
                "vulns": [{"id": "GHSA-cpwx-vrp4-4pq7", "fix_versions": ["3.1.6"]}],
            },
            {"name": "rich", "version": "13.0", "vulns": []},
        ]
    }
    code, message = _audit().evaluate(report)
    assert code == 1
    assert "jinja2 3.1.5" in message and "GHSA-cpwx-vrp4-4pq7" in message and "3.1.6" in message


def test_all_skipped_means_unreachable_not_clean() -> None:
    report = {"dependencies": [{"name": "rich", "skip_reason": "Dependency not found on PyPI"}]}
    code, message = _audit().evaluate(report)
    assert code == 0
    assert "NOT audited" in message


def test_clean_audit_passes_and_counts() -> None:
    report = {
        "dependencies": [
            {"name": "rich", "version": "13.0", "vulns": []},
            {"name": "x", "skip_reason": "not on PyPI"},
        ]
    }
    code, message = _audit().evaluate(report)
    assert code == 0
    assert "1 dependencies audited" in message and "1 could not be audited" in message
