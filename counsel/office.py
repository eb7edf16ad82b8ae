"""The office profile: county, circuit, State's Attorney, attorneys, court closures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from counsel.errors import UsageError
from counsel.inputs import parse_toml, read_text

# PDF variants counsel writes, every one tagged (headings, lists, tables, reading order,
# title, language). PDF/UA-1 is the default, for filing and service; PDF/A-2b (or -3b) is for
# a copy kept for years (README "PDF variants").
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b")
DEFAULT_PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Attorney:
    """A filing attorney (Ill. S. Ct. R. 131(d): name, address, phone, e-mail)."""

    name: str
    """Full name as it appears on the signature block."""
    email: str
    """Primary e-mail address designated under Rule 131(d)."""
    phone: str
    """Telephone number."""
    ardc: str = ""
    """ARDC registration number, where the county asks for one."""
    title: str = "Assistant State's Attorney"
    """Title shown under the name."""


@dataclass(frozen=True)
class Closure:
    """A date the court or office is closed, skipped when counting periods (5 ILCS 70/1.11)."""

    date: dt.date
    """The closed day."""
    name: str
    """Why it is closed, shown in any deadline finding that skips it."""


@dataclass(frozen=True)
class Office:
    """A State's Attorney's office running a Unified Child Support Services Program."""

    county: str
    """County name without the word County (e.g. "Sangamon"; "Cook" gets Cook's caption); the
    only county whose cases the office prepares (a case's `county` answer must be it)."""
    circuit: str
    """Judicial circuit as an ordinal word or number (e.g. "Seventh"); unused for Cook."""
    state_attorney: str
    """The elected State's Attorney."""
    office_name: str
    """Office name for headings and the PDF author field."""
    address: tuple[str, ...]
    """Street address lines of the office."""
    phone: str
    """Office telephone number."""
    email: str
    """Office e-mail address."""
    attorneys: tuple[Attorney, ...]
    """Filing attorneys; the first is the default signer."""
    closures: tuple[Closure, ...] = ()
    """Court-closure dates beyond the statutory holidays."""
    older_child_age: int = 10
    """Track criterion 7 (Convention): parentage for a child at least this old goes judicial."""
    review_date: dt.date | None = None
    """Statute review date: sections whose newest version is older get a staleness warning."""
    register_path: str = ""
    """Where the register of issued documents lives (empty: the user data directory)."""
    pdf_variant: str = DEFAULT_PDF_VARIANT
    """The PDF standard every PDF is written to: pdf/ua-1 (accessible, for filing) or
    pdf/a-2b / pdf/a-3b (archival, for the register copy); all are tagged."""
    register_url: str = ""
    """The office's shared register on PostgreSQL (`postgresql://host/dbname`, no password:
    credentials come from the environment, ~/.pgpass or a libpq service file)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_cook(self) -> bool:
        return self.county.strip().lower() == "cook"

    def is_own_county(self, name: str) -> bool:
        """Whether `name` is this office's county, however it is spelled ("sangamon county",
        "Du Page" for DuPage, "Saint Clair" for St. Clair)."""
        return county_key(name) == county_key(self.county)

    def closure_dates(self) -> dict[dt.date, str]:
        return {c.date: c.name for c in self.closures}


def county_key(name: str) -> str:
    """A county name reduced to what tells counties apart: case, spaces, full stops, a
    trailing "County" and "Saint"/"St." are spelling, not a different county."""
    key = " ".join(name.casefold().replace(".", " ").split())
    key = key.removesuffix(" county")
    if key.startswith("saint "):  # St. Clair County
        key = "st " + key.removeprefix("saint ")
    return key.replace(" ", "").replace("'", "").replace("\u2019", "")


_OFFICE_KEYS = {
    "county",
    "circuit",
    "state_attorney",
    "office_name",
    "address",
    "phone",
    "email",
    "attorneys",
    "closures",
    "older_child_age",
    "review_date",
    "register_path",
    "pdf_variant",
    "register_url",
}
_ATTORNEY_KEYS = {"name", "email", "phone", "ardc", "title"}


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise UsageError(f"{where}: missing key '{key}'")
    value = data[key]
    if not isinstance(value, kind):
        raise UsageError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def parse_office(data: dict[str, Any], where: str = "office profile") -> Office:
    unknown = sorted(set(data) - _OFFICE_KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(_OFFICE_KEYS))})"
        )
    for key in ("county", "circuit", "state_attorney", "office_name", "phone", "email"):
        _require(data, key, str, where)
    attorneys = []
    for i, raw in enumerate(_require(data, "attorneys", list, where), start=1):
        at = f"{where}: attorneys[{i}]"
        if not isinstance(raw, dict):
            raise UsageError(f"{at} must be a table")
        bad = sorted(set(raw) - _ATTORNEY_KEYS)
        if bad:
            raise UsageError(f"{at}: unknown key '{bad[0]}'")
        attorneys.append(
            Attorney(
                name=_require(raw, "name", str, at),
                email=_require(raw, "email", str, at),
                phone=_require(raw, "phone", str, at),
                ardc=str(raw.get("ardc", "")),
                title=str(raw.get("title", "Assistant State's Attorney")),
            )
        )
    if not attorneys:
        raise UsageError(f"{where}: 'attorneys' needs at least one attorney")
    closures = []
    raw_closures = data.get("closures", [])
    if not isinstance(raw_closures, list):  # e.g. `closures = false`: not iterable
        raise UsageError(f"{where}: 'closures' must be an array of tables ([[closures]])")
    for i, raw in enumerate(raw_closures, start=1):
        at = f"{where}: closures[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("date"), dt.date):
            raise UsageError(f'{at} needs date = YYYY-MM-DD and name = "..."')
        closures.append(Closure(date=raw["date"], name=str(raw.get("name", "Court closure"))))
    age = data.get("older_child_age", 10)
    if not isinstance(age, int) or isinstance(age, bool) or not 0 < age < 19:
        raise UsageError(f"{where}: 'older_child_age' must be a whole number of years from 1 to 18")
    review = data.get("review_date")
    if review is not None and not isinstance(review, dt.date):
        raise UsageError(f"{where}: 'review_date' must be a date (YYYY-MM-DD)")
    address = _require(data, "address", list, where)
    variant = data.get("pdf_variant", DEFAULT_PDF_VARIANT)
    if variant not in PDF_VARIANTS:
        raise UsageError(f"{where}: 'pdf_variant' must be one of {', '.join(PDF_VARIANTS)}")
    register_url = data.get("register_url", "")
    if not isinstance(register_url, str):
        raise UsageError(f"{where}: 'register_url' must be a string (postgresql://host/dbname)")
    if register_url.strip():
        from counsel.register.location import postgres_location

        if str(data.get("register_path", "")).strip():
            raise UsageError(
                f"{where}: give 'register_url' (the office's PostgreSQL register) or "
                "'register_path' (a SQLite file), not both"
            )
        postgres_location(register_url, f"{where}: register_url")
    return Office(
        county=_require(data, "county", str, where),
        circuit=str(_require(data, "circuit", str, where)),
        state_attorney=_require(data, "state_attorney", str, where),
        office_name=_require(data, "office_name", str, where),
        address=tuple(str(line) for line in address),
        phone=_require(data, "phone", str, where),
        email=_require(data, "email", str, where),
        attorneys=tuple(attorneys),
        closures=tuple(closures),
        older_child_age=age,
        review_date=review,
        register_path=str(data.get("register_path", "")),
        pdf_variant=variant,
        register_url=register_url.strip(),
    )


def load_office(path: Path | None = None) -> Office:
    """Load an office profile; None loads the bundled example office."""
    if path is None:
        text = resources.files("counsel").joinpath("example_office.toml").read_text("utf-8")
        where = "example office profile"
    else:
        where = str(path)
        text = read_text(path, what="office")
    return parse_office(parse_toml(text, where=where, what="office"), where)
