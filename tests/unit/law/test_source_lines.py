"""Source lines: the effective date is the last Public Act's; unknown stays unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.law.importer import heading_of, parse_source_line, two_digit_year


@pytest.mark.parametrize(
    ("source", "effective", "repealed"),
    [
        ("(Source: P.A. 101-336, eff. 8-9-19.)", dt.date(2019, 8, 9), False),
        ("(Source: P.A. 92-16, eff. 6-28-01; 92-590, eff. 7-1-02.)", dt.date(2002, 7, 1), False),
        (
            "(Source: P.A. 101-81, eff. 7-12-19; 101-657, eff. 3-23-21; 102-491, eff. 8-20-21; "
            "102-813, eff. 5-13-22; 102-926, eff. 5-27-22.)",
            dt.date(2022, 5, 27),
            False,
        ),
        # the same Source line broken across lines in the seed
        ("(Source: P.A. 90-18, eff. 7-1-97; 90-425, eff.\n1-1-98.)", dt.date(1998, 1, 1), False),
        ("(Source: P.A. 100-347, eff. 1-1-18 .)", dt.date(2018, 1, 1), False),
        ("(Source: P.A. 86-1028. Repealed by P.A. 90-17, eff. 7-1-97.)", dt.date(1997, 7, 1), True),
        (
            "(Source: P.A. 88-412; Repealed by P.A. 91-599, eff. 8-14-99.)",
            dt.date(1999, 8, 14),
            True,
        ),
        ("(Source: P.A. 77-1802.)", None, False),
        ("(Source: P.A. 86-1184; 86-1381; 87-860.)", None, False),
        # an earlier Act with a date does not lend it to a later undated one
        ("(Source: P.A. 89-21, eff. 7-1-95; 90-9.)", None, False),
        ("(Source: Laws 1967, p. 122.)", None, False),
        ("(Source: P.A. 92\u2011876, eff. 6\u20111\u201103.)", dt.date(2003, 6, 1), False),
        ("(Source: P.A. 92-876, eff. 6-1-03; text omitted.)", dt.date(2003, 6, 1), False),
    ],
)
def test_effective_date_of_last_act(source: str, effective: dt.date | None, repealed: bool) -> None:
    assert parse_source_line(source) == (effective, repealed)


@pytest.mark.parametrize(
    ("year", "full"), [(0, 2000), (19, 2019), (49, 2049), (50, 1950), (97, 1997), (2003, 2003)]
)
def test_two_digit_years(year: int, full: int) -> None:
    assert two_digit_year(year) == full


def test_leap_day_source_date() -> None:
    assert parse_source_line("(Source: P.A. 99-1, eff. 2-29-16.)")[0] == dt.date(2016, 2, 29)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "Sec. 10-16.5. Interest on support obligations. A support obligation",
            "Interest on support obligations",
        ),
        (
            "Sec. 10-17. Other\nactions and remedies for support.\nThe procedures",
            "Other actions and remedies for support",
        ),
        ("Sec. 9-8. Extension of Coverage.) If appropriate", "Extension of Coverage"),
        ("Sec. 10-11.1.\n(a) Whenever it is determined", ""),
        ("Sec. 9-9.\nThe Illinois Department shall make information available.", ""),
        ("Sec. 9-6.3.\n(Repealed).", "(Repealed)"),
        (
            "Sec. 905. (Amendatory provisions; text omitted).",
            "(Amendatory provisions; text omitted)",
        ),
        ("no section number here.", ""),
        (
            "Sec. 10-10. Court enforcement; applicability also to persons who are\n"
            "not applicants or recipients. Except where",
            "Court enforcement; applicability also to persons who are not applicants or recipients",
        ),
        ('Sec. 9A-2.\nAs used in this Article only, "recipient" means only those.', ""),
    ],
)
def test_headings(text: str, heading: str) -> None:
    assert heading_of(text) == heading
