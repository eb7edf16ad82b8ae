"""Issue 16 item 10: unbounded text and lists are field errors, found before anything is parsed
or rendered (10 MB names, 100,000 combining marks, 3,000 joint owners), through `check`, a
batch row and the interview engine the TUI uses; values at the limits still render."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.cli import main
from counsel.interviewer import limits, load_interview
from tests.security import canary, helpers, tally

MARK = "\u0301"  # combining acute accent


def _huge(kind: str) -> Any:
    return {
        "10MB-name": "N" * 10_000_000,
        "100k-marks": "a" + MARK * 100_000,
        "20k-marks": "a" + MARK * 20_000,
        "long-line": "x" * (limits.ONE_LINE_MAX + 1),
    }[kind]


CASES = [
    ("obligor_name", "10MB-name"),
    ("obligor_name", "100k-marks"),
    ("obligor_name", "20k-marks"),
    ("iv_d_case_number", "long-line"),
    ("holder_name", "10MB-name"),
    ("obligor_address", "10MB-name"),
    ("legal_description", "10MB-name"),
    ("past_due_amount", "10MB-name"),
    ("document_date", "10MB-name"),
    ("account_type", "10MB-name"),
    ("obligor_ssn", "10MB-name"),
]


@pytest.mark.parametrize(("field", "kind"), CASES)
def test_oversized_answers_are_field_errors_in_milliseconds(field: str, kind: str) -> None:
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    iv = load_interview(interview_id)
    answers = {**raw, field: _huge(kind)}
    if field == "legal_description":
        answers["lien_target"] = "real_estate"
    t0 = time.process_time()
    result = iv.validate(answers, helpers.office())
    spent = time.process_time() - t0
    fields = {e.field for e in result.errors}
    assert field in fields, [str(e) for e in result.errors]
    message = next(e.message for e in result.errors if e.field == field)
    assert "N" * 20 not in message and MARK not in message  # the value is never repeated
    # A sanity bound, not a timing test: the old code took minutes (267 s for 10 MB).
    assert spent < 5, spent


@pytest.mark.parametrize("count", [21, 3_000])
def test_too_many_joint_owners_is_a_field_error_before_items_are_read(count: int) -> None:
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    owner = {"name": "Sam K. Madeup", "address": "8 Illustration Street\nSpringfield, IL"}
    result = load_interview(interview_id).validate(
        {**raw, "joint_owners": [owner] * count}, helpers.office()
    )
    errors = {e.field: e.message for e in result.errors}
    assert "joint_owners" in errors and "at most 20" in errors["joint_owners"]
    assert len(result.answers["joint_owners"]) == 20  # the first 20 are still shown


@pytest.mark.parametrize(
    ("interview", "example", "list_id", "bound"),
    [
        ("prior-period", "prior-period-judicial", "children", 20),
        ("prior-period", "prior-period-judicial", "segments", 120),
        ("registration", "registration", "modifications", 50),
    ],
)
def test_every_list_has_a_bound(interview: str, example: str, list_id: str, bound: int) -> None:
    tally.attack()
    iv = load_interview(interview)
    _, raw = helpers.example(example)
    item = (raw.get(list_id) or [{}])[0]
    result = iv.validate({**raw, list_id: [item] * (bound + 1)}, helpers.office())
    assert any(e.field == list_id and f"at most {bound}" in e.message for e in result.errors)


def test_check_and_batch_report_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack(2)
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    interview_id, raw = helpers.example("lien-account")
    answers = canary.write_answers(
        tmp_path / "a.toml", interview_id, {**raw, "obligor_name": "a" + MARK * 100_000}
    )
    code = main(["--office", helpers.OFFICE_FILE, "check", "lien", "--answers", str(answers)])
    out, err = capsys.readouterr()
    assert code == 2 and "obligor_name" in out + err and MARK * 9 not in out + err
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, good = rows[0], rows[1]
    bad = list(good)
    bad[header.index("obligor_name")] = "b" + MARK * 100_000
    bad[header.index("iv_d_case_number")] = "IVD-LIMIT-2"
    sheet = tmp_path / "s.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, good, bad])
    out_dir = tmp_path / "out"
    code = main([*helpers.batch_argv(sheet, out_dir, "docx"), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1 and summary["rendered"] == 1 and summary["rejected_rows"] == [3]
    with (out_dir / "errors.csv").open(encoding="utf-8-sig") as fh:
        reported = list(csv.DictReader(fh))
    assert [(r["row"], r["column"]) for r in reported] == [("3", "obligor_name")]


def test_values_at_the_limits_still_render() -> None:
    """The bounds refuse only what no case needs: a name of 200 characters with a full
    stack of accents, an address of 4,000 and 20 joint owners check clean and build."""
    tally.attack()
    interview_id, raw = helpers.example("lien-account")
    name = ("a" + MARK * limits.COMBINING_RUN_MAX) * (limits.ONE_LINE_MAX // 9)
    line = "Street " * 10 + "\n"  # 56 lines of 71: both bounds nearly reached
    address = (line * (limits.MULTILINE_MAX // len(line)))[: limits.MULTILINE_MAX].strip()
    owners = [{"name": name, "address": address}] * 20
    answers = {**raw, "obligor_name": name, "obligor_address": address, "joint_owners": owners}
    result = load_interview(interview_id).validate(answers, helpers.office())
    assert result.errors == (), [str(e) for e in result.errors]
    built = helpers.renderer().build(
        interview_id, dict(result.answers), helpers.office(), result.answers["document_date"]
    )
    assert len(built) == 22
    assert helpers.renderer().to_docx(built[0])[:2] == b"PK"


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=0, max_size=40),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=600),
)
def test_any_text_is_typed_or_a_field_error(prefix: str, marks: int, repeat: int) -> None:
    """Generated text of any shape and size (marks stacked, lines, repeats) through the
    engine: a typed answer or a field error naming the field, never an exception."""
    tally.fuzz()
    iv = load_interview("lien")
    _, raw = helpers.example("lien-account")
    value = (prefix + "e" + MARK * marks) * repeat
    result = iv.validate({**raw, "obligor_name": value, "holder_address": value}, None)
    for e in result.errors:
        assert e.field in ("obligor_name", "holder_address"), str(e)
        if value.strip():
            assert value.strip() not in e.message
