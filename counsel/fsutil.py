"""Owner-only files and folders: crash-safe writes, no symlink followed, no file of another user."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from counsel.errors import UsageError

FILE_MODE = 0o600
DIR_MODE = 0o700


class UnsafePathError(UsageError, OSError):
    """A place counsel would write private data is not safe (a symlink, another user's file,
    a file others can read) or cannot be created; the message names the argument and the fix.

    Also an OSError, so callers that handled the file system's errors still do."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _unsafe(what: str, message: str) -> UnsafePathError:
    """The error, about the input `what` names (the library's word: "out"); the message names
    no option: the command line adds its own (`--out: `)."""
    return UnsafePathError(message, what=what)


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def private_dir(path: Path, *, what: str = "", chmod_existing: bool = True) -> Path:
    """Create `path` if needed, every missing parent included, each owner-only (0700) before
    anything goes in it, whatever the umask; the folder itself is made 0700.

    Folders that already exist above it keep their permissions (they are the user's), and
    so does `path` itself when it exists and `chmod_existing` is false. A path that is a
    file, a dangling symlink, another user's or a shared folder (world-writable or sticky,
    like /tmp), or cannot be created is an UnsafePathError naming `what` (the argument,
    such as "out").
    """
    path = Path(path)
    missing: list[Path] = []
    current = path
    while True:
        try:
            os.lstat(current)  # anything there, a dangling link included, ends the walk
            break
        except FileNotFoundError:
            missing.append(current)
            if current.parent == current:
                break
            current = current.parent
        except OSError as exc:
            raise _unsafe(
                what,
                f"cannot create the folder {path} ({_reason(exc)}); give a folder you can write to",
            ) from None
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue  # another process made it meanwhile: not ours to change
        except OSError as exc:
            raise _unsafe(
                what,
                f"cannot create the folder {path} ({_reason(exc)}); give a folder you can write to",
            ) from None
        # mkdir's mode is filtered by the umask, and a parent made by mkdir -p would be
        # 0777 & ~umask: every folder counsel makes is set 0700 before anything goes in it.
        os.chmod(folder, DIR_MODE)
    if os.path.islink(path) and not path.exists():
        raise _unsafe(what, f"{path} is a symbolic link to nothing; give a folder")
    if not path.is_dir():
        raise _unsafe(what, f"{path} is a file, not a folder; give a folder")
    st = path.stat()
    if st.st_uid != _euid() or st.st_mode & (stat.S_IWOTH | stat.S_ISVTX):
        # Another user's folder, or a shared one such as /tmp: others could read the files
        # or plant links among them, and making it 0700 would take it from them.
        raise _unsafe(
            what,
            f"{path} is a shared folder or another user's; give a folder of yours "
            "(counsel creates it 0700)",
        )
    if chmod_existing or path in missing:
        os.chmod(path, DIR_MODE)
    return path


def check_private_fd(fd: int, path: Path, *, what: str = "", private: bool = True) -> None:
    """The open file `fd` (at `path`) is a regular file of this user that (if `private`) no
    one else may read or write; else UnsafePathError with the reason and the fix."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise _unsafe(what, f"{path} is not a regular file; give a file path")
    if st.st_uid != _euid():
        raise _unsafe(
            what,
            f"{path} belongs to another user (uid {st.st_uid}); counsel keeps private "
            "data only in files of yours: give another path",
        )
    if private and st.st_mode & 0o077:
        raise _unsafe(
            what,
            f"{path} can be read or written by others (mode "
            f"{stat.S_IMODE(st.st_mode):04o}); run `chmod 600 {path}` or give another path",
        )


def _euid() -> int:
    return os.geteuid()


def open_private(
    path: Path,
    flags: int = os.O_WRONLY,
    *,
    what: str = "",
    create: bool = True,
    private: bool = True,
) -> int:
    """A file descriptor on a private file: created 0600 if absent (exclusively, so nothing
    is written before it is owner-only), else opened without following a symlink and
    checked by `check_private_fd`.

    `flags` are the access flags (os.O_WRONLY | os.O_APPEND, os.O_RDONLY, ...). With
    `create=False` an absent file raises FileNotFoundError. A symlink, a device, a FIFO,
    another user's file or (if `private`) one others may read is refused (UnsafePathError
    naming `what`). `private=False` is for files that hold no private data (a batch
    manifest): their mode is not checked, the rest is.
    """
    base = flags | os.O_NOFOLLOW | os.O_CLOEXEC
    if create:
        try:
            fd = os.open(path, base | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            pass  # a file, a symlink (dangling too) or anything else: opened and checked below
        except OSError as exc:
            raise _unsafe(
                what,
                f"cannot create {path} ({_reason(exc)}); check the folder or give another path",
            ) from None
        else:
            os.fchmod(fd, FILE_MODE)
            return fd
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, base | os.O_NONBLOCK)
    except FileNotFoundError:
        if create:  # removed between the two opens: a race, reported rather than looped
            raise _unsafe(what, f"{path} changed while opening it; try again") from None
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _unsafe(
                what,
                f"{path} is a symbolic link; counsel does not follow links where it "
                "keeps private data: give the path of a real file",
            ) from None
        if exc.errno in (errno.ENXIO, errno.EISDIR):
            raise _unsafe(what, f"{path} is not a regular file; give a file path") from None
        raise _unsafe(what, f"cannot open {path} ({_reason(exc)})") from None
    try:
        check_private_fd(fd, path, what=what, private=private)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def ensure_private_file(path: Path, *, what: str = "", create: bool = True) -> None:
    """Make sure `path` is a private file before another library (SQLite) opens it by name:
    created 0600 if absent, else checked as `open_private` does. With `create=False` an
    absent file is fine (a SQLite `-wal` that does not exist yet)."""
    try:
        fd = open_private(path, os.O_RDONLY, what=what, create=create)
    except FileNotFoundError:
        return
    os.close(fd)


def read_private(path: Path, *, what: str = "", private: bool = True) -> bytes:
    """The bytes of an existing file of this user, read without following a symlink
    (FileNotFoundError if absent; see `open_private` for `private`)."""
    fd = open_private(path, os.O_RDONLY, what=what, create=False, private=private)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


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
