"""Fixtures for the security suite: the example office, rendered examples, canary answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.security import helpers


@dataclass(frozen=True)
class RenderedExample:
    """One example rendered to its own folder (see `rendered_examples`)."""

    name: str
    interview_id: str
    ssn: str
    out_dir: Path
    result: Any


SSN_BASE = 900_600_000
"""Synthetic full SSNs (the 900 area is never issued): one per example, 900-60-0000 + n*1111."""


def synthetic_ssn(n: int) -> str:
    digits = f"{SSN_BASE + n * 1111:09d}"
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


@pytest.fixture(scope="session")
def rendered_examples(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedExample]:
    """Every example rendered once (PDF and DOCX) with a synthetic full SSN of its own."""
    from counsel import case

    out: list[RenderedExample] = []
    root = tmp_path_factory.mktemp("examples-out")
    for n, path in enumerate(helpers.example_files(), start=1):
        interview_id, raw = helpers.example(path.stem)
        ssn = synthetic_ssn(n)
        prepared = case.prepare(interview_id, {**raw, "obligor_ssn": ssn}, helpers.office())
        out_dir = root / path.stem
        result = case.issue(prepared, out_dir, ("pdf", "docx"), source=None, record=False)
        out.append(RenderedExample(path.stem, interview_id, ssn, out_dir, result))
    return out
