"""The store: as_of at, before and after every version boundary; cite(); parameters; hash."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from counsel.errors import NotFoundError, UsageError
from counsel.law import CitationError, NotInForceError, Store, get_store

D = dt.date


def test_get_store_is_cached() -> None:
    assert get_store() is get_store()


def test_sections_sorted_naturally(store: Store) -> None:
    keys = [s.citation for s in store.sections()]
    assert keys == store.keys()
    assert keys.index("305 ILCS 5/10-2") < keys.index("305 ILCS 5/10-10")
    assert keys.index("305 ILCS 5/9-15") < keys.index("305 ILCS 5/9A-1")
    assert len(keys) == 130


# 305 ILCS 5/10-16.5: an unknown-date earlier version, then P.A. 101-336 eff. 8-9-19.
@pytest.mark.parametrize(
    ("on", "fragment"),
    [
        (
            D(1900, 1, 1),
            "remains unpaid for 30 days or more",
        ),  # unknown-date version covers the past
        (D(2006, 1, 1), "remains unpaid for 30 days or more"),
        (D(2019, 8, 8), "remains unpaid for 30 days or more"),  # the day before
        (D(2019, 8, 9), "as of the end of each month"),  # the day it takes effect
        (D(2019, 8, 10), "as of the end of each month"),
        (D(2030, 1, 1), "as of the end of each month"),
    ],
)
def test_interest_section_as_of(store: Store, on: dt.date, fragment: str) -> None:
    assert fragment in store.section("305 ILCS 5/10-16.5").as_of(on).text


# 305 ILCS 5/10-15.1: P.A. 97-926 (date unknown), P.A. 99-471 eff. 8-27-15,
# P.A. 100-201 eff. 8-18-17.
@pytest.mark.parametrize(
    ("on", "effective"),
    [
        (D(2013, 1, 1), None),
        (D(2015, 8, 26), None),
        (D(2015, 8, 27), D(2015, 8, 27)),
        (D(2015, 8, 28), D(2015, 8, 27)),
        (D(2016, 2, 29), D(2015, 8, 27)),
        (D(2017, 8, 17), D(2015, 8, 27)),
        (D(2017, 8, 18), D(2017, 8, 18)),
        (D(2017, 8, 19), D(2017, 8, 18)),
    ],
)
def test_registration_section_as_of(store: Store, on: dt.date, effective: dt.date | None) -> None:
    assert store.section("305 ILCS 5/10-15.1").as_of(on).effective == effective


def test_before_the_first_dated_version_is_not_in_force(store: Store) -> None:
    section = store.section("750 ILCS 24/15")
    assert section.as_of(D(2003, 6, 1)).effective == D(2003, 6, 1)
    with pytest.raises(NotInForceError, match="not in force on 2003-05-31") as info:
        section.as_of(D(2003, 5, 31))
    assert isinstance(info.value, NotFoundError) and info.value.exit_code == 1


def test_cite_pinpoint_in_the_version_in_force(store: Store) -> None:
    r = store.cite("305 ILCS 5/10-15.1(f)", on=D(2024, 1, 1))
    assert str(r) == "305 ILCS 5/10-15.1(f)"
    assert r.version.effective == D(2017, 8, 18)
    assert r.text.startswith("(f) A nonregistering party")
    assert "within 30 days after the date of service" in " ".join(r.text.split())
    # (f) of the 2015 wording is not known: citing it for a 2016 document is an error
    with pytest.raises(CitationError, match=r"\(f\) cannot be checked on 2016-01-01"):
        store.cite("305 ILCS 5/10-15.1(f)", on=D(2016, 1, 1))


def test_cite_pinpoint_text_includes_sub_items_and_marks_cuts(store: Store) -> None:
    r = store.cite("305 ILCS 5/10-11.1(b)", on=D(2024, 1, 1))
    assert r.text.startswith("(b) Whenever")
    assert "(1) that the responsible relative pay the past-due [text not in source]" in r.text
    assert "(2) if the responsible relative owing past-due" in r.text
    r1 = store.cite("305 ILCS 5/10-11.1(b)(1)", on=D(2024, 1, 1))
    assert r1.text == "(1) that the responsible relative pay the past-due [text not in source]"
    assert "(b)(1)" in r1.version.truncated


def test_cite_other_codes(store: Store) -> None:
    on = D(2024, 1, 1)
    assert "$10,000" in store.cite("89 Ill. Adm. Code 160.70(g)(1)(A)", on).text
    assert "15 days" in store.cite("89 Ill. Adm. Code 160.70(g)(1)(C)", on).text
    assert store.cite("Ill. S. Ct. R. 138(c)", on).text.startswith("(c)")
    assert "judicial or administrative" in store.cite("750 ILCS 24/15(b)(4)", on).text


def test_unknown_pinpoint_suggests_labels(store: Store) -> None:
    with pytest.raises(CitationError) as info:
        store.cite("305 ILCS 5/10-11.1(b)(3)", on=D(2024, 1, 1))
    assert "305 ILCS 5/10-11.1(b)(1)" in info.value.matches


def test_citation_only_records_are_citable_at_section_level_only(store: Store) -> None:
    on = D(2024, 1, 1)
    r = store.cite("5 ILCS 70/1.11", on)
    assert r.text == "" and not r.version.complete
    assert r.version.note.startswith("text not in the project's sources")
    with pytest.raises(CitationError):
        store.cite("5 ILCS 70/1.11(a)", on)
    assert str(store.cite("42 U.S.C. 654(26)", on)) == "42 U.S.C. 654(26)"
    assert store.cite("45 CFR 303.21", on).text == ""


def test_unknown_section_names_the_closest(store: Store) -> None:
    with pytest.raises(CitationError) as info:
        store.section("305 ILCS 5/10-16.55")
    assert "305 ILCS 5/10-16.5" in info.value.matches
    assert "closest: 305 ILCS 5/10-16.5" in str(info.value)
    with pytest.raises(CitationError, match="not in the statute store"):
        store.section("999 ILCS 1/1")


def test_repealed_section_is_not_citable_after_repeal(store: Store) -> None:
    section = store.section("305 ILCS 5/9-6.3")
    assert section.current.repealed
    with pytest.raises(NotInForceError, match="repealed"):
        store.cite("305 ILCS 5/9-6.3", on=D(2024, 1, 1))
    with pytest.raises(NotInForceError, match="not in force on 1997-06-30"):
        store.cite("305 ILCS 5/9-6.3", on=D(1997, 6, 30))


def test_article_headings(store: Store) -> None:
    art = store.section("305 ILCS 5/Art. X")
    assert art.heading.startswith("ARTICLE X: DETERMINATION AND ENFORCEMENT")


def test_no_stored_text_keeps_an_artifact(store: Store) -> None:
    for section in store.sections():
        for v in section.versions:
            assert "| ||" not in v.text, section.citation
            assert set(v.truncated) <= set(v.labels)
            if v.truncated:
                assert not v.complete


CONTRACT_PARAMETERS = {
    "lien.account.past_due_min": 1000,
    "lien.lump_sum.past_due_min": 1000,
    "lien.account.balance_min": 300,
    "lien.real_estate.past_due_min": 10000,
    "lien.real_estate.past_due_min_irg": 3500,
    "lien.fi_duration_days": 120,
    "lien.hearing_request_days": 15,
    "deadline.petition_days": 30,
    "deadline.registration_contest_days": 30,
    "deadline.relief_years": 2,
    "interest.statement_required_from": D(2006, 1, 1),
    "interest.judgment_rate_annual": Decimal("0.09"),
    "track.older_child_age_default": 10,
    "withholding.delinquency_min_percent": 20,
}


def test_contract_parameters(store: Store) -> None:
    assert set(store.parameter_names()) == set(CONTRACT_PARAMETERS)
    for name, value in CONTRACT_PARAMETERS.items():
        p = store.parameter(name, on=D(2024, 1, 1))
        assert p.value == value and type(p.value) is type(value), name
        assert p.source_note and p.name == name


def test_parameter_citations_resolve_on_any_date(store: Store) -> None:
    for name in store.parameter_names():
        for on in (D(2020, 1, 1), D(2026, 11, 23)):
            p = store.parameter(name, on)
            store.cite(p.citation, on)  # raises if the citation or pinpoint is not in force


def test_parameter_values_quoted_in_their_cited_text(store: Store) -> None:
    on = D(2024, 1, 1)
    p = store.parameter("lien.real_estate.past_due_min", on)
    assert "$10,000" in store.cite(p.citation, on).text
    p = store.parameter("lien.hearing_request_days", on)
    assert "within 15 days" in store.cite(p.citation, on).text
    p = store.parameter("deadline.registration_contest_days", on)
    assert "within 30 days" in " ".join(store.cite(p.citation, on).text.split())
    p = store.parameter("withholding.delinquency_min_percent", on)
    assert "not be less than 20%" in store.cite(p.citation, on).text


def test_unknown_parameter(store: Store) -> None:
    with pytest.raises(UsageError, match="closest: lien.account.past_due_min"):
        store.parameter("lien.acount.past_due_min", D(2024, 1, 1))


def test_legal_spec_citations_resolve(store: Store, shared: Path) -> None:
    """Every 305/750/735/5 ILCS section LEGAL.md names is in the store."""
    legal = (shared / "LEGAL.md").read_text(encoding="utf-8")
    cited = {
        f"{m.group(1)} ILCS {m.group(2)}/{m.group(3)}"
        for m in re.finditer(r"\b(\d+) ILCS (\d+)/([0-9A-Za-z.\-]+?)(?=[\s,;:)(]|\.\s|$)", legal)
    }
    # LEGAL.md writes Public Aid Code sections bare: "10-12", "10-15.1(f)", "9A-4(b)"
    cited |= {
        f"305 ILCS 5/{m.group(1)}"
        for m in re.finditer(r"(?<![\d/-])(10-\d+(?:\.\d+)?|9A?-\d+)(?![\d-])", legal)
    }
    assert len(cited) >= 25
    missing = []
    for citation in sorted(cited):
        try:
            store.section(citation)
        except CitationError:
            missing.append(citation)
    assert missing == []


def test_snapshot_hash_covers_every_file(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[3] / "counsel" / "statutes"
    shutil.copytree(src, tmp_path / "s")
    a = Store(tmp_path / "s").snapshot_hash()
    assert a == get_store().snapshot_hash() and len(a) == 64
    target = tmp_path / "s" / "parameters.toml"
    target.write_text(target.read_text() + "\n")
    assert Store(tmp_path / "s").snapshot_hash() != a


def test_search(store: Store) -> None:
    hits = store.search("interest statement")
    citations = [s.citation for s, _ in hits]
    assert "305 ILCS 5/10-16.5" in citations
    assert all("interest" in e.lower() for _, e in hits)
    assert store.search("zzzz-not-a-word") == []
    with pytest.raises(UsageError, match="at least one word"):
        store.search("   ")


def test_diff_between_versions(store: Store) -> None:
    text = store.diff("305 ILCS 5/10-16.5", D(2019, 8, 8), D(2019, 8, 9))
    assert text.startswith("--- 305 ILCS 5/10-16.5 as of 2019-08-08\n+++ ")
    assert (
        "-A support obligation, or any portion of a support obligation, which becomes due" in text
    )
    assert "+shall accrue simple interest" in text
    assert store.diff("305 ILCS 5/10-16.5", D(2020, 1, 1), D(2021, 1, 1)) == ""


def test_overriding_a_section_for_a_what_if(tmp_path: Path) -> None:
    import dataclasses

    src = Path(__file__).resolve().parents[3] / "counsel" / "statutes"
    shutil.copytree(src, tmp_path / "s")
    store = Store(tmp_path / "s")
    original = store.section("305 ILCS 5/10-16.5")
    only_old = dataclasses.replace(original, versions=original.versions[:1])
    with store.overriding(only_old):
        assert store.cite("305 ILCS 5/10-16.5", D(2024, 1, 1)).version.effective is None
    assert store.cite("305 ILCS 5/10-16.5", D(2024, 1, 1)).version.effective == D(2019, 8, 9)
    with store.overriding(only_old):
        pass
    assert store.section("305 ILCS 5/10-16.5") == original


def test_search_ranks_whole_words_first(store: Store) -> None:
    # "lien" inside "client" or "alien" is a weaker match than the lien sections themselves.
    hits = [s.citation for s, _ in store.search("lien")]
    for lien_section in ("305 ILCS 5/10-25", "305 ILCS 5/10-25.5"):
        assert lien_section in hits
    whole = {c for c in hits if c in ("305 ILCS 5/10-25", "305 ILCS 5/10-25.5")}
    first_substring_only = next(
        i
        for i, (s, _) in enumerate(store.search("lien"))
        if "lien" not in s.heading.lower()
        and not re.search(r"(?<![a-z0-9])liens?(?![a-z0-9])", s.current.text.lower())
    )
    assert all(hits.index(c) < first_substring_only for c in whole)
    assert hits.index("305 ILCS 5/10-25") < 3 and hits.index("305 ILCS 5/10-25.5") < 3
