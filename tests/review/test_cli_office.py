"""`--office FILE` after a command, as the README says: every command that reads the office
profile takes it there too, and it is the profile the command then uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counsel.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]

# Every command that reads the office profile (its county, attorneys, closures, review date or
# register), as the README's CLI reference lists them.
READS_OFFICE = [
    ["check", "lien", "--answers", "a.toml"],
    ["render", "lien", "--answers", "a.toml"],
    ["batch", "lien", "sheet.csv", "--out", "d"],
    ["calc", "deadline", "petition", "--from", "2026-12-01"],
    ["templates", "lint"],
    ["templates", "preview", "x", "--example", "a.toml"],
    ["templates", "impact", "305 ILCS 5/10-10"],
    ["templates", "trace"],
    ["statutes", "check"],
    ["register", "list"],
    ["register", "show", "1"],
    ["register", "verify", "1"],
    ["register", "event", "1", "mailed", "2026-12-01"],
    ["register", "upgrade"],
    ["register", "grants"],
    ["docket"],
]


def _office_of(args: object) -> object:
    for dest in ("check_office", "render_office", "batch_office", "calc_office"):
        if getattr(args, dest, None) is not None:
            return getattr(args, dest)
    return getattr(args, "command_office", None) or getattr(args, "office", None)


@pytest.mark.parametrize("argv", READS_OFFICE, ids=lambda a: " ".join(a[:2]))
def test_office_is_accepted_after_every_command_that_reads_it(argv: list[str]) -> None:
    args = build_parser().parse_args([*argv, "--office", "mine.toml"])
    assert _office_of(args) == Path("mine.toml")


def test_office_after_statutes_check_is_the_profile_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "examples" / "office.toml").read_text(encoding="utf-8")
    profile = tmp_path / "office.toml"
    profile.write_text(text.replace("review_date = 2026-01-01", "review_date = 2019-06-30"))
    assert main(["statutes", "check", "--office", str(profile), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["review_date"] == "2019-06-30"


@pytest.mark.parametrize("command", [["templates", "trace"], ["docket"]])
def test_office_after_the_command_is_read(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-office.toml"
    assert main([*command, "--office", str(missing)]) == 2
    assert "--office" in capsys.readouterr().err
