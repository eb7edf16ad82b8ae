"""`counsel check` said "complete" (exit 0) for answers `counsel render` then refused: a lien
that may not be imposed (an IRA), a protected obligee's registration without the endangerment
affidavit, an order dated before the store's first version of a section it cites. A paralegal
checks before rendering: check now prepares the documents as render does (writing nothing),
names those it would make, or lists every reason render would refuse, and exits 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from counsel.cli import main
from tests.review.helpers import ANSWERS, ROOT


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    interview = re.search(r'^interview = "([a-z-]+)"', path.read_text(), re.M)
    assert interview
    code = main(["check", interview[1], "--answers", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _changed(tmp_path: Path, source: Path, pattern: str, replacement: str) -> Path:
    text, n = re.subn(pattern, replacement, source.read_text(encoding="utf-8"), flags=re.M)
    assert n
    out = tmp_path / source.name
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("source", "pattern", "replacement", "says"),
    [
        (ANSWERS / "lien-ira-refused.toml", r"^$", "", "no lien may be imposed"),
        (
            ROOT / "tests" / "legal" / "answers" / "registration-sealed.toml",
            r"^obligee_endangerment_affidavit = true",
            "obligee_endangerment_affidavit = false",
            "10-15.1(a)(4)",
        ),
        (
            ROOT / "examples" / "job-program-judicial.toml",
            r"^document_date = .*",
            "document_date = 2012-06-01",
            "is not in force on 2012-06-01",
        ),
    ],
)
def test_check_says_what_render_would_refuse(
    source: Path,
    pattern: str,
    replacement: str,
    says: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _changed(tmp_path, source, pattern, replacement)
    code, data = _check(path, capsys)
    assert data["complete"] is True and data["errors"] == []
    documents = data["documents"]
    assert isinstance(documents, dict) and documents["ready"] == []
    assert any(says in p for p in documents["problems"]), documents
    assert code == 2
    interview = str(data["interview"])
    out = tmp_path / "out"
    argv = ["render", interview, "--answers", str(path), "--out", str(out)]
    assert main([*argv, "--register", str(tmp_path / "r.sqlite3")]) == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize(
    "name", [p.stem for p in sorted(ANSWERS.glob("*.toml")) if "refused" not in p.stem]
)
def test_ready_names_the_files_render_writes(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ANSWERS / f"{name}.toml"
    code, data = _check(path, capsys)
    documents = data["documents"]
    assert isinstance(documents, dict)
    if documents["problems"]:  # a refused lien (below the threshold): render refuses too
        assert code == 2 and documents["ready"] == []
        return
    assert code == 0
    out = tmp_path / "out"
    argv = ["render", str(data["interview"]), "--answers", str(path), "--out", str(out)]
    assert main([*argv, "--format", "pdf", "--register", str(tmp_path / "r.sqlite3")]) == 0
    written = sorted(p.stem for p in out.glob("*.pdf"))
    assert sorted(documents["ready"]) == written


def test_incomplete_answers_prepare_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _changed(
        tmp_path, ANSWERS / "lien-account-at-thresholds.toml", r"^past_due_amount.*", ""
    )
    code, data = _check(path, capsys)
    assert code == 2 and data["complete"] is False and data["documents"] is None
