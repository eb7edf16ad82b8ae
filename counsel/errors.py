"""The exceptions a user can cause, each naming the field and the fix, never the value."""

from __future__ import annotations


class CounselError(Exception):
    """Base class for errors reported to the user as one line (exit code in `exit_code`).

    The message is the problem and its fix in the library's words, never a command-line
    option: a front end names the input its own way. `what` says which input the message is
    about ("out", "sheet", "example"; the CLI puts its option in front: `--out: ...`), and
    `fix_with` an input whose use is the fix ("resume"; the CLI names its option after the
    message). Both may be left empty."""

    exit_code = 2
    what = ""
    fix_with = ""

    def __init__(self, *args: object, what: str = "", fix_with: str = "") -> None:
        super().__init__(*args)
        if what:
            self.what = what
        if fix_with:
            self.fix_with = fix_with


class UsageError(CounselError):
    """A command-line argument or input file is wrong; the message names it and the fix."""


class NotFoundError(CounselError):
    """Something asked for does not exist (exit 1): a section not in force on a date, etc."""

    exit_code = 1
