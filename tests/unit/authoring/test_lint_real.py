"""CI runs lint: every bundled template passes, and the CLI reports problems with exit 1."""

from __future__ import annotations

import json

import pytest

from counsel.authoring.lint import finding_names, lint_templates
from counsel.cli import main


def test_every_real_template_lints_clean() -> None:
    report = lint_templates()
    assert "track-memo.html" in report.templates
    assert report.ok, "\n" + report.human()


def test_cli_lint_exit_0_on_the_real_templates(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["templates", "lint", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert (rc, data["ok"]) == (0, True), data["problems"]


def test_cli_lint_one_template_and_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "lint", "track-memo.html"]) == 0
    assert "1 template(s) linted: no problems" in capsys.readouterr().out
    assert main(["templates", "lint", "no-such.html"]) == 2
    assert "NAME: no template 'no-such.html'" in capsys.readouterr().err


def test_finding_names_cover_the_documented_findings() -> None:
    # docs/CONTRACTS.md lists these; lint must know each so templates may use them.
    documented = {
        "termination_dates",
        "recommended_track",
        "track",
        "older_child",
        "prior_period_total",
        "prior_period_segments",
        "petition_deadline",
        "relief_deadline",
        "registration_contest_deadline",
        "service_method",
        "lien_eligibility",
        "lien_threshold",
        "lien_notify",
        "lien_hearing_deadline",
        "fi_lien_expiry",
        "job_program_order",
        "past_due_requirement",
        "reasonable_modification",
    }
    assert documented <= finding_names()


def test_finding_names_are_per_interview() -> None:
    # A lien notice may use the lien findings but not the prior-period ones (they would be
    # undefined when the lien interview renders it).
    lien = finding_names("lien")
    assert {"lien_threshold", "lien_hearing_deadline", "fi_lien_expiry"} <= lien
    assert "prior_period_total" not in lien
    assert "registration_contest_deadline" in finding_names("registration")
    assert finding_names("prior-period") <= finding_names()


def test_cli_lint_exits_1_listing_a_defect_in_a_real_template(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import counsel.authoring.sources as sources

    original = sources.template_source

    def edited(name: str, template_dir: object = None) -> str:
        text = original(name)
        if name == "track-memo.html":
            text += "\n<p>{{ obligor_nmae }}</p>\n"
        return text

    monkeypatch.setattr(sources, "template_source", edited)
    line = original("track-memo.html").count("\n") + 2
    assert main(["templates", "lint", "track-memo.html"]) == 1
    out = capsys.readouterr().out
    assert f"track-memo.html:{line}: unknown-name: 'obligor_nmae'" in out
    assert "1 problem(s)" in out
