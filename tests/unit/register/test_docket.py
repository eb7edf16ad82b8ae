"""The docket: which deadlines a document starts, events that start and end them, the last day
under 5 ILCS 70/1.11 (the same day `counsel calc deadline` gives), and the .ics export."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from counsel.office import load_office
from counsel.register import IssuedFile, Register
from counsel.rules.docket import EventFact, clocks

ROOT = Path(__file__).resolve().parents[3]
OFFICE = ROOT / "examples" / "office.toml"
D = dt.date
RECENT = D(2026, 11, 2)


def _files(*documents: str) -> list[IssuedFile]:
    return [IssuedFile(d, f"{d}.html", "t" * 64, "pdf", f"/o/{d}.pdf", "h" * 64) for d in documents]


def _issue(
    reg: Register,
    interview: str,
    documents: tuple[str, ...],
    answers: dict[str, Any],
    case: str,
    on: dt.date = RECENT,
) -> int:
    return reg.record(
        interview=interview,
        answers=answers,
        files=_files(*documents),
        statute_snapshot="s" * 64,
        on=on,
        case_number=case,
    )


# -- which deadlines each document starts (rules/docket.py) ----------------------------------


@pytest.mark.parametrize(
    ("documents", "answers", "expected"),
    [
        (
            ["prior-period-administrative"],
            {
                "order_mailing_date": D(2026, 3, 2),
                "children": [{"birth_date": D(2016, 2, 29)}, {"birth_date": D(2019, 5, 1)}],
            },
            {
                "petition": ("running", D(2026, 4, 1)),
                "relief": ("running", D(2028, 3, 2)),
                "termination-1": ("running", D(2034, 3, 1)),  # Feb 29 birth: Mar 1 (Convention)
                "termination-2": ("running", D(2037, 5, 1)),
            },
        ),
        (
            ["prior-period-judicial"],
            {"children": [{"birth_date": "2013-02-28", "graduation_date": "2031-06-01"}]},
            {"termination-1": ("running", D(2031, 6, 1))},
        ),
        (
            ["registration-notice", "registration-certificate"],
            {"children": []},
            {"registration-contest": ("waiting", None)},
        ),
        (
            ["lien-notice", "lien-notice-obligor"],
            {"lien_target": "account", "mailing_date": D(2026, 11, 24)},
            {
                "lien-hearing": ("running", D(2026, 12, 9)),
                "fi-lien-expiry": ("running", D(2027, 3, 24)),
            },
        ),
        (
            ["lien-notice"],
            {"lien_target": "real_estate", "mailing_date": D(2026, 11, 24)},
            {"lien-hearing": ("running", D(2026, 12, 9))},
        ),
        (
            ["job-program-administrative"],
            {},
            {"petition": ("waiting", None), "relief": ("waiting", None)},
        ),
        (["job-program-judicial"], {}, {}),
        (["track-memo"], {"children": [{"birth_date": D(2016, 1, 1)}]}, {}),
    ],
)
def test_which_deadlines_each_document_starts(
    documents: list[str], answers: dict[str, Any], expected: dict[str, Any]
) -> None:
    found = {c.key: (c.state, c.nominal) for c in clocks(documents, answers, ())}
    assert found == expected


def test_the_latest_event_starts_a_clock_and_a_closing_event_ends_it() -> None:
    docs = ["registration-notice"]
    served = EventFact(1, "served", D(2026, 3, 2))
    (contest,) = clocks(docs, {}, [served])
    assert (contest.state, contest.starts_on, contest.started_by) == (
        "running",
        D(2026, 3, 2),
        "event 1 (served)",
    )
    corrected = EventFact(2, "served", D(2026, 3, 4))
    (contest,) = clocks(docs, {"service_date": D(2026, 3, 1)}, [served, corrected])
    assert contest.starts_on == D(2026, 3, 4)  # the later record wins over the answer too
    hearing = EventFact(3, "hearing-requested", D(2026, 3, 20))
    (contest,) = clocks(docs, {}, [served, hearing])
    assert (contest.state, contest.closed_by) == ("closed", 3)
    # A lien surrender ends the lien's life, but not a registration's contest period.
    (contest,) = clocks(docs, {}, [served, EventFact(4, "lien-surrendered", D(2026, 3, 5))])
    assert contest.state == "running"


def test_a_recorded_service_starts_the_lien_life_else_the_mailing() -> None:
    docs, answers = ["lien-notice"], {"lien_target": "account", "mailing_date": D(2026, 1, 5)}
    by_kind = {c.kind: c for c in clocks(docs, answers, ())}
    assert by_kind["fi-lien-expiry"].starts_on == D(2026, 1, 5)
    assert by_kind["fi-lien-expiry"].started_by == "answers: mailing_date"
    by_kind = {c.kind: c for c in clocks(docs, answers, [EventFact(1, "served", D(2026, 1, 7))])}
    assert by_kind["fi-lien-expiry"].nominal == D(2026, 1, 7) + dt.timedelta(days=120)
    assert by_kind["lien-hearing"].starts_on == D(2026, 1, 5)  # counted from the mailing


# -- the docket agrees with `counsel calc deadline` on edge days --------------------------------

EDGE_DAYS = [
    # kind, start, why it is an edge
    ("petition", D(2026, 11, 25), "Dec 25 holiday, then the weekend"),
    ("lien-hearing", D(2026, 12, 9), "Dec 24 office closure, Dec 25 holiday, weekend"),
    ("registration-contest", D(2026, 2, 14), "Mar 16 is a Monday: no move"),
    ("registration-contest", D(2026, 2, 28), "Mar 30 plain; Feb 28 start in a common year"),
    ("registration-contest", D(2028, 1, 30), "Feb 29, 2028 (a Tuesday in a leap year)"),
    ("relief", D(2024, 2, 29), "Feb 29 + 2 years = Feb 28, 2026 (Saturday): Mar 2"),
    ("petition", D(2026, 1, 1), "Jan 31, 2026 is a Saturday: Feb 2"),
    ("lien-hearing", D(2026, 2, 1), "Feb 16 Washington's Birthday (after Lincoln's Feb 12)"),
]

_START_EVENT = {
    "petition": ("prior-period", "prior-period-administrative", "mailed"),
    "relief": ("prior-period", "prior-period-administrative", "mailed"),
    "registration-contest": ("registration", "registration-notice", "served"),
    "lien-hearing": ("lien", "lien-notice", "mailed"),
}


def _calc(kind: str, start: dt.date, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(
        ["--office", str(OFFICE), "calc", "deadline", kind, "--from", start.isoformat(), "--json"]
    )
    assert code == 0
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


def _docket(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["--office", str(OFFICE), "docket", "--json", *args]) == 0
    found: dict[str, Any] = json.loads(capsys.readouterr().out)
    return found


@pytest.mark.parametrize(("kind", "start", "why"), EDGE_DAYS)
def test_the_docket_agrees_with_calc_deadline_on_edge_days(
    kind: str, start: dt.date, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    interview, document, event = _START_EVENT[kind]
    path = str(tmp_path / "reg.sqlite3")
    with Register.open(path) as reg:
        entry = _issue(reg, interview, (document,), {"lien_target": "real_estate"}, "C-1", start)
        reg.add_event(entry, event, start)
    calc = _calc(kind, start, capsys)
    last = D.fromisoformat(calc["date"])
    # Listed the day after the start, with the window reaching exactly the last day.
    docket = _docket(
        capsys,
        "--register",
        path,
        "--as-of",
        (start + dt.timedelta(days=1)).isoformat(),
        "--within",
        str((last - start).days - 1),
    )
    (item,) = [i for i in docket["items"] if i["kind"] == kind]
    assert item["due"] == calc["date"], why
    assert item["status"] == "due"
    assert item["days_left"] == (last - start).days - 1
    assert [s["date"] for s in item["skipped"]] == [s["date"] for s in calc["skipped"]]
    assert "5 ILCS 70/1.11" in item["citations"]
    # One day short of the last day, it is not listed; the day after it, it is overdue.
    shorter = _docket(
        capsys,
        "--register",
        path,
        "--as-of",
        (start + dt.timedelta(days=1)).isoformat(),
        "--within",
        str((last - start).days - 2),
    )
    assert kind not in [i["kind"] for i in shorter["items"]]
    after = _docket(
        capsys, "--register", path, "--as-of", (last + dt.timedelta(days=1)).isoformat()
    )
    (late,) = [i for i in after["items"] if i["kind"] == kind]
    assert (late["status"], late["days_left"]) == ("overdue", -1)


# -- the docket over a register (both back ends) -----------------------------------------------


def test_docket_lists_overdue_first_then_due_then_waiting(register_target: str) -> None:
    office = load_office(OFFICE)
    closures = office.closure_dates()
    with Register.open(register_target) as reg:
        lien = _issue(
            reg,
            "lien",
            ("lien-notice",),
            {"lien_target": "account", "mailing_date": D(2026, 11, 2)},
            "L-1",
        )
        order = _issue(
            reg,
            "prior-period",
            ("prior-period-administrative",),
            {
                "order_mailing_date": D(2026, 11, 25),
                "children": [{"birth_date": D(2008, 12, 10)}],
                "iv_d_case_number": "P-1",
                "court_case_number": "2026-F-77",
            },
            "P-1",
        )
        registration = _issue(reg, "registration", ("registration-notice",), {}, "R-1")
        # The same registration issued again for the same case: still one waiting item each.
        again = _issue(reg, "registration", ("registration-notice",), {}, "R-1")
        items = reg.docket(D(2026, 12, 1), within=30, past=30, closures=closures)
        shown = [(i.status, i.kind, i.due, i.entry_ids) for i in items]
        assert shown == [
            ("overdue", "lien-hearing", D(2026, 11, 17), (lien,)),
            ("due", "termination", D(2026, 12, 10), (order,)),
            ("due", "petition", D(2026, 12, 28), (order,)),
            ("waiting", "registration-contest", None, (registration,)),
            ("waiting", "registration-contest", None, (again,)),
        ]
        waiting = items[-1]
        assert waiting.waiting == (
            "the contest period starts when the notice of registration is served: "
            "record the service"
        )
        assert items[0].days_left == -14
        # A closing event takes the item off at once; a service starts the contest period.
        reg.add_event(lien, "lien-surrendered", D(2026, 11, 30))
        reg.add_event(registration, "served", D(2026, 11, 30))
        items = reg.docket(D(2026, 12, 1), within=30, past=30, closures=closures)
        assert [(i.kind, i.entry_ids) for i in items] == [
            ("termination", (order,)),
            ("petition", (order,)),
            ("registration-contest", (registration,)),  # Dec 30
            ("registration-contest", (again,)),  # still waiting for its own service
        ]
        assert items[2].due == D(2026, 12, 30)
        # --case, and a window that leaves the overdue lien out.
        only = reg.docket(D(2026, 12, 1), within=30, past=30, case="P-1", closures=closures)
        assert {i.case_number for i in only} == {"P-1"}
        # A case is found by either of its numbers (the row names it by one).
        court = reg.docket(D(2026, 12, 1), within=30, case="2026-F-77", closures=closures)
        assert [i.entry_ids for i in court] == [(order,), (order,)]
        assert reg.docket(D(2026, 12, 1), within=5, past=0, case="L-1", closures=closures) == []


def test_old_documents_waiting_for_an_event_are_counted_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "reg.sqlite3")
    with Register.open(path) as reg:
        old = _issue(reg, "registration", ("registration-notice",), {}, "R-OLD", D(2026, 5, 1))
        new = _issue(reg, "registration", ("registration-notice",), {}, "R-NEW", D(2026, 11, 2))
        assert [i.entry_ids for i in reg.docket(D(2026, 12, 1), closures={})] == [(new,)]
        assert reg.waiting_before(D(2026, 12, 1) - dt.timedelta(days=180)) == 1
        everything = reg.docket(D(2026, 12, 1), closures={}, waiting=None)
        assert [i.entry_ids for i in everything] == [(old,), (new,)]
        assert [i.entry_ids for i in reg.docket(D(2026, 12, 1), case="R-OLD")] == [(old,)]
    args = ["docket", "--register", path, "--as-of", "2026-12-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "R-NEW" in out and "R-OLD" not in out
    assert "1 document(s) dated more than 180 days ago still wait for an event" in out
    assert main([*args, "--waiting", "250", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["case_number"] for i in data["items"]] == ["R-OLD", "R-NEW"]
    assert data["older_waiting"] == 0


def test_the_window_reaches_back_over_closed_days_exactly(tmp_path: Path) -> None:
    # Mailed Dec 9, 2026: nominal last day Dec 24 (an office closure in the example profile),
    # then Christmas, the weekend: the last day is Monday, Dec 28.
    closures = load_office(OFFICE).closure_dates()
    with Register.open(tmp_path / "reg.sqlite3") as reg:
        answers = {"lien_target": "real_estate", "mailing_date": D(2026, 12, 9)}
        _issue(reg, "lien", ("lien-notice",), answers, "L-1", D(2026, 12, 9))
        (item,) = reg.docket(D(2026, 12, 29), past=1, closures=closures)
        assert (item.due, item.days_left, item.status) == (D(2026, 12, 28), -1, "overdue")
        assert [s.date for s in item.skipped] == [D(2026, 12, d) for d in (24, 25, 26, 27)]
        assert reg.docket(D(2026, 12, 29), past=0, closures=closures) == []
        # Without the office's closure, Dec 24 (a Thursday) is itself the last day.
        (plain,) = reg.docket(D(2026, 12, 24), past=0, closures={})
        assert (plain.due, plain.days_left) == (D(2026, 12, 24), 0)


def test_the_same_deadline_from_two_entries_of_a_case_is_listed_once(tmp_path: Path) -> None:
    answers = {"lien_target": "real_estate", "mailing_date": D(2026, 11, 24)}
    with Register.open(tmp_path / "reg.sqlite3") as reg:
        first = _issue(reg, "lien", ("lien-notice",), answers, "L-1")
        second = _issue(reg, "lien", ("lien-notice-obligor",), answers, "L-1")
        other = _issue(reg, "lien", ("lien-notice",), answers, "L-2")
        items = reg.docket(D(2026, 12, 1), closures={})
    assert [(i.case_number, i.entry_ids) for i in items] == [
        ("L-1", (first, second)),
        ("L-2", (other,)),
    ]


def test_a_lien_hearing_cites_the_subsection_for_its_target(tmp_path: Path) -> None:
    with Register.open(tmp_path / "reg.sqlite3") as reg:
        for target, case in (("account", "A"), ("lump_sum", "L"), ("real_estate", "R")):
            answers = {"lien_target": target, "mailing_date": D(2026, 11, 24)}
            _issue(reg, "lien", ("lien-notice",), answers, case)
        items = reg.docket(D(2026, 12, 1), closures={})
    cited = {i.case_number: i.citations for i in items if i.kind == "lien-hearing"}
    assert cited["A"][0] == cited["L"][0] == "89 Ill. Adm. Code 160.70(f)(2)(C)"
    assert cited["R"][0] == "89 Ill. Adm. Code 160.70(g)(1)(C)"


def test_an_event_after_a_rebuild_still_counts(register_target: str) -> None:
    # Generations grow per document, whatever made them (an event or a rebuild).
    with Register.open(register_target) as reg:
        entry = _issue(reg, "registration", ("registration-notice",), {}, "R-1")
        assert reg.rebuild_docket() == 1
        assert reg.rebuild_docket() == 1
        reg.add_event(entry, "served", D(2026, 11, 20))
        (item,) = reg.docket(D(2026, 12, 1), within=30, closures={})
        assert (item.kind, item.due) == ("registration-contest", D(2026, 12, 21))  # Dec 20 Sun
        reg.add_event(entry, "hearing-requested", D(2026, 11, 25))
        assert reg.docket(D(2026, 12, 1), within=30, closures={}) == []


def test_a_voided_event_no_longer_counts(tmp_path: Path) -> None:
    with Register.open(tmp_path / "reg.sqlite3") as reg:
        entry = _issue(reg, "registration", ("registration-notice",), {}, "R-1")
        wrong = reg.add_event(entry, "served", D(2026, 11, 2))
        assert [c.state for c in reg.clocks(entry)] == ["running"]
        void = reg.add_event(entry, "voided", D(2026, 12, 1), voids=wrong.id)
        assert (void.kind, void.voids) == ("voided", wrong.id)
        assert [c.state for c in reg.clocks(entry)] == ["waiting"]
        events = reg.events(entry)
    assert [(e.kind, e.voids) for e in events] == [("served", None), ("voided", wrong.id)]


def test_an_uncomputable_document_waits_with_the_reason(tmp_path: Path) -> None:
    # A graduation before birth cannot come through validation; if a snapshot holds one, the
    # row is still recorded and the docket says to look at it.
    answers = {"children": [{"birth_date": "2016-01-01", "graduation_date": "2010-06-01"}]}
    with Register.open(tmp_path / "reg.sqlite3") as reg:
        entry = _issue(reg, "prior-period", ("prior-period-judicial",), answers, "P-9")
        (item,) = reg.docket(D(2026, 12, 1), closures={})
    assert item.entry_ids == (entry,) and item.status == "waiting"
    assert "could not be computed (graduation)" in item.waiting
    assert "--rebuild" in item.waiting


# -- the command line ----------------------------------------------------------------------------


@pytest.fixture()
def filled(tmp_path: Path) -> str:
    path = str(tmp_path / "reg.sqlite3")
    with Register.open(path) as reg:
        _issue(
            reg,
            "lien",
            ("lien-notice", "lien-notice-obligor"),
            {
                "lien_target": "account",
                "mailing_date": D(2026, 11, 24),
                "obligor_name": "Private Person",
            },
            "IVD-1",
        )
        _issue(reg, "registration", ("registration-notice",), {"obligor_name": "Hidden"}, "R-1")
    return path


def test_docket_text_names_the_law_and_what_to_record(
    filled: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--office", str(OFFICE), "docket", "--register", filled, "--as-of", "2026-12-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Wed Dec 09, 2026  in 8 days" in out
    assert "IVD-1  #1  Last day to request a hearing on the lien" in out
    assert "WAITING FOR AN EVENT: 1" in out
    assert "record the service" in out and "counsel register event 2 served DATE" in out
    assert "Private Person" not in out and "Hidden" not in out


def test_register_event_cli_records_and_refuses_bad_input(
    filled: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["register", "event", "--register", filled]
    assert main([*base, "2", "served", "11/30/2026"]) == 0
    out = capsys.readouterr().out
    assert "Event 1 on entry 2: served on 2026-11-30" in out
    assert "counted from 2026-11-30 (event 1 (served))" in out
    bad = [
        (["2", "delivered", "2026-11-30"], "KIND: must be one of mailed, served"),
        (["2", "served", "2026-13-01"], "DATE:"),
        (["2", "served", "2999-01-01"], "DATE: not a plausible date"),
        (["2", "served", (dt.date.today() + dt.timedelta(days=1)).isoformat()], "after today"),
        (["2", "served"], "KIND and DATE"),
        (["2", "served", "--void", "1"], "--void: give only"),
        (["1", "--void", "1"], "--void: 1 is not an event of entry 1"),
        (["x", "served", "2026-11-30"], "ID: must be a whole number"),
    ]
    for argv, message in bad:
        assert main([*base, *argv]) == 2, argv
        assert message in capsys.readouterr().err, argv
    assert main([*base, "9", "served", "2026-11-30"]) == 1
    assert "no entry with id 9" in capsys.readouterr().err
    assert main(["register", "show", "2", "--register", filled, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in shown["events"]] == ["served"]
    assert shown["deadlines"][0]["state"] == "running"
    assert "answers" not in shown


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--within", "-1"], "--within: must be a whole number of days"),
        (["--past", "x"], "--past: must be a whole number"),
        (["--within", "99999"], "--within"),
        (["--as-of", "Dec 1"], "--as-of: not a date"),
    ],
)
def test_docket_bad_input_exits_2(
    filled: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["docket", "--register", filled, *argv]) == 2
    assert message in capsys.readouterr().err


def test_ics_export_reads_back_and_updates_in_place(
    filled: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from icalendar import Calendar

    ics = tmp_path / "docket.ics"
    args = ["--office", str(OFFICE), "docket", "--register", filled, "--as-of", "2026-12-01"]
    assert main([*args, "--within", "200", "--ics", str(ics)]) == 0
    assert "Calendar: 2 deadline(s) written to" in capsys.readouterr().out
    assert stat.S_IMODE(ics.stat().st_mode) == 0o600
    raw = ics.read_bytes()
    assert b"Private Person" not in raw and b"Hidden" not in raw
    events = Calendar.from_ical(raw).walk("VEVENT")
    by_day = {e.decoded("dtstart"): e for e in events}
    assert sorted(by_day) == [D(2026, 12, 9), D(2027, 3, 24)]
    hearing = by_day[D(2026, 12, 9)]
    assert str(hearing["summary"]) == "IVD-1: Last day to request a hearing on the lien"
    assert "89 Ill. Adm. Code 160.70(f)(2)(C)" in str(hearing["description"])  # an account
    assert hearing.walk("VALARM")[0].decoded("trigger") == -dt.timedelta(days=1)
    life = str(by_day[D(2027, 3, 24)]["description"])
    assert "holds through March 24, 2027, 120 days after it was served on November 24" in life
    uid, sequence = str(hearing["uid"]), int(hearing["sequence"])
    # Recording the mailing moves the day: the same UID comes back with a higher SEQUENCE.
    assert main(["register", "event", "--register", filled, "1", "mailed", "2026-11-27"]) == 0
    capsys.readouterr()
    assert main([*args, "--within", "200", "--ics", str(ics)]) == 0
    capsys.readouterr()
    moved = {str(e["uid"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert moved[uid].decoded("dtstart") == D(2026, 12, 14)  # Nov 27 + 15 = Sat Dec 12
    assert int(moved[uid]["sequence"]) > sequence
    # Anything that is not counsel's own calendar is never overwritten.
    other = tmp_path / "mine.ics"
    other.write_text("BEGIN:VCALENDAR\nPRODID:-//someone else//EN\nEND:VCALENDAR\n", "utf-8")
    assert main([*args, "--ics", str(other)]) == 2
    assert "not a counsel docket calendar" in capsys.readouterr().err
    assert other.read_text("utf-8").startswith("BEGIN:VCALENDAR\nPRODID:-//someone else")
