"""Properties of the store over generated dates and citations (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.law import Citation, NotInForceError, get_store, parse_citation

DATES = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2100, 12, 31))
HISTORIES = ["305 ILCS 5/10-16.5", "305 ILCS 5/10-15.1", "750 ILCS 5/510", "750 ILCS 24/15"]


@settings(max_examples=60, deadline=None)
@given(on=DATES, citation=st.sampled_from(HISTORIES))
def test_as_of_returns_the_latest_version_not_after_the_date(on: dt.date, citation: str) -> None:
    section = get_store().section(citation)
    try:
        version = section.as_of(on)
    except NotInForceError:
        first = section.versions[0].effective
        assert first is not None and on < first
        return
    assert version.effective is None or version.effective <= on
    later = section.versions[section.versions.index(version) + 1 :]
    assert all(v.effective is not None and v.effective > on for v in later)


@settings(max_examples=40, deadline=None)
@given(a=DATES, b=DATES)
def test_as_of_never_goes_back_in_time(a: dt.date, b: dt.date) -> None:
    section = get_store().section("305 ILCS 5/10-15.1")
    early, late = sorted((a, b))
    assert section.versions.index(section.as_of(early)) <= section.versions.index(
        section.as_of(late)
    )


PIN = st.lists(
    st.one_of(
        st.from_regex(r"[a-z](-[1-9][0-9]?)?", fullmatch=True),
        st.from_regex(r"[1-9][0-9]?", fullmatch=True),
        st.from_regex(r"[A-Z]", fullmatch=True),
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(
    chapter=st.integers(1, 999),
    act=st.integers(1, 9999),
    section=st.from_regex(r"[1-9][0-9]?[A-Z]?-[1-9][0-9]?(\.[1-9][0-9]?)?", fullmatch=True),
    pin=PIN,
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_ilcs_citations_round_trip(
    chapter: int, act: int, section: str, pin: list[str], spaces: str
) -> None:
    text = f"{chapter}{spaces} ilcs {act}{spaces}/{spaces}{section}" + "".join(
        f"{spaces}({p})" for p in pin
    )
    c = parse_citation(text)
    assert c == Citation(f"{chapter} ILCS {act}", section, tuple(pin))
    assert parse_citation(str(c)) == c
