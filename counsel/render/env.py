"""The sandboxed Jinja2 environment: package templates by id, strict undefined, autoescape."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
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


def make_environment(loader: PackageLoader) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
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
