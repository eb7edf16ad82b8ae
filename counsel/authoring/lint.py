"""Static checks on a document template: syntax, names, citations, provisions, HTML vocabulary."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment, nodes

KINDS = ("syntax", "unknown-name", "citation", "provision", "vocabulary", "documents", "element")

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
    """Start tags with their line and the classes of the divs around them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], int, tuple[str, ...]]] = []
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        around = tuple(cls for t, cls in self._open if t in ("div", "section"))
        self.tags.append((tag, values, self.getpos()[0], around))
        if tag not in ("br", "hr"):
            self._open.append((tag, values.get("class", "").strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        around = tuple(cls for t, cls in self._open if t in ("div", "section"))
        self.tags.append((tag, values, self.getpos()[0], around))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return


def check_vocabulary(name: str, source: str) -> list[Problem]:
    """Every tag, attribute and class is in the documented vocabulary (static scan)."""
    by_tag, other = _classes()
    scanner = _TagScanner()
    scanner.feed(blank_jinja(source))
    scanner.close()
    problems: list[Problem] = []
    for tag, attrs, line, around in scanner.tags:
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
        if tag == "p" and {"caption", "signature"} & set(around):
            # Lines of a caption or signature block (counsel.render.parse: lines()).
            if cls not in ("", "indent"):
                problems.append(
                    Problem(
                        name,
                        line,
                        "vocabulary",
                        f"<p> class {cls!r}: a line of a caption or signature block takes "
                        'only class="indent"',
                    )
                )
        elif tag in by_tag and cls not in classes:
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


def lint_source(
    name: str,
    source: str,
    *,
    env: Environment,
    known: Collection[str] | None,
    resolve: Callable[[str], str | None],
    required: Collection[str] = (),
    provision_ids: Collection[str] = (),
    quotable: Callable[[str], str | None] | None = None,
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
        problems += check_citations(name, calls, resolve, quotable)
    return sorted(problems)


# -- the real templates: names from interviews and findings, provisions from the manifest -------


@dataclass(frozen=True)
class LintReport:
    """Problems across the templates linted (exit 1 when there is any)."""

    templates: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def human(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{len(self.templates)} template(s) linted: "
            + (f"{len(self.problems)} problem(s)" if self.problems else "no problems")
        )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "templates": list(self.templates),
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
        }


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


def _answer_ids(interview_id: str) -> frozenset[str]:
    from counsel.interviewer import load_interview

    return frozenset(q.id for q in load_interview(interview_id).questions)


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


def _list_fields(interview_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    from counsel.interviewer import load_interview

    out: dict[str, set[str]] = {}
    for interview_id in interview_ids:
        for q in load_interview(interview_id).questions:
            if q.fields:
                out.setdefault(q.id, set()).update(f.id for f in q.fields)
    return {k: frozenset(v) for k, v in out.items()}


def text_citations(name: str, source: str, resolve: Callable[[str], str | None]) -> list[Problem]:
    """Citations written as plain text in the template (the renderer checks them too)."""
    from counsel.authoring.preview import CITATION_RE

    text = blank_jinja(source)
    problems = []
    for m in CITATION_RE.finditer(text):
        error = resolve(m.group())
        if error:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(Problem(name, line, "citation", f"{m.group()!r} in the text: {error}"))
    return problems


def check_manifest_expressions(
    env: Environment,
    specs: Iterable[Any],
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


def lint_templates(
    names: Sequence[str] | None = None,
    *,
    on: dt.date | None = None,
) -> LintReport:
    """Lint the bundled templates (all, or the named ones) against their interviews.

    A template named by the manifest is checked against its interview's answers, every
    finding and the renderer's context; a shared partial (`_*.html`) against every interview's
    answers. The elements each document must state come from templates/elements.toml
    (counsel.authoring.lint_elements) and may be marked in the template or a partial it
    includes.
    """
    from counsel.authoring.lint_elements import check_element_words, check_elements
    from counsel.authoring.sources import template_names, template_source
    from counsel.errors import UsageError
    from counsel.interviewer import INTERVIEW_ORDER, all_answer_ids
    from counsel.render.core import load_document_specs
    from counsel.render.elements import elements_of, load_elements
    from counsel.render.env import PackageLoader, make_environment

    on = on or dt.date.today()
    env = make_environment(PackageLoader())
    available = template_names()
    manifest = load_document_specs()
    uses: dict[str, list[Any]] = {}
    for documents in manifest.values():
        for spec in documents:
            uses.setdefault(spec.template, []).append(spec)
    problems: list[Problem] = []
    for template, users in sorted(uses.items()):
        if template not in available:
            problems.append(
                Problem(
                    "documents.toml",
                    1,
                    "documents",
                    f"{users[0].interview}/{users[0].id} names template {template!r}, "
                    "which does not exist",
                )
            )
    if names:
        for n in names:
            if n not in available:
                raise UsageError(f"NAME: no template {n!r} (templates: {', '.join(available)})")
        targets = list(names)
    else:
        targets = available
    findings = finding_names()
    globals_ = context_names()
    every_answer = all_answer_ids()
    elements = load_elements()
    provision_ids = {e.id for e in elements}
    resolve = store_resolver(on)
    quotable = store_quotable(on)
    for name in targets:
        source = template_source(name)
        doc_specs = uses.get(name, [])
        if doc_specs:
            known: set[str] = set(globals_)
            for spec in doc_specs:
                known |= _answer_ids(spec.interview) | finding_names(spec.interview)
        else:
            known = set(globals_) | set(findings) | set(every_answer)
        required: set[str] = set()
        for spec in doc_specs:
            required |= {e.id for e in elements_of(spec.id, elements)}
        # An element may be marked in a partial the template includes.
        partials = referenced(env, name)[1:]
        marked_elsewhere = {
            pid for ref in partials for pid, _ in provision_marks(template_source(ref))
        }
        if doc_specs:
            found_words = check_element_words(
                name,
                [source] + [template_source(ref) for ref in partials],
                [e for spec in doc_specs for e in elements_of(spec.id, elements)],
            )
        else:
            found_words = []
        found = lint_source(
            name,
            source,
            env=env,
            known=known,
            resolve=resolve,
            required=sorted(required - marked_elsewhere),
            provision_ids=provision_ids | required,
            quotable=quotable,
        )
        ast, _ = parse(env, name, source)
        if ast is not None:
            own = (
                frozenset().union(*(finding_names(spec.interview) for spec in doc_specs))
                if doc_specs
                else findings
            )
            found += check_findings_attrs(name, ast, own)
            ids = [spec.interview for spec in doc_specs] or list(INTERVIEW_ORDER)
            found += check_item_fields(name, ast, _list_fields(ids))
        found += text_citations(name, source, resolve)
        problems += found + found_words
    if not names:
        from counsel.render.env import read_package_text

        problems += check_manifest_expressions(
            env,
            [spec for documents in manifest.values() for spec in documents],
            lambda iv: set(globals_) | _answer_ids(iv) | finding_names(iv),
            read_package_text("documents.toml"),
        )
        problems += check_elements(
            env,
            elements,
            manifest,
            lambda iv: set(globals_) | _answer_ids(iv) | finding_names(iv),
            resolve,
        )
    return LintReport(tuple(targets), tuple(sorted(set(problems))))
