"""The CLI's standard output: written at once, and a full disk is one error line.

A failed write to stdout (``kg dump > /dev/full``) must not become a traceback,
nor be mistaken for a store error that happens while the same command writes:
the stream remembers its own failure. A closed pipe (``kg dump | head``) is
left to click, which exits quietly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO

from kg.errors import OutputError


def emit(text: str, *, nl: bool = True) -> None:
    """Print to stdout now: a full disk is one error line, a closed pipe click's quiet exit."""
    write_stdout(lambda out: out.write((text + ("\n" if nl else "")).encode()))


def write_stdout(produce: Callable[[IO[bytes]], object]) -> None:
    """Run ``produce`` on stdout's bytes and flush; only a failed *write* is an OutputError."""
    out = _Guarded(sys.stdout.buffer)
    try:
        produce(out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        if out.failure is None:
            raise
        raise OutputError(f"cannot write to standard output ({out.failure.strerror})") from err


class _Guarded:
    """A byte stream that remembers its own write failure, to tell it from a store error."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.failure: OSError | None = None

    def write(self, data: bytes) -> int:
        return self._call(self._raw.write, data)

    def flush(self) -> None:
        self._call(self._raw.flush)

    def _call(self, method, *args):
        try:
            return method(*args)
        except OSError as err:
            self.failure = err
            raise
