"""The interview model: questions, sections, interviews, field errors and validation results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.rules.findings import Finding

QUESTION_TYPES = ("text", "date", "money", "choice", "bool", "integer", "list")
"""Every answer type; list items use the same types except list."""

TEXT_FORMATS = ("ssn", "last4")
"""Checked text formats: a 9-digit SSN (stored 123-45-6789), the last four digits of a number."""

Condition = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice question."""

    value: str
    """The stored answer (snake_case or a section number)."""
    label: str
    """What the specialist sees."""


@dataclass(frozen=True)
class Question:
    """One question; `fields` holds the columns of a list question."""

    id: str
    """Stable snake_case answer id, shared by every interview that asks it."""
    type: str
    """One of QUESTION_TYPES."""
    label: str
    """The question as the specialist reads it."""
    help: str = ""
    """Why it is asked, naming the statute behind it."""
    citations: tuple[str, ...] = ()
    """Citations behind the question, each resolvable in the statute store."""
    required: bool = True
    """A visible required question must be answered."""
    show_if: str = ""
    """Sandboxed Jinja expression over earlier answers; empty: always shown."""
    choices: tuple[Choice, ...] = ()
    """Allowed values of a choice question."""
    multiline: bool = False
    """Text answers that may span lines (addresses, reasons)."""
    format: str = ""
    """A checked text format (TEXT_FORMATS) or empty."""
    min: Decimal | int | None = None
    """Smallest allowed money or integer answer."""
    max: Decimal | int | None = None
    """Largest allowed money or integer answer."""
    private: bool = False
    """Holds personal data: never logged, never echoed (messages never echo any value)."""
    office_default: str = ""
    """Office profile attribute used when the answer is blank (e.g. county)."""
    not_before: str = ""
    """Date questions: the answer (an earlier question, or an earlier field of the same list
    item) this date may not come before (a notice is mailed on or after its own date)."""
    not_after: str = ""
    """Date questions: the answer this date may not come after (a past-due amount is computed
    as of a day on or before the document's date)."""
    item_prefix: str = ""
    """List questions: singular prefix of numbered batch columns (child -> child_1_name)."""
    fields: tuple[Question, ...] = ()
    """List questions: the item fields."""
    min_items: int = 0
    """List questions: fewest items when the question is required and visible."""
    max_items: int | None = None
    """List questions: most items allowed (None: no limit)."""
    section: str = ""
    """Id of the section the question belongs to ("" for list item fields)."""
    condition: Condition | None = field(default=None, compare=False, repr=False)
    """The compiled show_if expression (compiled once, at load time)."""

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice_label(self, value: str) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label
        return value

    def field_by_id(self, field_id: str) -> Question:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


@dataclass(frozen=True)
class Section:
    """A titled group of questions, optionally shown only when `show_if` holds."""

    id: str
    title: str
    questions: tuple[Question, ...]
    show_if: str = ""
    condition: Condition | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FieldError:
    """A problem with one answer. `field` is the answer id, or `children[2].birth_date`."""

    field: str
    message: str
    """What is wrong and how to fix it; never repeats the value given."""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    @property
    def column(self) -> str:
        """The batch column for this field: children[2].birth_date -> child_2_birth_date."""
        from counsel.interviewer.rows import column_for_path

        return column_for_path(self.field)


@dataclass(frozen=True)
class ValidationResult:
    """Typed answers (every question id present: None or [] when unanswered or hidden)."""

    answers: dict[str, Any]
    errors: tuple[FieldError, ...]
    missing: tuple[str, ...] = ()
    """Ids of visible required questions left unanswered (each also has an error)."""

    @property
    def complete(self) -> bool:
        """Every visible required question answered and every answer valid."""
        return not self.errors

    def error_for(self, field_id: str) -> FieldError | None:
        for e in self.errors:
            if e.field == field_id:
                return e
        return None


@dataclass(frozen=True)
class Interview:
    """A loaded interview: sections of questions, validation, flow and findings."""

    id: str
    title: str
    summary: str
    citations: tuple[str, ...]
    sections: tuple[Section, ...]
    source: str = field(default="", compare=False)
    """Where it was loaded from (for error messages)."""

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def section_of(self, question_id: str) -> Section:
        return self.section(self.question(question_id).section)

    # Flow, validation and findings live in their own modules; these methods are the API.
    def visible(self, answers: Mapping[str, Any]) -> list[Question]:
        from counsel.interviewer.flow import visible

        return visible(self, answers)

    def is_visible(self, question_id: str, answers: Mapping[str, Any]) -> bool:
        return any(q.id == question_id for q in self.visible(answers))

    def next_question(self, answers: Mapping[str, Any], current_id: str | None) -> Question | None:
        from counsel.interviewer.flow import next_question

        return next_question(self, answers, current_id)

    def previous_question(
        self, answers: Mapping[str, Any], current_id: str | None
    ) -> Question | None:
        from counsel.interviewer.flow import previous_question

        return previous_question(self, answers, current_id)

    def first_unanswered(self, answers: Mapping[str, Any]) -> Question | None:
        from counsel.interviewer.flow import first_unanswered

        return first_unanswered(self, answers)

    def section_complete(self, section_id: str, answers: Mapping[str, Any]) -> bool:
        from counsel.interviewer.flow import section_complete

        return section_complete(self, section_id, answers)

    def validate(self, raw: Mapping[str, Any], office: Office | None = None) -> ValidationResult:
        from counsel.interviewer.validation import validate

        return validate(self, raw, office)

    def validate_answer(self, question_id: str, raw_value: Any) -> tuple[Any, str | None]:
        """One answer alone: (typed value, None) or (None, message). For form fields."""
        from counsel.interviewer.validation import parse_value

        return parse_value(self.question(question_id), raw_value)

    def findings(
        self, answers: Mapping[str, Any], office: Office, on: dt.date
    ) -> dict[str, Finding]:
        from counsel.interviewer.findings import findings

        return findings(self, answers, office, on)
