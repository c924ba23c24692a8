"""Child processes that die with kg and stay within a memory limit.

``kg serve`` and the bounded queries start programs that must never outlive
kg (not even ``kill -9`` of kg) and must not take all the memory there is.
Linux does both for a process that asks for itself: ``PR_SET_PDEATHSIG`` and
``RLIMIT_AS``. Run as ``python -m kg.child PARENT MEMORY_MB PROGRAM ARGS...`` this
module asks for both and then becomes PROGRAM (exec keeps both), which avoids
``preexec_fn``, unsafe in a parent that has threads.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when ``parent`` dies (a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took
        os._exit(1)


def cap_memory(memory_mb: int | None) -> None:
    """Limit this process's address space; an allocation past it fails."""
    if memory_mb:
        import resource

        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def command(program: list[str], memory_mb: int | None) -> list[str]:
    """The command line that runs ``program`` as a bounded child of this process."""
    return [sys.executable, "-m", "kg.child", str(os.getpid()), str(memory_mb or 0), *program]


if __name__ == "__main__":
    die_with_parent(int(sys.argv[1]))
    cap_memory(int(sys.argv[2]))
    os.execv(sys.argv[3], sys.argv[3:])
