"""`counsel templates impact CITATION` with its default dates ("the day before its latest
change, and that day") answers for every section a template, rule or element cites. For a
section stored in one version (most of them) the day before holds nothing, and impact failed
with "not in force on <that day>" instead of listing who cites it."""

from __future__ import annotations

from pathlib import Path

import pytest

from counsel.authoring.impact import impact
from counsel.authoring.statutes_check import collect_uses
from counsel.cli import main
from counsel.law import get_store, parse_citation
from tests.review.helpers import office

CITED = sorted({parse_citation(u.citation).section_key for u in collect_uses(None)})


@pytest.mark.parametrize("citation", CITED)
def test_impact_with_default_dates_answers(citation: str, tmp_path: Path) -> None:
    report = impact(citation, office=office(), examples_dir=tmp_path)
    assert report.uses, citation
    section = get_store().section(citation)
    dated = [v for v in section.versions if v.effective is not None]
    if len(section.versions) == 1 and dated:
        assert report.old.startswith("not in force"), report.old
        assert report.diff.startswith(f"--- {section.citation} (not in force on")
    if not dated:
        assert report.from_ == report.to and report.diff == ""


def test_the_cli_lists_who_cites_a_one_version_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["templates", "impact", "305 ILCS 5/10-8.1", "--examples", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "templates/prior-period-administrative.html" in out
    assert "rules/termination.py" in out
