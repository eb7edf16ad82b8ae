"""Static checks on a document template: syntax, names, citations, provisions, HTML vocabulary."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment, nodes

KINDS = ("syntax", "unknown-name", "citation", "provision", "vocabulary")

# The documented HTML vocabulary (counsel/templates/README.md; parsed by counsel.render.parse).
BLOCK_TAGS = frozenset(
    {"h1", "h2", "h3", "p", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
    | {"hr", "div", "section"}
)
INLINE_TAGS = frozenset({"strong", "b", "em", "i", "u", "span", "br"})
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "data-provision"}),
    "ol": frozenset({"type"}),
    "div": frozenset({"data-rule"}),
}
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_PROVISION_ATTR = re.compile(r"data-provision\s*=\s*([\"'])(.*?)\1", re.S)


@dataclass(frozen=True, order=True)
class Problem:
    """One lint finding: the file and line, the kind of defect, and how to fix it."""

    file: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class CiteCall:
    """A literal `cite("...")` in a template, and whether the template quotes its text."""

    citation: str
    line: int
    quoted: bool


def _classes() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    from counsel.render.parse import DIV_CLASSES, PARAGRAPH_CLASSES

    by_tag = {
        "p": frozenset(PARAGRAPH_CLASSES),
        "div": DIV_CLASSES,
        "section": DIV_CLASSES,
        "hr": frozenset({"page-break"}),
        "td": frozenset({"", "num"}),
        "th": frozenset({"", "num"}),
    }
    return by_tag, frozenset({""})


def blank_jinja(source: str) -> str:
    """The template with every Jinja construct blanked out, newlines kept (lines still match)."""
    return _JINJA.sub(lambda m: "\n" * m.group().count("\n"), source)


class _TagScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}, self.getpos()[0]))

    handle_startendtag = handle_starttag


def check_vocabulary(name: str, source: str) -> list[Problem]:
    """Every tag, attribute and class is in the documented vocabulary (static scan)."""
    by_tag, other = _classes()
    scanner = _TagScanner()
    scanner.feed(blank_jinja(source))
    scanner.close()
    problems: list[Problem] = []
    for tag, attrs, line in scanner.tags:
        if tag not in BLOCK_TAGS | INLINE_TAGS:
            problems.append(
                Problem(
                    name,
                    line,
                    "vocabulary",
                    f"<{tag}> is not in the template vocabulary (see counsel/templates/README.md)",
                )
            )
            continue
        allowed = ALLOWED_ATTRS["*"] | ALLOWED_ATTRS.get(tag, frozenset())
        for attr in attrs:
            if attr not in allowed:
                problems.append(
                    Problem(
                        name,
                        line,
                        "vocabulary",
                        f"<{tag}> has attribute {attr!r}, which the writers ignore "
                        f"(allowed: {', '.join(sorted(allowed))})",
                    )
                )
        cls = attrs.get("class", "").strip()
        classes = by_tag.get(tag, other)
        if tag in by_tag and cls not in classes:
            shown = ", ".join(repr(c) for c in sorted(classes) if c)
            problems.append(
                Problem(name, line, "vocabulary", f"<{tag}> has unknown class {cls!r} ({shown})")
            )
        if tag == "ol" and attrs.get("type", "1") not in ("1", "a"):
            problems.append(Problem(name, line, "vocabulary", '<ol> type must be "1" or "a"'))
    return problems


def provision_marks(source: str) -> list[tuple[str, int]]:
    """Every provision id marked with data-provision in the source, with its line."""
    out: list[tuple[str, int]] = []
    for m in _PROVISION_ATTR.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        out.extend((pid, line) for pid in m.group(2).split() if "{" not in pid)
    return out


def check_provisions(
    name: str, source: str, required: Collection[str], known: Collection[str]
) -> list[Problem]:
    """Each required provision is marked; no mark names a provision that does not exist."""
    marks = provision_marks(source)
    problems = [
        Problem(
            name,
            line,
            "provision",
            f"data-provision {pid!r} is not a provision id (known: {', '.join(sorted(known))})",
        )
        for pid, line in marks
        if pid not in known
    ]
    marked = {pid for pid, _ in marks}
    for pid in required:
        if pid not in marked:
            problems.append(
                Problem(
                    name,
                    1,
                    "provision",
                    f"the document must state provision {pid!r} but no element is marked "
                    f'data-provision="{pid}"',
                )
            )
    return problems


def parse(env: Environment, name: str, source: str) -> tuple[nodes.Template | None, list[Problem]]:
    """Parse and compile in the sandbox; a syntax or unknown-filter error is a problem."""
    from jinja2 import TemplateSyntaxError

    try:
        ast = env.parse(source, name=name)
        env.compile(ast, name=name, filename=name)
    except TemplateSyntaxError as exc:  # TemplateAssertionError (unknown filter/test) too
        return None, [Problem(name, exc.lineno or 1, "syntax", exc.message or str(exc))]
    return ast, []


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
) -> list[Problem]:
    """Every literal cite() resolves; `resolve` returns an error message or None."""
    problems: list[Problem] = []
    for call in calls:
        error = resolve(call.citation)
        if error:
            problems.append(
                Problem(name, call.line, "citation", f"cite({call.citation!r}): {error}")
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


def lint_source(
    name: str,
    source: str,
    *,
    env: Environment,
    known: Collection[str] | None,
    resolve: Callable[[str], str | None],
    required: Collection[str] = (),
    provision_ids: Collection[str] = (),
) -> list[Problem]:
    """All checks on one template's source. `known` None skips the name check."""
    problems = check_vocabulary(name, source)
    problems += check_provisions(name, source, required, provision_ids)
    ast, syntax = parse(env, name, source)
    problems += syntax
    if ast is not None:
        if known is not None:
            problems += check_names(name, ast, known)
        calls, _dynamic = cite_calls(ast)
        problems += check_citations(name, calls, resolve)
    return sorted(problems)
