"""Drafts on disk: atomic private writes, previous version kept, unreadable drafts set aside."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from counsel import drafts
from counsel.errors import NotFoundError, UsageError


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "drafts"


def test_save_and_load_round_trip_with_private_modes(folder: Path) -> None:
    d = drafts.new_draft("lien").with_answer("case_number", "2026-D-0142")
    d = d.with_answer("past_due", "$1,250.00").at_section("amounts")
    path = drafts.save_draft(d, folder)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    back = drafts.load_draft(d.id, folder)
    assert back == d
    assert back.section == "amounts"


def test_default_folder_honours_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(drafts.ENV_VAR, str(tmp_path / "data"))
    d = drafts.new_draft("track")
    path = drafts.save_draft(d)
    assert path.parent == tmp_path / "data" / "drafts"
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_typed_values_are_saved_as_text_never_float(folder: Path) -> None:
    d = drafts.new_draft("prior-period")
    d = d.with_answer("start", dt.date(2024, 2, 29)).with_answer("monthly", Decimal("412.50"))
    d = d.with_answer("children", [{"name": "A", "birth_date": dt.date(2012, 3, 1)}])
    drafts.save_draft(d, folder)
    raw = json.loads((folder / f"{d.id}.json").read_text())
    assert raw["answers"] == {
        "start": "2024-02-29",
        "monthly": "412.50",
        "children": [{"name": "A", "birth_date": "2012-03-01"}],
    }


def test_unsavable_value_names_the_type_not_the_value(folder: Path) -> None:
    d = drafts.new_draft("lien").with_answer("x", object())
    with pytest.raises(TypeError, match="object"):
        drafts.save_draft(d, folder)


def test_previous_version_is_kept(folder: Path) -> None:
    d = drafts.new_draft("lien").with_answer("a", "1")
    drafts.save_draft(d, folder)
    d2 = d.with_answer("b", "2")
    drafts.save_draft(d2, folder)
    prev = json.loads((folder / f"{d.id}.json.prev").read_text())
    assert prev["answers"] == {"a": "1"}
    assert stat.S_IMODE((folder / f"{d.id}.json.prev").stat().st_mode) == 0o600
    assert drafts.load_draft(d.id, folder).answers == {"a": "1", "b": "2"}


def test_with_answer_none_removes(folder: Path) -> None:
    d = drafts.new_draft("lien").with_answer("a", "1").with_answer("a", None)
    assert d.answers == {}


def test_listing_is_newest_first(folder: Path) -> None:
    old = drafts.new_draft("lien")
    old = drafts.Draft(old.id, "lien", {}, "", old.created, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    new = drafts.new_draft("track")
    drafts.save_draft(old, folder)
    drafts.save_draft(new, folder)
    listing = drafts.list_drafts(folder)
    assert [d.id for d in listing.drafts] == [new.id, old.id]
    assert listing.problems == ()


def test_corrupt_draft_is_moved_aside_and_previous_restored(folder: Path) -> None:
    d = drafts.new_draft("lien").with_answer("a", "1")
    drafts.save_draft(d, folder)
    drafts.save_draft(d.with_answer("b", "2"), folder)
    path = folder / f"{d.id}.json"
    path.write_text('{"format": 1, "answers": {"ssn": "123-45-6789"')  # truncated
    listing = drafts.list_drafts(folder)
    (problem,) = listing.problems
    assert problem.path == path
    assert problem.moved_to.exists() and problem.moved_to.name.startswith(f"{d.id}.json.unread")
    assert "123-45-6789" in problem.moved_to.read_text()  # kept, never deleted
    assert problem.restored_previous
    assert "not valid JSON" in problem.message()
    assert "123-45" not in problem.message()  # never echoes the contents
    (restored,) = listing.drafts
    assert restored.answers == {"a": "1"}


def test_corrupt_draft_without_previous_is_reported_not_raised(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / "lien-20260101t000000-abcdef.json").write_bytes(b"\xff\xfe garbage")
    listing = drafts.list_drafts(folder)
    assert listing.drafts == ()
    (problem,) = listing.problems
    assert not problem.restored_previous
    assert "UTF-8" in problem.reason
    assert not problem.path.exists() and problem.moved_to.exists()


def test_newer_format_is_set_aside_with_a_clear_reason(folder: Path) -> None:
    d = drafts.new_draft("lien")
    drafts.save_draft(d, folder)
    path = folder / f"{d.id}.json"
    data = json.loads(path.read_text())
    data["format"] = drafts.FORMAT_VERSION + 1
    path.write_text(json.dumps(data))
    with pytest.raises(drafts.DraftError, match="newer version of counsel"):
        drafts.load_draft(d.id, folder)
    listing = drafts.list_drafts(folder)
    assert "newer version" in listing.problems[0].reason
    assert listing.problems[0].moved_to.exists()


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("[]", "not a JSON object"),
        ('{"id": "x"}', "missing key 'format'"),
        ('{"format": 1, "id": "a-b", "interview": "lien", "answers": []}', "'answers'"),
        (
            '{"format": 1, "id": "a-b", "interview": "lien", "answers": {}, '
            '"created": "yesterday", "updated": "today"}',
            "ISO timestamp",
        ),
    ],
)
def test_each_malformed_draft_names_its_problem(folder: Path, payload: str, reason: str) -> None:
    folder.mkdir(mode=0o700)
    (folder / "a-b.json").write_text(payload)
    with pytest.raises(drafts.DraftError, match=reason):
        drafts.load_draft("a-b", folder)


def test_missing_draft_and_bad_ids(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    with pytest.raises(NotFoundError):
        drafts.load_draft("lien-nothing", folder)
    with pytest.raises(UsageError, match="draft id"):
        drafts.load_draft("../../etc/passwd", folder)
    with pytest.raises(UsageError, match="interview id"):
        drafts.new_draft("Bad Name")


def test_stale_temp_files_are_cleaned_fresh_ones_kept(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    stale = folder / ".x.json.abc.tmp"
    fresh = folder / ".y.json.def.tmp"
    stale.write_text("partial")
    fresh.write_text("partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    drafts.list_drafts(folder)
    assert not stale.exists()
    assert fresh.exists()


def test_archive_keeps_the_files(folder: Path) -> None:
    d = drafts.new_draft("lien")
    drafts.save_draft(d, folder)
    drafts.save_draft(d.with_answer("a", "1"), folder)
    target = drafts.archive_draft(d.id, folder)
    assert target.exists() and (folder / "done" / f"{d.id}.json.prev").exists()
    assert drafts.list_drafts(folder).drafts == ()


# The kill test: a child process confirms answers one by one through save_draft (the same
# call the interview screen makes on every confirmed answer) and prints each confirmation;
# it is SIGKILLed at a random moment. A restart must load a valid draft holding every
# answer whose confirmation was printed.
_CHILD = """
import sys
from pathlib import Path
from counsel import drafts
folder = Path(sys.argv[1])
listing = drafts.list_drafts(folder)
d = listing.drafts[0] if listing.drafts else drafts.new_draft("lien")
n = len(d.answers)
print("ready", flush=True)
while True:
    d = d.with_answer(f"q{n:05d}", f"answer {n} " + "x" * (n % 97))
    drafts.save_draft(d, folder)
    print(n, flush=True)
    n += 1
"""


def test_kill_9_at_random_moments_loses_no_confirmed_answer(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    rng = random.Random(20261123)
    confirmed = -1
    # 25 kills, each once the child has confirmed 1-3 more answers and a random moment
    # later (0-5 ms: often inside the next save). Counted in saves, not seconds, so a loaded
    # machine (a child slow to start or to save) kills at the same points as an idle one.
    for kill in range(1, 26):
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 3)):
            line = proc.stdout.readline()
            assert line.strip().isdigit(), line
            confirmed = max(confirmed, int(line))
        time.sleep(rng.uniform(0.0, 0.005))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().split():
            confirmed = max(confirmed, int(line))
        proc.stdout.close()
        listing = drafts.list_drafts(folder)
        assert listing.problems == ()
        (draft,) = listing.drafts
        for i in range(confirmed + 1):
            assert f"q{i:05d}" in draft.answers, f"answer {i} lost after kill {kill}"
        # Nothing beyond the one save that may have been in flight at the kill.
        assert len(draft.answers) <= confirmed + 2
    assert confirmed >= 25
