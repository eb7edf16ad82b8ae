"""Kill -9 while the app is being driven: every answer the screen confirmed is in the draft.

A child process runs the real app (headless, through run_test) and types an example's
answers; it prints each answer set before its draft save starts ("saving ...") and again
once the save returned (confirmed). The parent SIGKILLs the child after a chosen number of
saves have started, a random moment later (often inside the next save), reads every line the
child wrote, and then reads the drafts folder as a restart would. The draft must hold the
last confirmed answers exactly, or, when a save was in flight at the kill, that save's
answers: no confirmed answer lost, nothing but the one in flight added.
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
from typing import Any

import pytest

from counsel import drafts
from counsel.office import load_office
from counsel.tui.app import CounselApp
from counsel.tui.screens.interview import InterviewScreen

ROOT = Path(__file__).resolve().parent.parent.parent

_CHILD = """
import asyncio, json, sys
from pathlib import Path
from typing import Any
from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.tui import session as session_module
from counsel.tui.app import CounselApp
from tests.tui.helpers import fill_interview

real_save = drafts.save_draft

def save_and_tell(draft, folder=None):
    # Before: the answers in flight ("saving" lines); after: confirmed ("{...}" lines, which
    # tools/soak.py reads too).
    print("saving " + json.dumps(dict(draft.answers), default=str), flush=True)
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
from typing import Any
from counsel import drafts
from counsel.interviewer import load_answers_file
from counsel.office import load_office
from counsel.tui import session as session_module
from counsel.tui.app import CounselApp
from counsel.tui.screens import conversation
from tests.tui.converse import Keys, answer_for, press, type_answer

real_save = drafts.save_draft

def state(draft):
    return {"answers": dict(draft.answers), "asked": sorted(draft.asked)}

def save_and_tell(draft, folder=None):
    print(json.dumps({"saving": state(draft)}, default=str), flush=True)
    path = real_save(draft, folder)
    print(json.dumps({"saved": state(draft)}, default=str), flush=True)
    return path

session_module.drafts.save_draft = save_and_tell
real_show = conversation.ConversationScreen.show

def show_and_tell(self, step, **kw):
    real_show(self, step, **kw)
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


def _run_and_kill(
    script: str, folder: Path, tmp_path: Path, rng: random.Random, saves: int
) -> list[bytes]:
    """Start the child; once `saves` draft saves have started, kill -9 it a random moment
    later (0-40 ms: often inside the next save, or between a save and the next question
    drawn). Every line the child wrote before it died."""
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
    # A guard only: the kill comes after a count of saves, not a time, so a slow (loaded)
    # machine kills at the same point of the interview as a fast one.
    stop = time.monotonic() + 300
    started = 0
    while time.monotonic() < stop and started < saves:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        buffer += chunk
        *done, buffer = buffer.split(b"\n")
        lines.extend(done)
        started = sum(1 for line in lines if _is_saving(line))
    assert started >= saves, f"the child started {started} saves, not {saves}"
    time.sleep(rng.uniform(0.0, 0.04))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # What the child wrote before it died is still in the pipe: read it all.
    rest = buffer + proc.stdout.read()
    proc.stdout.close()
    lines.extend(line for line in rest.split(b"\n") if line)
    return lines


def _is_saving(line: bytes) -> bool:
    return line.startswith((b"saving ", b'{"saving"'))


def _in_flight(confirmed: list[Any], starting: list[Any], last_is_start: bool) -> list[Any]:
    """What the draft on disk may hold: the last confirmed save, or, when a save had started
    and not returned at the kill, that save's (the write is atomic: one or the other)."""
    allowed = [confirmed[-1]] if confirmed else [None]
    if last_is_start:
        allowed.append(starting[-1])
    return allowed


@pytest.mark.slow
async def test_kill_9_mid_conversation_resumes_at_the_same_question(tmp_path: Path) -> None:
    """Killed while answering: the draft holds every confirmed answer (and at most the save
    in flight); the restart asks the question that was being asked (or, when the kill fell
    after an answer was saved and before the next question was shown, the next one)."""
    from counsel.tui.screens.conversation import ConversationScreen

    rng = random.Random(14)
    for run, saves in enumerate([rng.randint(2, 12), rng.randint(13, 24), rng.randint(25, 36)]):
        folder = tmp_path / f"talk{run}"
        lines = _run_and_kill(_TALK, folder, tmp_path, rng, saves)
        events = [json.loads(line) for line in lines if line.startswith(b"{")]
        confirmed = [e["saved"] for e in events if "saved" in e]
        starting = [e["saving"] for e in events if "saving" in e]
        last_save = [e for e in events if "saved" in e or "saving" in e][-1]
        allowed = _in_flight(confirmed, starting, "saving" in last_save)
        (draft,) = drafts.list_drafts(folder).drafts
        on_disk = json.loads(
            json.dumps({"answers": dict(draft.answers), "asked": sorted(draft.asked)}, default=str)
        )
        assert on_disk in allowed, f"run {run}: the draft is neither confirmed nor in flight"
        # The events as the draft on disk tells them: a save in flight that reached the disk
        # counts as done; one that did not, as not started.
        if "saving" in last_save:
            if on_disk == last_save["saving"] and on_disk != allowed[0]:
                events.append({"saved": on_disk})
            else:
                events = events[: len(events) - events[::-1].index(last_save) - 1]
        asking = [e["asking"] for e in events if "asking" in e]
        app = CounselApp(load_office(ROOT / "examples" / "office.toml"), drafts_folder=folder)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ConversationScreen)
            shown = json.loads(json.dumps(dict(screen.session.raw), default=str))
            assert shown == on_disk["answers"]  # every confirmed answer, nothing else
            now = screen.current.key if screen.current is not None else None
            if "asking" in events[-1]:
                assert now == events[-1]["asking"]
            else:  # killed after the save, before the next question was drawn
                assert now != asking[-1]


@pytest.mark.slow
async def test_kill_9_while_typing_keeps_every_confirmed_answer(tmp_path: Path) -> None:
    rng = random.Random(5)
    for run, saves in enumerate([rng.randint(2, 7), rng.randint(8, 14), rng.randint(15, 22)]):
        folder = tmp_path / f"drafts{run}"
        lines = _run_and_kill(_CHILD, folder, tmp_path, rng, saves)
        confirmed = [json.loads(line) for line in lines if line.startswith(b"{")]
        starting = [json.loads(line[len(b"saving ") :]) for line in lines if _is_saving(line)]
        saving_lines = [line for line in lines if _is_saving(line) or line.startswith(b"{")]
        allowed = _in_flight(confirmed, starting, _is_saving(saving_lines[-1]))
        listing = drafts.list_drafts(folder)
        assert listing.problems == ()
        (draft,) = listing.drafts
        on_disk = json.loads(json.dumps(dict(draft.answers), default=str))
        assert on_disk in allowed, f"run {run}: the draft is neither confirmed nor in flight"
        await _restart_shows(folder, on_disk)
