"""Issue 16 item 15: no output name Windows opens as a device (CON, PRN, AUX, NUL, COM0-9,
LPT0-9, in any letter case, whatever follows the first dot), for every case number a sheet
may hold; checked on the names themselves and on a batch's folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counsel.batch.naming import output_name, output_stem
from counsel.cli import main
from tests.security import helpers, tally

DEVICES = ["CON", "PRN", "AUX", "NUL"] + [f"{p}{i}" for p in ("COM", "LPT") for i in range(10)]
DOCUMENTS = ("notice-of-lien", "notice-of-lien-to-obligor", "notice-of-lien-to-joint-owner-1")


def _is_device(name: str) -> bool:
    """Windows' rule, written out here: the part before the first dot, trailing spaces
    dropped, in any case, is a device name."""
    return name.split(".", 1)[0].rstrip(" ").upper() in DEVICES


CASES = [
    f"{dev}{ext}" for dev in DEVICES for ext in ("", ".1", ".txt", ".2026", ".x", ".a.b", " .1")
] + ["con.1", "Nul.Txt", "lpt9.x", "CoM1.pdf", "COM\u00b9.x", "LPT\u00b2", "AUX..1"]


@pytest.mark.parametrize("case_number", CASES)
def test_no_output_name_is_a_device(case_number: str) -> None:
    tally.attack()
    stem = output_stem(case_number, 7)
    for document in DOCUMENTS:
        for fmt in ("pdf", "docx"):
            name = output_name(stem, document, fmt)
            assert not _is_device(name), (case_number, name)
            assert not _is_device(stem), (case_number, stem)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(DEVICES),
    st.text(alphabet="._- 0123456789abcXYZ", max_size=8),
    st.sampled_from([str.upper, str.lower, str.title]),
)
def test_no_generated_case_number_gives_a_device_name(dev: str, tail: str, case: object) -> None:
    tally.fuzz()
    case_number = case(dev) + tail  # type: ignore[operator]
    name = output_name(output_stem(case_number, 3), "notice-of-lien", "pdf")
    assert not _is_device(name), (case_number, name)


def test_batch_writes_no_device_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, first = rows[0], rows[1]
    sheet = tmp_path / "sheet.csv"
    cases = ["CON.1", "NUL.txt", "AUX.2026", "LPT9.x"]
    body = []
    for case_number in cases:
        row = list(first)
        row[header.index("iv_d_case_number")] = case_number
        body.append(row)
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    tally.attack(len(cases))
    out = tmp_path / "out"
    assert main(helpers.batch_argv(sheet, out, "docx")) == 0
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert len(manifest) == len(cases)  # every row rendered, none refused or lost
    named = sorted(f["name"] for entry in manifest for f in entry["files"])
    skip = ("manifest.jsonl", "errors.csv", ".batch.lock")
    assert named == sorted(p.name for p in out.iterdir() if p.name not in skip)
    assert [n for n in named if _is_device(n)] == []
