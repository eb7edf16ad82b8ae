"""Whose documents: `counsel docket --mine`, Register.latest(mine=True) and who issued each
docket item, on a register two people issue into (SQLite: two OS users; PostgreSQL: two
database roles on one OS user)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from counsel.register import IssuedFile, Issuer, Register, current_user
from tests.conftest import TwoIssuers

D = dt.date
TODAY = D(2026, 12, 1)
OFFICE = Path(__file__).resolve().parents[3] / "examples" / "office.toml"


def _lien(reg: Register, case: str, mailed: dt.date, user: str | None = None) -> int:
    """A real-estate lien notice: its 15-day hearing request period runs from `mailed`."""
    return reg.record(
        interview="lien",
        answers={"iv_d_case_number": case, "lien_target": "real_estate", "mailing_date": mailed},
        files=[IssuedFile("lien-notice", "lien-notice.html", "t" * 64, "pdf", "/o/x.pdf", "h")],
        statute_snapshot="s" * 64,
        on=mailed,
        case_number=case,
        user_name=user,
    )


def _registration(reg: Register, case: str, on: dt.date, user: str | None = None) -> int:
    """A notice of registration: waits for its service."""
    return reg.record(
        interview="registration",
        answers={"iv_d_case_number": case},
        files=[IssuedFile("registration-notice", "r.html", "t" * 64, "pdf", "/o/r.pdf", "h")],
        statute_snapshot="s" * 64,
        on=on,
        case_number=case,
        user_name=user,
    )


@pytest.fixture()
def shared(two_issuers: TwoIssuers) -> dict[str, Any]:
    """My lien (due Dec 9) and old registration, a colleague's lien (due Dec 8) and new
    registration; the colleague also issued on my case later."""
    who = two_issuers
    with Register.open(who.me) as reg:
        mine = _lien(reg, "IVD-MINE", D(2026, 11, 24))
        mine_old = _registration(reg, "IVD-MINE-R", D(2026, 1, 5))
    with Register.open(who.colleague) as reg:
        theirs = _lien(reg, "IVD-THEIRS", D(2026, 11, 23), who.colleague_user)
        theirs_waiting = _registration(reg, "IVD-THEIRS-R", D(2026, 11, 20), who.colleague_user)
        later_on_mine = _registration(reg, "IVD-MINE", D(2026, 11, 25), who.colleague_user)
    return {
        "mine": mine,
        "mine_old": mine_old,
        "theirs": theirs,
        "theirs_waiting": theirs_waiting,
        "later_on_mine": later_on_mine,
    }


def test_the_register_knows_who_asks_and_who_issued(
    two_issuers: TwoIssuers, shared: dict[str, Any]
) -> None:
    with Register.open(two_issuers.me) as reg:
        me = reg.me()
        assert reg.others_issued()
        docket = reg.docket(TODAY, closures={})
    if two_issuers.me.startswith("postgresql"):
        # The role the server stamps, not the OS user (the same for both here).
        assert me == Issuer("role", two_issuers.me.split("//")[1].split("@")[0])
    else:
        assert me == Issuer("user", current_user())
    who = {i.entry_ids: [(w.entry, me.issued(w)) for w in i.issued_by] for i in docket}
    assert who == {
        (shared["theirs"],): [(shared["theirs"], False)],
        (shared["mine"],): [(shared["mine"], True)],
        (shared["theirs_waiting"],): [(shared["theirs_waiting"], False)],
        (shared["later_on_mine"],): [(shared["later_on_mine"], False)],
    }
    # The colleague, too, finds someone else's documents there.
    with Register.open(two_issuers.colleague) as reg:
        assert reg.others_issued()


def test_alone_on_a_register_no_one_else_issued(register_target: str) -> None:
    with Register.open(register_target) as reg:
        assert not reg.others_issued()  # empty
        _lien(reg, "IVD-1", D(2026, 11, 24))
        assert not reg.others_issued()
        assert [i.entry_ids for i in reg.docket(TODAY, closures={}, mine=True)] == [(1,)]


def test_docket_mine_lists_only_my_documents(
    two_issuers: TwoIssuers, shared: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Register.open(two_issuers.me) as reg:
        everyone = reg.docket(TODAY, closures={})
        mine = reg.docket(TODAY, closures={}, mine=True)
        assert [i.entry_ids for i in everyone] == [
            (shared["theirs"],),  # Dec 8
            (shared["mine"],),  # Dec 9
            (shared["theirs_waiting"],),
            (shared["later_on_mine"],),
        ]
        assert [(i.entry_ids, i.due) for i in mine] == [((shared["mine"],), D(2026, 12, 9))]
        # Older waiting documents are counted per person too.
        assert reg.waiting_before(D(2026, 6, 1)) == 1
        assert reg.waiting_before(D(2026, 6, 1), mine=True) == 1
    if two_issuers.colleague_user is not None:  # SQLite: the colleague's OS login
        monkeypatch.setattr("counsel.register.store.current_user", lambda: "colleague")
    with Register.open(two_issuers.colleague) as reg:
        theirs = reg.docket(TODAY, closures={}, mine=True)
        assert [i.entry_ids for i in theirs] == [
            (shared["theirs"],),
            (shared["theirs_waiting"],),
            (shared["later_on_mine"],),
        ]
        assert reg.waiting_before(D(2026, 6, 1), mine=True) == 0


def test_latest_mine_is_each_case_i_issued_in_from_my_newest_entry(
    two_issuers: TwoIssuers, shared: dict[str, Any]
) -> None:
    with Register.open(two_issuers.me) as reg:
        assert [e.id for e in reg.latest(10)] == [
            shared["later_on_mine"],  # IVD-MINE's newest is the colleague's
            shared["theirs_waiting"],
            shared["theirs"],
            shared["mine_old"],
        ]
        assert [e.id for e in reg.latest(10, mine=True)] == [shared["mine_old"], shared["mine"]]
        assert [e.id for e in reg.latest(1, mine=True)] == [shared["mine_old"]]


def test_counsel_docket_mine_and_who_issued_in_json(
    two_issuers: TwoIssuers, shared: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--office", str(OFFICE), "docket", "--register", two_issuers.me, "--as-of"]
    args += [TODAY.isoformat(), "--waiting", "400"]
    assert main([*args, "--json"]) == 0
    everyone = json.loads(capsys.readouterr().out)
    assert everyone["mine"] is None
    by_entry = {i["entries"][0]: i["issued_by"] for i in everyone["items"]}
    assert set(by_entry) == {
        shared["mine"],
        shared["mine_old"],
        shared["theirs"],
        shared["theirs_waiting"],
        shared["later_on_mine"],
    }
    pg = two_issuers.me.startswith("postgresql")
    mine_who = by_entry[shared["mine"]][0]
    theirs_who = by_entry[shared["theirs"]][0]
    assert set(mine_who) == {"entry", "user", "role"}  # who, and nothing private
    if pg:
        assert mine_who["user"] == theirs_who["user"] == current_user()
        assert mine_who["role"].startswith("alice_") and theirs_who["role"].startswith("bob_")
    else:
        assert (mine_who["user"], mine_who["role"]) == (current_user(), None)
        assert (theirs_who["user"], theirs_who["role"]) == ("colleague", None)

    assert main([*args, "--json", "--mine"]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert mine["mine"] == (
        {"by": "role", "name": mine_who["role"]} if pg else {"by": "user", "name": current_user()}
    )
    assert [i["entries"] for i in mine["items"]] == [[shared["mine"]], [shared["mine_old"]]]

    # The text: whose each item is where several people's are listed; --mine says whose.
    assert main(args) == 0
    text = capsys.readouterr().out
    name = theirs_who["role"] if pg else "colleague"
    assert f"IVD-THEIRS  #{shared['theirs']} ({name})  Last day to request a hearing" in text
    assert main([*args, "--mine"]) == 0
    text = capsys.readouterr().out
    me = f"database role {mine_who['role']}" if pg else f"user {current_user()}"
    assert f"Only documents issued by {me} (--mine)." in text
    assert f"IVD-MINE  #{shared['mine']}  Last day" in text and "IVD-THEIRS" not in text


def test_mine_reads_the_issuer_index(tmp_path: Path) -> None:
    """The statements Register.latest(mine=True) and others_issued send, as SQLite plans them:
    through the issuer index (schema version 4), never a scan of the whole register
    (PostgreSQL's planner chooses by the table's size; its index is the same)."""
    import sqlalchemy as sa

    path = tmp_path / "reg.sqlite3"
    sent: list[tuple[str, Any]] = []
    with Register.open(path) as reg:
        _lien(reg, "IVD-1", D(2026, 11, 24))
        _lien(reg, "IVD-2", D(2026, 11, 24), "colleague")

        def seen(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                sent.append((statement, params))

        sa.event.listen(reg.engine, "before_cursor_execute", seen)
        assert reg.others_issued()
        assert [e.case_number for e in reg.latest(100, mine=True)] == ["IVD-1"]
    assert sent
    with sqlite3.connect(path) as conn:
        for statement, params in sent:
            if "issued_file" in statement:  # the files of the entries found, by their ids
                continue
            plan = [str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            assert any("issue_user" in step for step in plan), (statement, plan)
            assert not any(step.startswith("SCAN issue") and "INDEX" not in step for step in plan)


def test_the_docket_json_keys_are_the_readmes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### counsel docket", 1)[1].split("\n### ", 1)[0]
    top = re.search(r"`--json` prints `\{([^}]*)\}`", section)
    each = re.search(r"carries `issued_by`, one\s+`\{([^}]*)\}`", section)
    assert top and each
    path = str(tmp_path / "reg.sqlite3")
    with Register.open(path) as reg:
        _lien(reg, "IVD-1", D(2026, 11, 24))
    assert main(["docket", "--register", path, "--as-of", "2026-12-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == set(re.findall(r'"([a-z_]+)"', top.group(1)))
    (item,) = data["items"]
    assert set(item["issued_by"][0]) == set(re.findall(r'"([a-z_]+)"', each.group(1)))
