"""The CLI front end: dispatch, one-line errors, quiet exit on a closed pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counsel import cli


def test_closed_pipe_exits_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sink = (tmp_path / "out").open("w")

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return sink.fileno()

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["statutes", "list"]) == 141
    sink.close()


def test_unknown_command_is_one_line_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "counsel", "nonsense"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("counsel: error:")
    assert len(proc.stderr.strip().splitlines()) == 1
