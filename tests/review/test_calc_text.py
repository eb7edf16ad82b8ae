"""`counsel calc prior-period` says its counts as a reader says them: "1 month + 1 day", as the
documents and `check` do ("1 month and 1 day"), never "1 months" or "1 days"."""

from __future__ import annotations

import pytest

from counsel.cli import main


def test_one_month_and_one_day_are_singular(capsys: pytest.CaptureFixture[str]) -> None:
    # January 31 to February 29, 2024: one whole month (to February 28) and one day left over.
    assert main(["calc", "prior-period", "--segment", "2024-01-31:2024-02-29:1320"]) == 0
    out = capsys.readouterr().out
    assert "1 month + 1 day x $1,320.00/month = $1,363.40" in out
    assert "1 months" not in out and "1 days" not in out


def test_plural_counts_stay_plural(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", "prior-period", "--segment", "2025-03-01:2026-12-31:1200"]) == 0
    assert "22 months + 0 days x $1,200.00/month = $26,400.00" in capsys.readouterr().out
