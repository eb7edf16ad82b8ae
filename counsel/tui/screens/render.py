"""The render screen: PDF, DOCX or both into a folder; the paths written are listed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Static,
)

from counsel.tui.session import InterviewSession
from counsel.tui.widgets.choice_input import ChoiceInput
from counsel.tui.widgets.key_bar import KeyBar

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


def default_folder() -> Path:
    return Path.home() / "counsel-documents"


class RenderScreen(Screen[None]):
    """Writes the documents with counsel.render (imported only here, when asked to render)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "render", "Render", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, session: InterviewSession, folder: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.folder = folder or default_folder()
        self.written: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="render-body"):
            yield Label("Format", classes="q-label")
            yield ChoiceInput(
                [("pdf", "PDF"), ("docx", "DOCX"), ("both", "Both")], "both", widget_id="format"
            )
            yield Label("Folder", classes="q-label")
            yield Input(str(self.folder), id="folder")
            yield Checkbox("Replace files that already exist", id="force")
            yield Button("Render (Ctrl+S)", id="go", variant="primary")
            yield Static("", id="render-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Render"
        self.sub_title = str(self.session.interview.title)
        self.query_one("#format", ChoiceInput).focus()

    @property
    def formats(self) -> tuple[str, ...]:
        return FORMATS[self.query_one("#format", ChoiceInput).answer or "both"]

    @on(Button.Pressed, "#go")
    def action_render(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self._show("[red]Folder: give the folder to write the documents into.[/red]")
            return
        folder = Path(text).expanduser()
        force = self.query_one("#force", Checkbox).value
        self._show("Rendering...")
        self.query_one("#go", Button).disabled = True
        self.render_documents(folder, self.formats, force)

    @work(thread=True, exclusive=True)
    def render_documents(self, folder: Path, formats: tuple[str, ...], force: bool) -> None:
        from counsel.case import OutputExists
        from counsel.errors import CounselError
        from counsel.register import RegisterError

        try:
            paths, entry = render_and_record(self.session, folder, formats, force)
        except ImportError:
            message = "[red]The document renderer is not available in this build.[/red]"
        except OutputExists as exc:
            names = ", ".join(escape(p.name) for p in exc.paths)
            message = (
                f"[red]Nothing was written: these files are already in the folder: {names}. "
                "Tick 'Replace files that already exist' to replace them, or choose another "
                "folder.[/red]"
            )
        except RegisterError as exc:
            message = (
                f"[red]The register of issued documents cannot be used: {escape(str(exc))}[/red]"
            )
        except CounselError as exc:
            problems = getattr(exc, "problems", None)
            if problems:
                lines = "\n".join(f"- {escape(str(p))}" for p in problems)
                message = f"[red]The documents were not written; failing checks:[/red]\n{lines}"
            else:
                message = f"[red]{escape(str(exc))}[/red]"
        except OSError as exc:
            message = f"[red]Cannot write to the folder: {escape(exc.strerror or str(exc))}[/red]"
        else:
            self.written = paths
            listing = "\n".join(escape(str(p)) for p in paths)
            message = (
                f"[green]Wrote {len(paths)} files[/green] (provenance beside each; "
                f"register entry {entry}):\n{listing}"
            )
        self.app.call_from_thread(self._done, message)

    def _done(self, message: str) -> None:
        self.query_one("#go", Button).disabled = False
        self._show(message)

    def _show(self, message: str) -> None:
        self.query_one("#render-result", Static).update(message)
