"""Where citations are written: template calls and text, interview files, rules, parameters."""

from __future__ import annotations

from pathlib import Path

from counsel.authoring.sources import interview_uses, rule_uses, template_uses


def test_template_uses_find_calls_quotes_and_plain_text(tmp_path: Path) -> None:
    (tmp_path / "order.html").write_text(
        "<h1>Order</h1>\n"
        '<p>{{ cite("305 ILCS 5/10-11") }}</p>\n'
        '<p class="quote">{{ quote("305 ILCS 5/10-16.5") }}</p>\n'
        "<p>Under 305 ILCS 5/10-15.1(f) a party may contest.</p>\n"
        "<p>{{ cite(c) }}</p>\n",
        "utf-8",
    )
    (tmp_path / "notes.txt").write_text("305 ILCS 5/10-99", "utf-8")  # not a template
    uses = {(u.citation, u.where, u.quoted) for u in template_uses(tmp_path)}
    assert uses == {
        ("305 ILCS 5/10-11", "templates/order.html:2", False),
        ("305 ILCS 5/10-16.5", "templates/order.html:3", True),
        ("305 ILCS 5/10-15.1(f)", "templates/order.html:4", False),
    }


def test_interview_uses_point_at_the_line_of_the_citation() -> None:
    uses = [u for u in interview_uses() if u.where.startswith("interviews/registration.toml")]
    assert any(u.citation == "305 ILCS 5/10-15.1(f)" for u in uses)
    text = (
        Path(__file__).resolve().parents[3] / "counsel/interviews/registration.toml"
    ).read_text()
    for u in uses:
        line = int(u.where.rsplit(":", 1)[1])
        assert f'"{u.citation}"' in text.splitlines()[line - 1]


def test_rule_uses_are_the_rules_citation_literals() -> None:
    uses = {(u.citation, u.where.split(":")[0]) for u in rule_uses()}
    assert ("5 ILCS 70/1.11", "rules/calendar.py") in uses
