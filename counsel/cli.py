"""The `counsel` command line: argparse front end dispatching to `counsel.commands.*`.

Each command lives in its own module `counsel/commands/<name>.py` exposing
`register(subparsers)`; the module adds its parser and sets `handler=` to a function taking
the parsed arguments and returning the exit code. Command modules import heavy libraries
(WeasyPrint, Textual) only inside their handlers, so `counsel statutes show` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from counsel import __version__
from counsel.crash import DEBUG_ENV, INTERNAL_ERROR, internal_error_message
from counsel.errors import CounselError
from counsel.terminal import printable, printable_json

__all__ = ["DEBUG_ENV", "INTERNAL_ERROR", "build_parser", "emit", "internal_error_message", "main"]

# The order here is the order in `counsel --help`.
COMMANDS = (
    "statutes",
    "calc",
    "interviews",
    "check",
    "render",
    "batch",
    "templates",
    "register",
    "docket",
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit 2."""

    def error(self, message: str) -> Any:  # noqa: D401 - argparse API
        # The message quotes the argument as typed: shown, never obeyed by the terminal.
        self.exit(2, f"counsel: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="counsel",
        description="Child support interviews and filed-ready documents (Illinois).",
    )
    parser.add_argument("--version", action="version", version=f"counsel {__version__}")
    parser.add_argument(
        "--office",
        type=Path,
        default=None,
        help="office profile TOML: county, attorneys, court closures (default: the bundled "
        "example office, a fictional county with no court closures, so deadlines skip "
        "weekends and Illinois holidays only)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"counsel.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"counsel.commands.{name}":
                continue  # not built yet
            raise
        module.register(sub)
    for path in OFFICE_AFTER:
        _accept_office_after(sub, path)
    return parser


OFFICE_AFTER = (("templates",), ("statutes", "check"), ("register",), ("docket",))
"""Commands that read the office profile (its county, closures, review date or register) but
define no `--office` of their own: they take it after the command too, as `check`, `render`,
`batch` and `calc deadline` do, so `counsel templates lint --office FILE` works as the README
says."""

_OFFICE_HELP = "office profile TOML (default: the global --office, else the bundled example office)"


def _leaf_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for a in subs for p in dict(a.choices).values() for leaf in _leaf_parsers(p)]


def _accept_office_after(sub: argparse._SubParsersAction[Any], path: tuple[str, ...]) -> None:
    parser: argparse.ArgumentParser | None = sub.choices.get(path[0])
    for name in path[1:]:
        if parser is None:
            return
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = nested[0].choices.get(name) if nested else None
    if parser is None:
        return  # a command not built yet
    for leaf in _leaf_parsers(parser):
        if "--office" not in leaf._option_string_actions:
            # Its own dest: a subparser default would overwrite the global --office value.
            leaf.add_argument(
                "--office",
                dest="command_office",
                type=Path,
                default=None,
                metavar="FILE",
                help=_OFFICE_HELP,
            )


def emit(args: argparse.Namespace, data: Any, human: str) -> None:
    """Print `data` as JSON when `--json` was given, else the human-readable text.

    Both may hold stored or typed text (case numbers, names, paths): its control characters
    are escaped, so a value cannot clear the screen, set the clipboard or move the cursor.
    """
    if getattr(args, "json", False):
        print(printable_json(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
    else:
        print(printable(human))


OPTIONS = {
    "answers": "--answers",
    "office": "--office",
    "out": "--out",
    "resume": "--resume",
    "force": "--force",
    "format": "--format",
    "scheduler": "--scheduler",
    "sheet": "FILE",
    "blank-sheet": "--blank-sheet FILE",
    "example": "--example",
    "examples": "--examples",
    "name": "NAME",
    "document": "DOCUMENT",
    "interview": "INTERVIEW",
    "from": "--from",
    "to": "--to",
    "ics": "--ics",
    "role": "--role",
}
"""The CLI's name for each input a library error is about (CounselError.what) or whose use
is its fix (CounselError.fix_with); the library's messages never name an option."""


def _with_option(exc: CounselError) -> str:
    """The library's message, with the option it is about in front of it and the option
    that is its fix after it."""
    text = str(exc)
    if exc.fix_with in OPTIONS:
        text = f"{text} ({OPTIONS[exc.fix_with]})"
    if exc.what in OPTIONS:
        text = f"{OPTIONS[exc.what]}: {text}"
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "command_office", None) is not None:
        args.office = args.command_office
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_tui(args)
        return handler(args)
    except CounselError as exc:
        print(f"counsel: error: {printable(_with_option(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("counsel: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        # A bug, not a user error. Its message and traceback may quote answers (SSNs, names,
        # addresses), so print only the exception class and where it was raised.
        if os.environ.get(DEBUG_ENV):
            raise
        print(internal_error_message(exc), file=sys.stderr)
        return INTERNAL_ERROR


def _open_tui(args: argparse.Namespace) -> int:
    try:
        from counsel.tui.app import run_app  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("counsel.tui"):
            raise
        build_parser().print_help()
        return 0
    return int(run_app(office_path=args.office))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
