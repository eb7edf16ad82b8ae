"""10-11.1(b) (seeds/004 l.1820-1824): when past-due support is owed under an administrative
order and the child receives assistance, the unit "shall order" payment under a plan or work
activities. A required element, so lint and the render check hold the order to it (it was
written in the template but marked as no element: deleting it went unnoticed)."""

from __future__ import annotations

import datetime as dt

import pytest

from counsel.render.core import Renderer
from counsel.render.elements import load_elements, required_elements
from tests.review.helpers import answers, render


def _required(name: str, **changes: object) -> set[str]:
    interview_id, typed = answers(name, **changes)
    on = typed["document_date"]
    assert isinstance(on, dt.date)
    env = Renderer().env
    context = {**typed, "track": typed.get("track")}
    return {
        e.id
        for e in required_elements(
            "job-program-administrative",
            on,
            lambda expr: env.compile_expression(expr)(**context),
            load_elements(),
        )
    }


def test_past_due_while_on_assistance_requires_the_plan_or_work_activities() -> None:
    assert "past_due_plan_or_work" in _required("job-admin-work-activities")
    assert "past_due_plan_or_work" not in _required(
        "job-admin-work-activities", past_due_owed=False
    )


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({}, "shall participate in the work activities the Department assigns"),
        (
            {"past_due_remedy": "plan", "plan_monthly_payment": "75.00"},
            "shall pay it under a plan approved by the unit: $75.00 a month until paid in full",
        ),
    ],
)
def test_the_order_states_it_in_both_formats(changes: dict[str, str], words: str) -> None:
    order = render("job-admin-work-activities", **changes)["job-program-order"]
    assert order.says("under an administrative support order while the child receives assistance")
    assert order.says(words)


def test_the_render_check_refuses_an_order_that_drops_it() -> None:
    import dataclasses

    from counsel.render.checks import missing_elements

    order = render("job-admin-work-activities")["job-program-order"].built.model
    required = [e for e in load_elements() if e.id == "past_due_plan_or_work"]
    assert missing_elements(order, required) == []
    unmarked = dataclasses.replace(
        order, provisions=frozenset(order.provisions) - {"past_due_plan_or_work"}
    )
    (problem,) = missing_elements(unmarked, required)
    assert "past_due_plan_or_work" in problem and "305 ILCS 5/10-11.1(b)" in problem
