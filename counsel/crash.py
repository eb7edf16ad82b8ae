"""A bug reported in one line, never its message: what the CLI and the TUI print on a crash."""

from __future__ import annotations

from pathlib import Path

DEBUG_ENV = "COUNSEL_DEBUG"
"""Set (to anything) to see the full traceback instead (it may quote private data)."""
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h)


def internal_error_message(exc: BaseException) -> str:
    """One line naming the exception class and the innermost counsel frame, never its text."""
    import traceback

    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if "/counsel/" in frame.filename.replace("\\", "/"):
            where = f" at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"
    return (
        f"counsel: internal error: {exc.__class__.__name__}{where}. The details are not shown "
        f"because they may hold private data; run again with {DEBUG_ENV}=1 to see them, and "
        "report the bug without the private values"
    )
