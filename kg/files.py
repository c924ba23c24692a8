"""Writing an output file whole: only regular files, their mode kept, nothing half-written left.

``kg dump -o FILE`` must leave FILE either as it was or holding the complete new
dump, even after ``kill -9``. The data goes to an unnamed file in FILE's folder
(Linux ``O_TMPFILE``) that gets a name only once it is complete, and is then
renamed over FILE. Where the file system cannot do that, a hidden temporary name
is used and removed on any error. A target that is not a regular file (a device,
a FIFO), a symbolic link or a read-only file is refused unless the caller forces
it: a forced device or FIFO is written into directly, a forced link writes the
file it points to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

AT_FDCWD = -100
AT_SYMLINK_FOLLOW = 0x400


@contextlib.contextmanager
def write_whole(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` when the block ends without error."""
    target, info = _target(Path(path), force)
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _failing_as(target), target.open("wb") as handle:
            yield handle
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else None
    with _failing_as(target), _replacement(target, mode) as handle:
        yield handle


def _target(path: Path, force: bool) -> tuple[Path, os.stat_result | None]:
    """Where to write and what is there now; refuses what the user would not expect replaced."""
    info = _lstat(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        if not force:
            raise OutputError(f"{path}: is a symbolic link; --force writes the file it points to")
        path = Path(os.path.realpath(path))
        info = _lstat(path)
    if info is None or force:
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a folder")
        return path, info
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: not a regular file ({_kind(info)}); --force writes into it")
    if not info.st_mode & 0o222:
        raise OutputError(f"{path}: is read-only; --force replaces it (keeping its mode)")
    return path, info


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror})") from None


def _kind(info: os.stat_result) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a character device"}
    kinds |= {stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}
    return next((name for test, name in kinds.items() if test(info.st_mode)), "special")


@contextlib.contextmanager
def _failing_as(path: Path) -> Iterator[None]:
    """An OSError while writing names the target, in one line."""
    try:
        yield
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None


@contextlib.contextmanager
def _replacement(path: Path, mode: int | None) -> Iterator[BinaryIO]:
    """Write an unnamed file beside ``path``; name it and rename it over ``path`` when done."""
    fd = _unnamed(path.parent)
    if fd is None:
        with _named_replacement(path, mode) as handle:
            yield handle
        return
    with os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        _finish(handle.fileno(), mode)
        with _removed_at_end(_hidden_name(path)) as temporary:
            if not _link(handle.fileno(), temporary):
                raise OSError(f"cannot name the new file in {path.parent}")
            os.replace(temporary, path)


def _unnamed(folder: Path) -> int | None:
    """An ``O_TMPFILE`` descriptor in ``folder``; ``None`` where the system has none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666)  # the umask applies, as for any file
    except IsADirectoryError:  # the kernel or file system lacks O_TMPFILE
        return None
    except OSError as err:
        if err.errno in (errno.EOPNOTSUPP, errno.EINVAL):  # the same, said otherwise
            return None
        raise


def _link(fd: int, name: Path) -> bool:
    """Give the unnamed file ``name`` (linkat through /proc, which needs no privilege)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    source = f"/proc/self/fd/{fd}".encode()
    done = libc.linkat(AT_FDCWD, source, AT_FDCWD, os.fsencode(name), AT_SYMLINK_FOLLOW)
    return done == 0


def _hidden_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.partial")


@contextlib.contextmanager
def _removed_at_end(temporary: Path) -> Iterator[Path]:
    """``temporary``, removed if it is still there at the end (renamed away when all went well)."""
    try:
        yield temporary
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


@contextlib.contextmanager
def _named_replacement(path: Path, mode: int | None) -> Iterator[BinaryIO]:
    """The fallback: a hidden temporary file, removed on any error or interruption."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    with _removed_at_end(Path(name)) as temporary, os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        _finish(handle.fileno(), mode if mode is not None else _default_mode())
        os.replace(temporary, path)


def _finish(fd: int, mode: int | None) -> None:
    """On disk before the rename, and with the replaced file's mode."""
    if mode is not None:
        os.fchmod(fd, mode)
    os.fsync(fd)


def _default_mode() -> int:
    """What a new file gets: 0666 less the umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
