"""The elements the law requires of each document, as data: every one traced to a line of law
in ../shared, checked by lint and by the renderer, and added without touching Python."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from counsel.render.core import load_document_specs
from counsel.render.elements import (
    ElementsError,
    elements_of,
    load_elements,
    parse_elements,
    required_elements,
)

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
D = dt.date
DOCUMENTS = {s.id: s for specs in load_document_specs().values() for s in specs}
ORDER_COMMON = [
    "termination_date",
    "arrears_after_termination",
    "report_changes_7_days",
    "interest_statement",
    "payment_to_sdu",
    "state_case_registry",
    "income_withholding",
]
COURT = ["court_report_employment_10_days", "court_residence_change_5_days"]


def _ids(document: str, on: dt.date) -> list[str]:
    return [e.id for e in required_elements(document, on, lambda _: True)]


def test_every_document_has_its_elements() -> None:
    """`counsel templates trace` covers every document: none is without a required element."""
    assert {e.document for e in load_elements()} == set(DOCUMENTS)


@pytest.mark.parametrize("element", load_elements(), ids=lambda e: f"{e.document}:{e.id}")
def test_each_element_is_written_on_its_source_line(element: Any) -> None:
    """The exact source line: the words quoted in elements.toml are on that line of ../shared."""
    lines = (SHARED / element.source_file).read_text("utf-8").splitlines()
    assert 1 <= element.source_line <= len(lines), element.source
    assert element.source_text in lines[element.source_line - 1], element.source


@pytest.mark.parametrize("element", load_elements(), ids=lambda e: f"{e.document}:{e.id}")
def test_each_citation_resolves_in_the_store(element: Any) -> None:
    from counsel.law import get_store

    assert str(get_store().cite(element.citation, on=D(2026, 11, 23)))


def test_administrative_order_today() -> None:
    ids = _ids("prior-period-administrative", D(2026, 6, 1))
    assert set(ORDER_COMMON) <= set(ids)
    assert not set(COURT) & set(ids)


def test_judicial_order_adds_the_10_10_court_provisions() -> None:
    ids = _ids("prior-period-judicial", D(2026, 6, 1))
    assert set(ORDER_COMMON + COURT) <= set(ids)
    assert len(ids) == len(set(ids)), "one version of each element on a given date"


def test_interest_statement_from_january_1_2006() -> None:
    """10-16.5: "An order for support entered or modified on or after January 1, 2006 shall
    contain a statement" (the date is the store parameter)."""
    assert "interest_statement" not in _ids("prior-period-judicial", D(2005, 12, 31))
    assert "interest_statement" in _ids("prior-period-judicial", D(2006, 1, 1))


def test_sdu_from_october_1_1999() -> None:
    assert "payment_to_sdu" not in _ids("prior-period-administrative", D(1999, 9, 30))
    assert "payment_to_sdu" in _ids("prior-period-administrative", D(1999, 10, 1))


def test_state_case_registry_cites_the_right_section_per_track() -> None:
    admin = {e.id: e for e in elements_of("prior-period-administrative")}
    court = {e.id: e for e in elements_of("prior-period-judicial")}
    assert admin["state_case_registry"].citation == "305 ILCS 5/10-11.2(b)"
    assert court["state_case_registry"].citation == "305 ILCS 5/10-10.5"
    assert admin["report_changes_7_days"].citation == "305 ILCS 5/10-8.1"
    assert court["report_changes_7_days"].citation == "305 ILCS 5/10-10"


def test_when_is_evaluated_per_document() -> None:
    memo = [e for e in elements_of("track-memo") if e.when]
    assert memo and all(e.id == "track_override_reason" for e in memo)
    assert "track_override_reason" not in [
        e.id for e in required_elements("track-memo", D(2026, 1, 1), lambda _: False)
    ]


ONE = """
[[element]]
id = "x"
documents = ["track-memo"]
title = "X"
words = ["w"]
citation = "305 ILCS 5/10-10"
source = "seeds/004.txt:12"
source_text = "t"
"""


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ('id = "x"', "snake_case"),
        ('title = "X"\nfrom = "yesterday"', "'from'"),
        ('title = "X"\ncolour = "red"', "unknown key 'colour'"),
        ('source = "seeds/004.txt:12"', "source must be"),
        ('words = ["w"]', "'words' must be a list"),
    ],
)
def test_malformed_elements_are_refused_naming_the_key(change: str, words: str) -> None:
    broken = {
        'id = "x"': ONE.replace('id = "x"', 'id = "X-1"'),
        'source = "seeds/004.txt:12"': ONE.replace("seeds/004.txt:12", "seeds/004.txt"),
        'words = ["w"]': ONE.replace('words = ["w"]', 'words = "w"'),
    }.get(change, ONE.replace('title = "X"', change))
    with pytest.raises(ElementsError, match=words):
        parse_elements(broken)
    with pytest.raises(ElementsError, match="already has element 'x'"):
        parse_elements(ONE + ONE)


