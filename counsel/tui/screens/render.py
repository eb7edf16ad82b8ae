"""The render screen: PDF, DOCX or both into a folder; the paths written are listed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from counsel.tui.session import InterviewSession

FORMATS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


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
        with Vertical(id="render-body"):
            yield Label("Format", classes="q-label")
            with RadioSet(id="format"):
                yield RadioButton("PDF", name="pdf")
                yield RadioButton("DOCX", name="docx")
                yield RadioButton("Both", name="both", value=True)
            yield Label("Folder", classes="q-label")
            yield Input(str(self.folder), id="folder")
            yield Checkbox("Replace files that already exist", id="force")
            yield Button("Render (Ctrl+S)", id="go", variant="primary")
            yield Static("", id="render-result")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Render"
        self.sub_title = str(self.session.interview.title)
        self.query_one("#format", RadioSet).focus()

    @property
    def formats(self) -> tuple[str, ...]:
        button = self.query_one("#format", RadioSet).pressed_button
        return FORMATS[(button.name if button else None) or "both"]

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
        from counsel.errors import CounselError

        try:
            from counsel.render import RenderError, render_interview

            paths = render_interview(
                self.session.interview.id,
                self.session.result.answers,
                self.session.office,
                self.session.case_date,
                formats=formats,
                out_dir=folder,
                force=force,
            )
        except ImportError:
            message = "[red]The document renderer is not available in this build.[/red]"
        except RenderError as exc:
            lines = "\n".join(f"- {escape(str(p))}" for p in exc.problems)
            message = f"[red]The documents were not written; failing checks:[/red]\n{lines}"
        except (CounselError, OSError) as exc:
            message = f"[red]{escape(str(exc))}[/red]"
        else:
            self.written = [Path(p) for p in paths]
            listing = "\n".join(escape(str(p)) for p in self.written)
            message = (
                f"[green]Wrote {len(self.written)} files[/green] "
                f"(provenance recorded in the register):\n{listing}"
            )
        self.app.call_from_thread(self._done, message)

    def _done(self, message: str) -> None:
        self.query_one("#go", Button).disabled = False
        self._show(message)

    def _show(self, message: str) -> None:
        self.query_one("#render-result", Static).update(message)
