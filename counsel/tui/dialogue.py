"""The conversation's course over an interview: which question comes next, what is done, what
is left. Pure: the same interview engine and raw answers as the form, no Textual."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from counsel.interviewer.values import AnswerError, parse_money
from counsel.rules.money import fmt_money
from counsel.tui import questions

YES = frozenset({"y", "yes", "true", "t", "1"})
NO = frozenset({"n", "no", "false", "f", "0"})


@dataclass(frozen=True)
class Step:
    """One thing the conversation asks.

    kind: `question` (a top-level question), `field` (a field of list row `row`), `another`
    ("Another child?" after `row` rows), `any` ("Is there a joint owner?", an optional list
    still empty) or `offer` ("Use the 2 children of the case's other document?").
    """

    key: str
    kind: str
    question: Any
    field: Any = None
    row: int = 0

    @property
    def asks(self) -> Any:
        """The question whose answer this step takes (the row field for a field step)."""
        return self.field if self.field is not None else self.question

    @property
    def qid(self) -> str:
        return str(self.question.id)

    @property
    def answer_type(self) -> str:
        """text, date, money, integer, choice, or bool (the yes/no list steps)."""
        if self.kind in ("another", "any", "offer"):
            return "bool"
        return questions.kind(self.asks)

    @property
    def required(self) -> bool:
        if self.kind == "question":
            return questions.required(self.question)
        if self.kind == "field":
            return questions.required(self.field)
        return False

    @property
    def error_field(self) -> str:
        """The engine's FieldError.field for this step's answer."""
        if self.kind == "field":
            return f"{self.qid}[{self.row + 1}].{self.field.id}"
        return self.qid


def item_words(q: Any) -> str:
    """`child`, `joint owner`, `segment`: a list's item in words."""
    return questions.item_name(q).replace("_", " ")


def row_title(q: Any, row: int, raw_row: Mapping[str, Any] | None) -> str:
    """`Child 2 (Quinn Fictional)`: a list row named by its first field once answered."""
    title = f"{item_words(q).capitalize()} {row + 1}"
    fields = questions.fields(q)
    if raw_row and fields:
        first = raw_row.get(str(fields[0].id))
        if isinstance(first, str) and first.strip() and questions.kind(fields[0]) == "text":
            title += f" ({first.strip()})"
    return title


def label(step: Step, raw: Mapping[str, Any], offer: str = "") -> str:
    """What the conversation asks, in words; `offer` names offered rows (`the 2 children of
    the Order for support issued November 20, 2026`)."""
    q = step.question
    item = item_words(q)
    if step.kind == "another":
        return f"Another {item}?"
    if step.kind == "any":
        return f"{questions.label(q)}: is there a {item}?"
    if step.kind == "offer":
        return f"{questions.label(q)}: use {offer or 'the ones the case already has'}?"
    if step.kind == "field":
        rows = raw.get(step.qid)
        raw_row = rows[step.row] if isinstance(rows, list) and step.row < len(rows) else None
        return f"{row_title(q, step.row, raw_row)}: {questions.label(step.field)}"
    return questions.label(q)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _rows(raw: Mapping[str, Any], qid: str) -> list[dict[str, Any]]:
    rows = raw.get(qid)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def steps(
    interview: Any,
    raw: Mapping[str, Any],
    typed: Mapping[str, Any],
    offered: Collection[str] = (),
) -> list[Step]:
    """Every step the answers so far call for, in order. Questions a condition hides are
    not among them; `typed` is the engine's typed answers (a row field's condition reads
    them); `offered` holds the list ids with rows offered from elsewhere in the case."""
    out: list[Step] = []
    for q in interview.visible(raw):
        qid = str(q.id)
        if questions.kind(q) != "list":
            out.append(Step(qid, "question", q))
            continue
        rows = _rows(raw, qid)
        if not rows and qid in offered:
            out.append(Step(f"{qid}=", "offer", q))
        if not rows and not questions.required(q):
            out.append(Step(f"{qid}?", "any", q))
            continue
        typed_rows = typed.get(qid) or []
        for i in range(max(len(rows), 1)):
            ctx = dict(typed)
            if i < len(typed_rows) and isinstance(typed_rows[i], Mapping):
                ctx.update(typed_rows[i])
            for f in questions.fields(q):
                condition = getattr(f, "condition", None)
                if condition is not None and not condition(ctx):
                    continue
                out.append(Step(f"{qid}[{i + 1}].{f.id}", "field", q, f, i))
        limit = getattr(q, "max_items", None)
        if rows and (limit is None or len(rows) < limit):
            out.append(Step(f"{qid}+{len(rows)}", "another", q, row=len(rows)))
    return out


