"""Library messages name the problem and its fix, never a command-line option (issue 11): the
error carries which input it is about (`what`) and which input's use is its fix (`fix_with`),
and the CLI adds its own names (`--out: ...`, `... (--resume)`). The batch engine, the sheet
reader, templates preview/lint/trace/impact, the docket calendar and the register's grants
put `--out:`, `FILE:`, `NAME:`, `--example:`, `--from: ... --to` or 'pass --resume' in their
messages, which the TUI or any other front end then showed as they were."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest

from counsel.cli import OPTIONS, main

ROOT = Path(__file__).resolve().parents[2]
FLAG = re.compile(r"(?<![\w`-])--[a-z][a-z-]*")
PREFIX = re.compile(r"^(FILE|NAME|INTERVIEW|DOCUMENT|SHEET|DIR): ")
COMMAND = re.compile(r"`counsel [^`]*`")  # a whole command to run names its options


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    assert isinstance(node, ast.JoinedStr)
    return "".join(_text(v) if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _front_end(node: ast.AST) -> bool:
    """A function that builds its own command line (python -m counsel.law.importer)."""
    return any(
        isinstance(n, ast.Attribute) and n.attr in ("ArgumentParser", "add_argument")
        for n in ast.walk(node)
    )


def library_strings() -> list[tuple[str, int, str]]:
    """(file, line, text) of every string in counsel/ outside the CLI and docstrings."""
    out = []
    for path in sorted((ROOT / "counsel").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "counsel/cli.py" or rel.startswith("counsel/commands/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skip.add(id(node.value))  # docstrings (module, class, function, attribute)
            if isinstance(node, ast.FunctionDef) and _front_end(node):
                skip.update(id(n) for n in ast.walk(node))
            if isinstance(node, ast.JoinedStr):
                skip.update(id(v) for v in node.values)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str)
            ):
                out.append((rel, getattr(node, "lineno", 0), _text(node)))
    return out


def test_no_library_message_names_a_command_line_option() -> None:
    strings = library_strings()
    assert len(strings) > 1000  # the scan reads the library, not nothing
    found = [
        f"{rel}:{line}: {text[:80]!r}"
        for rel, line, text in strings
        if FLAG.search(COMMAND.sub("", text)) or PREFIX.search(text)
    ]
    assert found == []


def test_the_scan_sees_what_it_looks_for() -> None:
    for text in ("--out: x is a file", "pass --resume to finish", "FILE: no header", "NAME: x"):
        assert FLAG.search(COMMAND.sub("", text)) or PREFIX.search(text)
    assert not FLAG.search(COMMAND.sub("", "run `counsel docket --rebuild`"))
    assert not FLAG.search("-- Run as the owner")  # SQL comments in the grants script


def test_every_what_and_fix_the_library_uses_has_a_cli_name() -> None:
    used = set()
    for path in (ROOT / "counsel").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\b(?:what|fix_with)="([a-z-]+)"', text))
    assert used and used <= set(OPTIONS), sorted(used - set(OPTIONS))


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err


def test_the_cli_names_its_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    from counsel.interviewer import flatten_answers, load_interview
    from tests.review.helpers import raw

    iv = load_interview("lien")
    _, given = raw("lien-account-at-thresholds")
    row = flatten_answers(iv, given)
    sheet = tmp_path / "liens.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, list(row))
        writer.writeheader()
        writer.writerow(row)
    out = tmp_path / "out"
    argv = ["batch", "lien", str(sheet), "--out", str(out), "--jobs", "1", "--quiet"]
    assert main(argv) == 0
    assert main(argv) == 2  # the folder holds that batch
    said = _err(capsys)
    assert said.startswith("counsel: error: --out: ")
    assert said.rstrip().endswith("resume that batch to finish it (--resume)")

    headless = tmp_path / "headless.csv"
    headless.write_text("\n", encoding="utf-8")
    assert main(["batch", "lien", str(headless), "--out", str(tmp_path / "o2")]) == 2
    said = _err(capsys)
    assert said.startswith("counsel: error: FILE: headless.csv has no header row")
    assert said.rstrip().endswith("(--blank-sheet FILE)")

    far = ["--out", str(tmp_path / "o3"), "--scheduler", "tcp://127.0.0.1:1", "--quiet"]
    assert main(["batch", "lien", str(sheet), *far]) == 2
    assert "--scheduler: " in _err(capsys)

    example = str(ROOT / "examples" / "lien-account.toml")
    assert main(["templates", "preview", "no-such-document", "--example", example]) == 2
    said = _err(capsys)
    assert said.startswith("counsel: error: NAME: 'no-such-document' is not a document"), said

    argv = ["templates", "impact", "305 ILCS 5/10-25", "--from", "2026-02-01", "--to", "2026-01-01"]
    assert main(argv) == 2
    assert "--from: must be on or before the end date (--to)" in _err(capsys)

    calendar = tmp_path / "no-folder" / "docket.ics"
    assert main(["docket", "--ics", str(calendar)]) == 2
    assert _err(capsys).startswith("counsel: error: --ics: no folder ")


def test_the_library_message_itself_is_plain() -> None:
    from counsel.batch.sheet import SheetError
    from counsel.register.grants import grant_sql

    assert SheetError("x").what == "sheet"
    with pytest.raises(Exception) as info:
        grant_sql("Bad Role")
    assert str(info.value).startswith("a PostgreSQL role here") and info.value.what == "role"  # type: ignore[attr-defined]
