"""Small lien sheets for the batch tests: synthetic people, one row per case."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

HEADER = (
    "iv_d_case_number", "document_date", "obligor_name", "obligor_address", "obligor_ssn",
    "family_violence", "past_due_amount", "past_due_as_of", "lien_target", "holder_name",
    "holder_address", "account_type", "account_last4", "account_balance",
    "lump_sum_description", "property_address", "property_county", "legal_description",
    "obligor_has_interest", "joint_owner_1_name", "joint_owner_1_address", "mailing_date",
)  # fmt: skip


def lien_row(n: int, **changes: str) -> dict[str, str]:
    """An eligible account lien for case IVD-T-<n>; keyword arguments replace cells."""
    row = dict.fromkeys(HEADER, "")
    row.update(
        iv_d_case_number=f"IVD-T-{n:04d}",
        document_date="2026-11-23",
        obligor_name=f"Pat {chr(64 + n % 26 + 1)}. Madeup",
        obligor_address=f"{n} Example Street\nSpringfield, IL 62701",
        obligor_ssn=f"900-00-{n:04d}",
        family_violence="no",
        past_due_amount=f"{1000 + 137 * n}.50",
        past_due_as_of="2026-10-31",
        lien_target="account",
        holder_name="First Example Bank",
        holder_address="1 Bank Plaza\nSpringfield, IL 62701",
        account_type="checking",
        account_last4=f"{(n * 7) % 10000:04d}",
        account_balance="850.00",
        mailing_date="2026-11-24",
    )
    row.update(changes)
    return row


# Good rows and every kind of bad one; the column is where the error is reported ("": good).
BAD_SHEET: list[tuple[dict[str, str], str]] = [
    (lien_row(1), ""),
    (lien_row(2, past_due_amount="$4,210.50"), ""),  # $ and thousands separator: accepted
    (lien_row(3, account_balance="1,850.00"), ""),
    (lien_row(4, mailing_date="2026-02-29"), "mailing_date"),  # 2026 is not a leap year
    (lien_row(5, obligor_name=""), "obligor_name"),
    (lien_row(6, account_type="hsa"), "account_type"),
    (lien_row(7, past_due_amount="999.99"), "past_due_amount"),
    (lien_row(8, past_due_amount="1000.00"), ""),  # exactly at the threshold: eligible
    (lien_row(9, iv_d_case_number="IVD-T-0001"), "iv_d_case_number"),  # duplicate of row 2
    (lien_row(10, iv_d_case_number="1.23457E+11"), "iv_d_case_number"),
    (lien_row(11, account_last4="417"), "account_last4"),  # Excel dropped the leading 0
    (lien_row(12, obligor_name="=cmd|' /C calc'!A0"), "obligor_name"),
    (lien_row(13, past_due_amount="4.210,00"), "past_due_amount"),  # European notation
    (lien_row(14, account_balance="299.99"), "account_balance"),  # under the $300 minimum
]


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([row[c] for c in HEADER])
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: list[dict[str, str]], name: str = "cases.csv", **kw: Any) -> Path:
        return write_csv(tmp_path / name, rows, **kw)

    return make


@pytest.fixture(autouse=True)
def _register_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The register of issued documents goes to the user data folder by default.
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
