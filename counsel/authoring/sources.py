"""Where citations are written down: templates, interview files, rules source, parameters."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

TEMPLATE_SUFFIX = ".html"


@dataclass(frozen=True)
class Use:
    """One place a citation is written: `where` is "templates/x.html:12" or similar."""

    citation: str
    where: str
    kind: str
    """"template", "element", "interview", "rule" or "parameter"."""
    quoted: bool = False
    """True when a template quotes the section's text (so the store must hold it complete)."""


def template_root(template_dir: Path | None = None) -> Traversable | Path:
    return template_dir if template_dir is not None else resources.files("counsel.templates")


def template_names(template_dir: Path | None = None) -> list[str]:
    """Every template file (documents and `_` partials), sorted."""
    root = template_root(template_dir)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.name.endswith(TEMPLATE_SUFFIX))


def template_source(name: str, template_dir: Path | None = None) -> str:
    return template_root(template_dir).joinpath(name).read_text("utf-8")


def interview_files() -> list[tuple[str, str]]:
    """(file name, text) of every interview data file."""
    root = resources.files("counsel.interviews")
    return sorted(
        (p.name, p.read_text("utf-8")) for p in root.iterdir() if p.name.endswith(".toml")
    )


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return 1 if at < 0 else text.count("\n", 0, at) + 1


def _walk_citations(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "citations" and isinstance(value, list):
                yield from (c for c in value if isinstance(c, str))
            else:
                yield from _walk_citations(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk_citations(item)


def interview_uses() -> list[Use]:
    uses: list[Use] = []
    for name, text in interview_files():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue  # the interview loader reports it; statutes check is about citations
        seen: set[str] = set()
        for citation in _walk_citations(data):
            if citation in seen:
                continue
            seen.add(citation)
            line = _line_of(text, f'"{citation}"')
            uses.append(Use(citation, f"interviews/{name}:{line}", "interview"))
    return uses


_LOOKS_CITED = re.compile(r"^\d+\s*(ILCS|Ill\.|U\.S\.C|CFR|IAC)|^Ill\. S\. Ct\.", re.I)


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes: documentation, not what a rule cites."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def rule_uses() -> list[Use]:
    """Citations in counsel/rules' string literals: a literal that is a citation, and every
    citation written inside an explanation (the one text pattern), docstrings aside."""
    from counsel.law import CitationError, parse_citation
    from counsel.law.citations import citations_in_text

    uses: list[Use] = []
    root = resources.files("counsel.rules")
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".py"):
            continue
        tree = ast.parse(entry.read_text("utf-8"))
        skip = _docstrings(tree)
        seen: set[tuple[str, int]] = set()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in skip:
                continue
            found = []
            if _LOOKS_CITED.match(node.value) and len(node.value) <= 80:
                try:
                    parse_citation(node.value)
                    found.append(node.value)
                except CitationError:
                    pass
            if not found:
                found = citations_in_text(node.value)
            for citation in found:
                if (citation, node.lineno) not in seen:
                    seen.add((citation, node.lineno))
                    uses.append(Use(citation, f"rules/{entry.name}:{node.lineno}", "rule"))
    return uses


def element_uses() -> list[Use]:
    """The citation of every required element (templates/elements.toml), at its table's line."""
    from counsel.render.elements import load_elements

    seen: set[tuple[str, int]] = set()
    uses: list[Use] = []
    for element in load_elements():
        if (element.citation, element.line) not in seen:
            seen.add((element.citation, element.line))
            uses.append(Use(element.citation, f"templates/elements.toml:{element.line}", "element"))
    return uses


def parameter_uses() -> list[Use]:
    from counsel.law import get_store

    store = get_store()
    uses: list[Use] = []
    for name in store.parameter_names():
        for value in store.parameter_history(name):
            if value.citation:
                uses.append(Use(value.citation, f"parameters.toml:{name}", "parameter"))
    return uses


def template_uses(template_dir: Path | None = None) -> list[Use]:
    from jinja2 import TemplateSyntaxError

    from counsel.authoring.lint import blank_jinja, cite_calls
    from counsel.law.citations import CITATION_IN_TEXT
    from counsel.render.env import PackageLoader, make_environment

    env = make_environment(PackageLoader())
    uses: list[Use] = []
    for name in template_names(template_dir):
        try:
            ast_ = env.parse(template_source(name, template_dir), name=name)
        except TemplateSyntaxError:
            continue  # lint reports syntax errors
        calls, _ = cite_calls(ast_)
        uses.extend(
            Use(c.citation, f"templates/{name}:{c.line}", "template", c.quoted) for c in calls
        )
        # Citations written as plain words in the template, outside any Jinja construct.
        text = blank_jinja(template_source(name, template_dir))
        for m in CITATION_IN_TEXT.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            uses.append(Use(m.group(), f"templates/{name}:{line}", "template"))
    return uses
