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


def read_text(path: Path, *, what: str, limit: int = MAX_INPUT_BYTES) -> str:
    """The file's text, or a UsageError naming `what` (the argument) and the fix.

    Reads at most `limit` + 1 bytes, so an endless device or a huge file is refused
    without being read whole. A UTF-8 byte order mark (Windows Notepad writes one) is
    dropped.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise UsageError(f"{what}: no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{what}: {path} is a folder; give the file") from None
    except ValueError:  # a NUL byte in the path
        raise UsageError(f"{what}: not a usable file name; check the path") from None
    except OSError as exc:
        raise UsageError(
            f"{what}: cannot read {path} ({exc.strerror or exc.__class__.__name__})"
        ) from None
    if len(data) > limit:
        raise UsageError(
            f"{what}: {path} is larger than {limit // 1024} KiB; such a file is a few "
            "kilobytes: check that this is the right file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{what}: {path} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def parse_toml(
    text: str, *, where: str, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """TOML text as a dict, or a UsageError saying where and why (never a value)."""
    try:
        return tomllib.loads(text, parse_float=parse_float)
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names a line and column, never the file's values.
        raise UsageError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a file of thousands
        # of `[` exhausts the stack. No answer is nested more than two levels.
        raise UsageError(
            f"{where}: arrays or tables nested too deeply (no answer nests more than two "
            "levels); check the file"
        ) from None


def load_toml(
    path: Path, *, what: str, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """`read_text` then `parse_toml`: the file's TOML, every failure a UsageError."""
    return parse_toml(read_text(path, what=what), where=str(path), parse_float=parse_float)
