"""Issue 16 items 11 and 16: bad input is exit 2 and one sentence naming the argument, never
an internal error (exit 70): nested TOML, endless or huge files, a case number too long for
the DOCX properties, an --out that cannot be a folder, an entry id beyond SQLite's integers,
an amount too large for the arithmetic; an answers file with a UTF-8 BOM is read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from counsel.cli import main
from tests.security import canary, helpers, tally


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _usage_error(code: int, err: str, names: str) -> None:
    assert code == 2, err
    assert "internal error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("counsel: error: "), err
    assert names in lines[0], (names, err)


@pytest.fixture(autouse=True)
def _data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))


NESTINGS = {
    "arrays": lambda n: "x = " + "[" * n + "]" * n,
    "inline-tables": lambda n: "x = " + "{a = " * n + "1" + "}" * n,
    "array-of-tables": lambda n: "x = " + "[{a = " * n + "1" + "}]" * n,
}


@pytest.mark.parametrize("depth", [50, 400, 2_000, 20_000])
@pytest.mark.parametrize("shape", sorted(NESTINGS))
def test_nested_toml_is_a_usage_error(
    shape: str, depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    path = tmp_path / "deep.toml"
    path.write_text('interview = "lien"\n' + NESTINGS[shape](depth) + "\n")
    code, _out, err = _run(["check", "lien", "--answers", str(path)], capsys)
    assert code == 2 and "internal error" not in err, err
    office = tmp_path / "office.toml"
    office.write_text(NESTINGS[shape](depth) + "\n")
    answers = str(helpers.EXAMPLES / "lien-account.toml")
    code, _out, err = _run(["--office", str(office), "check", "lien", "--answers", answers], capsys)
    _usage_error(code, err, str(office))


@pytest.mark.parametrize("flag", ["--answers", "--office"])
@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "big", "folder", "nul-byte"])
def test_endless_huge_or_odd_files_are_usage_errors(
    flag: str, source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    if source == "big":
        big = tmp_path / "big.toml"
        with big.open("w") as fh:
            fh.write('interview = "lien"\n')
            fh.write("# padding\n" * 200_000)  # 2 MB of comments: valid TOML, still refused
        path = str(big)
    elif source == "folder":
        path = str(tmp_path)
    elif source == "nul-byte":
        path = str(tmp_path / "a\x00b.toml")
    else:
        path = source
    answers = path if flag == "--answers" else str(helpers.EXAMPLES / "lien-account.toml")
    argv = ["check", "lien", "--answers", answers]
    if flag == "--office":
        argv = ["--office", path, *argv]
    code, _out, err = _run(argv, capsys)
    _usage_error(code, err, flag)


def test_an_answers_file_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack(2)
    source = helpers.EXAMPLES / "lien-account.toml"
    with_bom = tmp_path / "bom.toml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    argv = ["--office", helpers.OFFICE_FILE, "check", "lien", "--json", "--answers"]
    code, out, err = _run([*argv, str(with_bom)], capsys)
    assert code == 0, err
    code2, out2, _ = _run([*argv, str(source)], capsys)
    assert code2 == 0 and json.loads(out) == json.loads(out2)
    office = tmp_path / "office.toml"
    office.write_bytes(b"\xef\xbb\xbf" + (helpers.EXAMPLES / "office.toml").read_bytes())
    code, _out, err = _run(
        ["--office", str(office), "calc", "track", "--yes", "court-order"], capsys
    )
    assert code == 0, err


@pytest.mark.parametrize("length", [256, 300, 5_000])
def test_a_long_case_number_is_a_field_error_not_a_docx_crash(
    length: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    answers = canary.write_answers(
        tmp_path / "a.toml", interview_id, {**raw, "iv_d_case_number": "I" * length}
    )
    argv = helpers.render_argv(interview_id, answers, tmp_path / "out")
    code, _out, err = _run(argv, capsys)
    assert code == 2 and "iv_d_case_number" in err and "internal error" not in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "raw_id",
    ["99999999999999999999", "9223372036854775808", "1" * 400, "-1", "0", "1e3", "١٢", " 7x"],
)
def test_register_ids_beyond_sqlite_are_usage_errors(
    raw_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    for action in ("show", "verify"):
        code, _out, err = _run(["register", action, raw_id], capsys)
        _usage_error(code, err, "ID")


@pytest.mark.parametrize(
    "monthly",
    [
        "12345678901234567890123456",
        "99999999999999999999999999",
        "9999999999999999999999999.99",
        "1" + "0" * 40,
        "1000000000000",
    ],
)
def test_huge_amounts_in_calc_prior_period_are_usage_errors(
    monthly: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    # Leftover days make the rule multiply by 12/365: where 26 digits overflowed the cents.
    argv = ["calc", "prior-period", "--segment", f"2024-01-01:2024-06-15:{monthly}"]
    code, _out, err = _run(argv, capsys)
    _usage_error(code, err, "--segment")


def test_jobs_is_bounded_by_rows_and_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import concurrent.futures as cf

    tally.attack()
    made: list[int] = []
    real = cf.ProcessPoolExecutor

    class Spy(real):  # type: ignore[misc,valid-type]
        def __init__(self, max_workers: int | None = None, **kwargs: object) -> None:
            made.append(int(max_workers or 0))
            super().__init__(max_workers=max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cf, "ProcessPoolExecutor", Spy)
    import csv

    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[:3]  # the header and two rows
    sheet = tmp_path / "two.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    argv = helpers.batch_argv(sheet, tmp_path / "out", "docx")
    argv[argv.index("--jobs") + 1] = "100000"
    code, _out, err = _run(argv, capsys)
    assert code == 0, err
    cores = len(os.sched_getaffinity(0))
    if cores == 1:
        assert made == []  # one core: the rows render in this process, no pool at all
    else:
        assert made and max(made) <= cores, made
