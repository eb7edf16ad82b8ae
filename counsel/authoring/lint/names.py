"""The names a template reads: answers, findings, globals, item fields, manifest expressions."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from counsel.authoring.lint.problems import Problem

if TYPE_CHECKING:
    from jinja2 import Environment, nodes

    from counsel.render.specs import DocumentSpec


def check_names(name: str, ast: nodes.Template, known: Collection[str]) -> list[Problem]:
    """Every name the template reads from its context is one the interview defines."""
    from jinja2 import meta, nodes

    undeclared = meta.find_undeclared_variables(ast)
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for node in ast.find_all(nodes.Name):
        if node.ctx != "load" or node.name not in undeclared or node.name in known:
            continue
        key = (node.name, node.lineno)
        if key in seen:
            continue
        seen.add(key)
        hint = _close(node.name, known)
        problems.append(
            Problem(
                name,
                node.lineno,
                "unknown-name",
                f"{node.name!r} is not an answer or finding of this interview"
                + (f" (did you mean {hint!r}?)" if hint else ""),
            )
        )
    return problems


def _close(word: str, known: Iterable[str]) -> str:
    import difflib

    found = difflib.get_close_matches(word, sorted(known), n=1)
    return found[0] if found else ""


def finding_names(interview_id: str | None = None) -> frozenset[str]:
    """The finding names an interview's findings can hold (None: every interview's).

    Read from the declaration, counsel.interviewer.findings.FINDING_NAMES, which the engine
    enforces (a finding it does not declare is an error), never from the engine's code. An
    interview it does not map falls back to every name.
    """
    from counsel.interviewer.findings import FINDING_NAMES

    everything = frozenset(n for names in FINDING_NAMES.values() for n in names)
    if interview_id is None:
        return everything
    names = FINDING_NAMES.get(interview_id)
    return everything if names is None else frozenset(names)


def context_names() -> frozenset[str]:
    """Names the renderer puts in every template context beside answers and findings."""
    from counsel.render.core import CONTEXT_GLOBALS

    return CONTEXT_GLOBALS | {"on"}


def answer_ids(interview_id: str) -> frozenset[str]:
    from counsel.interviewer import load_interview

    return frozenset(q.id for q in load_interview(interview_id).questions)


def check_findings_attrs(
    name: str, ast: nodes.Template, findings: Collection[str]
) -> list[Problem]:
    """`findings.x` names a finding the interview computes."""
    from jinja2 import nodes

    problems: list[Problem] = []
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "findings":
            if node.attr not in findings:
                hint = _close(node.attr, findings)
                problems.append(
                    Problem(
                        name,
                        node.lineno,
                        "unknown-name",
                        f"findings.{node.attr} is not a finding counsel computes"
                        + (f" (did you mean {hint!r}?)" if hint else ""),
                    )
                )
    return problems


_DICT_METHODS = frozenset({"get", "items", "keys", "values"})


def check_item_fields(
    name: str, ast: nodes.Template, list_fields: Mapping[str, Collection[str]]
) -> list[Problem]:
    """`child.x` inside `{% for child in children %}` (and `children[i].x`) names a field of
    the list question's items."""
    from jinja2 import nodes

    def check(node: nodes.Getattr, list_id: str) -> Problem | None:
        fields = list_fields[list_id]
        if node.attr in fields or node.attr in _DICT_METHODS:
            return None
        hint = _close(node.attr, fields)
        return Problem(
            name,
            node.lineno,
            "unknown-name",
            f"{node.attr!r} is not a field of the {list_id!r} items "
            f"(fields: {', '.join(sorted(fields))})"
            + (f"; did you mean {hint!r}?" if hint else ""),
        )

    problems: list[Problem] = []
    for loop in ast.find_all(nodes.For):
        if not (
            isinstance(loop.iter, nodes.Name)
            and loop.iter.name in list_fields
            and isinstance(loop.target, nodes.Name)
        ):
            continue
        var = loop.target.name
        for body_node in loop.body:
            for attr in body_node.find_all(nodes.Getattr):
                if isinstance(attr.node, nodes.Name) and attr.node.name == var:
                    found = check(attr, loop.iter.name)
                    if found:
                        problems.append(found)
    for attr in ast.find_all(nodes.Getattr):
        item = attr.node
        if (
            isinstance(item, nodes.Getitem)
            and isinstance(item.node, nodes.Name)
            and item.node.name in list_fields
        ):
            found = check(attr, item.node.name)
            if found:
                problems.append(found)
    return problems


def list_fields(interview_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    from counsel.interviewer import load_interview

    out: dict[str, set[str]] = {}
    for interview_id in interview_ids:
        for q in load_interview(interview_id).questions:
            if q.fields:
                out.setdefault(q.id, set()).update(f.id for f in q.fields)
    return {k: frozenset(v) for k, v in out.items()}


def check_manifest_expressions(
    env: Environment,
    specs: Iterable[DocumentSpec],
    known_for: Callable[[str], Collection[str]],
    manifest_text: str,
) -> list[Problem]:
    """A manifest's `when`, `for_each` and `refuse_if` compile and read only known names."""
    from jinja2 import TemplateSyntaxError, meta

    problems: list[Problem] = []
    for spec in specs:
        for key in ("when", "for_each", "refuse_if"):
            expr = getattr(spec, key)
            if not expr:
                continue
            at = manifest_text.find(expr)
            line = manifest_text.count("\n", 0, at) + 1 if at >= 0 else 1
            where = f"{spec.interview}/{spec.id} {key}"
            try:
                ast = env.parse("{{ " + expr + " }}")
            except TemplateSyntaxError as exc:
                problems.append(Problem("documents.toml", line, "documents", f"{where}: {exc}"))
                continue
            known = known_for(spec.interview)
            for unknown in sorted(meta.find_undeclared_variables(ast) - set(known)):
                problems.append(
                    Problem(
                        "documents.toml",
                        line,
                        "documents",
                        f"{where}: {unknown!r} is not an answer or finding of {spec.interview}",
                    )
                )
    return problems