def value_of(step: Step, raw: Mapping[str, Any]) -> Any:
    """The raw answer a step holds (None for the yes/no list steps)."""
    if step.kind == "question":
        return raw.get(step.qid)
    if step.kind == "field":
        rows = _rows(raw, step.qid)
        return rows[step.row].get(str(step.field.id)) if step.row < len(rows) else None
    return None


def error_of(step: Step, errors: Mapping[str, str]) -> str | None:
    """The engine's message for this step's answer (errors by FieldError.field)."""
    return errors.get(step.error_field)


def own_error(step: Step, raw: Mapping[str, Any]) -> str | None:
    """The message when the answer cannot be read on its own (not a date, not an amount),
    else None: an error across answers (a date before another) is not the answer's own."""
    from counsel.interviewer.validation import parse_value

    if step.kind not in ("question", "field"):
        return None
    value = value_of(step, raw)
    if is_blank(value):
        return None
    return parse_value(step.asks, value)[1]


def is_done(
    step: Step, raw: Mapping[str, Any], asked: Collection[str], errors: Mapping[str, str]
) -> bool:
    """Answered and readable, or confirmed blank (an optional one, or a required one left
    for later, which the review lists). `errors` holds the errors that keep an answer open:
    the conversation passes only answers unreadable on their own (`own_error`), so an error
    a later answer causes in an earlier one is said and listed, never asked again."""
    if step.kind in ("another", "any", "offer"):
        return step.key in asked
    value = value_of(step, raw)
    if is_blank(value):
        return step.key in asked
    return error_of(step, errors) is None


def left(all_steps: list[Step], raw: Mapping[str, Any], errors: Mapping[str, str]) -> int:
    """Required answers still missing or wrong, and answers with an error."""
    n = 0
    for s in all_steps:
        if s.kind in ("another", "any", "offer"):
            continue
        if error_of(s, errors) is not None or (s.required and is_blank(value_of(s, raw))):
            n += 1
    return n


def parse_yes_no(text: str) -> bool | None:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def resolve_choice(choices: list[tuple[str, str]], text: str) -> str | None:
    """The choice a typed answer names: its number, its value, or the one choice whose value
    or label starts with (or has a word starting with) what was typed; None if not one."""
    word = text.strip().lower()
    if not word:
        return None
    if word.isdigit() and 1 <= int(word) <= len(choices):
        return choices[int(word) - 1][0]
    for value, _ in choices:
        if word == value.lower() or word == value.lower().replace("_", " "):
            return value
    found = [
        value
        for value, text_label in choices
        if value.lower().startswith(word)
        or text_label.lower().startswith(word)
        or any(w.startswith(word) for w in re.findall(r"[a-z0-9]+", text_label.lower()))
    ]
    return found[0] if len(found) == 1 else None


def shown(step: Step, value: Any) -> str:
    """A raw answer as the transcript shows it (lines of an address kept)."""
    if is_blank(value):
        return "(left blank)" if not step.required else "(left for later)"
    k = step.answer_type
    if k == "bool":
        return "Yes" if value is True else "No" if value is False else str(value)
    if k == "choice":
        return dict(questions.choices(step.asks)).get(str(value), str(value))
    if k == "money":
        # As the documents write it ($80,000.00), which is the amount the answer is read as;
        # an amount that cannot be read is shown as typed (its message says why). The draft
        # keeps what was typed either way.
        try:
            return f"${fmt_money(parse_money(value))}"
        except AnswerError:
            return str(value)
    return str(value)