def test_a_legal_owner_adds_an_element_without_python(tmp_path: Path) -> None:
    """A new [[element]] in the data makes lint fail and the renderer refuse a document that
    does not state it; once the template marks the words, both pass."""
    from counsel.render import RenderError
    from counsel.render.core import Renderer
    from tests.security import helpers

    text = (ROOT / "counsel/templates/elements.toml").read_text("utf-8")
    added = parse_elements(
        text
        + """
[[element]]
id = "recommendation_stated"
documents = ["track-memo"]
title = "The recommended process"
words = ["Recommended process"]
citation = "750 ILCS 24/15(b)(4)"
source = "seeds/001_e84aa879cbd19e32.txt:138"
source_text = "judicial process"
"""
    )
    interview_id, raw = helpers.example("track-judicial")
    answers = helpers.typed(interview_id, raw)
    with pytest.raises(RenderError) as info:
        Renderer(elements=added).build(interview_id, answers, helpers.office())
    assert 'required element "recommendation_stated"' in str(info.value)
    assert "seeds/001_e84aa879cbd19e32.txt:138" in str(info.value)
    # The words must be in the marked text, not merely somewhere in the document.
    wrong = [replace(e, words=("not in the memo",)) for e in added if e.document == "track-memo"]
    with pytest.raises(RenderError, match='must say "not in the memo"'):
        Renderer(elements=wrong).build(interview_id, answers, helpers.office())


def test_lint_fails_when_a_template_lacks_an_element(monkeypatch: pytest.MonkeyPatch) -> None:
    from counsel.authoring import lint
    from counsel.render import elements

    extra = replace(elements_of("lien-notice")[0], id="unmarked_element", words=("zebra",))
    monkeypatch.setattr(elements, "load_elements", lambda: (*load_elements(), extra))
    report = lint.lint_templates(["lien-notice.html"], on=D(2026, 11, 23))
    messages = [p.message for p in report.problems]
    assert any("'unmarked_element'" in m and "data-provision" in m for m in messages)
    assert any('"zebra"' in m for m in messages)


def test_the_bundled_templates_lint_clean() -> None:
    from counsel.authoring.lint import lint_templates

    report = lint_templates(on=D(2026, 11, 23))
    assert report.ok, report.human()


def test_trace_covers_every_document(capsys: pytest.CaptureFixture[str]) -> None:
    """`counsel templates trace --json`: every element of every document has its source line,
    its template line, and (from the examples) the words as rendered."""
    import os

    from counsel.cli import main

    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        code = main(["--office", "examples/office.toml", "templates", "trace", "--json"])
    finally:
        os.chdir(cwd)
    assert code == 0
    traces = json.loads(capsys.readouterr().out)
    assert {t["document"] for t in traces} == set(DOCUMENTS)
    for t in traces:
        assert t["example"], t["document"]
        for row in t["elements"]:
            assert row["template"].startswith("templates/"), (t["document"], row["element"])
            assert row["source"] and row["citation"]
            if row["status"] == "rendered":
                assert row["rendered"]
        assert any(row["status"] == "rendered" for row in t["elements"]), t["document"]


def test_trace_human_table_for_the_order(capsys: pytest.CaptureFixture[str]) -> None:
    from counsel.cli import main

    code = main(
        [
            "--office",
            str(ROOT / "examples/office.toml"),
            "templates",
            "trace",
            "order-for-support",
            "--example",
            str(ROOT / "examples/prior-period-judicial.toml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "interest_statement:" in out and "seeds/004_013d7263e2d1d1e6.txt:2364" in out
    assert "templates/prior-period-judicial.html:" in out
    assert "rendered: Interest." in out


def test_trace_unknown_document_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    from counsel.cli import main

    assert main(["templates", "trace", "no-such-document"]) == 2
    assert "prior-period-judicial" in capsys.readouterr().err


def test_the_interest_words_follow_the_version_in_force() -> None:
    """P.A. 101-336 (eff. 8-9-19) gave 10-16.5 its present words; before, the store holds the
    section only as the IRG quotes it, so the order cites it without its words."""

    def words(on: dt.date) -> list[tuple[str, ...]]:
        return [
            e.words
            for e in required_elements("prior-period-judicial", on, lambda _: True)
            if e.id == "interest_statement"
        ]

    assert words(D(2019, 8, 8)) == [("accrues interest as Section 10-16.5",)]
    (current,) = words(D(2019, 8, 9))
    assert any("Section 12-109 of the Code of Civil Procedure" in w for w in current)
