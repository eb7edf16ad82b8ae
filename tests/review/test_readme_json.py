"""The JSON keys the README documents are the keys the commands print (README, "CLI
reference"): read from the README itself, so a key added or renamed on one side fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from counsel.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ALWAYS = {
    "citations",
    "explanation",
}  # "an object with the keys shown plus citations and explanation"

CALC = {
    "termination": ["--birth", "2012-02-29", "--graduation", "2030-06-01"],
    "deadline": ["petition", "--from", "2026-10-04"],
    "lien": [
        "--target",
        "account",
        "--past-due",
        "1000",
        "--balance",
        "300",
        "--account-type",
        "checking",
    ],
    "prior-period": ["--segment", "2024-01-31:2024-02-29:1320"],
    "track": ["--yes", "court-order"],
}


def _documented_calc(command: str) -> tuple[set[str], set[str]]:
    """(keys in the braces, every quoted key on the comment) of `counsel calc COMMAND`."""
    block = README.split(f"counsel calc {command} ", 1)[1].split("\ncounsel ", 1)[0]
    block = block.split("```", 1)[0]
    comment = " ".join(line.split("#", 1)[1] for line in block.splitlines() if "#" in line)
    braces = re.search(r"\{([^}]*)\}", comment)
    assert braces, command
    return set(re.findall(r'"([a-z_-]+)"', braces.group(1))), set(
        re.findall(r'"([a-z_-]+)"', comment)
    )


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    main([*argv, "--json"])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", sorted(CALC))
def test_calc_keys_are_the_documented_ones(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    required, documented = _documented_calc(command)
    data = _json(["calc", command, *CALC[command]], capsys)
    assert isinstance(data, dict)
    assert required <= set(data), (command, required - set(data))
    assert set(data) - ALWAYS <= documented, (command, set(data) - ALWAYS - documented)
    assert ALWAYS <= set(data)


def test_statutes_show_prints_exactly_the_documented_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = README.split("`show --json` prints exactly `", 1)[1].split("`", 1)[0]
    keys = {k.strip() for k in listed.replace("\n", " ").split(",")}
    data = _json(["statutes", "show", "305 ILCS 5/10-16.5"], capsys)
    assert isinstance(data, dict) and set(data) == keys


def test_check_prints_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        ["check", "lien", "--answers", str(ROOT / "examples" / "lien-account.toml")], capsys
    )
    assert isinstance(data, dict)
    assert set(data) == {"interview", "complete", "errors", "documents", "findings"}
    assert '"documents":\n{"ready": [NAME], "problems": [TEXT]}' in README
    assert set(data["documents"]) == {"ready", "problems"}
    for finding in data["findings"].values():
        assert set(finding) == {"value", "citations", "explanation"}


def test_interviews_prints_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(["interviews"], capsys)
    assert isinstance(data, list)
    for item in data:
        assert set(item) == {"id", "title", "summary", "sections", "questions"}
        assert all(set(s) == {"id", "title"} for s in item["sections"])
