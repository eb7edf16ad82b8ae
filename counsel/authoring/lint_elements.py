"""Lint of the required elements (templates/elements.toml) against documents and templates."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from counsel.authoring.lint import Problem
from counsel.render.elements import ELEMENTS_FILE, Element, normalize

if TYPE_CHECKING:
    from jinja2 import Environment


def check_element_words(
    name: str, sources: Sequence[str], elements: Iterable[Element]
) -> list[Problem]:
    """Each element's words are written in the template or a partial it includes: a template
    that drops the statute's words fails here, before any document is rendered."""
    text = normalize("\n".join(sources))
    problems = []
    for element in elements:
        for word in element.words:
            if normalize(word) not in text:
                problems.append(
                    Problem(
                        name,
                        1,
                        "element",
                        f'{element.document} must state element "{element.id}" with the '
                        f'words "{word}" ({element.citation}; {element.source}), but the '
                        f"template and its partials do not contain them",
                    )
                )
    return problems


def check_elements(
    env: Environment,
    elements: Iterable[Element],
    manifest: Mapping[str, Sequence[Any]],
    known_for: Callable[[str], Collection[str]],
    resolve: Callable[[str], str | None],
) -> list[Problem]:
    """Every element names a document of documents.toml, a citation the store resolves, and a
    `when` that compiles over that document's names."""
    from jinja2 import TemplateSyntaxError, meta

    interview_of = {spec.id: spec.interview for specs in manifest.values() for spec in specs}
    problems: list[Problem] = []
    for element in elements:
        where = f'element "{element.id}" of {element.document}'
        interview = interview_of.get(element.document)
        if interview is None:
            problems.append(
                Problem(
                    ELEMENTS_FILE,
                    element.line,
                    "element",
                    f"{where}: no document {element.document!r} in documents.toml "
                    f"(documents: {', '.join(sorted(interview_of))})",
                )
            )
            continue
        error = resolve(element.citation)
        if error:
            problems.append(Problem(ELEMENTS_FILE, element.line, "element", f"{where}: {error}"))
        if element.when:
            try:
                ast = env.parse("{{ " + element.when + " }}")
            except TemplateSyntaxError as exc:
                problems.append(
                    Problem(ELEMENTS_FILE, element.line, "element", f"{where}: when: {exc}")
                )
                continue
            names = meta.find_undeclared_variables(ast) - set(known_for(interview))
            for unknown in sorted(names):
                problems.append(
                    Problem(
                        ELEMENTS_FILE,
                        element.line,
                        "element",
                        f"{where}: when: {unknown!r} is not an answer or finding of {interview}",
                    )
                )
    return sorted(set(problems))
