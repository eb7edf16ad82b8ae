"""The interview screen: outline, one section of questions, help, and live findings."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static

from counsel import drafts
from counsel.tui import catalog, questions
from counsel.tui.offers import Offer
from counsel.tui.screens.home import case_number
from counsel.tui.session import InterviewSession
from counsel.tui.text import assemble, clean
from counsel.tui.widgets.findings_panel import FindingsPanel
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.question_block import QuestionBlock
from counsel.tui.widgets.section_outline import SectionOutline
from counsel.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from counsel.tui.app import CounselApp


class InterviewScreen(Screen[None]):
    """One section at a time; every confirmed answer is saved to the draft at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "section(1)", "Next", priority=True),
        Binding("ctrl+b", "section(-1)", "Back", priority=True),
        Binding("ctrl+g", "outline", "Go to", priority=True),
        Binding("f2", "statute", "Statute"),
        Binding("f3", "toggle_findings", "Findings"),
        Binding("f4", "conversation", "Q&A"),
        Binding("ctrl+r", "review", "Review", priority=True),
        Binding("escape", "home", "Home"),
    ]

    def __init__(
        self,
        draft: drafts.Draft,
        *,
        session: InterviewSession | None = None,
        offered: dict[str, Offer] | None = None,
    ) -> None:
        super().__init__()
        self.interview = catalog.interview(draft.interview_id)
        self.draft = draft
        self._session = session
        self.offered = dict(offered or {})
        """Answers the case already has elsewhere: shown in their fields, kept only when the
        user confirms one (Enter on it, or an edit)."""
        self.session: InterviewSession
        self.title = catalog.title(draft.interview_id)
        number = case_number(dict(draft.answers))
        self.sub_title = "new case" if number == "-" else clean(number)
        self.current = 0
        self._drawing = asyncio.Lock()

    @property
    def counsel(self) -> CounselApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="iv-body"):
            yield SectionOutline(id="outline")
            with Vertical(id="iv-main"):
                yield Static("", id="section-title", classes="title")
                yield VerticalScroll(id="form")
                yield Static("", id="help")
            with VerticalScroll(id="findings-pane"):
                yield FindingsPanel(id="findings")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.session = self._session or InterviewSession(
            self.interview,
            self.draft,
            self.counsel.office,
            self.counsel.today,
            self.counsel.drafts_folder,
        )
        if self.session.draft.view != "form":
            self.session.draft = self.session.draft.in_view("form")
            if self.session.raw:
                self.session.save()
        self.draft = self.session.draft
        start = self.session.section_index(self.draft.section) if self.draft.section else 0
        await self.show_section(start)

    # -- drawing -----------------------------------------------------------------------------

    def refresh_outline(self) -> None:
        rows = [
            (str(s.id), str(s.title), self.session.status(s).badge()) for s in self.session.sections
        ]
        self.query_one(SectionOutline).show(rows, self.current)

    def refresh_findings(self) -> None:
        found, problem = self.session.findings()
        self.query_one(FindingsPanel).show(found, problem)

    async def show_section(self, index: int, focus_id: str | None = None) -> None:
        """Draw section `index`; one redraw at a time, so a keypress arriving mid-redraw
        (Ctrl+N while an answer's show_if redraws the section) waits its turn."""
        async with self._drawing:
            await self._draw(index, focus_id)

    async def _draw(self, index: int, focus_id: str | None) -> None:
        sections = self.session.sections
        if index < 0:  # redraw whatever section is current once the lock is ours
            index = self.current
        self.current = max(0, min(index, len(sections) - 1))
        section = sections[self.current]
        self.session.at_section(str(section.id))
        n = len(sections)
        self.query_one("#section-title", Static).update(
            assemble(str(section.title), (f"  section {self.current + 1} of {n}", "dim"))
        )
        form = self.query_one("#form", VerticalScroll)
        await form.remove_children()
        blocks = [
            QuestionBlock(
                q,
                self.session.raw.get(str(q.id)),
                self.session.check,
                self.session.check_row,
                offer=self.offered.get(str(q.id)) if str(q.id) not in self.session.raw else None,
            )
            for q in self.session.visible_questions(section)
        ]
        if not blocks:
            blocks_or_note: list[Widget] = [
                Static("No question in this section applies to the answers so far.")
            ]
        else:
            blocks_or_note = list(blocks)
        await form.mount_all(blocks_or_note)
        for block in blocks:
            errs = self.session.errors_for(block.question_id)
            block.set_error("; ".join(errs) if errs else None)
        form.scroll_home(animate=False)
        self.refresh_outline()
        self.refresh_findings()
        target = next((b for b in blocks if b.question_id == focus_id), None)
        if target is None and blocks:
            target = blocks[0]
        if target is not None:
            self._focus_block(target)

    def _focus_block(self, block: QuestionBlock) -> None:
        widget = block.input
        focusable = (
            widget
            if widget.can_focus
            else next((w for w in widget.query("*") if w.can_focus), widget)
        )
        focusable.focus()
        block.scroll_visible(animate=False)

    def blocks(self) -> list[QuestionBlock]:
        return list(self.query(QuestionBlock))

    def block_for(self, question_id: str) -> QuestionBlock | None:
        return next((b for b in self.blocks() if b.question_id == question_id), None)

    def focused_block(self) -> QuestionBlock | None:
        node = self.focused
        while node is not None and not isinstance(node, QuestionBlock):
            node = node.parent  # type: ignore[assignment]
        return node

    # -- answers -----------------------------------------------------------------------------

    @on(QuestionBlock.Confirmed)
    async def _confirmed(self, event: QuestionBlock.Confirmed) -> None:
        before = {b.question_id for b in self.blocks()}
        errors = self.session.confirm(event.question_id, event.value)
        if self.session.refused:
            event.block.forget()  # the number is not kept: the field empties, the reason stays
        event.block.set_error("; ".join(errors) if errors else None)
        section = self.session.sections[self.current]
        after = {str(q.id) for q in self.session.visible_questions(section)}
        if after != before:
            # A show_if changed: redraw the section, keeping the user where they were.
            focused = self.focused_block()
            await self.show_section(-1, focused.question_id if focused else None)
            return
        self.refresh_outline()
        self.refresh_findings()

    def confirm_all(self) -> None:
        """Commit what is typed in every field of the section (leaving it loses nothing)."""
        for block in self.blocks():
            changed, value = block.take_change()
            if changed:
                errors = self.session.confirm(block.question_id, value)
                if self.session.refused:
                    block.forget()
                block.set_error("; ".join(errors) if errors else None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        block = self.focused_block()
        help_line = self.query_one("#help", Static)
        if block is None:
            help_line.update("")
            return
        q = block.question
        cites = questions.pinpoint_citations(q)
        parts: list[str | tuple[str, str]] = []
        if cites:  # first, so a long help text never hides which law is behind the question
            parts += [("F2 statute: ", "bold"), "; ".join(cites), "\n"]
        parts.append(questions.help_text(q))
        help_line.update(assemble(*parts))

    # -- actions -----------------------------------------------------------------------------

    async def action_section(self, delta: int) -> None:
        self.confirm_all()
        sections = self.session.sections
        target = self.current + delta
        # Sections whose questions the answers so far leave out are stepped over.
        while 0 <= target < len(sections) and not self.session.visible_questions(sections[target]):
            target += delta
        if 0 <= target < len(sections):
            await self.show_section(target)
        elif target >= len(sections):
            self.action_review()

    def action_outline(self) -> None:
        self.query_one(SectionOutline).focus()

    @on(OptionList.OptionSelected, "#outline")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        self.confirm_all()
        await self.show_section(event.option_index)

    def action_statute(self) -> None:
        from counsel.tui.screens.statute_modal import StatuteModal

        block = self.focused_block()
        cites: tuple[str, ...] = ()
        if block is not None:
            cites = questions.pinpoint_citations(block.question)
        if not cites:
            cites = questions.citations(self.interview)
        self.app.push_screen(StatuteModal(cites, self.session.case_date))

    def action_toggle_findings(self) -> None:
        self.toggle_class("show-findings")

    def action_review(self) -> None:
        from counsel.tui.screens.review import ReviewScreen

        self.confirm_all()

        async def edit(question_id: str | None) -> None:
            if question_id:
                await self.edit_question(question_id)

        self.app.push_screen(ReviewScreen(self.session), edit)

    async def edit_question(self, question_id: str) -> None:
        await self.show_section(self.session.section_of(question_id), question_id)

    def action_home(self) -> None:
        self.confirm_all()
        self.app.pop_screen()

    def action_conversation(self) -> None:
        from counsel.tui.screens.conversation import ConversationScreen

        self.confirm_all()
        self.session.draft = self.session.draft.in_view("conversation")
        if self.session.raw:
            self.session.save()
        self.app.switch_screen(
            ConversationScreen(self.session.draft, session=self.session, offered=self.offered)
        )
