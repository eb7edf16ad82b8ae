"""Issue 12, item 12: every signature block stands with the words it signs. On each page of
every PDF of every answers file, a signature rule is preceded on the same page by text of the
document itself, not only by its lead ("Dated:", "ENTERED:", "Prepared by:")."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.legal.helpers import ANSWERS, ROOT, office_of, renderer

CASES = sorted(p.stem for p in ANSWERS.glob("*.toml") if p.stem != "pp-crossing") + sorted(
    p.stem for p in (ROOT / "examples").glob("*.toml") if p.stem != "office"
)
LEAD = re.compile(r"^(Dated:.*|ENTERED:.*|Entered:.*|Prepared by:|Page \d+ of \d+)$")
RULE = re.compile(r"^_{20,}$")


def _pages(pdf: bytes) -> list[list[str]]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def stranded(pages: list[list[str]]) -> tuple[int, list[str]]:
    """(signature rules seen, problems): a rule with fewer than two lines of the document's own
    text (not its lead line, not another rule) before it on its page."""
    seen, problems = 0, []
    for n, lines in enumerate(pages, start=1):
        for i, line in enumerate(lines):
            if not RULE.match(line.split("  ")[0].strip()):
                continue
            seen += 1
            before = [x for x in lines[:i] if not LEAD.match(x) and not RULE.match(x)]
            if len(before) < 2:
                problems.append(f"page {n}: signature after {before}")
    return seen, problems


def test_the_check_finds_a_stranded_signature() -> None:
    """Control: the judge's line alone on a last page after ENTERED is caught."""
    pages = [["1. Order text.", "2. More text."], ["ENTERED: ____", "_" * 36, "Judge"]]
    assert stranded(pages) == (1, ["page 2: signature after []"])


@pytest.mark.parametrize("name", CASES)
def test_no_signature_stands_alone(name: str) -> None:
    from tests.legal.helpers import answers

    interview_id, typed = answers(name)
    r = renderer()
    for built in r.build(interview_id, typed, office_of(typed)):
        seen, problems = stranded(_pages(r.to_pdf(built)))
        assert seen >= 1, f"{built.stem}: no signature rule found"
        assert problems == [], built.stem
