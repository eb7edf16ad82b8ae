"""The render screen: PDF, DOCX or both into a folder; the paths written are listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Static

from counsel.tui.session import InterviewSession
from counsel.tui.text import PICTURED, assemble, plain
from counsel.tui.widgets.choice_input import ChoiceInput
from counsel.tui.widgets.key_bar import KeyBar
from counsel.tui.widgets.title_bar import TitleBar
from counsel.tui.widgets.yes_no import Entered

FORMATS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


def render_and_record(
    session: InterviewSession, folder: Path, formats: tuple[str, ...], force: bool
) -> tuple[list[Path], int]:
    """Issue the documents through counsel.case, the road `counsel render` and batch take:
    files and provenance sidecars written, one register row (source "tui")."""
    from counsel import case

    prepared = case.prepare(
        str(session.interview.id), session.raw, session.office, today=session.today
    )
    issued = case.issue(prepared, folder, formats, force=force, source="tui")
    assert issued.entry_id is not None  # recorded: the TUI always records
    return list(issued.paths), issued.entry_id


def default_folder(answers: Any = None) -> Path:
    """`~/counsel-documents/<case number>`, absolute: one folder per case, so the same
    document names of two cases never meet in one folder."""
    from counsel.batch.naming import sanitize
    from counsel.tui.screens.home import case_number

    base = Path.home().expanduser().resolve() / "counsel-documents"
    number = case_number(dict(answers or {}))
    name = sanitize(number) if number != "-" else ""
    return base / (name or "no-case-number")


class RenderScreen(Screen[None]):
    """Writes the documents with counsel.render (imported only here, when asked to render).

    The Render button has the focus, so Enter renders with the choices shown; 1, 2 and 3
    pick the format."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "render", "Render", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, session: InterviewSession, folder: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.folder = folder or default_folder(session.raw)
        self.written: list[Path] = []
        self.title = "Render"
        self.sub_title = str(session.interview.title)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="render-body"):
            yield Static(plain("Format (1, 2 or 3)", "bold"), classes="q-label")
            yield ChoiceInput(
                [("pdf", "PDF"), ("docx", "DOCX"), ("both", "Both")], "both", widget_id="format"
            )
            yield Static(
                plain("Folder (one per case; created if missing)", "bold"), classes="q-label"
            )
            yield Input(str(self.folder), id="folder", compact=True, highlighter=PICTURED)
            yield Checkbox("Replace files that already exist", id="force")
            yield Button("Render (Enter or Ctrl+S)", id="go", variant="primary")
            yield Static("", id="render-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def on_key(self, event: events.Key) -> None:
        # 1, 2, 3 pick the format from anywhere but the folder field.
        if event.key in ("1", "2", "3") and not isinstance(self.focused, Input):
            self.query_one("#format", ChoiceInput).action_number(int(event.key))
            event.stop()

    @on(Entered)
    def _format_entered(self, event: Entered) -> None:
        event.stop()
        self.query_one("#go", Button).focus()

    @on(Input.Submitted, "#folder")
    def _folder_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_render()

    @property
    def formats(self) -> tuple[str, ...]:
        return FORMATS[self.query_one("#format", ChoiceInput).answer or "both"]

    @on(Button.Pressed, "#go")
    def action_render(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self._show(plain("Folder: give the folder to write the documents into.", "$error"))
            return
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            folder = Path.cwd() / folder
        folder = folder.resolve()
        self.query_one("#folder", Input).value = str(folder)
        force = self.query_one("#force", Checkbox).value
        self._show(plain(f"Rendering into {folder} ..."))
        self.query_one("#go", Button).disabled = True
        self.render_documents(folder, self.formats, force)

    @work(thread=True, exclusive=True)
    def render_documents(self, folder: Path, formats: tuple[str, ...], force: bool) -> None:
        from counsel.case import OutputExists
        from counsel.errors import CounselError
        from counsel.register import RegisterError
        from counsel.tui.screens.review import readable

        iv = self.session.interview
        message: Content
        written: list[Path] = []
        try:
            paths, entry = render_and_record(self.session, folder, formats, force)
        except ImportError:
            message = plain("The document renderer is not available in this build.", "$error")
        except OutputExists as exc:
            names = ", ".join(p.name for p in exc.paths)
            message = plain(
                f"Nothing was written: these files are already in the folder: {names}. "
                "Tick 'Replace files that already exist' to replace them, or choose another "
                "folder.",
                "$error",
            )
        except RegisterError as exc:
            message = plain(f"The register of issued documents cannot be used: {exc}", "$error")
        except CounselError as exc:
            problems = getattr(exc, "problems", None)
            if problems:
                lines = "".join(f"\n- {readable(str(p), iv)}" for p in problems)
                message = assemble(
                    ("The documents were not written; failing checks:", "$error"), lines
                )
            else:
                message = plain(readable(str(exc), iv), "$error")
        except OSError as exc:
            message = plain(f"Cannot write to the folder: {exc.strerror or exc}", "$error")
        else:
            written = [Path(p).resolve() for p in paths]
            listing = "\n".join(str(p) for p in written)
            message = assemble(
                (f"Wrote {len(paths)} files", "$success"),
                f" (provenance beside each; register entry {entry}):\n{listing}",
            )
        self.app.call_from_thread(self._done, message, written)

    def _done(self, message: Content, written: list[Path]) -> None:
        self.query_one("#go", Button).disabled = False
        self._show(message)
        self.written = written

    def _show(self, message: Content) -> None:
        self.query_one("#render-result", Static).update(message)
