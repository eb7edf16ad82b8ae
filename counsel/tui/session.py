"""An interview in progress: raw answers, validation, findings, and a draft saved per answer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counsel import drafts
from counsel.office import Office
from counsel.tui import questions


@dataclass(frozen=True)
class SectionStatus:
    """How far a section is answered: questions answered out of those shown, and whether
    every required one is (an optional blank is not "done", but does not hold it back)."""

    done: int
    total: int
    errors: int
    missing: int = 0
    """Required questions shown and not answered."""
    refused: bool = False
    """An answer here makes a finding refuse the documents (a lien that may not be imposed)."""

    @property
    def complete(self) -> bool:
        return self.missing == 0 and not self.errors and not self.refused

    def badge(self) -> str:
        if self.total == 0:
            return "n/a"
        if self.errors:
            return "!"
        if self.refused:
            return "no"
        return "ok" if self.complete else f"{self.done}/{self.total}"


RULE_138_LAST4 = (
    "only the last four digits are kept (Ill. S. Ct. R. 138): the full number was not "
    "saved; type its last four digits"
)


def must_not_keep(q: Any, value: Any) -> str | None:
    """Why a value may not be stored at all, or None. A last-four field holding more than
    four digits holds the full number, which Rule 138 keeps out of every file, drafts too."""
    if getattr(q, "format", "") == "last4" and isinstance(value, str):
        if len(re.sub(r"\D", "", value)) > 4:
            return RULE_138_LAST4
    return None


def scrub(interview: Any, answers: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`answers` without any value Rule 138 forbids keeping, and the ids of those removed."""
    out = dict(answers)
    removed: list[str] = []
    for q in interview.questions:
        qid = str(q.id)
        value = out.get(qid)
        if questions.kind(q) == "list" and isinstance(value, list):
            rows = []
            for n, row in enumerate(value, start=1):
                if isinstance(row, dict):
                    row = dict(row)
                    for f in questions.fields(q):
                        if must_not_keep(f, row.get(str(f.id))):
                            del row[str(f.id)]
                            removed.append(f"{qid}[{n}].{f.id}")
                rows.append(row)
            out[qid] = rows
        elif must_not_keep(q, value):
            del out[qid]
            removed.append(qid)
    return out, removed


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
        self.refused: list[str] = []
        """Answer fields whose value was not kept (Rule 138) by the last confirm."""
        kept, removed = scrub(interview, draft.answers)
        if removed:
            # A draft written before this check: rewrite it, and its kept previous version,
            # without the number (saved twice, so `.prev` is the clean copy too).
            self.draft = drafts.Draft(
                draft.id,
                draft.interview_id,
                kept,
                draft.section,
                draft.created,
                draft.updated,
                draft.asked,
                draft.view,
            )
            drafts.save_draft(self.draft, folder)
            drafts.save_draft(self.draft, folder)

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
        kept, removed = scrub(self.interview, {question_id: value})
        self.refused = removed
        value = kept.get(question_id)
        self.draft = self.draft.with_answer(question_id, value)
        self._result = None
        self.save()
        if removed:
            return [RULE_138_LAST4, *self.errors_for(question_id)]
        return self.errors_for(question_id)

    def mark_asked(self, key: str, asked: bool = True, *, save: bool = True) -> None:
        """Record a conversation step as confirmed (a blank or a "no" leaves no answer)."""
        self.draft = self.draft.with_asked(key, asked)
        if save:
            self.save()

    def save(self) -> None:
        drafts.save_draft(self.draft, self.folder)
        if self.on_saved is not None:
            self.on_saved(self.draft)

    def errors_by_field(self) -> dict[str, str]:
        """The engine's first message for each field (`children[2].birth_date` form)."""
        out: dict[str, str] = {}
        for e in self.result.errors:
            out.setdefault(str(e.field), str(e.message))
        return out

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
        done = errors = missing = 0
        for q in shown:
            qid = str(q.id)
            errs = self.errors_for(qid, only_answered=False)
            answered = self.raw.get(qid) not in (None, "", [])
            if errs and answered:
                errors += 1
            elif errs:
                missing += 1
            elif answered:
                done += 1
        refused = str(section.id) in self.refusing_sections()
        return SectionStatus(done, len(shown), errors, missing, refused)

    def refusing_sections(self) -> set[str]:
        """Sections holding the last answer a refusing finding reads (a refused lien marks
        the section where the account type or target was given, not every section)."""
        from counsel.tui.widgets.findings_panel import refused

        cached = getattr(self, "_refusing", None)
        if cached is not None and cached[0] is self.result:
            return set(cached[1])
        found, _ = self.findings()
        names = refused(found)
        out: set[str] = set()
        if not names:
            self._refusing = (self.result, frozenset(out))
            return out
        for name in names:
            last = ""
            for q in self.interview.visible(self.raw):
                qid = str(q.id)
                if self.raw.get(qid) in (None, "", []):
                    continue
                raw = {k: v for k, v in self.raw.items() if k != qid}
                typed = self.interview.validate(raw, self.office).answers
                try:
                    without = self.interview.findings(typed, self.office, self.case_date)
                except Exception:
                    without = {}
                f = without.get(name)
                if f is None or getattr(f, "value", None) is not False:
                    last = str(q.section)
            if last:
                out.add(last)
        self._refusing = (self.result, frozenset(out))
        return out

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
        """The document date if answered and valid, else today: the law's 'as of' date (the
        one rule every front end uses, counsel.case.as_of_date)."""
        from counsel.case import as_of_date

        return as_of_date(self.result.answers, today=self.today)

    def findings(self) -> tuple[dict[str, Any], str | None]:
        """(findings, problem): the engine's findings, or why they cannot be computed yet."""
        try:
            found = self.interview.findings(self.result.answers, self.office, self.case_date)
        except Exception as exc:  # incomplete answers: the panel explains, the app carries on
            return {}, f"{type(exc).__name__}: {exc}"
        return dict(found), None
