"""Batch progress on stderr: a rich bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, documents: int) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    """Progress that says nothing (tests, --quiet)."""

    def start(self, total: int) -> None:
        pass

    def advance(self, documents: int) -> None:
        pass

    def stop(self) -> None:
        pass


class PlainProgress:
    """A line every `every` seconds or each tenth of the rows, for logs and pipes."""

    def __init__(self, stream: TextIO, every: float = 10.0) -> None:
        self.stream = stream
        self.every = every
        self.total = 0
        self.done = 0
        self.documents = 0
        self._t0 = 0.0
        self._last_time = 0.0
        self._last_tenth = 0

    def start(self, total: int) -> None:
        self.total = total
        self._t0 = self._last_time = time.monotonic()
        print(f"batch: {total} rows to render", file=self.stream, flush=True)

    def advance(self, documents: int) -> None:
        self.done += 1
        self.documents += documents
        now = time.monotonic()
        tenth = (self.done * 10) // self.total if self.total else 10
        if now - self._last_time >= self.every or tenth > self._last_tenth:
            self._last_time = now
            self._last_tenth = tenth
            rate = self.documents / max(now - self._t0, 1e-9)
            pct = 100 * self.done // self.total if self.total else 100
            print(
                f"batch: {self.done}/{self.total} rows ({pct}%), {self.documents} documents, "
                f"{rate:.1f} documents/s",
                file=self.stream,
                flush=True,
            )

    def stop(self) -> None:
        pass


class RichProgress:
    """A rich progress bar with rows done, rate and time left."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichBar

        self._bar: Any = RichBar(
            TextColumn("rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[docs]} documents"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self._task: Any = None
        self._docs = 0

    def start(self, total: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task("rows", total=total, docs=0)

    def advance(self, documents: int) -> None:
        self._docs += documents
        self._bar.update(self._task, advance=1, docs=self._docs)

    def stop(self) -> None:
        self._bar.stop()


def make_progress(stream: TextIO | None = None, quiet: bool = False) -> Progress:
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return NoProgress()
    if stream.isatty():
        return RichProgress(stream)
    return PlainProgress(stream)
