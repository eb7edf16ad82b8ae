"""The template sandbox: known escapes raise SecurityError, amplifiers are bounded, template
names are package ids, and answers are data (never evaluated). Modelled on pallets/jinja
tests/test_security.py."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jinja2 import TemplateError, TemplateNotFound
from jinja2.exceptions import SecurityError

from counsel.render.core import DocumentSpec, Renderer, RenderError
from counsel.render.env import MAX_SIZE, PackageLoader, make_environment
from tests.security import helpers, tally

# Known sandbox escapes: each must raise SecurityError (never render anything).
ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ range.__globals__ }}",
    "{{ cite.__self__ }}",
    "{{ cite.__func__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    "{{ '{0.__init__.__globals__}'.format(cycler) }}",
    "{{ ('{0.__class__}'|attr('format'))(1) }}",
    "{{ ('{x.__class__}'|attr('format_map'))({'x': 1}) }}",
    "{{ ''|attr('__class__') }}",
    "{{ (''|attr('format')).__globals__ }}",
    "{{ ''.format.__self__.__class__ }}",
    "{{ office.__class__ }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{% set x = [] %}{{ x.append(1) }}",
    "{% set d = {} %}{{ d.update(a=1) }}",
    "{{ office.attorneys.pop() }}",
    "{{ office.update({'county': 'x'}) }}",
    "{{ loop.__class__ }}{% for i in [1] %}{% endfor %}",
]

# Amplifiers: each must be refused (SecurityError / OverflowError) within a second.
AMPLIFIERS = [
    "{{ range(10**9)|length }}",
    "{{ range(10**9)|list|length }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{{ 9**(9**9) }}",
    "{{ 10**10000000 }}",
    "{% set x = 99 %}{{ x**x**x**x**x }}",
    "{{ 'a' * 10**9 }}",
    "{{ 10**9 * 'a' }}",
    "{{ [0] * 10**9 }}",
    "{{ ('ab' * 10**5) * 10**5 }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'|indent(10**9) }}",
    "{{ 'x x'|wordwrap(10**9) }}",
    "{{ [1]|batch(10**9, 0)|list }}",
    "{{ [1]|slice(10**9)|list }}",
    "{{ 'x'.center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ '1'.zfill(10**9) }}",
    "{{ '\t'.expandtabs(10**9) }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '{:.999999999f}'.format(1.5) }}",
    "{{ '{:{w}}'.format(1, w=999999999) }}",
    "{{ ('{:>999999999}'|attr('format'))(1) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ '%*d' % (999999999, 1) }}",
    "{{ '%999999999d'|format(1) }}",
    "{{ '%*d'|format(999999999, 1) }}",
]

# Template names that are paths, not ids from counsel/templates.
BAD_NAMES = [
    "../../etc/passwd",
    "/etc/passwd",
    "..\\..\\etc\\passwd",
    "lien-notice.html/../../../etc/passwd",
    "./lien-notice.html",
    "%2e%2e/etc/passwd",
    "documents.toml",
    "style.css",
    "../pyproject.toml",
    "lien-notice.html\x00.txt",
    "file:///etc/passwd",
    "templates/lien-notice.html",
    "LIEN-NOTICE.HTML",
    "",
]


@pytest.fixture(scope="module")
def env() -> Any:
    return make_environment(PackageLoader())


def _context() -> dict[str, Any]:
    """A context shaped like the renderer's: plain office data and a bound cite()."""
    from counsel.render.env import plain

    class Citer:
        def cite(self, citation: str) -> str:
            return citation

    return {"office": plain(helpers.office()), "cite": Citer().cite}


@pytest.mark.parametrize("source", ESCAPES)
def test_known_escapes_raise_security_error(env: Any, source: str) -> None:
    tally.attack()
    with pytest.raises(SecurityError):
        env.from_string(source).render(_context())


@pytest.mark.parametrize("source", AMPLIFIERS)
def test_amplifiers_are_refused_quickly(env: Any, source: str) -> None:
    tally.attack()
    start = time.monotonic()
    with pytest.raises((SecurityError, OverflowError)):
        env.from_string(source).render(_context())
    assert time.monotonic() - start < 2.0  # generous for a loaded machine: a hang takes minutes


