"""Why a question is asked: its purpose, the findings that use the answer, and the statute at
its pinpoint as in force on the document date."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from counsel.tui import dialogue, questions
from counsel.tui.dialogue import Step
from counsel.tui.session import InterviewSession
from counsel.tui.text import assemble
from counsel.tui.widgets.findings_panel import finding_title
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.statute_view import version_text


def _probes(step: Step, session: InterviewSession) -> list[Any]:
    """Answers to try, to see which findings move with this one (a rule reads it if a
    finding appears or changes when it does)."""
    kind = step.answer_type
    current = dialogue.value_of(step, session.raw)
    tries: list[Any] = [] if dialogue.is_blank(current) else [current]
    day = session.case_date
    if kind == "date":
        tries += [day.isoformat(), (day - dt.timedelta(days=365 * 12)).isoformat()]
    elif kind == "bool":
        tries += [True, False]
    elif kind == "choice":
        tries += [v for v, _ in questions.choices(step.asks)]
    elif kind == "money":
        tries += ["0.01", "250000.00"]
    elif kind == "integer":
        tries += ["1", "40"]
    else:
        tries += ["x"]
    return tries


def _with(step: Step, raw: dict[str, Any], value: Any) -> dict[str, Any]:
    out = dict(raw)
    if step.kind == "field":
        rows = [dict(r) for r in out.get(step.qid) or [] if isinstance(r, dict)]
        while len(rows) <= step.row:
            rows.append({})
        if value is None:
            rows[step.row].pop(str(step.field.id), None)
        else:
            rows[step.row][str(step.field.id)] = value
        out[step.qid] = rows
    elif value is None:
        out.pop(step.qid, None)
    else:
        out[step.qid] = value
    return out


def findings_using(step: Step, session: InterviewSession) -> dict[str, Any]:
    """The findings whose value depends on this step's answer (name -> finding)."""
    if step.kind not in ("question", "field"):
        return {}
    iv, office = session.interview, session.office

    def found(raw: dict[str, Any]) -> dict[str, Any]:
        result = iv.validate(raw, office)
        on = result.answers.get("document_date")
        try:
            return dict(
                iv.findings(
                    result.answers, office, on if isinstance(on, dt.date) else session.today
                )
            )
        except Exception:  # a half-answered case the rules cannot read yet: no finding
            return {}

    raw = dict(session.raw)
    base = found(_with(step, raw, None))
    used: dict[str, Any] = {}
    for value in _probes(step, session):
        for name, f in found(_with(step, raw, value)).items():
            before = base.get(name)
            if before is None or _value(before) != _value(f):
                used.setdefault(name, f)
    return used


def _value(f: Any) -> Any:
    value = getattr(f, "value", f)
    return str(value) if isinstance(value, Decimal) else value


def printed(step: Step, session: InterviewSession) -> str:
    """How the documents print an answer no finding reads, as the render code does it: a
    Social Security number is shown by its last four digits (render/env.last4), whole only in
    a confidential notice (documents.toml `confidential`, the notice made when it is given)."""
    if getattr(step.asks, "format", "") != "ssn":
        return "The documents print the answer where they need it (the help above says how)."
    from counsel.render.specs import load_document_specs

    qid = str(step.asks.id)
    notices = [
        spec
        for spec in load_document_specs().get(str(session.interview.id), ())
        if spec.confidential and re.search(rf"\b{re.escape(qid)}\b", spec.when)
    ]
    text = "Filed documents show only its last four digits, as XXX-XX-1234 (Ill. S. Ct. R. 138)"
    if not notices:
        return f"{text}; no document of this interview prints the whole number."
    where = " and ".join(
        f"the {spec.title}"
        + (" (judicial track)" if re.search(r"track\s*==\s*'judicial'", spec.when) else "")
        for spec in notices
    )
    return f"{text}; the whole number is printed only in {where}, filed apart from them."


def why_content(step: Step, session: InterviewSession) -> Content:
    q = step.asks
    on = session.case_date
    parts: list[str | Content | tuple[str, str]] = [
        ("Why it is asked", "bold $accent"),
        "\n",
        questions.help_text(q) or "The documents of this interview print the answer.",
    ]
    if step.kind in ("another", "any", "offer"):
        parts += ["\n\n", questions.help_text(step.question)]
    used = findings_using(step, session)
    parts += ["\n\n", ("The rules that use the answer", "bold $accent")]
    if used:
        for name, f in used.items():
            cited = "; ".join(getattr(f, "citations", ()) or ())
            title = finding_title(name)
            parts += ["\n- ", (title, "bold"), f" ({cited})" if cited else ""]
    else:
        parts.append(f"\nNo finding is computed from it. {printed(step, session)}")
    cites = questions.pinpoint_citations(q) or questions.pinpoint_citations(step.question)
    parts += ["\n\n", (f"The law as in force on {on:%B} {on.day}, {on.year}", "bold $accent")]
    if not cites:
        parts.append("\nThis question cites no statute.")
    for c in cites:
        header, body = version_text(c, on)
        parts += ["\n\n", header, "\n\n", body]
    return assemble(*parts)


class WhyModal(ModalScreen[None]):
    """The why of one question; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f1", "dismiss", "Close")]

    def __init__(self, session: InterviewSession, step: Step) -> None:
        super().__init__()
        self.session = session
        self.step = step

    def compose(self) -> ComposeResult:
        label = dialogue.label(self.step, self.session.raw)
        with Vertical(id="why-dialog", classes="dialog"):
            yield Static(assemble((label, "bold")), id="why-title", classes="title")
            with VerticalScroll(id="why-scroll"):
                yield Static(why_content(self.step, self.session), id="why-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#why-scroll").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
