"""The interview engine: strict loading, visibility, navigation, validation and findings."""

from __future__ import annotations

from counsel.interviewer.loader import (
    INTERVIEW_ORDER,
    InterviewDefinitionError,
    all_answer_ids,
    interview_ids,
    list_interviews,
    load_answers_file,
    load_interview,
    load_interview_file,
    parse_interview,
)
from counsel.interviewer.model import (
    QUESTION_TYPES,
    Choice,
    FieldError,
    Interview,
    Question,
    Section,
    ValidationResult,
)
from counsel.interviewer.rows import columns, flatten_answers, unflatten_row
from counsel.interviewer.values import AnswerError

__all__ = [
    "INTERVIEW_ORDER",
    "QUESTION_TYPES",
    "AnswerError",
    "Choice",
    "FieldError",
    "Interview",
    "InterviewDefinitionError",
    "Question",
    "Section",
    "ValidationResult",
    "all_answer_ids",
    "columns",
    "flatten_answers",
    "interview_ids",
    "list_interviews",
    "load_answers_file",
    "load_interview",
    "load_interview_file",
    "parse_interview",
    "unflatten_row",
]
