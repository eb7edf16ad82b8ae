"""Input files a user names (answers, office profile): bounded, UTF-8 with or without BOM, TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counsel.errors import UsageError

MAX_INPUT_BYTES = 1 << 20
"""1 MiB: an answers file or an office profile is a few kilobytes. The bound keeps a wrong
path (`/dev/zero`, a disk image, a log) from filling memory before anything is checked."""


class InputFileError(UsageError):
    """An input file that cannot be read or parsed: the message is the problem (the file and
    why), never a command-line option; `what` says which input it is ("answers", "office"),
    so a front end adds its own words (the CLI its option: --answers, --office, --example)."""

    def __init__(self, message: str, *, what: str) -> None:
        super().__init__(message, what=what)


def read_text(path: Path, *, what: str, limit: int = MAX_INPUT_BYTES) -> str:
    """The file's text, or an InputFileError (`what`: which input) with the fix.

    Reads at most `limit` + 1 bytes, so an endless device or a huge file is refused
    without being read whole. A UTF-8 byte order mark (Windows Notepad writes one) is
    dropped.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputFileError(f"no such file: {path}", what=what) from None
    except IsADirectoryError:
        raise InputFileError(f"{path} is a folder; give the file", what=what) from None
    except ValueError:  # a NUL byte in the path
        raise InputFileError("not a usable file name; check the path", what=what) from None
    except OSError as exc:
        raise InputFileError(
            f"cannot read {path} ({exc.strerror or exc.__class__.__name__})", what=what
        ) from None
    if len(data) > limit:
        raise InputFileError(
            f"{path} is larger than {limit // 1024} KiB; such a file is a few "
            "kilobytes: check that this is the right file",
            what=what,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8", what=what
        ) from None
    return text.removeprefix("\ufeff")


def parse_toml(
    text: str, *, where: str, what: str, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """TOML text as a dict, or an InputFileError saying where and why (never a value)."""
    from counsel.toml_dates import toml_error_message

    try:
        return tomllib.loads(text, parse_float=parse_float)
    except tomllib.TOMLDecodeError as exc:
        # The decoder names a line and column, never the file's values; a date written
        # without quotes that is no real date is named as such (counsel/toml_dates.py).
        raise InputFileError(f"{where}: {toml_error_message(exc, text)}", what=what) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a file of thousands
        # of `[` exhausts the stack. No answer is nested more than two levels.
        raise InputFileError(
            f"{where}: arrays or tables nested too deeply (no answer nests more than two "
            "levels); check the file",
            what=what,
        ) from None


def load_toml(
    path: Path, *, what: str, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """`read_text` then `parse_toml`: the file's TOML, every failure a UsageError."""
    text = read_text(path, what=what)
    return parse_toml(text, where=str(path), what=what, parse_float=parse_float)
