"""`counsel register list/show`: filters, JSON, and bad input exiting 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from counsel.cli import main
from counsel.register import IssuedFile, Register


@pytest.fixture()
def reg_path(tmp_path: Path) -> Path:
    path = tmp_path / "reg.sqlite3"
    with Register.open(path) as reg:
        for case, day in (("2026-D-1", 1), ("2026-D-2", 2), ("2026-D-1", 3)):
            reg.record(
                interview="lien",
                answers={"obligor_name": "Private Person", "iv_d_case_number": case},
                files=[IssuedFile("lien-notice", "lien-notice.html", "t", "pdf", "/o/x.pdf", "h")],
                statute_snapshot="s",
                on=dt.date(2026, 2, day),
                case_number=case,
                issued_at=dt.datetime(2026, 2, day, 15, 0, tzinfo=dt.UTC),
            )
    return path


def test_list_json_filters(reg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["register", "list", "--register", str(reg_path), "--json"]
    assert main([*args, "--case", "2026-D-1"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [1, 3]
    assert main([*args, "--since", "2026-02-02"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [2, 3]


def test_list_and_show_never_print_the_answers(
    reg_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["register", "list", "--register", str(reg_path)]) == 0
    out = capsys.readouterr().out
    assert "3 entries" in out and "2026-D-2" in out
    assert main(["register", "show", "2", "--register", str(reg_path)]) == 0
    shown = capsys.readouterr().out
    assert "Entry 2" in shown and "lien-notice (pdf): /o/x.pdf" in shown
    assert "Private Person" not in out + shown


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["register", "list", "--since", "Feb 2"], "--since"),
        (["register", "show", "abc"], "ID"),
        (["register", "show", "0"], "ID"),
        (["register", "verify", "-3"], "ID"),
    ],
)
def test_bad_input_exits_2_naming_the_argument(
    reg_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert main([*argv, "--register", str(reg_path)]) == 2
    assert words in capsys.readouterr().err


def test_a_mistyped_register_path_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "reg.sqlite3"
    assert main(["register", "list", "--register", str(missing)]) == 2
    assert "--register: no register at" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_a_register_that_cannot_be_used_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The library's RegisterError says what is wrong; the command adds the flag.
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    junk.chmod(0o600)  # a file others may read is refused before it is opened
    assert main(["register", "list", "--register", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "--register: " in err and "is not a counsel register" in err
    assert main(["register", "list", "--register", str(tmp_path)]) == 2
    assert "--register: " in capsys.readouterr().err


def test_show_unknown_id_exits_1(reg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register", "show", "99", "--register", str(reg_path)]) == 1
    assert "no entry with id 99" in capsys.readouterr().err


def test_default_register_comes_from_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    assert main(["register", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # Reading never creates the register (nor its folder): nothing was issued here yet.
    assert not (tmp_path / "data").exists()
    assert main(["register", "list"]) == 0
    assert "0 entries in " in capsys.readouterr().out
    assert main(["docket", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == []
    assert main(["register", "show", "1"]) == 2
    assert "no document has been issued on this machine" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()
    # The first document issued creates it where the reads looked.
    answers = Path(__file__).resolve().parents[3] / "examples" / "track-judicial.toml"
    out = tmp_path / "out"
    assert main(["render", "track", "--answers", str(answers), "--out", str(out)]) == 0
    capsys.readouterr()
    assert (tmp_path / "data" / "register.sqlite3").exists()
    assert main(["register", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
