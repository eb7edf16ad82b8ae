"""Loading an answers file for a command: interview id, matching file, office profile."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.interviewer import Interview
    from counsel.office import Office


def load_case(
    command: str, interview_id: str, answers: Path, office_path: Path | None
) -> tuple[Interview, dict[str, Any], Office]:
    """The interview, the file's raw answers and the office, or a UsageError naming the fix.

    The answers file names its interview (`interview = "..."`); a file for another interview
    is refused with the command that would take it.
    """
    from counsel.interviewer import interview_ids, load_answers_file, load_interview
    from counsel.office import load_office

    if interview_id not in interview_ids():
        raise UsageError(
            f"INTERVIEW: no interview '{interview_id}' (one of: {', '.join(interview_ids())})"
        )
    file_interview, raw = load_answers_file(answers)
    if file_interview != interview_id:
        raise UsageError(
            f"--answers: the file answers interview '{file_interview}', not "
            f"'{interview_id}'; run: counsel {command} {file_interview} --answers {answers}"
        )
    return load_interview(interview_id), dict(raw), load_office(office_path)
