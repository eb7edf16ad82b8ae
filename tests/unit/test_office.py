"""The office profile loader: the example loads, bad profiles name the key."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from counsel.cli import main
from counsel.errors import UsageError
from counsel.inputs import InputFileError
from counsel.office import load_office


def test_example_office_loads(examples_dir: Path) -> None:
    office = load_office(examples_dir / "office.toml")
    assert office.county == "Sangamon"
    assert office.attorneys[0].ardc == "6312345"
    assert office.closure_dates()[dt.date(2026, 12, 24)].startswith("Christmas Eve")
    assert not office.is_cook


def test_bundled_office_is_the_example_without_its_closures(examples_dir: Path) -> None:
    # Without --office, deadlines skip statutory holidays only: the bundled office is the
    # example's letterhead, and a fictional county's closures never move a real deadline.
    bundled = load_office(None)
    assert bundled.closures == ()
    assert bundled == dataclasses.replace(load_office(examples_dir / "office.toml"), closures=())


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('county = "X"', "missing key 'circuit'"),
        ("county = [", "not valid TOML"),
        ('bogus = 1\ncounty = "X"', "unknown key 'bogus'"),
    ],
)
def test_bad_office_names_the_problem(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "office.toml"
    path.write_text(text)
    with pytest.raises(UsageError, match=fragment):
        load_office(path)


def test_missing_office_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The library carries the problem; the CLI adds the option the file came from.
    with pytest.raises(InputFileError, match="^no such file: ") as info:
        load_office(tmp_path / "nope.toml")
    assert info.value.what == "office" and "--office" not in str(info.value)
    argv = ["calc", "deadline", "petition", "--from", "2026-11-24"]
    assert main(["--office", str(tmp_path / "nope.toml"), *argv]) == 2
    assert "counsel: error: --office: no such file: " in capsys.readouterr().err


def test_an_unquoted_date_that_is_no_date_is_named(tmp_path: Path) -> None:
    path = tmp_path / "office.toml"
    path.write_text(
        (Path(__file__).parents[2] / "examples" / "office.toml")
        .read_text("utf-8")
        .replace("review_date = 2026-01-01", "review_date = 2026-13-45")
    )
    with pytest.raises(InputFileError) as info:
        load_office(path)
    message = str(info.value)
    assert "review_date: the date is not a real date: there is no month 13" in message
    assert "Expected newline" not in message