def test_left_associative_power_is_small_and_allowed(env: Any) -> None:
    # Jinja parses 9**9**9 as (9**9)**9, a 78-digit number: harmless, so it renders.
    tally.attack()
    assert env.from_string("{{ 9**9**9 }}").render() == str((9**9) ** 9)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 2**10 }}", "1024"),
        ("{{ 'ab' * 3 }}", "ababab"),
        ("{{ '%05.2f' % 3.14159 }}", "03.14"),
        ("{{ '{:>6}'.format('x') }}", "     x"),
        ("{{ 'x'|center(5) }}", "  x  "),
        ("{{ [1, 2, 3]|batch(2)|list }}", "[[1, 2], [3]]"),
        ("{{ '%s-%s'|format('a', 'b') }}", "a-b"),
        ("{{ range(3)|list }}", "[0, 1, 2]"),
    ],
)
def test_bounds_leave_ordinary_template_code_working(env: Any, source: str, expected: str) -> None:
    assert env.from_string(source).render() == expected


def test_bound_is_exact_at_the_limit(env: Any) -> None:
    # At MAX_SIZE the repetition is allowed; one more item is refused.
    assert len(env.from_string("{{ 'a' * n }}").render(n=MAX_SIZE)) == MAX_SIZE
    with pytest.raises(SecurityError):
        env.from_string("{{ 'a' * n }}").render(n=MAX_SIZE + 1)


@pytest.mark.parametrize("name", BAD_NAMES)
def test_template_names_are_ids_never_paths(env: Any, name: str) -> None:
    tally.attack()
    with pytest.raises(TemplateNotFound):
        env.get_template(name)


@pytest.mark.parametrize("tag", ["include", "import", "extends", "from"])
def test_template_statements_cannot_reach_files(env: Any, tag: str) -> None:
    tally.attack()
    source = {
        "include": "{% include '../../etc/passwd' %}",
        "import": "{% import '/etc/passwd' as x %}",
        "extends": "{% extends '../pyproject.toml' %}",
        "from": "{% from '../../etc/passwd' import x %}",
    }[tag]
    with pytest.raises(TemplateNotFound):
        env.from_string(source).render()


def test_package_partials_still_load(env: Any) -> None:
    assert env.get_template("_caption.html") is not None


def test_manifest_naming_a_path_is_refused_not_read() -> None:
    """A manifest entry whose template is a path ends in a RenderError, never a file read."""
    tally.attack()
    interview_id, raw = helpers.example("track-judicial")
    answers = helpers.typed(interview_id, raw)
    spec = DocumentSpec(
        interview=interview_id, id="evil", template="../../etc/passwd", title="x", name="x"
    )
    renderer = Renderer(manifest={interview_id: (spec,)})
    with pytest.raises(RenderError) as info:
        renderer.build(interview_id, answers, helpers.office())
    assert "TemplateNotFound" in str(info.value)
    assert "root:" not in str(info.value)


JINJA_IN_ANSWERS = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{# comment #}",
    "{% raw %}",
    "<img src=file:///etc/passwd>",
    "</p><script>alert(1)</script>",
    "&amp; &lt; ]]> \"'",
]


@pytest.mark.parametrize("value", JINJA_IN_ANSWERS)
def test_answers_with_template_syntax_are_data(value: str) -> None:
    """An answer holding Jinja or HTML syntax reaches the document as its literal text."""
    tally.attack()
    interview_id, raw = helpers.example("track-judicial")
    raw = {**raw, "obligor_name": f"Ann {value} Doe"}
    answers = helpers.typed(interview_id, raw)
    built = helpers.renderer().build(interview_id, answers, helpers.office())
    from counsel.render.model import document_text

    text = " ".join(document_text(b.model) for b in built)
    # The literal survives only if nothing evaluated or interpreted it.
    assert f"Ann {value} Doe" in text
    assert "Ann 49 Doe" not in text and "<class" not in text and "looploop" not in text


def test_template_error_messages_name_no_answer_value() -> None:
    """A template failing on an answer reports the template and line, not the value."""
    tally.attack()
    canary = "CANARY-9-TEMPLATE-FAIL"
    env = make_environment(PackageLoader())
    with pytest.raises(TemplateError) as info:
        env.from_string("{{ name }}{{ missing_answer }}").render(name=canary)
    assert canary not in str(info.value)
