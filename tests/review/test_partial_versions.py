"""A pinpoint missing from a version the store holds only in part was reported as "has no
subsection (e) in the version in force" (a registration dated 2016 cited 10-15.1(e), which the
2015 text in the sources does not reach): the store cannot say the law lacked it. A partial
version now says the citation cannot be checked; a complete one still says it has no such
subsection."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.law.citations import CitationError, parse_citation
from counsel.law.store import get_store


def _day_in_force(section, index):  # type: ignore[no-untyped-def]
    version = section.versions[index]
    if version.effective is not None:
        return version.effective
    dated = [v.effective for v in section.versions if v.effective is not None]
    return (dated[0] - dt.timedelta(days=1)) if dated else dt.date(2020, 1, 1)


def test_every_version_says_what_it_can() -> None:
    store = get_store()
    seen = {True: 0, False: 0}
    for section in store.sections():
        try:
            parse_citation(f"{section.citation}(zz)")
        except CitationError:
            continue  # a citation form without subsections (an act: 5 ILCS 179)
        for i, version in enumerate(section.versions):
            on = _day_in_force(section, i)
            if section.as_of(on) is not version or version.repealed:
                continue  # a version no date reaches (an earlier one of the same day)
            with pytest.raises(CitationError) as info:
                store.cite(f"{section.citation}(zz)", on)
            message = str(info.value)
            if version.complete:
                assert "has no subsection (zz)" in message, message
            else:
                assert "cannot be checked" in message and "has no subsection" not in message
            seen[version.complete] += 1
    assert seen[True] and seen[False], seen


def test_the_registration_of_2016() -> None:
    with pytest.raises(CitationError, match="only part of the version in force then"):
        get_store().cite("305 ILCS 5/10-15.1(e)", dt.date(2016, 6, 1))
