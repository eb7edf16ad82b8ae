"""errors.csv and formula neutralization in every report."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from counsel.batch.report import RowError, neutralize, safe_csv_bytes, write_errors


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected


def test_safe_csv_neutralizes_every_cell_and_has_bom() -> None:
    data = safe_csv_bytes([["=a", "b"], ["c", "@d"]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["'=a", "b"], ["c", "'@d"]]


def test_write_errors_sorted_private(tmp_path: Path) -> None:
    path = tmp_path / "errors.csv"
    write_errors(
        path,
        [RowError(7, "past_due_amount", "not an amount"), RowError(3, "=x", "-bad")],
    )
    assert os.stat(path).st_mode & 0o777 == 0o600
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert rows == [
        ["row", "column", "message"],
        ["3", "'=x", "'-bad"],
        ["7", "past_due_amount", "not an amount"],
    ]
