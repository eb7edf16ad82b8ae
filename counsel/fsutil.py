"""Crash-safe, owner-only file writes: temp file, fsync, rename, directory fsync."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed; the folder itself is made owner-only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Flush a directory entry so a rename inside it survives a power loss."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, mode: int = FILE_MODE, sync_dir: bool = True) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new, never a mix.

    The temporary file is created in the target folder (same file system, so the rename is
    atomic) with owner-only permissions from the start, and removed if anything fails.
    `sync_dir=False` leaves the folder's fsync to a caller that writes several files into
    it and syncs it once (a batch row).
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if sync_dir:
        fsync_dir(folder)


def create_new(path: Path, data: bytes, *, mode: int = FILE_MODE, sync_dir: bool = True) -> None:
    """Write `data` to `path` only if no file is there: FileExistsError otherwise.

    Two writers racing for one name cannot both succeed, and a reader never sees a partial
    file: the bytes go to a temporary file first (fsynced, owner-only), which is then
    hard-linked to `path` (link() refuses an existing name, atomically). On a file system
    without hard links the file is created with O_EXCL and written in place instead (still
    never two winners, but a reader may see it half written).
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except OSError as exc:
            if isinstance(exc, FileExistsError) or exc.errno not in _NO_LINKS:
                raise
            _create_in_place(path, data, mode)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    if sync_dir:
        fsync_dir(folder)


# link() on file systems that have no hard links (some network and FAT-like mounts).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


def _create_in_place(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        raise
    os.close(fd)


def atomic_write_text(path: Path, text: str, *, mode: int = FILE_MODE) -> None:
    atomic_write(path, text.encode("utf-8"), mode=mode)
