"""Issue 16 items 6 and 7: where counsel writes private data, no symlink is followed, no file
of another user or readable by others is filled, and every folder it creates (parents
included) is 0700 under umask 0000."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counsel.cli import main
from counsel.errors import UsageError
from tests.security import helpers, tally


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path


def _answers(box: Path) -> Path:
    interview_id, raw = helpers.example("lien-account")
    from tests.security import canary

    return canary.write_answers(box / "answers.toml", interview_id, raw)


def _render(box: Path, out: Path, *extra: str) -> int:
    argv = helpers.render_argv("lien", _answers(box), out, *extra)
    argv[argv.index("both")] = "docx"  # the DOCX writer is fast; the paths are the point
    return main(argv)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _sheet(box: Path, rows: int = 2, bad: bool = False) -> Path:
    source = helpers.EXAMPLES / "batch" / "liens.csv"
    with source.open(encoding="utf-8-sig", newline="") as fh:
        data = list(csv.reader(fh))
    body = [list(r) for r in data[1 : rows + 1]]
    if bad:
        body[-1][data[0].index("document_date")] = "2026-02-30"
    sheet = box / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([data[0], *body])
    return sheet


# -- item 6: the register ----------------------------------------------------------------


def test_a_dangling_register_link_is_refused_not_created(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    target = box / "elsewhere" / "stolen.sqlite3"
    target.parent.mkdir()
    link = box / "reg.sqlite3"
    link.symlink_to(target)
    assert _render(box, box / "out", "--register", str(link)) == 2
    err = capsys.readouterr().err
    assert "--register" in err and "symbolic link" in err
    assert not target.exists()


def test_a_register_link_to_a_real_file_is_refused(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.register import Register

    tally.attack()
    real = box / "real.sqlite3"
    Register.open(real).close()
    before = real.read_bytes()
    link = box / "reg.sqlite3"
    link.symlink_to(real)
    assert _render(box, box / "out", "--register", str(link)) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert real.read_bytes() == before


def test_an_existing_file_others_may_read_is_refused_and_stays_empty(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    reg = box / "reg.sqlite3"
    reg.touch()
    reg.chmod(0o644)
    assert _render(box, box / "out", "--register", str(reg)) == 2
    err = capsys.readouterr().err
    assert "chmod 600" in err and "0644" in err
    assert reg.read_bytes() == b"" and _mode(reg) == 0o644


def test_another_users_register_is_refused(
    box: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import counsel.fsutil

    tally.attack()
    reg = box / "reg.sqlite3"
    reg.touch(mode=0o600)
    if os.geteuid() == 0:
        os.chown(reg, 4242, 4242)  # really another user's
    else:  # cannot give a file away: make counsel see itself as another user
        monkeypatch.setattr(counsel.fsutil, "_euid", lambda: os.geteuid() + 1)
    from counsel.register import Register

    with pytest.raises(UsageError, match="belongs to another user"):
        Register.open(reg)
    assert reg.read_bytes() == b""


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_planted_sqlite_side_file_is_refused(
    box: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.register import Register

    tally.attack()
    reg = box / "reg.sqlite3"
    Register.open(reg).close()
    for name in (reg.name + "-wal", reg.name + "-shm"):
        (box / name).unlink(missing_ok=True)
    target = box / "outside"
    (box / f"{reg.name}{suffix}").symlink_to(target)
    with pytest.raises(UsageError, match="symbolic link"):
        Register.open(reg)
    assert not target.exists()


def test_a_fifo_as_register_is_refused_without_waiting(box: Path) -> None:
    tally.attack()
    fifo = box / "reg.sqlite3"
    os.mkfifo(fifo, 0o600)
    code = (
        "import sys; from counsel.register import Register\n"
        "from counsel.errors import UsageError\n"
        "try:\n    Register.open(sys.argv[1])\n"
        "except UsageError as e:\n    print(e); sys.exit(2)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "not a regular file" in done.stdout


# -- item 6: the batch folder ---------------------------------------------------------------


def test_a_dangling_manifest_link_is_refused_and_nothing_leaves_the_folder(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    out = box / "out"
    out.mkdir(mode=0o700)
    target = box / "elsewhere" / "manifest.jsonl"
    target.parent.mkdir()
    (out / "manifest.jsonl").symlink_to(target)
    code = main(helpers.batch_argv(_sheet(box), out, "docx"))
    assert code == 2
    assert "symbolic link" in capsys.readouterr().err
    assert not target.exists()


def test_a_manifest_link_to_a_real_file_is_not_read_or_written(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    out = box / "out"
    out.mkdir(mode=0o700)
    target = box / "elsewhere.jsonl"
    target.write_text("{}\n")
    (out / "manifest.jsonl").symlink_to(target)
    code = main(helpers.batch_argv(_sheet(box), out, "docx", "--resume"))
    assert code == 2
    assert "symbolic link" in capsys.readouterr().err
    assert target.read_text() == "{}\n"


def test_links_at_output_names_are_never_followed(
    box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """errors.csv planted as a link (or a folder): the batch refuses the folder before it
    reads a row; a document's name planted as a dangling link: that row is refused, the
    link's target never created. The files they point to are untouched."""
    tally.attack(3)
    out = box / "out"
    out.mkdir(mode=0o700)
    victim = box / "victim.txt"
    victim.write_text("keep")
    (out / "errors.csv").symlink_to(victim)
    assert main(helpers.batch_argv(_sheet(box, bad=True), out, "docx")) == 2
    assert "errors.csv is not a regular file" in capsys.readouterr().err
    assert victim.read_text() == "keep" and (out / "errors.csv").is_symlink()
    (out / "errors.csv").unlink()
    (out / "errors.csv").mkdir()
    assert main(helpers.batch_argv(_sheet(box, bad=True), out, "docx")) == 2
    assert "internal error" not in capsys.readouterr().err
    (out / "errors.csv").rmdir()
    dangling = box / "nothing.docx"
    (out / "IVD-2025-100100_notice-of-lien.docx").symlink_to(dangling)
    assert main(helpers.batch_argv(_sheet(box, bad=True), out, "docx")) == 1
    capsys.readouterr()
    assert victim.read_text() == "keep" and not dangling.exists()
    assert (out / "IVD-2025-100100_notice-of-lien.docx").is_symlink()  # left as it was


