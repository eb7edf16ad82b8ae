"""The exceptions a user can cause, each naming the field and the fix, never the value."""

from __future__ import annotations


class CounselError(Exception):
    """Base class for errors reported to the user as one line (exit code in `exit_code`)."""

    exit_code = 2


class UsageError(CounselError):
    """A command-line argument or input file is wrong; the message names it and the fix."""


class NotFoundError(CounselError):
    """Something asked for does not exist (exit 1): a section not in force on a date, etc."""

    exit_code = 1
