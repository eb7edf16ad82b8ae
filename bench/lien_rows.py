"""Synthetic lien sheets for the batch example and benchmark: made-up people, fixed seed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

FIRST = (
    "Avery Casey Devon Emerson Finley Harper Jordan Kendall Logan Morgan Parker Quinn "
    "Reese Rowan Sawyer Taylor Blair Dakota Jamie Riley Skyler Hayden Peyton Cameron"
).split()
LAST = (
    "Madeup Example Sample Placeholder Hypothetical Specimen Illustration Fictive Testcase "
    "Mockford Dummond Notreal Invented Pretendly Fabricson Imaginary Surrogate Proxyton"
).split()
STREETS = (
    "Example Street",
    "Sample Avenue",
    "Placeholder Road",
    "Illustration Lane",
    "Specimen Court",
    "Fiction Drive",
    "Mockingbird Test Way",
    "Hypothesis Boulevard",
)
TOWNS = (
    ("Springfield", "62701"),
    ("Springfield", "62704"),
    ("Chatham", "62629"),
    ("Rochester", "62563"),
    ("Auburn", "62615"),
    ("Pawnee", "62558"),
    ("Riverton", "62561"),
    ("Sherman", "62684"),
)
BANKS = (
    ("First Example Bank", "1 Bank Plaza\nSpringfield, IL 62701"),
    ("Prairie Sample Credit Union", "400 Sample Avenue\nSpringfield, IL 62704"),
    ("Illustrative Savings and Loan", "77 Ledger Street\nChatham, IL 62629"),
    ("Lincoln Land Placeholder Bank", "12 Vault Road\nRochester, IL 62563"),
)
PAYERS = (
    (
        "Example Mutual Insurance Company",
        "9 Policy Drive\nSpringfield, IL 62703",
        "insurance settlement for a vehicle claim",
    ),
    (
        "Sample Workers' Compensation Fund",
        "5 Claim Court\nSpringfield, IL 62702",
        "workers' compensation lump-sum award",
    ),
    ("Hypothetical Lottery Office", "1 Ticket Way\nSpringfield, IL 62701", "lottery prize payment"),
)

HEADER = (
    "iv_d_case_number",
    "court_case_number",
    "county",
    "document_date",
    "obligor_name",
    "obligor_address",
    "obligor_ssn",
    "obligor_birth_date",
    "family_violence",
    "protected_party",
    "past_due_amount",
    "past_due_as_of",
    "lien_target",
    "holder_name",
    "holder_address",
    "account_type",
    "account_last4",
    "account_balance",
    "lump_sum_description",
    "property_address",
    "property_county",
    "legal_description",
    "obligor_has_interest",
    "joint_owner_1_name",
    "joint_owner_1_address",
    "joint_owner_2_name",
    "joint_owner_2_address",
    "mailing_date",
)

DOCUMENT_DATE = dt.date(2026, 11, 23)
MAILING_DATE = dt.date(2026, 11, 24)
AS_OF = dt.date(2026, 10, 31)


def _address(rng: random.Random) -> str:
    town, zip_code = rng.choice(TOWNS)
    return f"{rng.randint(10, 9899)} {rng.choice(STREETS)}\n{town}, IL {zip_code}"


def good_row(i: int, rng: random.Random) -> dict[str, Any]:
    """One eligible lien row; the kind of target cycles account x7, lump sum x2, real estate."""
    last = rng.choice(LAST)
    row: dict[str, Any] = dict.fromkeys(HEADER, "")
    row.update(
        iv_d_case_number=f"IVD-2025-{100100 + i:06d}",
        county="Sangamon",
        document_date=DOCUMENT_DATE,
        obligor_name=f"{rng.choice(FIRST)} {chr(65 + i % 26)}. {last}",
        obligor_address=_address(rng),
        obligor_ssn=f"900-{rng.randint(10, 99):02d}-{rng.randint(0, 9999):04d}",
        obligor_birth_date=dt.date(1975, 1, 1) + dt.timedelta(days=rng.randint(0, 9000)),
        family_violence="no",
        past_due_as_of=AS_OF,
        mailing_date=MAILING_DATE,
    )
    kind = i % 10
    if kind <= 6:
        bank, bank_address = rng.choice(BANKS)
        row.update(
            lien_target="account",
            past_due_amount=f"{rng.randint(1000, 24000)}.{rng.randint(0, 99):02d}",
            holder_name=bank,
            holder_address=bank_address,
            account_type=("checking", "savings", "checking", "other")[i % 4],
            account_last4=f"{rng.randint(0, 9999):04d}",
            account_balance=f"{rng.randint(300, 9000)}.{rng.randint(0, 99):02d}",
        )
        if i % 4 == 1:
            row.update(
                joint_owner_1_name=f"{rng.choice(FIRST)} {last}",
                joint_owner_1_address=row["obligor_address"],
            )
    elif kind <= 8:
        payer, payer_address, what = rng.choice(PAYERS)
        row.update(
            lien_target="lump_sum",
            past_due_amount=f"{rng.randint(1000, 30000)}.00",
            holder_name=payer,
            holder_address=payer_address,
            lump_sum_description=what,
        )
    else:
        address = _address(rng)
        row.update(
            lien_target="real_estate",
            court_case_number=f"2019-F-{rng.randint(1, 999):06d}",
            past_due_amount=f"{rng.randint(10000, 60000)}.00",
            property_address=address,
            property_county="Sangamon",
            legal_description=(
                f"Lot {rng.randint(1, 99)} in Example Subdivision, being part of the Northeast "
                f"Quarter of Section {rng.randint(1, 36)}, Township 99 North, Range 99 West of "
                "the Fictional Principal Meridian, Sangamon County, Illinois."
            ),
            obligor_has_interest="yes",
        )
        if i % 20 == 9:
            row.update(
                joint_owner_1_name=f"{rng.choice(FIRST)} {last}", joint_owner_1_address=address
            )
    return row


def good_rows(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [good_row(i, rng) for i in range(n)]


# The example sheet's deliberately bad rows: (data row index to replace, change, why).
BAD_ROWS: tuple[tuple[int, dict[str, Any], str], ...] = (
    (6, {"mailing_date": "11/31/2026"}, "bad date: November has no 31st day"),
    (12, {"obligor_name": ""}, "required cell left empty (obligor_name)"),
    (16, {"account_type": "ira"}, "exempt account type: an IRA cannot be liened (IRG 9, Q15)"),
    (
        22,
        {"past_due_amount": "$999.99"},
        "below threshold: $999.99 past due, under the $1,000 for an account lien",
    ),
    (
        27,
        {"iv_d_case_number": "IVD-2025-100103"},
        "duplicate case number: same as the row 5 case, so its files would collide",
    ),
    (
        33,
        {"iv_d_case_number": "1.00235E+11"},
        "Excel-mangled number: a long case number turned into scientific notation",
    ),
    (
        40,
        {"account_last4": "417"},
        "Excel-mangled number: the leading zero of 0417 was lost (three digits left)",
    ),
    (
        46,
        {"obligor_name": '=HYPERLINK("http://example.invalid","Pat Madeup")'},
        "formula-looking name: a cell starting with =",
    ),
    (
        51,
        {"past_due_amount": "4.210,00"},
        "amount in European notation (comma for cents): not accepted",
    ),
)


def example_rows(n: int = 56) -> list[dict[str, Any]]:
    rows = good_rows(n, seed=404)
    for index, change, _why in BAD_ROWS:
        rows[index].update(change)
    # Show the accepted money spellings on good rows: "$" and thousands separators.
    rows[1]["past_due_amount"] = "$4,210.00"
    rows[2]["account_balance"] = "1,850.75"
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in HEADER])


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    """The XLSX twin: dates as date cells and plain amounts as numbers, as Excel stores them."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "liens"
    ws.append(list(HEADER))
    for row in rows:
        cells: list[Any] = []
        for c in HEADER:
            value = row[c]
            if c in ("past_due_amount", "account_balance") and isinstance(value, str):
                try:
                    cells.append(float(value) if value else None)
                    continue
                except ValueError:
                    pass  # "$4,210.00", "4.210,00": typed as text, kept as text
            if c == "account_last4" and value == "417":
                cells.append(417)  # what Excel stores after dropping the zero
                continue
            cells.append(value if value != "" else None)
        ws.append(cells)
    for r in range(2, ws.max_row + 1):
        for c in (HEADER.index("account_last4") + 1, HEADER.index("obligor_ssn") + 1):
            ws.cell(row=r, column=c).number_format = "@"
        for cell in ws[r]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                # Text that looks like a formula (typed after an apostrophe in Excel);
                # openpyxl would otherwise store it as a formula with no value.
                cell.data_type = "s"
    wb.save(path)


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/batch")
    rows = example_rows()
    write_csv(out / "liens.csv", rows)
    write_xlsx(out / "liens.xlsx", rows)
    for index, _change, why in BAD_ROWS:
        print(f"row {index + 2}: {why}")
