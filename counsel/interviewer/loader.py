"""Strict loading of interview TOML files: unknown keys, bad types, dangling show_if names,
duplicate ids and names used before they are asked are errors naming the file and the key."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from counsel.errors import NotFoundError, UsageError
from counsel.interviewer.model import (
    QUESTION_TYPES,
    TEXT_FORMATS,
    Choice,
    Condition,
    Interview,
    Question,
    Section,
)
from counsel.interviewer.values import AnswerError, parse_money

INTERVIEW_ORDER = ("track", "prior-period", "registration", "lien", "job-program")
"""The five interviews in the order of the legal spec (LEGAL.md)."""

SHARED = "_shared.toml"
"""The shared case model: sections other files include with `use = "<section id>"`."""

_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_INTERVIEW_ID = re.compile(r"[a-z][a-z0-9_-]*")
_TOP_KEYS = {"id", "title", "summary", "citations", "sections"}
_SECTION_KEYS = {"id", "title", "show_if", "questions"}
_USE_KEYS = {"use", "title", "show_if", "optional", "require", "omit"}
_QUESTION_KEYS = {
    "id",
    "type",
    "label",
    "help",
    "citations",
    "required",
    "show_if",
    "choices",
    "multiline",
    "format",
    "min",
    "max",
    "private",
    "office_default",
    "not_before",
    "not_after",
    "item_prefix",
    "fields",
    "min_items",
    "max_items",
}
_LIST_ONLY = {"item_prefix", "fields", "min_items", "max_items"}
_OFFICE_DEFAULTS = {"county", "circuit"}


class InterviewDefinitionError(UsageError):
    """An interview file is malformed; the message names the file and the key."""


class _Ctx:
    """Where we are in a file, for error messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> InterviewDefinitionError:
        return InterviewDefinitionError(f"{self.source}: {where}: {problem}")


