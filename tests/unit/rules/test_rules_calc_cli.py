"""`counsel calc`: JSON keys, short human answers, exit 2 naming the argument on bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    assert isinstance(data["citations"], list) and data["citations"]
    return data


def test_termination(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "calc", "termination", "--birth", "2008-02-29")
    assert data["date"] == "2026-03-01"
    data = run_json(
        capsys, "calc", "termination", "--birth", "2010-01-10", "--graduation", "2028-05-25"
    )
    assert (data["date"], data["reason"]) == ("2028-05-25", "graduation")
    code, out, _ = run(capsys, "calc", "termination", "--birth", "2010-01-10")
    assert code == 0 and out.startswith("2028-01-10")


def test_deadline_with_office_closures(
    capsys: pytest.CaptureFixture[str], examples_dir: Path
) -> None:
    office = str(examples_dir / "office.toml")
    data = run_json(
        capsys, "calc", "deadline", "petition", "--from", "2026-11-24", "--office", office
    )
    assert data["nominal"] == "2026-12-24"
    assert data["date"] == "2026-12-28"
    assert data["skipped"][0] == {
        "date": "2026-12-24",
        "reason": "Christmas Eve court closure (administrative order)",
    }
    # The global --office works too; without any office only holidays are skipped.
    data = run_json(
        capsys, "--office", office, "calc", "deadline", "petition", "--from", "2026-11-24"
    )
    assert data["date"] == "2026-12-28"
    data = run_json(capsys, "calc", "deadline", "petition", "--from", "2026-11-24")
    assert data["date"] == "2026-12-24"


@pytest.mark.parametrize(
    ("kind", "start", "date"),
    [
        ("relief", "2024-02-29", "2026-03-03"),
        ("registration-contest", "2026-10-04", "2026-11-04"),
        ("lien-hearing", "2026-01-02", "2026-01-20"),
    ],
)
def test_deadline_kinds(
    capsys: pytest.CaptureFixture[str], kind: str, start: str, date: str
) -> None:
    assert run_json(capsys, "calc", "deadline", kind, "--from", start)["date"] == date


def test_lien_eligible_and_not(capsys: pytest.CaptureFixture[str]) -> None:
    base = ("calc", "lien", "--target", "account", "--on", "2026-06-01")
    data = run_json(
        capsys, *base, "--past-due", "$1,000.00", "--balance", "300", "--account-type", "savings"
    )
    assert data["eligible"] is True and data["threshold"] == "1000.00"
    code, out, _ = run(
        capsys, *base, "--past-due", "999.99", "--balance", "300", "--account-type", "savings"
    )
    assert code == 0 and out.startswith("not eligible")
    data = run_json(
        capsys, *base, "--past-due", "5000", "--balance", "5000", "--account-type", "ira"
    )
    assert data["eligible"] is False and any("exempt" in r for r in data["reasons"])


def test_prior_period(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "calc",
        "prior-period",
        "--segment",
        "2024-01-31:2024-02-29:300",
        "--segment",
        "2024-03-01:2024-12-31:$1,000.50",
    )
    assert data["total"] == "10314.86"
    assert data["segments"][0] == {
        "start": "2024-01-31",
        "end": "2024-02-29",
        "monthly": "300.00",
        "months": 1,
        "days": 1,
        "total": "309.86",
    }


def test_track(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "calc", "track", "--parents-agree")
    assert data["recommended"] == "administrative"
    data = run_json(capsys, "calc", "track", "--yes", "older-child", "--yes", "court-order")
    assert data == data | {"recommended": "judicial", "reasons": ["court-order", "older-child"]}


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["termination", "--birth", "2010-02-30"], "--birth"),
        (["termination", "--birth", "2010-01-01", "--graduation", "2009-01-01"], "--graduation"),
        (["deadline", "appeal", "--from", "2026-01-01"], "kind"),
        (["deadline", "petition", "--from", "soon"], "--from"),
        (["deadline", "petition", "--from", "2026-01-01", "--office", "/nonexistent"], "--office"),
        (["lien", "--target", "account", "--past-due", "1,00"], "--past-due"),
        (["lien", "--target", "account", "--past-due", "1000"], "--balance"),
        (["lien", "--target", "account", "--past-due", "1000", "--balance", "1"], "--account-type"),
        (["lien", "--target", "boat", "--past-due", "1000"], "--target"),
        (["lien", "--target", "lump-sum", "--past-due", "-5"], "--past-due"),
        (["prior-period", "--segment", "2024-01-01:2024-02-01"], "--segment 1"),
        (["prior-period", "--segment", "2024-01-01:2024-02-01:1.001"], "--segment 1"),
        (["prior-period", "--segment", "2024-03-01:2024-02-01:1"], "--segment 1"),
        (
            [
                "prior-period",
                "--segment",
                "2024-01-01:2024-02-01:1",
                "--segment",
                "2024-02-01:2024-03-01:1",
            ],
            "--segment 2",
        ),
        (["track", "--yes", "gut-feeling"], "--yes"),
    ],
)
def test_bad_input_exits_2_naming_the_argument(
    capsys: pytest.CaptureFixture[str], argv: list[str], names: str
) -> None:
    code, out, err = run(capsys, "calc", *argv)
    assert code == 2
    assert names in err
    assert out == ""
