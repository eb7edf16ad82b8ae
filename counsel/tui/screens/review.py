"""The review screen: every answer by section, the findings, and the documents' checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from counsel.tui import questions
from counsel.tui.session import InterviewSession
from counsel.tui.widgets.findings_panel import FindingsPanel
from counsel.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp


def answer_options(session: InterviewSession) -> list[Option | None]:
    """One disabled heading per section, then one option per visible question (id = its id)."""
    options: list[Option | None] = []
    for section in session.sections:
        shown = session.visible_questions(section)
        if not shown:
            continue
        status = session.status(section)
        options.append(
            Option(
                f"[b]{escape(str(section.title))}[/b]  [dim]{status.badge()}[/dim]", disabled=True
            )
        )
        for q in shown:
            qid = str(q.id)
            value = questions.display(q, session.raw.get(qid))
            errs = session.errors_for(qid, only_answered=False)
            line = f"  {escape(questions.label(q))}\n    {escape(value)}"
            if errs:
                line += f"\n    [red]{escape('; '.join(errs))}[/red]"
            options.append(Option(line, id=qid))
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


def documents_markup(
    docs: list[Any] | None, problems: list[str], planned: list[str] | None = None
) -> str:
    lines = ["[b]Documents[/b]"]
    if not docs and planned:
        lines.extend(f"- {escape(t)}" for t in planned)
    if docs:
        for doc in docs:
            meta = getattr(doc, "metadata", None)
            title = getattr(meta, "title", None) or getattr(doc, "doc_id", str(doc))
            lines.append(f"- {escape(str(title))}")
    if problems:
        lines.append("\n[b red]Checks that fail[/b red] (fix them before rendering):")
        lines.extend(f"[red]- {escape(p)}[/red]" for p in problems)
    elif docs:
        lines.append("\n[green]Every check passes: ready to render (r).[/green]")
    elif docs is None:
        lines.append("[dim]Checking...[/dim]")
    return "\n".join(lines)


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
        self.problems: list[str] = []
        self.docs: list[Any] | None = None

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            yield OptionList(*answer_options(self.session), id="answers")
            with VerticalScroll(id="review-side"):
                yield Static(documents_markup(None, []), id="documents")
                yield FindingsPanel(id="review-findings")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Review"
        self.sub_title = str(self.session.interview.title)
        found, problem = self.session.findings()
        self.query_one(FindingsPanel).show(found, problem)
        answers = self.query_one("#answers", OptionList)
        answers.focus()
        self.check_documents()

    @work(thread=True, exclusive=True)
    def check_documents(self) -> None:
        """Build the documents off the UI thread: templates and checks, no PDF writer."""
        result = self.session.result
        problems = [
            f"{questions.label(self._question(e.field))}: {e.message}" for e in result.errors
        ]
        docs: list[Any] = []
        if not problems:
            try:
                from counsel.render import RenderError, build_documents
            except ImportError:
                problems.append("The document renderer is not installed in this build.")
            else:
                try:
                    docs = list(
                        build_documents(
                            self.session.interview.id,
                            result.answers,
                            self.session.office,
                            self.session.case_date,
                        )
                    )
                except RenderError as exc:
                    problems.extend(str(p) for p in exc.problems)
                except Exception as exc:  # a template or check bug: shown, never a crash
                    problems.append(f"{type(exc).__name__}: {exc}")
        self.app.call_from_thread(self._show_documents, docs, problems)

    def _question(self, field: str) -> Any:
        qid = field.split("[", 1)[0].split(".", 1)[0]
        try:
            return self.session.interview.question(qid)
        except KeyError:
            return type("Q", (), {"label": field, "id": field})()

    def _show_documents(self, docs: list[Any], problems: list[str]) -> None:
        self.docs = docs
        self.problems = problems
        planned = planned_documents(str(self.session.interview.id))
        self.query_one("#documents", Static).update(documents_markup(docs, problems, planned))

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