def _check_keys(ctx: _Ctx, where: str, data: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ctx.fail(
            f"{where}.{unknown[0]}",
            f"unknown key (allowed: {', '.join(sorted(allowed))})",
        )


def _get(
    ctx: _Ctx,
    where: str,
    data: Mapping[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    default: Any = dataclasses.MISSING,
) -> Any:
    if key not in data:
        if default is dataclasses.MISSING:
            raise ctx.fail(f"{where}.{key}", "missing (required key)")
        return default
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # TOML booleans are ints in Python; never let true pass as a number.
    if isinstance(value, bool) and bool not in kinds:
        raise ctx.fail(f"{where}.{key}", f"must be {_kind_name(kinds)}, not true/false")
    if not isinstance(value, kinds):
        raise ctx.fail(f"{where}.{key}", f"must be {_kind_name(kinds)}")
    return value


def _kind_name(kinds: tuple[type, ...]) -> str:
    names = {
        str: "a string",
        bool: "true or false",
        int: "an integer",
        list: "a list",
        dict: "a table",
    }
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _strings(ctx: _Ctx, where: str, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    items = _get(ctx, where, data, key, list, [])
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise ctx.fail(f"{where}.{key}[{i}]", "must be a non-empty string")
    return tuple(items)


# --- show_if -----------------------------------------------------------------------------


@functools.cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined)


def _compile(ctx: _Ctx, where: str, source: str, known: Iterable[str]) -> Condition:
    """Compile a show_if once; every name it uses must be an answer asked before it."""
    from jinja2 import TemplateSyntaxError, meta

    env = _environment()
    try:
        names = meta.find_undeclared_variables(env.parse("{{ (" + source + ") }}"))
        expression = env.compile_expression(source)
    except TemplateSyntaxError as exc:
        raise ctx.fail(f"{where}.show_if", f"not a valid expression ({exc.message})") from None
    known_set = set(known)
    for name in sorted(names):
        if name not in known_set:
            raise ctx.fail(
                f"{where}.show_if",
                f"unknown name '{name}': show_if may use only answers asked before it",
            )
    from jinja2.exceptions import SecurityError

    try:
        # A dry run with nothing answered catches unsafe attribute access at load time.
        expression(**dict.fromkeys(names))
    except SecurityError:
        raise ctx.fail(f"{where}.show_if", "unsafe expression (sandbox refused it)") from None
    except Exception:  # noqa: S110 - other errors depend on answers; judged when evaluated
        pass

    def condition(answers: Mapping[str, Any]) -> bool:
        values = {name: answers.get(name) for name in names}
        try:
            return bool(expression(**values))
        except TypeError:
            # An ordering comparison with an unanswered (None) value: treat as not shown.
            return False

    return condition


# --- questions and sections ---------------------------------------------------------------


def _bound(ctx: _Ctx, where: str, data: Mapping[str, Any], key: str, qtype: str) -> Any:
    if key not in data:
        return None
    if qtype == "integer":
        return _get(ctx, where, data, key, int)
    raw = _get(ctx, where, data, key, str)
    try:
        return parse_money(raw)
    except AnswerError as exc:
        raise ctx.fail(f"{where}.{key}", str(exc)) from None


def _question(
    ctx: _Ctx, where: str, data: Any, section: str, known: list[str], in_list: bool
) -> Question:
    if not isinstance(data, dict):
        raise ctx.fail(where, "must be a table")
    qid = _get(ctx, where, data, "id", str)
    if not _SNAKE.fullmatch(qid):
        raise ctx.fail(f"{where}.id", "must be snake_case (lower-case letters, digits, _)")
    where = f"{where} ({qid})"
    _check_keys(ctx, where, data, _QUESTION_KEYS)
    qtype = _get(ctx, where, data, "type", str)
    allowed_types = (
        QUESTION_TYPES if not in_list else tuple(t for t in QUESTION_TYPES if t != "list")
    )
    if qtype not in allowed_types:
        raise ctx.fail(f"{where}.type", f"must be one of: {', '.join(allowed_types)}")
    label = _get(ctx, where, data, "label", str)
    if not label.strip():
        raise ctx.fail(f"{where}.label", "must not be empty")
    for key in sorted(set(data) & _LIST_ONLY):
        if qtype != "list":
            raise ctx.fail(f"{where}.{key}", "only list questions take this key")
    if qtype != "text":
        for key in ("multiline", "format", "office_default"):
            if key in data:
                raise ctx.fail(f"{where}.{key}", "only text questions take this key")
    if qtype not in ("money", "integer"):
        for key in ("min", "max"):
            if key in data:
                raise ctx.fail(f"{where}.{key}", "only money and integer questions take this key")
    fmt = _get(ctx, where, data, "format", str, "")
    if fmt and fmt not in TEXT_FORMATS:
        raise ctx.fail(f"{where}.format", f"must be one of: {', '.join(TEXT_FORMATS)}")
    office_default = _get(ctx, where, data, "office_default", str, "")
    if office_default and office_default not in _OFFICE_DEFAULTS:
        raise ctx.fail(
            f"{where}.office_default", f"must be one of: {', '.join(sorted(_OFFICE_DEFAULTS))}"
        )
    order: dict[str, str] = {}
    for key in ("not_before", "not_after"):
        other = _get(ctx, where, data, key, str, "")
        if other and qtype != "date":
            raise ctx.fail(f"{where}.{key}", "only date questions take this key")
        order[key] = other  # names a date answer of the interview: _check_date_order
    choices: list[Choice] = []
    if qtype == "choice":
        raw_choices = _get(ctx, where, data, "choices", list)
        if not raw_choices:
            raise ctx.fail(f"{where}.choices", "needs at least one choice")
        for i, c in enumerate(raw_choices):
            cw = f"{where}.choices[{i}]"
            if not isinstance(c, dict):
                raise ctx.fail(cw, 'must be a table { value = "...", label = "..." }')
            _check_keys(ctx, cw, c, {"value", "label"})
            value = _get(ctx, cw, c, "value", str)
            if not value.strip():
                raise ctx.fail(f"{cw}.value", "must not be empty")
            if any(value == seen.value for seen in choices):
                raise ctx.fail(f"{cw}.value", f"duplicate choice value '{value}'")
            choices.append(Choice(value=value, label=_get(ctx, cw, c, "label", str, value)))
    elif "choices" in data:
        raise ctx.fail(f"{where}.choices", "only choice questions take this key")
    minimum = _bound(ctx, where, data, "min", qtype)
    maximum = _bound(ctx, where, data, "max", qtype)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ctx.fail(f"{where}.max", "must not be less than min")
    show_if = _get(ctx, where, data, "show_if", str, "").strip()
    condition = _compile(ctx, where, show_if, known) if show_if else None
    fields: list[Question] = []
    item_prefix = ""
    min_items = 0
    max_items: int | None = None
    if qtype == "list":
        item_prefix = _get(ctx, where, data, "item_prefix", str)
        if not _SNAKE.fullmatch(item_prefix):
            raise ctx.fail(f"{where}.item_prefix", "must be snake_case")
        raw_fields = _get(ctx, where, data, "fields", list)
        if not raw_fields:
            raise ctx.fail(f"{where}.fields", "a list question needs at least one field")
        # Item show_if may use earlier top-level answers and earlier fields of the same item.
        item_known = list(known)
        seen: set[str] = set()
        for i, f in enumerate(raw_fields):
            field_q = _question(ctx, f"{where}.fields[{i}]", f, "", item_known, in_list=True)
            if field_q.id in seen:
                raise ctx.fail(f"{where}.fields[{i}].id", f"duplicate field id '{field_q.id}'")
            seen.add(field_q.id)
            item_known.append(field_q.id)
            fields.append(field_q)
        min_items = _get(ctx, where, data, "min_items", int, 0)
        max_items = _get(ctx, where, data, "max_items", int, None)
        if min_items < 0 or (max_items is not None and max_items < max(min_items, 1)):
            raise ctx.fail(f"{where}.max_items", "need 0 <= min_items <= max_items, max >= 1")
    return Question(
        id=qid,
        type=qtype,
        label=label,
        help=_get(ctx, where, data, "help", str, ""),
        citations=_strings(ctx, where, data, "citations"),
        required=_get(ctx, where, data, "required", bool, True),
        show_if=show_if,
        choices=tuple(choices),
        multiline=_get(ctx, where, data, "multiline", bool, False),
        format=fmt,
        min=minimum,
        max=maximum,
        private=_get(ctx, where, data, "private", bool, False),
        office_default=office_default,
        not_before=order["not_before"],
        not_after=order["not_after"],
        item_prefix=item_prefix,
        fields=tuple(fields),
        min_items=min_items,
        max_items=max_items,
        section=section,
        condition=condition,
    )


def _section(
    ctx: _Ctx,
    where: str,
    data: Any,
    known: list[str],
    shared: Mapping[str, Mapping[str, Any]] | None,
) -> Section:
    if not isinstance(data, dict):
        raise ctx.fail(where, "must be a table")
    if "use" in data:
        if shared is None:
            raise ctx.fail(f"{where}.use", "not allowed in the shared file itself")
        _check_keys(ctx, where, data, _USE_KEYS)
        name = _get(ctx, where, data, "use", str)
        if name not in shared:
            raise ctx.fail(
                f"{where}.use", f"no shared section '{name}' (have: {', '.join(shared)})"
            )
        base = dict(shared[name])
        base_ids = [q.get("id") for q in base.get("questions", []) if isinstance(q, dict)]
        changes: dict[str, tuple[str, ...]] = {}
        for key in ("optional", "require", "omit"):
            changes[key] = _strings(ctx, where, data, key)
            for qid in changes[key]:
                if qid not in base_ids:
                    raise ctx.fail(f"{where}.{key}", f"shared section '{name}' has no '{qid}'")
        adjusted: list[dict[str, Any]] = []
        for raw_q in base.get("questions", []):
            if not isinstance(raw_q, dict) or raw_q.get("id") in changes["omit"]:
                continue
            copy = dict(raw_q)
            if copy.get("id") in changes["optional"]:
                copy["required"] = False
            if copy.get("id") in changes["require"]:
                copy["required"] = True
            adjusted.append(copy)
        base["questions"] = adjusted
        for key in ("title", "show_if"):
            if key in data:
                base[key] = data[key]
        data = base
        where = f"{where} (use = {name})"
    _check_keys(ctx, where, data, _SECTION_KEYS)
    sid = _get(ctx, where, data, "id", str)
    if not _SNAKE.fullmatch(sid):
        raise ctx.fail(f"{where}.id", "must be snake_case")
    where = f"{where} ({sid})" if "(use =" not in where else where
    title = _get(ctx, where, data, "title", str)
    show_if = _get(ctx, where, data, "show_if", str, "").strip()
    condition = _compile(ctx, where, show_if, known) if show_if else None
    raw_questions = _get(ctx, where, data, "questions", list)
    if not raw_questions:
        raise ctx.fail(f"{where}.questions", "a section needs at least one question")
    questions = []
    for i, raw in enumerate(raw_questions):
        q = _question(ctx, f"{where}.questions[{i}]", raw, sid, known, in_list=False)
        if q.id in known:
            raise ctx.fail(f"{where}.questions[{i}].id", f"duplicate question id '{q.id}'")
        known.append(q.id)
        questions.append(q)
    return Section(
        id=sid, title=title, questions=tuple(questions), show_if=show_if, condition=condition
    )


# --- files -------------------------------------------------------------------------------


def _read_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InterviewDefinitionError(f"{source}: not valid TOML ({exc})") from None


def _shared_sections(text: str, source: str) -> dict[str, dict[str, Any]]:
    """The raw shared sections by id, after checking they load on their own."""
    data = _read_toml(text, source)
    ctx = _Ctx(source)
    _check_keys(ctx, "top level", data, {"sections"})
    raw = _get(ctx, "top level", data, "sections", list)
    out: dict[str, dict[str, Any]] = {}
    for i, s in enumerate(raw):
        # Each shared section must load by itself (its show_if may use only its own answers).
        section = _section(ctx, f"sections[{i}]", s, [], None)
        if section.id in out:
            raise ctx.fail(f"sections[{i}].id", f"duplicate section id '{section.id}'")
        out[section.id] = s
    return out


def parse_interview(
    text: str, source: str, shared: Mapping[str, Mapping[str, Any]] | None = None
) -> Interview:
    """Load one interview from TOML text; `shared` defaults to the bundled shared sections."""
    if shared is None:
        shared = _bundled_shared()
    data = _read_toml(text, source)
    ctx = _Ctx(source)
    _check_keys(ctx, "top level", data, _TOP_KEYS)
    iid = _get(ctx, "top level", data, "id", str)
    if not _INTERVIEW_ID.fullmatch(iid):
        raise ctx.fail("top level.id", "must be lower-case words joined by hyphens or underscores")
    stem = Path(source).stem
    if source.endswith(".toml") and stem != iid:
        raise ctx.fail("top level.id", f"must match the file name ('{stem}')")
    raw_sections = _get(ctx, "top level", data, "sections", list)
    if not raw_sections:
        raise ctx.fail("top level.sections", "an interview needs at least one section")
    known: list[str] = []
    sections: list[Section] = []
    for i, raw in enumerate(raw_sections):
        section = _section(ctx, f"sections[{i}]", raw, known, shared)
        if any(s.id == section.id for s in sections):
            raise ctx.fail(f"sections[{i}].id", f"duplicate section id '{section.id}'")
        sections.append(section)
    _check_date_order(ctx, sections)
    return Interview(
        id=iid,
        title=_get(ctx, "top level", data, "title", str),
        summary=_get(ctx, "top level", data, "summary", str, ""),
        citations=_strings(ctx, "top level", data, "citations"),
        sections=tuple(sections),
        source=source,
    )


def _check_date_order(ctx: _Ctx, sections: list[Section]) -> None:
    """`not_before`/`not_after` name a date question of the interview, or a date field of the
    same list item (a shared section's may name another shared section's: checked here, in
    each interview that uses them)."""
    top = {q.id: q for s in sections for q in s.questions}
    for s in sections:
        for q in s.questions:
            items = [(f"{s.id}.{q.id}.{f.id}", f, {g.id: g for g in q.fields}) for f in q.fields]
            for where, asked, own in [(f"{s.id}.{q.id}", q, {}), *items]:
                for key in ("not_before", "not_after"):
                    other = getattr(asked, key)
                    target = own.get(other) or top.get(other)
                    if other and (target is None or target.type != "date" or target is asked):
                        raise ctx.fail(
                            f"{where}.{key}",
                            f"'{other}' is not another date question of this interview "
                            "(or a date field of the same item)",
                        )


def _folder() -> Any:
    return resources.files("counsel").joinpath("interviews")


@functools.cache
def _bundled_shared() -> dict[str, dict[str, Any]]:
    text = _folder().joinpath(SHARED).read_text("utf-8")
    return _shared_sections(text, f"counsel/interviews/{SHARED}")


def interview_ids() -> list[str]:
    """Ids of the bundled interviews, spec order first."""
    ids = [
        p.name.removesuffix(".toml")
        for p in _folder().iterdir()
        if p.name.endswith(".toml") and not p.name.startswith("_")
    ]
    return sorted(ids, key=lambda i: (INTERVIEW_ORDER.index(i) if i in INTERVIEW_ORDER else 99, i))


@functools.cache
def load_interview(interview_id: str) -> Interview:
    """A bundled interview by id (cached: interviews are immutable values)."""
    ids = interview_ids()
    if interview_id not in ids:
        raise NotFoundError(f"no interview '{interview_id}' (have: {', '.join(ids)})")
    resource = _folder().joinpath(f"{interview_id}.toml")
    return parse_interview(resource.read_text("utf-8"), f"counsel/interviews/{interview_id}.toml")


def load_interview_file(path: Path, shared_path: Path | None = None) -> Interview:
    """An interview from a file (template authors, tests); shared sections default to bundled."""
    shared = None
    if shared_path is not None:
        shared = _shared_sections(shared_path.read_text("utf-8"), str(shared_path))
    return parse_interview(path.read_text("utf-8"), str(path), shared)


def list_interviews() -> list[Interview]:
    """Every bundled interview, loaded, in the spec's order."""
    return [load_interview(i) for i in interview_ids()]


def all_answer_ids() -> frozenset[str]:
    """Every answer id of every bundled interview: the shared case model's vocabulary."""
    return frozenset(q.id for iv in list_interviews() for q in iv.questions)


def load_answers_file(path: Path) -> tuple[str, dict[str, Any]]:
    """(interview id, raw answers) from an answers TOML file with `interview = "..."`.

    Decimals are kept exact (TOML floats parse as Decimal, never float).
    """
    from counsel.inputs import load_toml

    # Bounded in size, BOM dropped, too-deep nesting an error (counsel/inputs.py).
    data = load_toml(Path(path), what="answers", parse_float=Decimal)
    interview_id = data.pop("interview", None)
    if not isinstance(interview_id, str) or not interview_id:
        raise UsageError(
            f'{path}: missing top-level key interview = "..." '
            f"(one of: {', '.join(interview_ids())})"
        )
    if interview_id not in interview_ids():
        # Not an interview id, so possibly anything typed there (a name, an SSN): the
        # message never repeats it.
        raise UsageError(
            f"{path}: the top-level `interview` is not an interview id; set it to one of: "
            f"{', '.join(interview_ids())}"
        )
    return interview_id, data
