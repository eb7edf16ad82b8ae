"""Issue 16 item 3: stored and typed text reaches the terminal escaped, never obeyed.

A case number, a user name, a file path, a citation or an answer holding an escape sequence
(ESC [2J clears the screen, OSC 52 sets the clipboard, C1 CSI, a bell, a carriage return,
a bidi override) goes through every print path of the CLI: `register list/show` (text and
JSON), `check`, `statutes`, error messages and argparse's own errors. No byte a terminal
would act on comes out; JSON output still reads back to the stored value.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from counsel.cli import main
from tests.security import helpers, tally

# Each is something a terminal obeys: clear screen, OSC 52 clipboard write (BEL- and
# ST-terminated), an 8-bit CSI, a carriage return that overwrites the line, a backspace,
# DEL, a right-to-left override that shows the text reversed.
HOSTILE = (
    "\x1b[2J",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]52;c;SGVsbG8=\x1b\\",
    "\x9b31m",
    "\rFAKE LINE",
    "ab\x08\x08",
    "\x7f",
    "\u202eevil",
    "\x1b]8;;https://example.invalid\x1b\\link\x1b]8;;\x1b\\",
)
BIDI = {
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}


def _obeyed(text: str) -> list[str]:
    """Characters of `text` a terminal would act on (defined here, not by counsel's code)."""
    return [
        repr(ch)
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in BIDI
    ]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A register whose every stored text field carries each hostile sequence."""
    from counsel.register import IssuedFile, Register

    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "reg.sqlite3"
    with Register.open(path) as reg:
        for seq in HOSTILE:
            reg.record(
                interview="lien",
                answers={"iv_d_case_number": f"IVD{seq}1"},
                files=[
                    IssuedFile(
                        document=f"doc{seq}",
                        template=f"t{seq}.html",
                        template_hash="0" * 64,
                        format="pdf",
                        path=str(tmp_path / f"out{seq}" / "x.pdf"),
                        sha256="1" * 64,
                    )
                ],
                statute_snapshot="2" * 64,
                on=dt.date(2026, 11, 23),
                case_number=f"IVD{seq}1",
                source="render",
                user_name=f"user{seq}",
            )
    return path


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_register_list_and_show_escape_stored_text(
    hostile_register: Path, as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["--json"] if as_json else []
    commands = [["register", "list", "--register", str(hostile_register), *extra]]
    commands += [
        ["register", "show", str(n), "--register", str(hostile_register), *extra]
        for n in range(1, len(HOSTILE) + 1)
    ]
    for argv in commands:
        tally.attack()
        code, out, err = _run(argv, capsys)
        assert code == 0, err
        assert _obeyed(out + err) == [], argv
        if as_json:
            data = json.loads(out)
            # The escapes are JSON escapes: the stored value reads back unchanged.
            entries = data if isinstance(data, list) else [data]
            assert {e["case_number"] for e in entries} <= {f"IVD{s}1" for s in HOSTILE}
            if argv[1] == "list":
                assert [e["case_number"] for e in entries] == [f"IVD{s}1" for s in HOSTILE]
                assert [e["user_name"] for e in entries] == [f"user{s}" for s in HOSTILE]
        else:
            assert "\\x" in out or "\\u" in out  # shown, as an escape


@pytest.mark.parametrize("seq", HOSTILE, ids=range(len(HOSTILE)))
def test_answers_and_arguments_are_escaped_everywhere(
    seq: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    interview_id, raw = helpers.example("lien-account")
    answers = tmp_path / "answers.toml"
    lines = [f'interview = "{interview_id}"']
    bad = dict(raw, iv_d_case_number=f"IVD{seq}", obligor_name=f"Name{seq}")
    bad[f"unknown{seq}"] = "x"  # an unknown key is named in the error
    bad["document_date"] = f"2026-13-01{seq}"
    lines += [f"{json.dumps(k)} = {_toml(v)}" for k, v in bad.items()]
    answers.write_text("\n".join(lines), "utf-8")
    commands = [
        ["--office", helpers.OFFICE_FILE, "check", "lien", "--answers", str(answers)],
        ["--office", helpers.OFFICE_FILE, "check", "lien", "--answers", str(answers), "--json"],
        ["check", "lien", "--answers", str(tmp_path / f"missing{seq}.toml")],
        ["statutes", "show", f"305 ILCS 5/10-{seq}"],
        ["statutes", "search", f"word{seq}"],
        ["register", "show", f"1{seq}"],
        ["register", "list", "--register", str(tmp_path / f"none{seq}.sqlite3")],
        ["calc", "termination", "--birth", f"2010-01-01{seq}"],
        ["render", f"lien{seq}", "--answers", str(answers)],
        [f"nosuchcommand{seq}"],
        ["batch", "lien", str(tmp_path / f"sheet{seq}.csv"), "--out", str(tmp_path / "o")],
    ]
    for argv in commands:
        tally.attack()
        _code, out, err = _run(argv, capsys)
        assert _obeyed(out + err) == [], argv
        assert out or err, argv


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    # A TOML basic string with every non-ASCII or control character as a \uXXXX escape.
    return json.dumps(str(value)).replace("\x7f", "\\u007f")
