"""Static checks on a document template: syntax, names, citations, elements, HTML vocabulary."""

# One module a job: problems (what is reported), source (parsing, includes), vocabulary,
# provisions (element marks), names (answers, findings, globals, fields, manifest
# expressions), citations; this module runs them over one source (lint_source) or the
# bundled templates (lint_templates). Element words and data: counsel.authoring.lint_elements.

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from counsel.authoring.lint.citations import (
    CiteCall,
    check_citations,
    cite_calls,
    store_quotable,
    store_resolver,
    text_citations,
)
from counsel.authoring.lint.names import (
    answer_ids,
    check_findings_attrs,
    check_item_fields,
    check_manifest_expressions,
    check_names,
    context_names,
    finding_names,
    list_fields,
)
from counsel.authoring.lint.problems import KINDS, LintReport, Problem
from counsel.authoring.lint.provisions import check_provisions, provision_marks
from counsel.authoring.lint.source import blank_jinja, parse, referenced
from counsel.authoring.lint.vocabulary import (
    ALLOWED_ATTRS,
    BLOCK_TAGS,
    INLINE_TAGS,
    check_vocabulary,
)

if TYPE_CHECKING:
    from jinja2 import Environment

    from counsel.render.specs import DocumentSpec

__all__ = [
    "ALLOWED_ATTRS",
    "BLOCK_TAGS",
    "INLINE_TAGS",
    "KINDS",
    "CiteCall",
    "LintReport",
    "Problem",
    "answer_ids",
    "blank_jinja",
    "check_citations",
    "check_findings_attrs",
    "check_item_fields",
    "check_manifest_expressions",
    "check_names",
    "check_provisions",
    "check_vocabulary",
    "cite_calls",
    "context_names",
    "finding_names",
    "lint_source",
    "lint_templates",
    "list_fields",
    "parse",
    "provision_marks",
    "referenced",
    "store_quotable",
    "store_resolver",
    "text_citations",
]


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
    uses: dict[str, list[DocumentSpec]] = {}
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
                raise UsageError(
                    f"no template {n!r} (templates: {', '.join(available)})", what="name"
                )
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
                known |= answer_ids(spec.interview) | finding_names(spec.interview)
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
            found += check_item_fields(name, ast, list_fields(ids))
        found += text_citations(name, source, resolve)
        problems += found + found_words
    if not names:
        from counsel.render.env import read_package_text

        problems += check_manifest_expressions(
            env,
            [spec for documents in manifest.values() for spec in documents],
            lambda iv: set(globals_) | answer_ids(iv) | finding_names(iv),
            read_package_text("documents.toml"),
        )
        problems += check_elements(
            env,
            elements,
            manifest,
            lambda iv: set(globals_) | answer_ids(iv) | finding_names(iv),
            resolve,
        )
    return LintReport(tuple(targets), tuple(sorted(set(problems))))
