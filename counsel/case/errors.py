"""What can stop a case on its road, each carrying the problem (a front end adds its words)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.interviewer import FieldError


class AnswersInvalid(UsageError):
    """The answers do not validate; `errors` lists every field error. Nothing was written.

    The CLI prefixes the message with `--answers:`, batch reports `errors` by column, the
    TUI marks each field.
    """

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = tuple(errors)
        lines = [f"{len(self.errors)} problem(s); nothing was written"]
        lines += [f"  {e}" for e in self.errors]
        super().__init__("\n".join(lines))


class OutputExists(UsageError):
    """Output files already exist and replacing them was not asked for. Nothing was written
    (a file another render created meanwhile is left alone too). The CLI adds `--force`."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        super().__init__(
            "these files exist and were left alone (nothing was written): "
            + ", ".join(str(p) for p in self.paths)
        )


class OutputClash(UsageError):
    """Two files of one case would get the same name (a naming function that merges them)."""


class UnknownFormat(UsageError):
    """A format that is not pdf, docx or both. The CLI adds `--format`."""


class NothingToIssue(UsageError):
    """The answers produce no document (every document's `when` is false)."""
