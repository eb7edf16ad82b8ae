"""Kill -9 while the app is being driven: every answer the screen confirmed is in the draft.

A child process runs the real app (headless, through run_test) and types an example's
answers; after each draft save returns it prints the answer it saved. The parent SIGKILLs
the child at a random moment, then reads the drafts folder as a restart would.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counsel import drafts
from counsel.office import load_office
from counsel.tui.app import CounselApp
from counsel.tui.screens.interview import InterviewScreen

ROOT = Path(__file__).resolve().parent.parent.parent

_CHILD = """
import asyncio, json, sys
from pathlib import Path
from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.tui import session as session_module
from counsel.tui.app import CounselApp
from tests.tui.helpers import fill_interview

real_save = drafts.save_draft

def save_and_tell(draft, folder=None):
    path = real_save(draft, folder)
    print(json.dumps(dict(draft.answers), default=str), flush=True)
    return path

session_module.drafts.save_draft = save_and_tell  # the call the interview screen makes

async def main():
    folder = Path(sys.argv[1])
    _, raw = load_answers_file(Path("examples/lien-account.toml"))
    app = CounselApp(load_office(Path("examples/office.toml")), drafts_folder=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_draft(drafts.new_draft("lien").in_view("form"))
        await pilot.pause()
        print("ready", flush=True)
        await fill_interview(pilot, app.screen, raw)
        await asyncio.sleep(60)

asyncio.run(main())
"""


async def _restart_shows(folder: Path, confirmed: dict[str, object]) -> None:
    """A restart: home lists the draft; resuming it shows every confirmed answer."""
    app = CounselApp(load_office(ROOT / "examples" / "office.toml"), drafts_folder=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        shown = json.loads(json.dumps(dict(screen.session.raw), default=str))
        for qid, value in confirmed.items():
            assert shown.get(qid) == value, qid
        block = next(iter(screen.blocks()), None)
        if block is not None and block.question_id in confirmed:
            assert block.value == confirmed[block.question_id]


_TALK = """
import asyncio, json, sys
from pathlib import Path
from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.tui import session as session_module
from counsel.tui.app import CounselApp
from counsel.tui.screens import conversation
from tests.tui.converse import Keys, answer_for, press, type_answer

real_save = drafts.save_draft

def save_and_tell(draft, folder=None):
    path = real_save(draft, folder)
    print(json.dumps({"saved": dict(draft.answers)}, default=str), flush=True)
    return path

session_module.drafts.save_draft = save_and_tell
real_show = conversation.ConversationScreen.show

def show_and_tell(self, step):
    real_show(self, step)
    print(json.dumps({"asking": step.key if step is not None else None}), flush=True)

conversation.ConversationScreen.show = show_and_tell

async def main():
    folder = Path(sys.argv[1])
    _, raw = load_answers_file(Path("examples/prior-period-judicial.toml"))
    app = CounselApp(load_office(Path("examples/office.toml")), drafts_folder=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_draft(drafts.new_draft("prior-period"))
        await pilot.pause()
        while not getattr(app.screen, "ready", False):
            await pilot.pause(0.02)
        print("ready", flush=True)
        screen, count = app.screen, Keys()
        while screen.current is not None:
            await type_answer(pilot, answer_for(screen.current, raw), count)
            await press(pilot, count, "enter")
        await asyncio.sleep(60)

asyncio.run(main())
"""


def _run_and_kill(script: str, folder: Path, tmp_path: Path, rng: random.Random) -> list[bytes]:
    """Start the child, kill -9 it at a random moment after it is ready; its output lines."""
    env = dict(os.environ, COUNSEL_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[bytes] = []
    buffer = b""
    deadline = None
    stop = time.monotonic() + 60
    while time.monotonic() < stop:
        ready, _, _ = select.select([proc.stdout], [], [], 0.02)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *done, buffer = buffer.split(b"\n")
            lines.extend(done)
            if deadline is None and b"ready" in lines:
                deadline = time.monotonic() + rng.uniform(0.3, 2.0)
        if deadline is not None and time.monotonic() >= deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return lines


@pytest.mark.slow
async def test_kill_9_mid_conversation_resumes_at_the_same_question(tmp_path: Path) -> None:
    """Killed while answering: the restart asks the question that was being asked (or, when
    the kill fell between saving an answer and showing the next question, the next one),
    with every confirmed answer."""
    from counsel.tui.screens.conversation import ConversationScreen

    rng = random.Random(14)
    checked = 0
    for run in range(3):
        folder = tmp_path / f"talk{run}"
        lines = _run_and_kill(_TALK, folder, tmp_path, rng)
        events = [json.loads(line) for line in lines if line.startswith(b"{")]
        saves = [e["saved"] for e in events if "saved" in e]
        asking = [e["asking"] for e in events if "asking" in e]
        if not saves:
            continue
        (draft,) = drafts.list_drafts(folder).drafts
        app = CounselApp(load_office(ROOT / "examples" / "office.toml"), drafts_folder=folder)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ConversationScreen)
            shown = json.loads(json.dumps(dict(screen.session.raw), default=str))
            assert shown == saves[-1]  # every confirmed answer, nothing else
            now = screen.current.key if screen.current is not None else None
            last_event = events[-1]
            if "asking" in last_event:
                assert now == last_event["asking"]
            else:  # killed after the save, before the next question was drawn
                assert now != asking[-1]
            checked += 1
    assert checked > 0, "no answer was confirmed before any kill"


@pytest.mark.slow
async def test_kill_9_while_typing_keeps_every_confirmed_answer(tmp_path: Path) -> None:
    rng = random.Random(5)
    kills = 0
    checked = 0
    for run in range(3):
        folder = tmp_path / f"drafts{run}"
        env = dict(os.environ, COUNSEL_DATA_DIR=str(tmp_path / "data"))
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
        )
        assert proc.stdout is not None
        lines: list[bytes] = []
        buffer = b""
        deadline = None
        stop = time.monotonic() + 60
        while time.monotonic() < stop:
            ready, _, _ = select.select([proc.stdout], [], [], 0.02)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                buffer += chunk
                *done, buffer = buffer.split(b"\n")
                lines.extend(done)
                if deadline is None and b"ready" in lines:
                    deadline = time.monotonic() + rng.uniform(0.2, 1.5)
            if deadline is not None and time.monotonic() >= deadline:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        kills += 1
        confirmed = [json.loads(line) for line in lines if line.startswith(b"{")]
        listing = drafts.list_drafts(folder)
        assert listing.problems == ()
        (draft,) = listing.drafts
        if confirmed:
            last = confirmed[-1]
            for qid, value in last.items():
                assert json.loads(json.dumps(draft.answers.get(qid), default=str)) == value, qid
            checked += len(last)
            await _restart_shows(folder, last)
    assert kills == 3
    assert checked > 0, "no answer was confirmed before any kill"
