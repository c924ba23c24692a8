"""kg.files: an output file is replaced whole, never a device, FIFO or link unless forced.

Regressions for issue 12: ``kg dump -o`` turned a FIFO, a device node or a
symbolic link into a regular file, reset a read-only file's mode, and a killed
dump left ``FILE.partial`` behind.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.files import write_whole


def _write(path: Path, data: bytes = b"new\n", **options) -> None:
    with write_whole(path, **options) as handle:
        handle.write(data)


def _names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_files_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        _write(tmp_path / "out.trig")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.trig").stat().st_mode) == 0o640


def test_files_replacement_keeps_the_mode(tmp_path):
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    out.chmod(0o604)
    _write(out)
    assert (out.read_bytes(), stat.S_IMODE(out.stat().st_mode)) == (b"new\n", 0o604)


def test_files_read_only_file_is_refused_unless_forced(tmp_path):
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    out.chmod(0o444)
    with pytest.raises(OutputError) as refused:
        _write(out)
    assert str(refused.value) == f"{out}: is read-only; --force replaces it (keeping its mode)"
    assert out.read_bytes() == b"old\n"
    _write(out, force=True)
    assert (out.read_bytes(), stat.S_IMODE(out.stat().st_mode)) == (b"new\n", 0o444)


def test_files_symlink_is_refused_unless_forced_then_its_file_is_written(tmp_path):
    real, link = tmp_path / "real.trig", tmp_path / "link.trig"
    real.write_bytes(b"old\n")
    link.symlink_to(real.name)
    with pytest.raises(OutputError) as refused:
        _write(link)
    assert str(refused.value).endswith("is a symbolic link; --force writes the file it points to")
    assert (link.is_symlink(), real.read_bytes()) == (True, b"old\n")
    _write(link, force=True)
    assert (link.is_symlink(), real.read_bytes()) == (True, b"new\n")


def test_files_fifo_is_refused_unless_forced_then_written_into(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as refused:
        _write(fifo)
    assert str(refused.value) == f"{fifo}: not a regular file (a FIFO); --force writes into it"
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    _write(fifo, force=True)
    reader.join(10)
    assert (stat.S_ISFIFO(fifo.lstat().st_mode), received) == (True, [b"new\n"])


def test_files_device_is_refused_unless_forced(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(OutputError) as refused:
        _write(device)
    assert "not a regular file (a character device)" in str(refused.value)
    _write(device, force=True)
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_files_nothing_is_named_while_writing(tmp_path):
    """What a kill -9 at that moment would leave: the old file and nothing else."""
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    with write_whole(out) as handle:
        handle.write(b"half")
        assert (_names(tmp_path), out.read_bytes()) == (["out.trig"], b"old\n")


def test_files_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    with pytest.raises(OutputError) as failed, write_whole(out) as handle:
        handle.write(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert str(failed.value) == f"{out}: cannot write (No space left on device)"
    assert (_names(tmp_path), out.read_bytes()) == (["out.trig"], b"old\n")


def test_files_interrupted_write_leaves_the_old_file_and_nothing_else(tmp_path):
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    with pytest.raises(KeyboardInterrupt), write_whole(out) as handle:
        handle.write(b"half")
        raise KeyboardInterrupt
    assert (_names(tmp_path), out.read_bytes()) == (["out.trig"], b"old\n")


def test_files_without_o_tmpfile_a_hidden_temporary_is_cleaned_up(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE")
    out = tmp_path / "out.trig"
    out.write_bytes(b"old\n")
    out.chmod(0o640)
    with pytest.raises(OutputError), write_whole(out) as handle:
        handle.write(b"half")
        raise OSError(errno.EIO, "I/O error")
    assert _names(tmp_path) == ["out.trig"]
    _write(out)
    assert (_names(tmp_path), out.read_bytes()) == (["out.trig"], b"new\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_files_folder_is_refused(tmp_path):
    with pytest.raises(OutputError) as refused:
        _write(tmp_path, force=True)
    assert str(refused.value) == f"{tmp_path}: is a folder"
