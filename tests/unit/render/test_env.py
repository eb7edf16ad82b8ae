"""The sandbox: strict undefined, autoescape, templates by id only, plain data, filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from jinja2 import TemplateNotFound, UndefinedError
from jinja2.sandbox import SecurityError

from counsel.render.env import PackageLoader, last4, long_date, make_environment, money, plain


@pytest.fixture(scope="module")
def env():  # type: ignore[no-untyped-def]
    return make_environment(PackageLoader())


def test_missing_value_is_an_error_never_a_blank(env) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UndefinedError):
        env.from_string("<p>{{ obligor_name }}</p>").render()


def test_values_are_escaped(env) -> None:  # type: ignore[no-untyped-def]
    out = env.from_string("<p>{{ v }}</p>").render(v="<script>&{{ x }}{% if %}")
    assert out == "<p>&lt;script&gt;&amp;{{ x }}{% if %}</p>"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ v.__class__ }}",
        "{{ [].append.__self__ }}",
        "{{ v.pop() }}",
    ],
)
def test_sandbox_refuses_internals_and_mutation(env, source: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SecurityError):
        env.from_string(source).render(v=[1])


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd", "sub/x.html", "style.css"])
def test_templates_load_by_id_from_the_package_only(env, name: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TemplateNotFound):
        env.get_template(name)


def test_package_templates_load(env) -> None:  # type: ignore[no-untyped-def]
    assert env.get_template("track-memo.html") is not None
    assert "_caption.html" in PackageLoader().list_templates()


def test_template_hash_covers_partials() -> None:
    loader = PackageLoader()
    h1 = loader.source_hash("track-memo.html")
    loader._cache["_caption.html"] = "changed"
    assert loader.source_hash("track-memo.html") != h1


def test_money_rounds_half_up_to_cents() -> None:
    assert money(Decimal("1234.505")) == "$1,234.51"
    assert money(Decimal("0.004")) == "$0.00"
    assert money(Decimal("-2.5")) == "-$2.50"
    assert money(1000) == "$1,000.00"
    with pytest.raises(TypeError):
        money(1.5)


def test_long_date_and_leap_day() -> None:
    assert long_date(dt.date(2024, 2, 29)) == "February 29, 2024"
    with pytest.raises(TypeError):
        long_date("2024-02-29")


def test_last4_shows_only_the_last_four_digits() -> None:
    assert last4("900-00-0001", "ssn") == "XXX-XX-0001"
    assert last4("4111 1111 1111 1111") == "ending in 1111"
    assert last4("") == ""
    assert last4(None) == ""


def test_plain_keeps_data_and_refuses_objects_and_floats() -> None:
    from counsel.office import Attorney

    out = plain({"a": [Decimal("1.00"), dt.date(2026, 1, 1)], "b": Attorney("N", "e", "p")})
    assert out["b"]["name"] == "N"
    with pytest.raises(TypeError, match="floats"):
        plain({"x": 1.5})
    with pytest.raises(TypeError, match="not plain data"):
        plain({"x": object()})
