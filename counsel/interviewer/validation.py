"""Typed validation of raw answers with field-level messages that never echo a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from counsel.interviewer import limits
from counsel.interviewer.model import FieldError, Interview, Question, ValidationResult
from counsel.interviewer.values import (
    AnswerError,
    is_blank,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_text,
)

if TYPE_CHECKING:
    from counsel.office import Office


def _empty(q: Question) -> Any:
    return [] if q.type == "list" else None


def _scalar(q: Question, raw: Any) -> Any:
    """One non-blank scalar answer, typed; AnswerError if it cannot be read."""
    # Size first: a 10 MB name or 100,000 combining marks is refused before it is parsed.
    limits.check_scalar(raw, multiline=q.type == "text" and q.multiline)
    if q.type == "text":
        return parse_text(raw, q.format, q.multiline)
    if q.type == "date":
        return parse_date(raw)
    if q.type == "bool":
        return parse_bool(raw)
    if q.type == "money":
        value = parse_money(raw)
        if q.min is not None and value < q.min:
            raise AnswerError(f"must be at least {q.min}")
        if q.max is not None and value > q.max:
            raise AnswerError(f"must be at most {q.max}")
        return value
    if q.type == "integer":
        number = parse_integer(raw)
        if q.min is not None and number < q.min:
            raise AnswerError(f"must be at least {q.min}")
        if q.max is not None and number > q.max:
            raise AnswerError(f"must be at most {q.max}")
        return number
    if q.type == "choice":
        if not isinstance(raw, str):
            raise AnswerError(f"choose one of: {', '.join(q.choice_values())}")
        word = raw.strip()
        for choice in q.choice_values():
            # CSV cells and hand-typed files often differ in case only.
            if word.lower() == choice.lower():
                return choice
        raise AnswerError(f"choose one of: {', '.join(q.choice_values())}")
    raise AnswerError(f"unsupported question type {q.type}")  # pragma: no cover


def _required_message(q: Question) -> str:
    return f"required; answer: {q.label}"


def _item_name(q: Question) -> str:
    return q.item_prefix.replace("_", " ")


def _list(
    q: Question, raw: Any, outer: Mapping[str, Any], errors: list[FieldError] | None
) -> list[dict[str, Any]]:
    """A list answer: each item a table of fields, validated with the item's own show_if."""

    def err(field: str, message: str) -> None:
        if errors is not None:
            errors.append(FieldError(field, message))

    if is_blank(raw):
        return []
    if not isinstance(raw, list | tuple) or not all(isinstance(i, Mapping) for i in raw):
        err(q.id, "give a list of tables, like [{ name = ..., birth_date = ... }]")
        return []
    bound = limits.check_list(raw, q.max_items)
    if bound is not None:
        # Reported before the items are read; only the first `bound` are read, so the
        # form still shows them and no "required" error is added on top.
        err(q.id, f"at most {bound} {_item_name(q)} entries are allowed")
        raw = raw[:bound]
    field_ids = {f.id for f in q.fields}
    items: list[dict[str, Any]] = []
    for n, raw_item in enumerate(raw, start=1):
        at = f"{q.id}[{n}]"
        for key in sorted(map(str, set(raw_item) - field_ids)):
            err(
                f"{at}.{limits.shown_key(key)}",
                f"not a field of {q.id} (fields: {', '.join(sorted(field_ids))})",
            )
        ctx = dict(outer)
        item: dict[str, Any] = {}
        for f in q.fields:
            shown = f.condition is None or f.condition(ctx)
            value = raw_item.get(f.id)
            typed = None
            if shown and not is_blank(value):
                try:
                    typed = _scalar(f, value)
                except AnswerError as exc:
                    err(f"{at}.{f.id}", str(exc))
            elif shown and f.required:
                err(f"{at}.{f.id}", _required_message(f))
            item[f.id] = typed
            ctx[f.id] = typed
        items.append(item)
    return items


def parse_value(q: Question, raw: Any) -> tuple[Any, str | None]:
    """One answer on its own: (typed, None), or (None, message). Blank gives (None, None)."""
    if is_blank(raw):
        return _empty(q), None
    if q.type == "list":
        errors: list[FieldError] = []
        items = _list(q, raw, {}, errors)
        return items, (str(errors[0]) if errors else None)
    try:
        return _scalar(q, raw), None
    except AnswerError as exc:
        return None, str(exc)


def lenient(q: Question, raw: Any, outer: Mapping[str, Any]) -> Any:
    """Typed value or None when unreadable: for visibility while a form is half filled."""
    if is_blank(raw):
        return _empty(q)
    if q.type == "list":
        return _list(q, raw, outer, None)
    try:
        return _scalar(q, raw)
    except AnswerError:
        return None


