"""``kg serve``: the Oxigraph server over the store, read-only unless asked otherwise.

The server is the real ``oxigraph`` binary (SPARQL 1.1 Protocol at ``/query``,
``/update`` only when writable, and its browser query UI at ``/``). Queries see
the store's merged view by default, as ``kg sparql`` does; updates sent to a
writable server reach that view when the server stops. A read-only server
takes no lock, so ``kg query`` keeps working beside it; a writable one holds
the store's lock until it stops.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import StoreError, UsageError

READY_TIMEOUT = 30.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with powkg (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise UsageError("the 'oxigraph' server binary is not installed (pip install oxigraph)")
    return found


def server_command(store: Path, host: str, port: int, *, writable: bool = False) -> list[str]:
    """The command line that serves ``store``; read-only servers never take the write lock."""
    if not (Path(store) / "CURRENT").exists():
        raise StoreError(f"{store}: no store here (run 'kg ingest' first)")
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {port}")
    mode = "serve" if writable else "serve-read-only"
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_binary(),
        mode,
        "--location",
        str(store),
        "--bind",
        bind,
    ]


def start(store: Path, host: str, port: int, *, writable: bool = False) -> subprocess.Popen:
    """Start the server and return once it accepts connections; the caller stops it.

    The server's own messages go to a temporary file, so a failure to start
    (port taken, store locked) becomes one line in a :class:`StoreError`.
    """
    command = server_command(store, host, port, writable=writable)
    _check_port_free(host, port)
    if writable:
        _check_unlocked(store)
    env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, env=env)
        try:
            wait_ready(process, host, port)
        except StoreError:
            stop(process)
            log.seek(0)
            reason = " ".join(log.read().decode(errors="replace").split()) or "no message"
            raise StoreError(f"oxigraph server did not start on {host}:{port}: {reason}") from None
    return process


def _check_unlocked(store: Path) -> None:
    """Say "store is locked" ourselves rather than pass on the server's raw message."""
    from kg.store import Store

    Store(store, create=False).close()


def _check_port_free(host: str, port: int) -> None:
    """A server already on the port would answer our readiness probe: refuse up front."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise StoreError(f"cannot listen on {host}:{port}: {err.strerror}") from None


def wait_ready(process: subprocess.Popen, host: str, port: int) -> None:
    """Poll the port until the server listens; fail as soon as the process exits."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"oxigraph server exited with status {process.returncode}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise StoreError(f"oxigraph server not listening on {host}:{port} after {READY_TIMEOUT}s")


def stop(process: subprocess.Popen) -> None:
    """Terminate the server, killing it if it does not stop within 10 seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(
    store: Path,
    host: str,
    port: int,
    *,
    writable: bool = False,
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Run the server until it exits, Ctrl-C or SIGTERM; never leaves it orphaned."""
    process = start(store, host, port, writable=writable)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if on_ready is not None:
            on_ready()
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop(process)
        if writable:
            _refresh_merged_view(store)


def _refresh_merged_view(store: Path) -> None:
    """SPARQL updates sent to the server changed named graphs the merged view copies."""
    from kg.store import Store

    with Store(store, create=False) as opened:
        opened.rebuild_merged_view()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
