"""`counsel statutes check` over the real store, interviews, rules and templates."""

from __future__ import annotations

import json

import pytest

from counsel.cli import main


def test_check_reports_json_and_exits_1_only_on_errors(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["statutes", "check", "--json", "--as-of", "2026-11-23"])
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2026-11-23"
    assert data["review_date"] == "2026-01-01"  # the bundled example office
    assert rc == (1 if data["errors"] else 0)
    assert data["sections"] >= 20  # interviews and rules cite many sections
    for item in data["errors"] + data["warnings"]:
        assert item["where"], item
    # The example office reviews on 2026-01-01; 10-16.5's newest version is from 2019.
    stale = {w["citation"] for w in data["warnings"]}
    assert "305 ILCS 5/10-16.5" in stale


def test_check_before_a_version_took_effect_reports_not_in_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 10-15.1 and 10-16.5 have dated versions; on 1900-01-01 only unknown-date ones apply, and
    # sections whose only versions are dated are not in force at all.
    rc = main(["statutes", "check", "--json", "--as-of", "1900-01-01"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert any("not in force on 1900-01-01" in e["message"] for e in data["errors"])


def test_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["statutes", "check", "--as-of", "23/11/2026"]) == 2
    assert "--as-of" in capsys.readouterr().err
