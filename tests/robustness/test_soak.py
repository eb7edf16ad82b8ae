"""A small soak in the suite (tools/soak.py, a few kills): batches killed at random moments
(the main process alone and the whole group) and resumed lose, double, orphan and touch
nothing; the terminal UI killed while typing loses no confirmed answer. The full soak (200
kills of each) is run by hand; its counts are in SECURITY.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security import tally

ROOT = Path(__file__).resolve().parents[2]


def _soak(*args: str) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "soak.py"), *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report: dict[str, dict[str, object]] = json.loads(done.stdout)
    assert done.returncode == 0, report
    return report


@pytest.mark.slow
def test_small_batch_soak() -> None:
    report = _soak("batch", "--kills", "2", "--rows", "3", "--max-delay", "6", "--seed", "7")
    batch = report["batch"]
    tally.attack(int(batch["kills_main"]) + int(batch["kills_group"]))  # type: ignore[call-overload]
    assert batch["kills_main"] == 1 and batch["kills_group"] == 1
    assert batch["failures"] == 0 and batch["problems"] == []
    assert int(batch["chains_checked"]) >= 1  # type: ignore[call-overload]


@pytest.mark.slow
def test_small_tui_soak() -> None:
    report = _soak("tui", "--kills", "2", "--seed", "7")
    tui = report["tui"]
    tally.attack(int(tui["kills"]))  # type: ignore[call-overload]
    assert tui["kills"] == 2 and tui["failures"] == 0 and tui["problems"] == []
