"""`counsel templates preview`: reviewer text with citation versions; pdf/docx files; errors."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from counsel.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ORDER = "prior-period-administrative.html"
ANSWERS = str(EXAMPLES / "prior-period-administrative.toml")


def test_text_lists_each_citation_with_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "preview", ORDER, "--example", ANSWERS]) == 0
    out = capsys.readouterr().out
    body, _, cited = out.partition("Citations (")
    assert body.startswith("#" * 88 + "\n# administrative-order-for-support (" + ORDER + ")")
    assert "ORDER" in body.upper()
    assert "305 ILCS 5/10-16.5: version effective 2019-08-09, (Source: P.A. 101-336" in cited


def test_as_of_before_the_amendment_shows_the_older_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rc = main(["templates", "preview", ORDER, "--example", ANSWERS, "--as-of", "2019-08-08"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "versions in force on 2019-08-08" in out
    assert "305 ILCS 5/10-16.5: version effective unknown" in out


def test_json_names_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "preview", ORDER, "--example", ANSWERS, "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert doc["document"] == "administrative-order-for-support"
    assert "Citations (" in doc["text"]


def test_docx_is_written_private(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "preview"
    argv = ["templates", "preview", ORDER, "--example", ANSWERS, "--format", "docx"]
    assert main([*argv, "--out", str(out)]) == 0
    (path,) = capsys.readouterr().out.split()
    assert path.endswith("administrative-order-for-support.docx")
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    # A second preview never overwrites silently: --force is needed.
    before = Path(path).read_bytes()
    assert main([*argv, "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert Path(path).read_bytes() == before
    assert main([*argv, "--out", str(out), "--force"]) == 0


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["lien-notice.html", "--example", ANSWERS], "NAME"),
        ([ORDER, "--example", "/no/such/answers.toml"], "no such file"),
        ([ORDER, "--example", ANSWERS, "--as-of", "2019-8-8x"], "--as-of"),
    ],
)
def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    assert main(["templates", "preview", *argv]) == 2
    assert words in capsys.readouterr().err
