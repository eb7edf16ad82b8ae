"""`counsel statutes check`: stored, in force today, complete where quoted, staleness."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from counsel.authoring.sources import Use
from counsel.authoring.statutes_check import check_citations
from counsel.law import Store

SECTION = """
citation = "{citation}"
heading = "{heading}"
{versions}
"""
VERSION = '''
[[versions]]
effective = {effective}
source = "(Source: test.)"
origin = "test"
text = """{text}"""
labels = {labels}
truncated = {truncated}
complete = {complete}
'''


def _store(tmp_path: Path) -> Store:
    files = {
        "305 ILCS 5/10-16.5": (
            "Interest",
            [
                ("2006-01-01", "(a) Old interest text.", "[]", "true"),
                ("2019-08-09", "(a) New interest text.", "[]", "true"),
            ],
        ),
        "305 ILCS 5/10-11.1": (
            "Job search",
            [("2019-01-01", "(a) Report to programs.\n(b) Work activities: |", '["(b)"]', "false")],
        ),
        "305 ILCS 5/10-99": ("Future", [("2030-01-01", "(a) Not yet.", "[]", "true")]),
        "5 ILCS 70/1.11": ("Computing time", [("unknown", "", "[]", "false")]),
    }
    for citation, (heading, versions) in files.items():
        body = "".join(
            VERSION.format(
                effective=eff if eff != "unknown" else '"unknown"',
                text=text,
                labels=str(re.findall(r"^\(\w+\)", text, re.M)).replace("'", '"'),
                truncated=trunc,
                complete=complete,
            )
            for eff, text, trunc, complete in versions
        )
        name = citation.replace("/", "__").replace(" ", "_") + ".toml"
        (tmp_path / name).write_text(
            SECTION.format(citation=citation, heading=heading, versions=body), "utf-8"
        )
    return Store(tmp_path)


TODAY = dt.date(2026, 11, 23)


def _check(tmp_path: Path, uses: list[Use], review: dt.date | None = None) -> list[tuple[str, str]]:
    report = check_citations(uses, today=TODAY, review_date=review, store=_store(tmp_path))
    return [(i.level, i.citation) for i in report.items]


def test_a_stored_section_in_force_passes(tmp_path: Path) -> None:
    uses = [Use("305 ILCS 5/10-16.5(a)", "templates/order.html:3", "template", quoted=True)]
    assert _check(tmp_path, uses) == []


def test_a_section_not_in_the_store_is_an_error_naming_where(tmp_path: Path) -> None:
    uses = [Use("305 ILCS 5/10-99.9", "templates/order.html:7", "template")]
    report = check_citations(uses, today=TODAY, review_date=None, store=_store(tmp_path))
    (item,) = report.errors
    assert item.citation == "305 ILCS 5/10-99.9"
    assert item.where == ("templates/order.html:7",)
    assert "templates/order.html:7" in str(item)


def test_a_section_not_yet_in_force_today_is_an_error(tmp_path: Path) -> None:
    uses = [Use("305 ILCS 5/10-99", "rules/x.py:3", "rule")]
    report = check_citations(uses, today=TODAY, review_date=None, store=_store(tmp_path))
    (item,) = report.errors
    assert "not in force on 2026-11-23" in item.message


def test_an_unknown_pinpoint_is_an_error(tmp_path: Path) -> None:
    uses = [Use("305 ILCS 5/10-16.5(z)", "interviews/lien.toml:4", "interview")]
    assert _check(tmp_path, uses) == [("error", "305 ILCS 5/10-16.5(z)")]


def test_quoting_truncated_text_is_an_error_but_citing_it_is_not(tmp_path: Path) -> None:
    cited = [Use("305 ILCS 5/10-11.1(b)", "templates/job.html:5", "template")]
    assert _check(tmp_path, cited) == []
    quoted = [Use("305 ILCS 5/10-11.1(b)", "templates/job.html:9", "template", quoted=True)]
    report = check_citations(quoted, today=TODAY, review_date=None, store=_store(tmp_path))
    (item,) = report.errors
    assert "truncated" in item.message and item.where == ("templates/job.html:9",)
    # (a) was not cut off: quoting it is fine.
    fine = [Use("305 ILCS 5/10-11.1(a)", "templates/job.html:4", "template", quoted=True)]
    assert _check(tmp_path, fine) == []


def test_quoting_a_section_stored_without_text_is_an_error(tmp_path: Path) -> None:
    uses = [Use("5 ILCS 70/1.11", "templates/notice.html:2", "template", quoted=True)]
    assert _check(tmp_path, uses) == [("error", "5 ILCS 70/1.11")]


def test_staleness_warns_for_sections_older_than_the_review_date(tmp_path: Path) -> None:
    uses = [
        Use("305 ILCS 5/10-16.5(a)", "templates/order.html:3", "template"),
        Use("305 ILCS 5/10-16.5", "rules/provisions.py:69", "rule"),
        Use("305 ILCS 5/10-11.1", "interviews/job.toml:3", "interview"),
        Use("5 ILCS 70/1.11", "rules/calendar.py:10", "rule"),
    ]
    # Review on the day 10-16.5 last changed: 10-11.1 (2019-01-01) is stale, 10-16.5 is not.
    found = _check(tmp_path, uses, review=dt.date(2019, 8, 9))
    assert found == [
        ("warning", "305 ILCS 5/10-11.1"),
        ("warning", "5 ILCS 70/1.11"),  # unknown effective date: say so
    ]
    report = check_citations(
        uses, today=TODAY, review_date=dt.date(2019, 8, 10), store=_store(tmp_path)
    )
    stale = {i.citation: i for i in report.warnings}
    assert set(stale) == {"305 ILCS 5/10-11.1", "305 ILCS 5/10-16.5", "5 ILCS 70/1.11"}
    # One warning per section, listing both places that cite it.
    assert sorted(stale["305 ILCS 5/10-16.5"].where) == [
        "rules/provisions.py:69",
        "templates/order.html:3",
    ]
    assert report.errors == ()


def test_an_unparseable_citation_is_an_error(tmp_path: Path) -> None:
    uses = [Use("Section 10-16.5", "interviews/x.toml:1", "interview")]
    assert _check(tmp_path, uses) == [("error", "Section 10-16.5")]
