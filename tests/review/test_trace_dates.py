"""`counsel templates trace` showed the old interest statement's scope as "applies: from
interest.statement_required_from": the parameter's name, not its date, and no end, so the
reviewer signing the table read an element for orders before August 9, 2019 as one that
applies from some date on. It now shows the date and the bound: "from 2006-01-01
(interest.statement_required_from); before 2019-08-09"; the JSON has "until"."""

from __future__ import annotations

import json

import pytest

from counsel.cli import main
from tests.review.helpers import ANSWERS

EXAMPLE = str(ANSWERS / "pp-judicial-thanksgiving-obligee-protected.toml")


def test_the_table_gives_every_elements_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "trace", "order-for-support", "--example", EXAMPLE]) == 0
    text = capsys.readouterr().out
    assert "applies:  from 2006-01-01 (interest.statement_required_from); before 2019-08-09" in text
    assert "applies:  from 2019-08-09\n" in text
    assert "applies:  from interest." not in text


def test_the_json_gives_until(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["templates", "trace", "order-for-support", "--example", EXAMPLE, "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data[0]["elements"]
    interest = [r for r in rows if r["element"] == "interest_statement"]
    assert sorted(r["until"] for r in interest) == ["", "2019-08-09"]
