"""``kg serve``: the Oxigraph server over the store, read-only unless asked otherwise.

The server is the real ``oxigraph`` binary (SPARQL 1.1 Protocol at ``/query``,
``/update`` only when writable, and its browser query UI at ``/``). Queries see
the union of all graphs by default, as ``kg sparql`` does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import StoreError, UsageError


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with powkg (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise UsageError("the 'oxigraph' server binary is not installed (pip install oxigraph)")
    return found


def server_command(store: Path, host: str, port: int, *, writable: bool = False) -> list[str]:
    """The command line that serves ``store``; read-only servers never take the write lock."""
    if not (store / "CURRENT").exists():
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
        "--union-default-graph",
    ]


def start(store: Path, host: str, port: int, *, writable: bool = False) -> subprocess.Popen:
    """Start the server process; the caller waits on it and stops it."""
    return subprocess.Popen(server_command(store, host, port, writable=writable))
