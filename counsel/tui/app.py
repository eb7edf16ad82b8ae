"""The counsel App: office profile, drafts folder, theme, and the home screen first."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from counsel.office import Office, load_office
from counsel.tui.screens.home import HomeScreen


class CounselApp(App[int]):
    """Guided interviews for child support specialists, keyboard first."""

    TITLE = "counsel"
    SUB_TITLE = "Illinois child support interviews"
    CSS_PATH = "app.tcss"
    # Below 100 columns the findings panel folds away (F3 shows it), so 80x24 stays usable.
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        office: Office | None = None,
        *,
        drafts_folder: Path | None = None,
        today: dt.date | None = None,
        theme: str = "textual-dark",
    ) -> None:
        super().__init__()
        self.office = office if office is not None else load_office(None)
        self.drafts_folder = drafts_folder
        """None: the user data directory (counsel.drafts.drafts_dir)."""
        self.today = today if today is not None else dt.date.today()
        """The default document date; fixed in tests so screens are reproducible."""
        self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def _fatal_error(self) -> None:
        """On a crash Textual prints a traceback *with every frame's local variables*
        (answers, SSNs, addresses); print the exception class and counsel frame instead, as
        the command line does. COUNSEL_DEBUG=1 keeps Textual's full traceback."""
        from counsel.crash import DEBUG_ENV, internal_error_message

        error = sys.exc_info()[1]
        if os.environ.get(DEBUG_ENV) or error is None:
            super()._fatal_error()
            return
        from rich.text import Text

        self.bell()
        self._exit_renderables.append(Text(internal_error_message(error)))
        self._close_messages_no_wait()


def run_app(office_path: Path | None = None) -> int:
    """Open the UI on a real terminal; returns the process exit code: 0 after Ctrl+Q, and
    counsel's internal-error status (70) after a crash, never 0."""
    office = load_office(office_path)
    app = CounselApp(office)
    result = app.run()
    return exit_code(app, result)


def exit_code(app: App[int], result: int | None) -> int:
    """The process status after `app` ended: counsel's internal-error status (70) when it
    ended on an unhandled exception (Textual's return code 1), else the app's result."""
    from counsel.crash import INTERNAL_ERROR

    if app.return_code:
        return INTERNAL_ERROR
    return int(result or 0)
