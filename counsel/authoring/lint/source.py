"""A template's source as lint reads it: parsed in the sandbox, Jinja blanked, includes followed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from counsel.authoring.lint.problems import Problem

if TYPE_CHECKING:
    from jinja2 import Environment, nodes

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def blank_jinja(source: str) -> str:
    """The template with every Jinja construct blanked out, newlines kept (lines still match)."""
    return _JINJA.sub(lambda m: "\n" * m.group().count("\n"), source)


def parse(env: Environment, name: str, source: str) -> tuple[nodes.Template | None, list[Problem]]:
    """Parse and compile in the sandbox; a syntax or unknown-filter error is a problem."""
    from jinja2 import TemplateSyntaxError

    try:
        ast = env.parse(source, name=name)
        env.compile(ast, name=name, filename=name)
    except TemplateSyntaxError as exc:  # TemplateAssertionError (unknown filter/test) too
        return None, [Problem(name, exc.lineno or 1, "syntax", exc.message or str(exc))]
    return ast, []


def referenced(env: Environment, name: str, seen: set[str] | None = None) -> list[str]:
    """The template and every template it includes, imports or extends (literal names)."""
    from jinja2 import TemplateError, meta

    from counsel.authoring.sources import template_source

    seen = seen if seen is not None else set()
    if name in seen:
        return []
    seen.add(name)
    out = [name]
    try:
        ast = env.parse(template_source(name))
    except (TemplateError, OSError):
        return out
    for ref in meta.find_referenced_templates(ast):
        if ref:
            out += referenced(env, ref, seen)
    return out
