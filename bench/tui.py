"""Benchmark the terminal UI on a real pseudo-terminal: cold start and keypress latency.

    .venv/bin/python bench/tui.py                 # 7 cold starts, 60 keypresses
    .venv/bin/python bench/tui.py --starts 3 --keys 20 --size 120x40

Cold start: from spawning `counsel --office examples/office.toml` (a whole new process, as
`make run` does) to the home screen's text arriving on the terminal. Keypress latency, in the
conversation (a new interview's view) and in the form (F4): from writing one key to the pty
to the terminal output that repaints it (the typed letter echoed in the answer field); and
Enter, which confirms the answer (validation, the draft saved with two fsyncs, findings
said, the next question drawn), to the terminal going quiet. Medians are reported with the
targets (first screen < 1.0 s, keypress < 50 ms). Drafts go to a temporary
COUNSEL_DATA_DIR, seeded with one draft per interview for the cold starts.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNSEL = ROOT / ".venv" / "bin" / "counsel"
READY = b"Drafts and issued cases"
"""The home screen's heading (counsel/tui/screens/home.py _drafts_title): the first screen is up."""
START_TARGET = 1.0
KEY_TARGET = 0.050


class Terminal:
    """`counsel` running on a pty of the given size; output is collected as it arrives."""

    def __init__(self, cols: int, rows: int, data_dir: str) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child: become counsel
            os.environ.update(
                COUNSEL_DATA_DIR=data_dir, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows)
            )
            os.execv(
                str(COUNSEL), [str(COUNSEL), "--office", str(ROOT / "examples" / "office.toml")]
            )
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.buffer = b""

    def read_until(self, needle: bytes, timeout: float = 30.0) -> float:
        """Read until `needle` appears in the output since the last call; returns the time."""
        deadline = time.perf_counter() + timeout
        self.buffer = b""
        while needle not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no {needle!r} on the terminal within {timeout} s")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.buffer += os.read(self.fd, 65536)
                except OSError:
                    raise RuntimeError("counsel exited early") from None
        return time.perf_counter()

    def drain(self, quiet: float = 0.3) -> None:
        """Swallow output until the terminal has been quiet for `quiet` seconds."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                return

    def send(self, keys: bytes) -> float:
        now = time.perf_counter()
        os.write(self.fd, keys)
        return now

    def close(self) -> None:
        try:
            os.write(self.fd, b"\x11")  # Ctrl+Q
            deadline = time.time() + 5
            while time.time() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                self.drain(0.05)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


def seed_drafts(data: str) -> None:
    """A desk in use: one draft of each interview, so home loads every interview."""
    sys.path.insert(0, str(ROOT))
    from counsel import drafts

    folder = Path(data) / "drafts"
    for interview in ("track", "prior-period", "registration", "lien", "job-program"):
        d = drafts.new_draft(interview).with_answer("iv_d_case_number", f"IVD-{interview}")
        drafts.save_draft(d, folder)


def cold_starts(n: int, cols: int, rows: int) -> list[float]:
    times = []
    for _ in range(n):
        with tempfile.TemporaryDirectory() as data:
            seed_drafts(data)
            term = Terminal(cols, rows, data)
            try:
                times.append(term.read_until(READY) - term.started)
            finally:
                term.close()
    return times


def until_quiet(term: Terminal, sent: float, quiet: float = 0.03) -> float:
    """Time from `sent` to the last output before the terminal went quiet for `quiet` s
    (the first output is waited for, up to 5 s: a confirm may think before it paints)."""
    if not select.select([term.fd], [], [], 5.0)[0]:
        raise TimeoutError("no repaint within 5 s of Enter")
    last = sent
    while select.select([term.fd], [], [], quiet)[0]:
        os.read(term.fd, 65536)
        last = time.perf_counter()
    return last - sent


def keypresses(n: int, cols: int, rows: int, view: str) -> tuple[list[float], list[float]]:
    """Typing into the first interview's fields, in the conversation or the form."""
    letters = b"ZQXJVWKY"  # capitals no escape sequence of Textual's output ends with
    with tempfile.TemporaryDirectory() as data:
        term = Terminal(cols, rows, data)
        try:
            term.read_until(READY)
            term.drain()
            term.send(b"n")  # new interview: the picker
            term.read_until(b"Start a new interview")
            term.drain()
            term.send(b"\r")  # the first interview, as a conversation: the first question
            term.read_until(b"questions left")
            if view == "form":
                term.drain(0.3)
                term.send(b"\x1bOS")  # F4: the same draft as a form
                term.read_until(b"section 1 of")
            term.drain(0.5)
            times, confirms = [], []
            for i in range(n):
                key = letters[i % len(letters) : i % len(letters) + 1]
                sent = term.send(key)
                times.append(term.read_until(key, timeout=10) - sent)
                term.drain(0.05)
                if i % 4 == 3:
                    # Enter confirms the answer: validate, save the draft (two fsyncs),
                    # findings; the conversation draws the next question, the form moves
                    # to the next field (Shift+Tab brings the form back to the same one).
                    confirms.append(until_quiet(term, term.send(b"\r")))
                    if view == "form":
                        term.send(b"\x1b[Z")
                    term.drain(0.1)
            return times, confirms
        finally:
            term.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--size", default="80x24", help="terminal COLSxROWS (default 80x24)")
    args = parser.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    if not COUNSEL.exists():
        print(f"{COUNSEL} is missing: run `make setup` first", file=sys.stderr)
        return 1

    starts = cold_starts(args.starts, cols, rows)
    start_med = statistics.median(starts)
    print(f"terminal {cols}x{rows}, load average {os.getloadavg()[0]:.2f}")
    print(
        f"cold start to home screen: median {start_med:.3f} s over {len(starts)} runs "
        f"(min {min(starts):.3f}, max {max(starts):.3f}); target < {START_TARGET} s "
        f"{'OK' if start_med < START_TARGET else 'MISSED'}"
    )
    for view in ("conversation", "form"):
        keys, confirms = keypresses(args.keys, cols, rows, view)
        key_med = statistics.median(keys)
        print(
            f"keypress to repaint ({view}): median {key_med * 1000:.1f} ms over "
            f"{len(keys)} keys (p90 {sorted(keys)[int(len(keys) * 0.9) - 1] * 1000:.1f} ms, "
            f"max {max(keys) * 1000:.1f} ms); target < {KEY_TARGET * 1000:.0f} ms "
            f"{'OK' if key_med < KEY_TARGET else 'MISSED'}"
        )
        print(
            f"Enter ({view}: answer confirmed, draft saved) to repaint: median "
            f"{statistics.median(confirms) * 1000:.1f} ms over {len(confirms)} "
            f"(max {max(confirms) * 1000:.1f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
