"""What home and the interviews read from the office's register (SQLite or PostgreSQL): the
latest entry of each recent case, and the entries of one case, each named by its one
identifier (counsel.case.case_identifier)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from counsel.office import Office, load_office
from counsel.register import Register, default_register_path
from counsel.tui.offers import case_sources, issued_cases, issued_for
from tests.conftest import TwoIssuers
from tests.tui.conftest import EXAMPLES


def _office(target: str) -> Office:
    office = load_office(EXAMPLES / "office.toml")
    if target.startswith("postgresql"):
        return dataclasses.replace(office, register_url=target, register_path="")
    return dataclasses.replace(office, register_path=target, register_url="")


def _record(
    reg: Register, case_number: str, answers: dict[str, Any], day: int, user_name: str | None = None
) -> int:
    return reg.record(
        interview="lien",
        answers=answers,
        files=[],
        statute_snapshot="s",
        on=dt.date(2026, 11, day),
        case_number=case_number,
        issued_at=dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC),
        user_name=user_name,
    )


BOTH = {"iv_d_case_number": "IVD-7", "court_case_number": "2026-F-7", "obligor_name": "Old"}


@pytest.fixture
def office(register_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    # This machine's own register is elsewhere, and stays empty: the office's is read.
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    with Register.open(register_target) as reg:
        # A row recorded before the case identifier was one: named by its court number.
        _record(reg, "2026-F-7", BOTH, 1)
        _record(reg, "IVD-8", {"iv_d_case_number": "IVD-8", "obligor_name": "Eight"}, 2)
        _record(reg, "IVD-7", dict(BOTH, obligor_name="New"), 3)
        _record(reg, "2026-F-9", {"court_case_number": "2026-F-9"}, 4)
    return _office(register_target)


def test_home_lists_the_latest_entry_of_each_case_from_the_offices_register(
    office: Office,
) -> None:
    found = issued_cases(office, mine=True)
    cases = found.cases
    assert not found.shared and not found.mine  # one person's: "mine" is everything
    # Newest first; the court-numbered old row and the IV-D-numbered new one are one case.
    assert [c.case_number for c in cases] == ["2026-F-9", "IVD-7", "IVD-8"]
    assert cases[1].answers["obligor_name"] == "New"
    assert [c.case_number for c in issued_cases(office, limit=1).cases] == ["2026-F-9"]
    assert not default_register_path(None).exists()  # this machine's register not made


def test_a_case_is_found_by_either_number_in_any_case(office: Office) -> None:
    for answers in (
        {"court_case_number": "2026-f-7"},
        {"iv_d_case_number": " ivd-7 "},
        {"iv_d_case_number": "IVD-7", "court_case_number": "2026-F-7"},
    ):
        found = issued_for(office, answers)
        assert [(c.case_number, c.answers["obligor_name"]) for c in found] == [("IVD-7", "New")]
    assert issued_for(office, {"iv_d_case_number": "IVD-404"}) == []
    assert issued_for(office, {}) == []
    sources = case_sources(
        {"court_case_number": "2026-F-7"},
        draft_id="x",
        drafts_folder=None,
        office=office,
        title=lambda i: "Notice of lien",
    )
    assert [(s.answers["obligor_name"], s.where) for s in sources] == [
        ("New", "the Notice of lien issued November 3, 2026")
    ]


def test_nothing_issued_lists_nothing_and_makes_no_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    office = _office(str(tmp_path / "none" / "register.sqlite3"))
    assert issued_cases(office).cases == []
    assert issued_for(office, {"iv_d_case_number": "IVD-7"}) == []
    assert not (tmp_path / "none").exists()


def test_on_a_shared_register_mine_lists_the_cases_i_issued_in(
    two_issuers: TwoIssuers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    with Register.open(two_issuers.me) as reg:
        _record(reg, "IVD-1", {"iv_d_case_number": "IVD-1", "obligor_name": "Mine"}, 1)
    with Register.open(two_issuers.colleague) as reg:
        theirs = {"iv_d_case_number": "IVD-2", "obligor_name": "Theirs"}
        _record(reg, "IVD-2", theirs, 2, user_name=two_issuers.colleague_user)
        later = {"iv_d_case_number": "IVD-1", "obligor_name": "Later"}
        _record(reg, "IVD-1", later, 3, user_name=two_issuers.colleague_user)
    office = _office(two_issuers.me)
    mine = issued_cases(office, mine=True)
    assert (mine.shared, mine.mine) == (True, True)
    # My case, from my own newest entry of it (a colleague issued on it later).
    assert [(c.case_number, c.answers["obligor_name"]) for c in mine.cases] == [("IVD-1", "Mine")]
    everyone = issued_cases(office)
    assert (everyone.shared, everyone.mine) == (True, False)
    assert [(c.case_number, c.answers["obligor_name"]) for c in everyone.cases] == [
        ("IVD-1", "Later"),
        ("IVD-2", "Theirs"),
    ]
