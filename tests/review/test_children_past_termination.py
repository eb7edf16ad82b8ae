"""An order for support dated after a child's termination date (the child already 18, or
graduated) sets no current support for that child: 10-10 and 10-11 make current support run
"until" the date the order states, "no earlier than" the 18th birthday (or graduation, not past
the 19th). The order said "June 1, 2027 (the 18th birthday)" under "Current support for each
child terminates on the date shown", as if current support beginning July 5, 2027 ran for that
child too. Prior-period support for the child is still owed."""

from __future__ import annotations

import pytest

from counsel.interviewer import load_interview
from tests.review.helpers import office, raw, render


def test_the_order_says_no_current_support_is_ordered_for_a_child_already_18() -> None:
    order = render("pp-admin-holiday-four-children")["administrative-order-for-support"]
    assert order.says(
        "Exact Eighteen Konstantinopoulos, born June 1, 2009: June 1, 2027 (the 18th birthday); "
        "that day comes before current support begins on July 5, 2027, so no current support "
        "is ordered for this child."
    )
    for child in ("Leapling", "Exact Nineteen", "Baby Leap"):
        text = order.both[0].split(f"{child} Konstantinopoulos, born", 2)[2].split(")", 1)[1]
        assert not text.lstrip(" ;").startswith("that day comes before"), child


def test_a_child_whose_date_is_the_first_day_of_current_support_is_not_said_to_be_past() -> None:
    children = [{"name": "Same Day", "birth_date": "2009-07-05"}]
    order = render("pp-admin-holiday-four-children", children=children)[
        "administrative-order-for-support"
    ]
    assert order.says("Same Day, born July 5, 2009: July 5, 2027 (the 18th birthday).")
    assert order.lacks("no current support is ordered")


@pytest.mark.parametrize(
    "name", ["pp-admin-holiday-four-children", "pp-judicial-thanksgiving-obligee-protected"]
)
def test_every_child_past_termination_is_an_error_naming_current_support_start(name: str) -> None:
    interview_id, given = raw(name)
    start = given["current_support_start"]
    past = [
        {"name": "Grown One", "birth_date": start.replace(year=start.year - 19)},
        {"name": "Grown Two", "birth_date": "2000-01-01", "graduation_date": "2018-06-01"},
    ]
    result = load_interview(interview_id).validate({**given, "children": past}, office())
    assert [e.field for e in result.errors] == ["current_support_start"]
    message = result.errors[0].message
    assert "every child's termination date" in message and "305 ILCS 5/10-10" in message
    assert "Grown" not in message and "2000" not in message


def test_check_says_it_as_the_order_does(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from counsel.cli import main
    from tests.review.helpers import ANSWERS

    answers_file = str(ANSWERS / "pp-admin-holiday-four-children.toml")
    assert main(["check", "prior-period", "--answers", answers_file, "--json"]) == 0
    finding = json.loads(capsys.readouterr().out)["findings"]["termination_dates"]
    children = finding["explanation"].split("Child ")[1:]
    past = [c for c in children if "comes before current support begins" in c]
    assert [c.split(":", 1)[0] for c in past] == ["2"]
    assert "(July 5, 2027), so the order sets no current support for this child" in past[0]
