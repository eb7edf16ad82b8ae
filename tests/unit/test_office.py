"""The office profile loader: the example loads, bad profiles name the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counsel.errors import UsageError
from counsel.office import load_office


def test_example_office_loads(examples_dir: Path) -> None:
    office = load_office(examples_dir / "office.toml")
    assert office.county == "Sangamon"
    assert office.attorneys[0].ardc == "6312345"
    assert office.closure_dates()[dt.date(2026, 12, 24)].startswith("Christmas Eve")
    assert not office.is_cook


def test_bundled_office_matches_example(examples_dir: Path) -> None:
    assert load_office(None) == load_office(examples_dir / "office.toml")


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


def test_missing_office_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--office: no such file"):
        load_office(tmp_path / "nope.toml")