def validate(
    iv: Interview, raw: Mapping[str, Any], office: Office | None = None
) -> ValidationResult:
    """Typed answers and every field error, in question order."""
    from counsel.interviewer.loader import all_answer_ids
    from counsel.interviewer.rows import looks_flat, unflatten_row

    if looks_flat(iv, raw):
        raw = unflatten_row(iv, raw)
    errors: list[FieldError] = []
    missing: list[str] = []
    own = {q.id for q in iv.questions}
    shared = all_answer_ids()
    for key in raw:
        # Answers of the other interviews (one case model) are welcome and ignored here;
        # `interview` names the interview in answers files and batch sheets.
        if key not in own and key not in shared and key != "interview":
            errors.append(
                FieldError(
                    limits.shown_key(key), "not a question of this interview (check the spelling)"
                )
            )
    answers: dict[str, Any] = {}
    for section in iv.sections:
        section_shown = section.condition is None or section.condition(answers)
        for q in section.questions:
            shown = section_shown and (q.condition is None or q.condition(answers))
            value = raw.get(q.id)
            if shown and is_blank(value) and q.office_default and office is not None:
                value = getattr(office, q.office_default, None)
            typed = _empty(q)
            if shown:
                if q.type == "list":
                    typed = _list(q, value, answers, errors)
                    if q.required and len(typed) < max(q.min_items, 1):
                        need = max(q.min_items, 1)
                        errors.append(
                            FieldError(
                                q.id,
                                f"required; add at least {need} {_item_name(q)}"
                                f"{'' if need == 1 else ' entries'}: {q.label}",
                            )
                        )
                        missing.append(q.id)
                elif is_blank(value):
                    if q.required:
                        errors.append(FieldError(q.id, _required_message(q)))
                        missing.append(q.id)
                else:
                    try:
                        typed = _scalar(q, value)
                    except AnswerError as exc:
                        errors.append(FieldError(q.id, str(exc)))
                    if q.office_default == "county" and office is not None and typed:
                        typed = _own_county(q, str(typed), office, errors)
            answers[q.id] = typed
    errors.extend(_cross_checks(iv, answers))
    return ValidationResult(answers=answers, errors=tuple(errors), missing=tuple(missing))


def _own_county(q: Question, typed: str, office: Office, errors: list[FieldError]) -> str:
    """The case's county is the office's: a State's Attorney files in its own county's circuit
    court and signs as that county's State's Attorney, and the profile names only its own
    circuit. Another county's case printed the other county in the caption under this
    office's circuit, letterhead and program (the body names the office's county)."""
    if office.is_own_county(typed):
        return office.county  # one spelling in the caption and the body: the profile's
    errors.append(
        FieldError(
            q.id,
            f"not this office's county ({office.county}): the documents name the office's "
            f"own circuit court, program and State's Attorney; leave it blank for "
            f"{office.county}, or prepare the case with the office profile of its county",
        )
    )
    return typed


def _cross_checks(iv: Interview, a: Mapping[str, Any]) -> list[FieldError]:
    """Checks across answers that no single question can make."""
    out: list[FieldError] = []
    ids = {q.id for q in iv.questions}
    iv_d_required = "iv_d_case_number" in ids and iv.question("iv_d_case_number").required
    if (
        {"court_case_number", "iv_d_case_number"} <= ids
        and not iv_d_required
        and not (a.get("court_case_number") or a.get("iv_d_case_number"))
    ):
        out.append(
            FieldError("iv_d_case_number", "give the IV-D case number or the court case number")
        )
    elif (
        "iv_d_case_number" in ids
        and not iv_d_required
        and a.get("track") == "administrative"
        and not a.get("iv_d_case_number")
    ):
        # The administrative order is the Department's: headed with the IV-D case number and
        # naming it (LEGAL.md, Filed-ready form); a court number does not name the case there.
        out.append(
            FieldError(
                "iv_d_case_number",
                "required on the administrative track: the Department's order is headed with "
                "the IV-D case number; give it",
            )
        )
    for n, child in enumerate(a.get("children") or [], start=1):
        birth, grad = child.get("birth_date"), child.get("graduation_date")
        if isinstance(birth, dt.date) and isinstance(grad, dt.date) and grad <= birth:
            out.append(
                FieldError(f"children[{n}].graduation_date", "must be after the child's birth date")
            )
    out.extend(_date_order(iv, a))
    for q in iv.questions:
        if q.type != "list" or {"start_date", "end_date"} - {f.id for f in q.fields}:
            continue
        previous_end: dt.date | None = None
        for n, item in enumerate(a.get(q.id) or [], start=1):
            start, end = item.get("start_date"), item.get("end_date")
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
                out.append(FieldError(f"{q.id}[{n}].end_date", "must not be before start_date"))
            if isinstance(start, dt.date) and previous_end is not None and start <= previous_end:
                out.append(
                    FieldError(
                        f"{q.id}[{n}].start_date",
                        "overlaps the entry before it; list periods in order, each starting "
                        "after the previous one ends",
                    )
                )
            if isinstance(end, dt.date):
                previous_end = end
    out.extend(_prior_period_checks(a))
    from counsel.rules.job_program import work_activities_problem

    remedy, unemployed = a.get("past_due_remedy"), a.get("unemployment_finding")
    incapacitated = a.get("obligor_incapacitated")
    problem = work_activities_problem(
        remedy if isinstance(remedy, str) else None,
        unemployed if isinstance(unemployed, bool) else None,
        incapacitated if isinstance(incapacitated, bool) else None,
    )
    if problem is not None:
        out.append(FieldError("past_due_remedy", problem))
    return out


