"""The CLI front end: dispatch, one-line errors, quiet exit on a closed pipe."""

from __future__ import annotations

import subprocess
import sys


def test_closed_pipe_exits_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m counsel statutes list | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in proc.stderr
    assert proc.stdout


def test_unknown_command_is_one_line_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "counsel", "nonsense"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("counsel: error:")
    assert len(proc.stderr.strip().splitlines()) == 1
