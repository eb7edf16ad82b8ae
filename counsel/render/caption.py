"""Captions (Ill. S. Ct. R. 131(a); 305 ILCS 5/10-15): judicial per county, administrative."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counsel.office import Office

HFS = "ILLINOIS DEPARTMENT OF HEALTHCARE AND FAMILY SERVICES"


def county_of(answers: Mapping[str, Any], office: Office) -> str:
    county = str(answers.get("county") or office.county).strip()
    if county.lower().endswith(" county"):
        county = county[: -len(" county")]
    return county


def court_lines(county: str, office: Office) -> list[str]:
    """Cook's circuit is the county itself, with the Domestic Relations Division (LEGAL.md)."""
    if county.strip().lower() == "cook":
        return [
            "IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS",
            "COUNTY DEPARTMENT, DOMESTIC RELATIONS DIVISION",
        ]
    return [
        f"IN THE CIRCUIT COURT OF THE {office.circuit.upper()} JUDICIAL CIRCUIT",
        f"{county.upper()} COUNTY, ILLINOIS",
    ]


def judicial_caption(answers: Mapping[str, Any], office: Office) -> dict[str, Any]:
    """People ex rel. HFS and the obligee, Petitioners, v. the obligor, Respondent (10-15)."""
    county = county_of(answers, office)
    obligee = str(answers.get("obligee_name") or "").upper()
    obligor = str(answers.get("obligor_name") or "").upper()
    # A new registration has no court number until the clerk assigns one: leave the blank.
    number = [f"No. {answers.get('court_case_number') or '____________'}"]
    if answers.get("iv_d_case_number"):
        number.append(f"IV-D No. {answers['iv_d_case_number']}")
    return {
        "kind": "judicial",
        "court": court_lines(county, office),
        "parties": [
            f"THE PEOPLE OF THE STATE OF ILLINOIS ex rel. {HFS}, and {obligee},",
            "Petitioners,",
            "v.",
            f"{obligor},",
            "Respondent.",
        ],
        "indented": [1, 4],
        "number": number,
        "county": county,
    }


def administrative_caption(answers: Mapping[str, Any], office: Office) -> dict[str, Any]:
    """The Department / Unified Child Support Services Program heading, IV-D case number."""
    county = county_of(answers, office)
    obligee = str(answers.get("obligee_name") or "").upper()
    obligor = str(answers.get("obligor_name") or "").upper()
    number = []
    if answers.get("iv_d_case_number"):
        number.append(f"IV-D Case No. {answers['iv_d_case_number']}")
    return {
        "kind": "administrative",
        "court": [
            "STATE OF ILLINOIS",
            HFS,
            "DIVISION OF CHILD SUPPORT SERVICES",
            f"{county.upper()} COUNTY UNIFIED CHILD SUPPORT SERVICES PROGRAM",
        ],
        "parties": (
            [f"{obligee},", "Obligee,", "and", f"{obligor},", "Responsible Relative (Obligor)."]
            if obligee
            else [f"{obligor},", "Responsible Relative (Obligor)."]
        ),
        "indented": [1, 4] if obligee else [1],
        "number": number or ["IV-D Case No. ____________"],
        "county": county,
    }


def caption_for(track: str, answers: Mapping[str, Any], office: Office) -> dict[str, Any]:
    if track == "judicial":
        return judicial_caption(answers, office)
    return administrative_caption(answers, office)
