"""Output names from case numbers; sheet-only cell checks (formulas, scientific notation)."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.batch.cells import prepare_cells
from counsel.batch.naming import collision_key, output_name, output_stem, sanitize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IVD-2024-000404", "IVD-2024-000404"),
        ("2019 F 88", "2019-F-88"),
        ("../../etc/passwd", "etc-passwd"),
        ("  .hidden ", "hidden"),
        ("Café/№5", "Cafe-No5"),
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),  # Windows reads "nul.txt_" as the NUL device too
        ("///", ""),
    ],
)
def test_sanitize(text: str, expected: str) -> None:
    assert sanitize(text) == expected


def test_stem_name_and_collision_key() -> None:
    assert output_stem("///", 7) == "row-7"
    assert output_name("IVD-1", "notice_of_lien", "pdf") == "IVD-1_notice_of_lien.pdf"
    assert len(output_stem("9" * 500, 2)) == 80
    # "ivd 1" and "IVD/1" give names that one file system would treat as the same file
    assert collision_key(output_stem("ivd 1", 2)) == collision_key(output_stem("IVD/1", 3))


def test_prepare_cells_converts_excel_numbers_and_drops_blanks() -> None:
    raw, problems = prepare_cells(
        {
            "a": None,
            "b": "  ",
            "c": 4821,
            "d": 1234.5,
            "e": 1000.0,
            "f": dt.date(2026, 11, 24),
            "g": True,
            "h": " text ",
        }
    )
    assert problems == []
    assert raw == {
        "c": "4821",
        "d": "1234.5",
        "e": "1000",
        "f": dt.date(2026, 11, 24),
        "g": True,
        "h": "text",
    }


@pytest.mark.parametrize(
    ("value", "bad"),
    [
        ('=HYPERLINK("x")', True),
        ("@SUM(A1)", True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("1.23E+11", True),
        ("4.5e7", True),
        ("+1 (217) 555-0100", False),
        ("-1000", False),  # left to the amount check, which says no minus sign
        ("Anne-Marie", False),
        ("E+11 Street", False),
    ],
)
def test_prepare_cells_flags_formulas_and_scientific_notation(value: str, bad: bool) -> None:
    raw, problems = prepare_cells({"obligor_name": value})
    assert bool(problems) == bad
    if bad:
        assert problems[0].column == "obligor_name"
        assert value not in problems[0].message  # the message never repeats the cell
        assert "obligor_name" not in raw