def _date_order(iv: Interview, a: Mapping[str, Any]) -> list[FieldError]:
    """Dates the interview data orders (`not_before`, `not_after`): a notice mailed before its
    own date, a report due before the order, an amount computed as of a later day."""
    out: list[FieldError] = []

    def check(q: Question, value: Any, others: Mapping[str, Any], field: str) -> None:
        if not isinstance(value, dt.date):
            return
        before = others.get(q.not_before) if q.not_before else None
        after = others.get(q.not_after) if q.not_after else None
        if isinstance(before, dt.date) and value < before:
            out.append(FieldError(field, f"must not be before {q.not_before}"))
        if isinstance(after, dt.date) and value > after:
            out.append(FieldError(field, f"must not be after {q.not_after}"))

    for q in iv.questions:
        if q.type == "list":
            for n, item in enumerate(a.get(q.id) or [], start=1):
                if isinstance(item, Mapping):
                    for f in q.fields:
                        check(f, item.get(f.id), {**a, **item}, f"{q.id}[{n}].{f.id}")
        else:
            check(q, a.get(q.id), a, q.id)
    return out


def _prior_period_checks(a: Mapping[str, Any]) -> list[FieldError]:
    """The period may reach back only to the birth or the separation (305 ILCS 5/10-10;
    IRG 6, Q4); it ends before the order's date (10-7(b), 10-10) and before current support
    starts, which is on or after the order's date."""
    from counsel.rules.prior_period import current_support_before_order, segments_after_order

    out: list[FieldError] = []
    segments = a.get("segments") or []
    # Each check runs as soon as its own answers are known (current support against the
    # order's date needs no segment), so every front end can say it when it becomes true.
    starts = [s.get("start_date") for s in segments]
    dated = [d for d in starts if isinstance(d, dt.date)]
    if dated:
        first = min(dated)
        n = starts.index(first) + 1
        basis = a.get("support_start_basis")
        births = [c.get("birth_date") for c in a.get("children") or []]
        births = [b for b in births if isinstance(b, dt.date)]
        if basis == "birth" and births and first < min(births):
            out.append(
                FieldError(
                    f"segments[{n}].start_date",
                    "must not be before the birth of the oldest child: prior-period support "
                    "reaches back only to the birth (305 ILCS 5/10-10)",
                )
            )
        separation = a.get("separation_date")
        if basis == "separation" and isinstance(separation, dt.date) and first < separation:
            out.append(
                FieldError(
                    f"segments[{n}].start_date",
                    "must not be before separation_date: prior-period support reaches back "
                    "only to the separation (305 ILCS 5/10-10)",
                )
            )
    current = a.get("current_support_start")
    order_date = a.get("document_date")
    if isinstance(order_date, dt.date):
        track = a.get("track")
        ends = [seg.get("end_date") for seg in segments]
        for i, message in segments_after_order(ends, order_date, track):
            out.append(FieldError(f"segments[{i}].end_date", message))
        before = current_support_before_order(current, order_date, track)
        if before:
            out.append(FieldError("current_support_start", before))
    if isinstance(current, dt.date):
        from counsel.rules.termination import no_child_left, termination_date

        children = a.get("children") or []
        births = [(c.get("birth_date"), c.get("graduation_date")) for c in children]
        if births and all(
            isinstance(b, dt.date) and (g is None or (isinstance(g, dt.date) and g > b))
            for b, g in births
        ):
            ended = no_child_left([termination_date(b, g) for b, g in births], current)
            if ended:
                out.append(FieldError("current_support_start", ended))
    for i, seg in enumerate(segments, start=1):
        end = seg.get("end_date")
        if isinstance(current, dt.date) and isinstance(end, dt.date) and end >= current:
            out.append(
                FieldError(
                    f"segments[{i}].end_date",
                    "must be before current_support_start: the prior period ends when "
                    "current support begins",
                )
            )
    return out
