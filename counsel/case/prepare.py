"""prepare(): validate the answers, compute the findings, build and check every document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from counsel.case.errors import AnswersInvalid
from counsel.case.identity import as_of_date, case_identifier

if TYPE_CHECKING:
    from counsel.interviewer import Interview
    from counsel.office import Office
    from counsel.render.core import BuiltDocument, Renderer
    from counsel.rules.findings import Finding


@dataclass(frozen=True)
class Prepared:
    """One case, checked and ready to issue: nothing has been written."""

    interview_id: str
    answers: Mapping[str, Any] = field(repr=False)
    """Typed answers (dates, Decimals, lists of dicts), as the interview engine read them.
    Private data: kept out of reprs (and so out of tracebacks and logs)."""
    office: Office = field(repr=False)
    on: dt.date
    """The as-of date: the law in force that day, and the date the documents bear."""
    case_id: str
    """`case_identifier(answers)`: the IV-D number, else the court number."""
    findings: Mapping[str, Finding] = field(repr=False)
    documents: tuple[BuiltDocument, ...] = field(repr=False)
    """Every document the answers call for, rendered, parsed and checked."""
    renderer: Renderer = field(repr=False, compare=False)
    """The Renderer that built them (its writers turn them into PDF and DOCX)."""

    @property
    def statute_snapshot(self) -> str:
        if self.documents:
            return self.documents[0].provenance.statute_snapshot
        return str(self.renderer.store.snapshot_hash())

    @property
    def answers_hash(self) -> str:
        from counsel.render.provenance import answers_hash

        return answers_hash(self.answers)


def prepare(
    interview_id: str,
    answers: Mapping[str, Any],
    office: Office,
    as_of: dt.date | None = None,
    *,
    today: dt.date | None = None,
    only: Iterable[str] | None = None,
    renderer: Renderer | None = None,
    interview: Interview | None = None,
) -> Prepared:
    """Validate raw `answers` (as typed, read from a file, a sheet row or a register snapshot),
    compute the findings and build every document, all on one as-of date (`as_of_date`).

    Raises AnswersInvalid (every field error) or RenderError (every failing check of every
    document). Writes nothing; cheap enough to call as the user types (no PDF or DOCX writer
    runs). `only` limits the documents to those manifest ids; `today` stands in for the
    clock (the TUI's and the tests' today); `renderer` defaults to one per process.
    """
    from counsel.interviewer import load_interview
    from counsel.render import default_renderer

    iv = interview if interview is not None else load_interview(interview_id)
    result = iv.validate(answers, office)
    if result.errors:
        raise AnswersInvalid(result.errors)
    typed = dict(result.answers)
    on = as_of_date(typed, as_of, today=today)
    found = iv.findings(typed, office, on)
    r = renderer if renderer is not None else default_renderer()
    built = r.build(interview_id, typed, office, on, findings=found, only=only)
    return Prepared(
        interview_id=interview_id,
        answers=typed,
        office=office,
        on=on,
        case_id=case_identifier(typed),
        findings=found,
        documents=tuple(built),
        renderer=r,
    )