# -- item 7: umask 0000, folders created with their parents -----------------------------------


@pytest.fixture
def open_umask(box: Path) -> Iterator[Path]:
    old = os.umask(0)
    try:
        yield box
    finally:
        os.umask(old)


def test_every_folder_counsel_creates_is_0700_under_umask_0000(
    open_umask: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from counsel.drafts import new_draft, save_draft

    box = open_umask
    made: list[Path] = []
    out = box / "r1" / "r2" / "r3"
    register = box / "g1" / "g2" / "reg.sqlite3"
    assert _render(box, out, "--register", str(register)) == 0
    made += [box / "r1", box / "r1" / "r2", out, box / "g1", box / "g1" / "g2"]
    batch_out = box / "b1" / "b2"
    data = box / "d1" / "d2"
    monkeypatch.setenv("COUNSEL_DATA_DIR", str(data))  # the default register and drafts
    assert main(helpers.batch_argv(_sheet(box), batch_out, "docx")) == 0
    made += [box / "b1", batch_out, box / "d1", data]
    save_draft(new_draft("lien").with_answer("obligor_name", "A Name"))
    made += [data / "drafts"]
    capsys.readouterr()
    tally.attack(len(made))
    assert {str(p.relative_to(box)): oct(_mode(p)) for p in made} == {
        str(p.relative_to(box)): oct(0o700) for p in made
    }
    files = [p for p in box.rglob("*") if p.is_file() and p.parent != box]
    assert files and all(_mode(p) == 0o600 for p in files), [
        (str(p), oct(_mode(p))) for p in files if _mode(p) != 0o600
    ]


@pytest.mark.parametrize("kind", ["file", "under-a-file", "proc", "dangling-link", "shared"])
def test_an_out_that_cannot_be_a_private_folder_is_exit_2(
    box: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tally.attack()
    afile = box / "afile"
    afile.write_text("x")
    out = {
        "file": afile,
        "under-a-file": afile / "sub",
        "proc": Path("/proc/counsel-cannot-be-here"),
        "dangling-link": box / "link",
        "shared": box / "shared",
    }[kind]
    if kind == "dangling-link":
        out.symlink_to(box / "nowhere")
    if kind == "shared":
        out.mkdir()
        out.chmod(0o1777)  # like /tmp: everyone may write in it
    for argv in (
        helpers.render_argv("lien", _answers(box), out),
        helpers.batch_argv(_sheet(box), out, "docx"),
    ):
        assert main(argv) == 2, (kind, argv[2])
        err = capsys.readouterr().err
        assert err.startswith("counsel: error: --out") and "internal error" not in err
    assert afile.read_text() == "x"
    assert not (box / "nowhere").exists()
