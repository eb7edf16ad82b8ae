"""Visibility and navigation for front ends: visible questions, next/previous, completeness."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counsel.interviewer.model import Interview, Question
from counsel.interviewer.validation import lenient


def _walk(iv: Interview, answers: Mapping[str, Any]) -> list[Question]:
    """Visible questions in order. Conditions see earlier answers, typed; hidden ones as None."""
    ctx: dict[str, Any] = {}
    shown_list: list[Question] = []
    for section in iv.sections:
        section_shown = section.condition is None or section.condition(ctx)
        for q in section.questions:
            shown = section_shown and (q.condition is None or q.condition(ctx))
            if shown:
                shown_list.append(q)
                ctx[q.id] = lenient(q, answers.get(q.id), ctx)
            else:
                ctx[q.id] = [] if q.type == "list" else None
    return shown_list


def visible(iv: Interview, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to ask, given the answers so far (raw or typed)."""
    return _walk(iv, answers)


def _position(iv: Interview, question_id: str) -> int:
    for i, q in enumerate(iv.questions):
        if q.id == question_id:
            return i
    raise KeyError(question_id)


def next_question(
    iv: Interview, answers: Mapping[str, Any], current_id: str | None
) -> Question | None:
    """The visible question after `current_id` (the first when None); None at the end."""
    shown = _walk(iv, answers)
    if current_id is None:
        return shown[0] if shown else None
    here = _position(iv, current_id)
    for q in shown:
        if _position(iv, q.id) > here:
            return q
    return None


def previous_question(
    iv: Interview, answers: Mapping[str, Any], current_id: str | None
) -> Question | None:
    """The visible question before `current_id` (the last when None); None at the start."""
    shown = _walk(iv, answers)
    if current_id is None:
        return shown[-1] if shown else None
    here = _position(iv, current_id)
    for q in reversed(shown):
        if _position(iv, q.id) < here:
            return q
    return None


def _problem_ids(iv: Interview, answers: Mapping[str, Any]) -> set[str]:
    result = iv.validate(answers)
    return {e.field.split("[", 1)[0].split(".", 1)[0] for e in result.errors}


def first_unanswered(iv: Interview, answers: Mapping[str, Any]) -> Question | None:
    """The first visible question that is missing or invalid (None: the interview is done)."""
    problems = _problem_ids(iv, answers)
    for q in _walk(iv, answers):
        if q.id in problems:
            return q
    return None


def section_complete(iv: Interview, section_id: str, answers: Mapping[str, Any]) -> bool:
    """Every visible question of the section answered when required, and valid."""
    section = iv.section(section_id)
    problems = _problem_ids(iv, answers)
    return not any(q.id in problems for q in section.questions)
