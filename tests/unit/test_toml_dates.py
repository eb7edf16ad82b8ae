"""An answers file or office profile with a date TOML cannot read says which date and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.cli import main
from counsel.inputs import InputFileError
from counsel.interviewer import load_answers_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lien-account.toml"


def _answers(tmp_path: Path, line: str) -> Path:
    text = EXAMPLE.read_text("utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("document_date")]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("interview")) + 1
    lines.insert(at, line)
    path = tmp_path / "answers.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (
            "document_date = 2026-13-45",
            "document_date: the date is not a real date: there is no month 13",
        ),
        (
            "document_date = 2026-02-30",
            "document_date: the date is not a real date: February has no 30th day",
        ),
        ("document_date = 2026-02-29", "February 2026 has no 29th day"),
        ("document_date = 2026-1-5", "two-digit month and day"),
        ("document_date = 11/23/2026", "put it in quotes"),
        ("document_date = 2026-11-23T25:00", "without a time"),
    ],
)
def test_the_date_on_that_line_is_named(tmp_path: Path, line: str, says: str) -> None:
    path = _answers(tmp_path, line)
    with pytest.raises(InputFileError) as info:
        load_answers_file(path)
    message = str(info.value)
    number = path.read_text("utf-8").splitlines().index(line) + 1
    assert f"line {number}: " in message and says in message
    assert "Expected newline" not in message and "not valid TOML" not in message
    assert info.value.what == "answers" and "--answers" not in message


def test_cli_adds_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _answers(tmp_path, "document_date = 2026-13-45")
    assert main(["check", "lien", "--answers", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("counsel: error: --answers: ")
    assert "document_date: the date is not a real date" in err


def test_other_toml_errors_keep_the_decoders_words(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('interview = "lien"\ncounty = [\n', "utf-8")
    with pytest.raises(InputFileError, match="not valid TOML"):
        load_answers_file(path)


def test_a_quoted_date_is_left_to_the_interview(tmp_path: Path) -> None:
    # In quotes it is text: the interview's own check names the field, as for any answer.
    path = _answers(tmp_path, 'document_date = "2026-13-45"')
    _, raw = load_answers_file(path)
    assert raw["document_date"] == "2026-13-45"
