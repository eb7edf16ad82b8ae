"""The statute store's values: sections, dated versions, parameters and resolved citations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from counsel.errors import NotFoundError
from counsel.law.citations import Citation


class NotInForceError(NotFoundError):
    """A section, pinpoint or parameter has no version in force on the date asked (exit 1)."""


@dataclass(frozen=True)
class Version:
    """One text of a section, in force from `effective` until the next version's date.

    `effective` is None when the sources do not give the date (never a made-up date).
    Unknown-date versions come before every dated one, in the order the sources give; the
    last of them is taken to be in force on every date before the first dated version (on
    every date at all, when no version is dated). Its `note` says where the text came from.
    """

    effective: dt.date | None
    source: str
    origin: str
    heading: str
    text: str
    labels: tuple[str, ...] = ()
    truncated: tuple[str, ...] = ()
    complete: bool = True
    note: str = ""
    provenance: tuple[str, ...] = ()
    repealed: bool = False

    @property
    def effective_iso(self) -> str | None:
        return None if self.effective is None else self.effective.isoformat()


@dataclass(frozen=True)
class Section:
    """A section (or rule, or named document) and its versions, oldest first."""

    citation: str
    heading: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        """The newest version the store holds."""
        return self.versions[-1]

    def as_of(self, on: dt.date) -> Version:
        """The version in force on `on`: the latest effective on or before it.

        An unknown-date oldest version covers every date before the next version.
        """
        found: Version | None = None
        for version in self.versions:
            if version.effective is None or version.effective <= on:
                found = version
            else:
                break
        if found is None:
            first = self.versions[0].effective
            since = (
                f" (the store's first version is effective {first.isoformat()})" if first else ""
            )
            raise NotInForceError(f"{self.citation} is not in force on {on.isoformat()}{since}")
        return found


@dataclass(frozen=True)
class ResolvedCitation:
    """A citation checked against the version of its section in force on a date."""

    citation: Citation
    section: Section
    version: Version
    text: str

    def __str__(self) -> str:
        return str(self.citation)


ParameterValue = int | Decimal | dt.date


@dataclass(frozen=True)
class ParameterValueVersion:
    """One dated value of a parameter."""

    effective: dt.date | None
    value: ParameterValue


@dataclass(frozen=True)
class Parameter:
    """A versioned legal figure (a threshold, a period) with its citation and source note."""

    name: str
    value: ParameterValue
    citation: str
    source_note: str
    effective: dt.date | None
    unit: str = ""
