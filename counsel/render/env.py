"""The sandboxed Jinja2 environment: package templates by id, strict undefined, autoescape."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import string
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_PACKAGE = "counsel.templates"
_TEMPLATE_ID = re.compile(r"^_?[a-z0-9][a-z0-9_-]*\.html$")
CENT = Decimal("0.01")


def read_package_text(name: str) -> str:
    return resources.files(TEMPLATE_PACKAGE).joinpath(name).read_text("utf-8")


class PackageLoader(BaseLoader):
    """Loads templates by id (`lien-notice.html`) from counsel/templates, never by path."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if not _TEMPLATE_ID.match(template):
            raise TemplateNotFound(template)
        if template not in self._cache:
            try:
                self._cache[template] = read_package_text(template)
            except (FileNotFoundError, IsADirectoryError):
                raise TemplateNotFound(template) from None
        return self._cache[template], None, lambda: True

    def list_templates(self) -> list[str]:
        root = resources.files(TEMPLATE_PACKAGE)
        return sorted(p.name for p in root.iterdir() if _TEMPLATE_ID.match(p.name))

    def source_hash(self, template: str) -> str:
        """sha256 over the template and every shared partial (`_*.html`) it may include."""
        h = hashlib.sha256()
        for name in [template, *(t for t in self.list_templates() if t.startswith("_"))]:
            h.update(name.encode())
            h.update(b"\0")
            h.update(self.get_source(None, name)[0].encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


def money(value: Any) -> str:
    """$1,234.50 (half-up to cents, as LEGAL.md "Money" asks for shown amounts)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError("money filter needs a Decimal amount")
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def long_date(value: Any) -> str:
    """November 23, 2026."""
    if not isinstance(value, dt.date):
        raise TypeError("date filter needs a date")
    return f"{value:%B} {value.day}, {value.year}"


def last4(value: Any, label: str = "") -> str:
    """Rule 138(c): only the last four digits, e.g. "XXX-XX-1234"; empty stays empty."""
    digits = re.sub(r"\D", "", str(value or ""))
    if not digits:
        return ""
    tail = digits[-4:]
    if label == "ssn":
        return f"XXX-XX-{tail}"
    return f"ending in {tail}"


def and_list(values: Any) -> str:
    """Names in prose: "A", "A and B", "A, B and C" (the documents' own style, no serial comma)."""
    items = [str(v) for v in values]
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_CLOSERS = "\"')]\u201d\u2019 "


def sentence(value: Any) -> str:
    """Typed text that ends a sentence, with its full stop: a specialist's reason or description
    may end without one, and the document's sentence must still end ("claim WC-1." not "claim
    WC-1"). Text already ending in . ! or ? (before a closing quote or bracket) is kept as is."""
    text = str(value or "").strip()
    if not text or text.rstrip(_CLOSERS)[-1:] in (".", "!", "?"):
        return text
    return f"{text}."


MAX_SIZE = 1_000_000
"""Largest string, list, field width or count a template may ask for. Jinja's sandbox stops
escapes and bounds range() (MAX_RANGE) but not `'a' * 10**9`, `10**10**7` or
`'x'|center(10**9)`, each of which would exhaust memory or hang a render."""

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} is larger than the sandbox allows ({MAX_SIZE:,})")


def _check_count(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise _refuse(what)


def _check_format_spec(fmt: str) -> None:
    """str.format fields: no nested `{}` in a spec (a width taken from data), no huge width."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # malformed: str.format itself raises the error
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise SecurityError("a format width or precision taken from a value is refused")
        for number in re.findall(r"\d+", spec or ""):
            _check_count(int(number), "a format width or precision")


def _check_percent_spec(fmt: str) -> None:
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*":
                raise SecurityError("a %-format width taken from a value ('*') is refused")
            if part:
                _check_count(int(part), "a %-format width or precision")


def _bounded_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a built-in filter so its width/count arguments (positions after the value) are
    bounded; functools.wraps keeps Jinja's pass_environment marker."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            _check_count(value, f"the {func.__name__.removeprefix('do_')} filter's argument")
        if func.__name__ == "do_format" and args:
            _check_percent_spec(str(args[0]))
        return func(*args, **kwargs)

    return wrapper


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus size bounds on `**`, `*`, `%`, format widths, method
    arguments and the width-taking filters (see MAX_SIZE)."""

    intercepted_binops = frozenset({"**", "*", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if abs(left).bit_length() * right > 4 * MAX_SIZE:
                    raise _refuse("a power")
            elif isinstance(right, int | Decimal) and Decimal(right).copy_abs() > MAX_SIZE:
                raise _refuse("an exponent")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    _check_count(len(seq) * times, "a repeated string or list")
        elif operator == "%" and isinstance(left, str):
            _check_percent_spec(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format_spec(value.__self__)
        return wrapped

    def call(
        __self,  # noqa: B902 (Jinja's own signature: dunder names avoid keyword clashes)
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        for value in (*args, *kwargs.values()):
            _check_count(value, "a call argument")
        return super().call(__context, __obj, *args, **kwargs)


def make_environment(loader: PackageLoader) -> ImmutableSandboxedEnvironment:
    env = BoundedSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["money"] = money
    env.filters["long_date"] = long_date
    env.filters["last4"] = last4
    env.filters["and_list"] = and_list
    env.filters["sentence"] = sentence
    for name in ("center", "indent", "wordwrap", "batch", "slice", "truncate", "format"):
        env.filters[name] = _bounded_filter(env.filters[name])
    return env


def plain(value: Any, where: str = "context") -> Any:
    """Turn answers/findings/office into plain data (str, int, Decimal, date, list, dict).

    Dataclasses become dicts of their fields; anything else (objects with methods a template
    could call) is refused so the sandbox only ever sees data.
    """
    import dataclasses

    if value is None or isinstance(value, str | bool | int | Decimal | dt.date):
        return value
    if isinstance(value, float):
        raise TypeError(f"{where}: floats are not allowed (use Decimal)")
    if isinstance(value, Mapping):
        return {str(k): plain(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [plain(v, f"{where}[{i}]") for i, v in enumerate(items)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            f.name: plain(getattr(value, f.name), f"{where}.{f.name}")
            for f in dataclasses.fields(value)
        }
        for prop in ("is_cook",):
            if hasattr(type(value), prop):
                out[prop] = bool(getattr(value, prop))
        return out
    raise TypeError(f"{where}: {type(value).__name__} is not plain data")
