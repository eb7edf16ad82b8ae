"""An interview in progress: raw answers, validation, findings, and a draft saved per answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counsel import drafts
from counsel.office import Office
from counsel.tui import questions


@dataclass(frozen=True)
class SectionStatus:
    """How far a section is answered: questions done out of those shown."""

    done: int
    total: int
    errors: int

    @property
    def complete(self) -> bool:
        return self.done == self.total and not self.errors

    def badge(self) -> str:
        if self.total == 0:
            return "n/a"
        if self.errors:
            return "!"
        return "ok" if self.complete else f"{self.done}/{self.total}"


def field_matches(field: str, question_id: str) -> bool:
    """True when an engine error field names this question or one of its list rows."""
    return field == question_id or field.startswith((f"{question_id}[", f"{question_id}."))


class InterviewSession:
    """The UI's model of one interview: every confirmed answer is saved before it returns.

    Findings are recomputed from the answers every time (DESIGN.md: nothing derived is
    stored); the draft holds only what the user typed.
    """

    def __init__(
        self,
        interview: Any,
        draft: drafts.Draft,
        office: Office,
        today: dt.date,
        folder: Path | None = None,
        on_saved: Callable[[drafts.Draft], None] | None = None,
    ) -> None:
        self.interview = interview
        self.draft = draft
        self.office = office
        self.today = today
        self.folder = folder
        self.on_saved = on_saved
        self._result: Any = None

    # -- answers ----------------------------------------------------------------------------

    @property
    def raw(self) -> Mapping[str, Any]:
        return self.draft.answers

    def confirm(self, question_id: str, value: Any) -> list[str]:
        """Record an answer (None or "" clears it), save the draft, return its error messages.

        An answer with an error is kept too: the draft loses nothing the user typed, and
        the message tells them what to fix.
        """
        if value == "" or value == []:
            value = None
        self.draft = self.draft.with_answer(question_id, value)
        self._result = None
        drafts.save_draft(self.draft, self.folder)
        if self.on_saved is not None:
            self.on_saved(self.draft)
        return self.errors_for(question_id)

    def at_section(self, section_id: str) -> None:
        if self.draft.section != section_id:
            self.draft = self.draft.at_section(section_id)
            # An interview opened and left without an answer leaves no empty draft behind.
            if self.raw:
                drafts.save_draft(self.draft, self.folder)

    @property
    def result(self) -> Any:
        """The engine's ValidationResult for the raw answers (cached until the next answer)."""
        if self._result is None:
            self._result = self.interview.validate(dict(self.raw), self.office)
        return self._result

    def check(self, question_id: str, value: Any) -> str | None:
        """The engine's message for one answer on its own (as typed), or None if it parses."""
        if value is None or value == "":
            return None
        try:
            _, problem = self.interview.validate_answer(question_id, value)
        except (AttributeError, KeyError):
            return None
        return None if problem is None else str(problem)

    def check_row(self, question_id: str, rows: list[dict[str, Any]], index: int) -> dict[str, str]:
        """Field id -> message for row `index` of a list answer, as the engine sees it with
        every other answer (a row field's show_if may look at them)."""
        raw = dict(self.raw)
        raw[question_id] = rows
        result = self.interview.validate(raw, self.office)
        prefix = f"{question_id}[{index + 1}]."
        return {
            str(e.field).removeprefix(prefix): str(e.message)
            for e in result.errors
            if str(e.field).startswith(prefix)
        }

    def errors_for(self, question_id: str, *, only_answered: bool = True) -> list[str]:
        """Messages for one question; unanswered ones stay quiet until the review."""
        if only_answered and question_id not in self.raw:
            return []
        return [
            str(e.message) for e in self.result.errors if field_matches(str(e.field), question_id)
        ]

    # -- structure --------------------------------------------------------------------------

    @property
    def sections(self) -> list[Any]:
        return list(self.interview.sections)

    def visible_ids(self) -> set[str]:
        return {str(q.id) for q in self.interview.visible(self.result.answers)}

    def visible_questions(self, section: Any) -> list[Any]:
        shown = self.visible_ids()
        return [q for q in section.questions if str(q.id) in shown]

    def status(self, section: Any) -> SectionStatus:
        shown = self.visible_questions(section)
        done = errors = 0
        for q in shown:
            qid = str(q.id)
            errs = self.errors_for(qid, only_answered=False)
            if errs and qid in self.raw:
                errors += 1
            elif not errs and (qid in self.result.answers or not questions.required(q)):
                done += 1
        return SectionStatus(done, len(shown), errors)

    def section_index(self, section_id: str) -> int:
        for i, s in enumerate(self.sections):
            if str(s.id) == section_id:
                return i
        return 0

    def section_of(self, question_id: str) -> int:
        for i, s in enumerate(self.sections):
            if any(str(q.id) == question_id for q in s.questions):
                return i
        return 0

    # -- dates and findings -----------------------------------------------------------------

    @property
    def case_date(self) -> dt.date:
        """The document date if answered and valid, else today: the law's 'as of' date."""
        value = self.result.answers.get("document_date")
        return value if isinstance(value, dt.date) else self.today

    def findings(self) -> tuple[dict[str, Any], str | None]:
        """(findings, problem): the engine's findings, or why they cannot be computed yet."""
        try:
            found = self.interview.findings(self.result.answers, self.office, self.case_date)
        except Exception as exc:  # incomplete answers: the panel explains, the app carries on
            return {}, f"{type(exc).__name__}: {exc}"
        return dict(found), None
