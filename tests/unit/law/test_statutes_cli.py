"""`counsel statutes`: exit codes, one-line errors, and the exact JSON keys, run in-process."""

from __future__ import annotations

import json

import pytest

from counsel.cli import main

SHOW_KEYS = [
    "citation",
    "heading",
    "effective",
    "source",
    "origin",
    "text",
    "truncated",
    "complete",
    "versions",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["statutes", *argv])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json_keys_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "305 ILCS 5/10-16.5", "--as-of", "2020-01-01", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == SHOW_KEYS
    assert data["citation"] == "305 ILCS 5/10-16.5"
    assert data["effective"] == "2019-08-09"
    assert data["source"] == "(Source: P.A. 101-336, eff. 8-9-19.)"
    assert data["origin"] == "seeds/004_013d7263e2d1d1e6.txt"
    assert data["complete"] is True and data["truncated"] == [] and data["versions"] == 2


def test_show_earlier_version_with_unknown_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "305 ilcs 5/10-16.5", "--as-of", "2019-08-08", "--json")
    data = json.loads(out)
    assert code == 0 and data["effective"] is None and data["complete"] is False
    assert "30 days or more" in data["text"]


def test_show_truncated_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "305 ILCS 5/10-11.1", "--json")
    data = json.loads(out)
    assert code == 0 and data["truncated"] == ["(b)(1)", "(b)(2)"] and data["complete"] is False


def test_show_pinpoint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "750 ILCS 24/15(b)(4)", "--json")
    data = json.loads(out)
    assert code == 0 and data["citation"] == "750 ILCS 24/15(b)(4)"
    assert data["text"].startswith("(4) Assessing each case")


def test_show_human(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "305 ILCS 5/10-15.1", "--as-of", "2016-01-01")
    assert code == 0
    assert "version effective 2015-08-27 (3 versions stored)" in out
    assert "INCOMPLETE" in out


def test_before_first_version_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "750 ILCS 24/15", "--as-of", "2003-05-31", "--json")
    assert code == 1 and out == ""
    assert err == (
        "counsel: error: 750 ILCS 24/15 is not in force on 2003-05-31 "
        "(the store's first version is effective 2003-06-01)\n"
    )


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("show", "305 ILCS 5/10-16.55"), "CITATION: 305 ILCS 5/10-16.55 is not in the statute"),
        (("show", "Sec. 10-16.5"), "CITATION: citation 'Sec. 10-16.5' does not name its Act"),
        (("show", "305 ILCS 5/10-16.5(z)"), "CITATION: 305 ILCS 5/10-16.5 has no subsection (z)"),
        (("show", "305 ILCS 5/10-11.1(z)"), "CITATION: 305 ILCS 5/10-11.1(z) cannot be checked"),
        (("show", "305 ILCS 5/10-16.5", "--as-of", "2019-02-30"), "--as-of: not a date"),
        (("diff", "305 ILCS 5/10-16.5", "--from", "x", "--to", "2020-01-01"), "--from: not a date"),
        (("diff", "305 ILCS 5/10-16.5", "--from", "2019-01-01", "--to", "1/1/20"), "--to: not"),
        (("history", "999 ILCS 9/9"), "CITATION: 999 ILCS 9/9 is not in the statute store"),
        (("search", " "), "search needs at least one word"),
        (("params", "lien.nope"), "parameter 'lien.nope' is not in parameters.toml"),
        ((), "statutes: give a subcommand"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fragment: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("counsel: error: ")
    assert fragment in err
    assert "Traceback" not in err


def test_unknown_citation_lists_closest(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "show", "305 ILCS 5/10-16.55")
    assert "closest: 305 ILCS 5/10-16.5" in err


def test_argparse_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", "305 ILCS 5/10-16.5", "--from", "2019-01-01")
    assert code == 2 and err.count("\n") == 1 and "--to" in err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 130
    row = next(r for r in rows if r["citation"] == "305 ILCS 5/10-15.1")
    assert row == {
        "citation": "305 ILCS 5/10-15.1",
        "heading": "Judicial registration of administrative support orders and administrative "
        "paternity orders",
        "effective": "2017-08-18",
        "versions": 3,
        "complete": False,
        "repealed": False,
    }


def test_json_flag_before_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", "history", "305 ILCS 5/10-16.5")
    data = json.loads(out)
    assert code == 0 and [v["effective"] for v in data["versions"]] == [None, "2019-08-09"]


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "registration", "30", "days", "--json")
    hits = [h["citation"] for h in json.loads(out)]
    assert code == 0 and "305 ILCS 5/10-15.1" in hits
    code, out, _ = run(capsys, "search", "qqqqzzzz")
    assert code == 0 and out == "no matches\n"


def test_history_human(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "305 ILCS 5/10-15.1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[1].split()[0] == "unknown" and lines[2].split()[0] == "2015-08-27"


def test_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "diff", "305 ILCS 5/10-16.5", "--from", "2019-08-08", "--to", "2019-08-09"
    )
    assert code == 0 and out.startswith("--- 305 ILCS 5/10-16.5 as of 2019-08-08")
    code, out, _ = run(
        capsys,
        "diff",
        "305 ILCS 5/10-16.5",
        "--from",
        "2020-01-01",
        "--to",
        "2021-01-01",
        "--json",
    )
    assert code == 0 and json.loads(out)["diff"] == ""


def test_params(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "params", "lien.real_estate.past_due_min", "--json")
    (row,) = json.loads(out)
    assert code == 0 and row["value"] == "10000"
    assert row["citation"] == "89 Ill. Adm. Code 160.70(g)(1)(A)" and row["effective"] is None
