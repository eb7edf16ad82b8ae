"""The review screen: every answer by section, the findings, and the documents' checks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from counsel.tui import questions
from counsel.tui.session import InterviewSession, field_matches
from counsel.tui.text import assemble
from counsel.tui.widgets.findings_panel import FindingsPanel
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp


def answer_options(session: InterviewSession) -> list[Option | None]:
    """One disabled heading per section, then one option per visible question (id = its id)."""
    options: list[Option | None] = []
    iv = session.interview
    for section in session.sections:
        shown = session.visible_questions(section)
        if not shown:
            continue
        status = session.status(section)
        options.append(
            Option(
                assemble((str(section.title), "bold"), "  ", (status.badge(), "dim")), disabled=True
            )
        )
        for q in shown:
            qid = str(q.id)
            value = questions.display(q, session.raw.get(qid))
            errs = [
                f"{field_words(str(e.field), iv)}: {readable(str(e.message), iv)}"
                if str(e.field) != qid
                else readable(str(e.message), iv)
                for e in session.result.errors
                if field_matches(str(e.field), qid)
            ]
            lines = "\n".join(f"    {line}" for line in value.splitlines())
            parts: list[str | tuple[str, str]] = [f"  {questions.label(q)}\n", lines]
            if errs:
                parts.append(("\n    " + "\n    ".join(errs), "$error"))
            options.append(Option(assemble(*parts), id=qid))
    return options


def planned_documents(interview_id: str) -> list[str]:
    """The documents the templates manifest names for the interview, before any is built."""
    try:
        from counsel.render.core import load_document_specs

        specs = load_document_specs().get(interview_id, ())
    except Exception:  # the manifest is the documents issue's; the list is only a preview
        return []
    out = []
    for spec in specs:
        note = " (when it applies)" if getattr(spec, "when", "") else ""
        note += " (one per party)" if getattr(spec, "for_each", "") else ""
        out.append(f"{spec.title}{note}")
    return out


def documents_content(
    docs: list[Any] | None, problems: list[str], planned: list[str] | None = None
) -> Content:
    parts: list[str | tuple[str, str]] = [("Documents", "bold")]
    if not docs and planned:
        parts.extend(f"\n- {t}" for t in planned)
    for doc in docs or []:
        meta = getattr(doc, "metadata", None)
        title = getattr(meta, "title", None) or getattr(doc, "doc_id", str(doc))
        parts.append(f"\n- {title}")
    if problems:
        parts.append(("\n\nChecks that fail (fix them before rendering):", "bold $error"))
        parts.extend((f"\n- {p}", "$error") for p in problems)
    elif docs:
        parts.append(("\n\nEvery check passes: ready to render (r).", "$success"))
    elif docs is None:
        parts.append(("\nChecking...", "dim"))
    return assemble(*parts)


_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_FIELD = re.compile(r"^([a-z0-9_]+)(?:\[(\d+)\])?(?:\.([a-z0-9_]+))?$")


def readable(message: str, interview: Any) -> str:
    """A check's message in the user's words: answer ids become the question's label and
    finding names plain words (`must not be after document_date` -> `... after "Date of the
    document"`)."""

    def word(m: re.Match[str]) -> str:
        name = m.group()
        try:
            return f'"{questions.label(interview.question(name))}"'
        except KeyError:
            return name.replace("_", " ")

    return _SNAKE.sub(word, message)


def field_words(field: str, interview: Any) -> str:
    """`children[2].birth_date` -> `Child 2: Child's date of birth`."""
    m = _FIELD.match(field)
    if m is None:
        return field
    qid, row, fid = m.groups()
    try:
        q = interview.question(qid)
    except KeyError:
        return field.replace("_", " ")
    if row is None:
        return questions.label(q)
    words = f"{questions.item_name(q).replace('_', ' ').capitalize()} {row}"
    if fid:
        try:
            return f"{words}: {questions.label(q.field_by_id(fid))}"
        except KeyError:
            return f"{words}: {fid.replace('_', ' ')}"
    return words


def document_check(session: InterviewSession) -> tuple[list[str], list[Any]]:
    """(problems, documents): every answer error and every failing document check, in words,
    from counsel.case.prepare (the road render and batch take; no writer runs)."""
    from counsel.case import AnswersInvalid, prepare
    from counsel.render import RenderError

    iv = session.interview
    try:
        prepared = prepare(str(iv.id), dict(session.raw), session.office, today=session.today)
    except AnswersInvalid as exc:
        return [
            f"{field_words(str(e.field), iv)}: {readable(str(e.message), iv)}" for e in exc.errors
        ], []
    except RenderError as exc:
        return [readable(_document_words(str(p), str(iv.id)), iv) for p in exc.problems], []
    except Exception as exc:  # a template or check bug: shown, never a crash
        return [f"{type(exc).__name__} while building the documents"], []
    return [], list(prepared.documents)


def _document_words(problem: str, interview_id: str) -> str:
    """`lien-notice: ...` -> `Notice of lien: ...`: a document named by its title, not its id."""
    head, sep, rest = problem.partition(": ")
    if not sep:
        return problem
    try:
        from counsel.render.core import load_document_specs

        for spec in load_document_specs().get(interview_id, ()):
            if head in (spec.id, getattr(spec, "stem", None), spec.template):
                return f"{spec.title}: {rest}"
    except Exception:  # the titles are a nicety; the problem is said either way
        pass
    return problem


def document_problems(session: InterviewSession) -> list[str]:
    return document_check(session)[0]


class ReviewScreen(Screen[str | None]):
    """Dismisses with a question id to edit it, or None to go back to the interview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit answer"),
        Binding("r", "render", "Render"),
        Binding("f3", "toggle_findings", "Findings/Docs"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self.title = "Review"
        self.sub_title = str(session.interview.title)
        self.problems: list[str] = []
        self.docs: list[Any] | None = None

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="review-body"):
            yield OptionList(*answer_options(self.session), id="answers")
            with VerticalScroll(id="review-side"):
                yield Static(documents_content(None, []), id="documents")
                yield FindingsPanel(id="review-findings")
        yield KeyBar()

    def on_mount(self) -> None:
        found, problem = self.session.findings()
        self.query_one(FindingsPanel).show(found, problem)
        answers = self.query_one("#answers", OptionList)
        answers.focus()
        self.check_documents()

    @work(thread=True, exclusive=True)
    def check_documents(self) -> None:
        """Build the documents off the UI thread: templates and checks, no PDF writer."""
        problems, docs = document_check(self.session)
        self.app.call_from_thread(self._show_documents, docs, problems)

    def _show_documents(self, docs: list[Any], problems: list[str]) -> None:
        self.docs = docs
        self.problems = problems
        planned = planned_documents(str(self.session.interview.id))
        self.query_one("#documents", Static).update(documents_content(docs, problems, planned))

    def action_edit(self) -> None:
        answers = self.query_one("#answers", OptionList)
        index = answers.highlighted
        if index is None:
            return
        option = answers.get_option_at_index(index)
        if option.id:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#answers")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_render(self) -> None:
        if self.docs is None:
            self.notify("Still checking the documents; try again in a moment.")
            return
        if self.problems:
            self.notify(
                "Some checks fail: fix the answers marked in red first.", severity="warning"
            )
            return
        from counsel.tui.screens.render import RenderScreen

        self.app.push_screen(RenderScreen(self.session))

    def action_toggle_findings(self) -> None:
        self.toggle_class("show-side")

    def action_back(self) -> None:
        self.dismiss(None)
