"""Citations in a template: literal cite()/quote() calls and citations written in the text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counsel.authoring.lint.problems import Problem
from counsel.authoring.lint.source import blank_jinja

if TYPE_CHECKING:
    from jinja2 import nodes


@dataclass(frozen=True)
class CiteCall:
    """A literal `cite("...")` in a template, and whether the template quotes its text."""

    citation: str
    line: int
    quoted: bool


def cite_calls(ast: nodes.Template) -> tuple[list[CiteCall], list[int]]:
    """Literal cite("...") calls (and whether `.text`/`quote` reads their text); lines of
    calls whose argument is not a literal, which lint cannot check."""
    from jinja2 import nodes

    quoted_ids: set[int] = set()
    for getattr_node in ast.find_all(nodes.Getattr):
        if getattr_node.attr in ("text", "quote") and isinstance(getattr_node.node, nodes.Call):
            quoted_ids.add(id(getattr_node.node))
    for filt in ast.find_all(nodes.Filter):
        if filt.name == "quote" and isinstance(filt.node, nodes.Call):
            quoted_ids.add(id(filt.node))
    calls: list[CiteCall] = []
    dynamic: list[int] = []
    for call in ast.find_all(nodes.Call):
        fn = call.node
        if not (isinstance(fn, nodes.Name) and fn.name in ("cite", "quote")):
            continue
        if call.args and isinstance(call.args[0], nodes.Const):
            value = call.args[0].value
            if isinstance(value, str):
                quoted = fn.name == "quote" or id(call) in quoted_ids
                calls.append(CiteCall(value, call.lineno, quoted))
                continue
        dynamic.append(call.lineno)
    return calls, dynamic


def check_citations(
    name: str,
    calls: Sequence[CiteCall],
    resolve: Callable[[str], str | None],
    quotable: Callable[[str], str | None] | None = None,
) -> list[Problem]:
    """Every literal cite() resolves, and every quote() names text the store holds complete;
    `resolve` and `quotable` return an error message or None."""
    problems: list[Problem] = []
    for call in calls:
        error = resolve(call.citation)
        if not error and call.quoted and quotable is not None:
            error = quotable(call.citation)
        if error:
            what = "quote" if call.quoted else "cite"
            problems.append(
                Problem(name, call.line, "citation", f"{what}({call.citation!r}): {error}")
            )
    return problems


def store_resolver(on: dt.date) -> Callable[[str], str | None]:
    """Resolve citations in the statute store as of `on` (errors as text, never raised)."""
    from counsel.errors import CounselError
    from counsel.law import get_store

    store = get_store()

    def resolve(citation: str) -> str | None:
        try:
            store.cite(citation, on=on)
        except CounselError as exc:
            return str(exc)
        return None

    return resolve


def store_quotable(on: dt.date) -> Callable[[str], str | None]:
    """Whether the store holds a citation's text complete on `on`, by the renderer's rule for
    quote(): an incomplete version may be quoted only at a pinpoint untouched by truncation."""
    from counsel.errors import CounselError
    from counsel.law import get_store

    store = get_store()

    def quotable(citation: str) -> str | None:
        try:
            resolved = store.cite(citation, on=on)
        except CounselError as exc:
            return str(exc)
        version = resolved.version
        label = resolved.citation.label if resolved.citation.pinpoint else ""
        cut = [t for t in version.truncated if not label or t.startswith(label)]
        if not version.complete and (not label or cut or not resolved.text):
            return (
                "the store's text is incomplete, so it cannot be quoted: paraphrase it and "
                "cite it instead"
            )
        return None

    return quotable


def text_citations(name: str, source: str, resolve: Callable[[str], str | None]) -> list[Problem]:
    """Citations written as plain text in the template (the renderer checks them too)."""
    from counsel.law.citations import CITATION_IN_TEXT

    text = blank_jinja(source)
    problems = []
    for m in CITATION_IN_TEXT.finditer(text):
        error = resolve(m.group())
        if error:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(Problem(name, line, "citation", f"{m.group()!r} in the text: {error}"))
    return problems
