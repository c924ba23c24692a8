"""Real SPARQL servers for the remote-store tests: ``oxigraph serve`` and Virtuoso 7.

Each starts in its own temp dir on a free loopback port and is stopped (and its
files removed) when the ``with`` block ends. Virtuoso gets a user ``kg`` that may
write over SPARQL (``/sparql-auth``, Digest) and keeps the anonymous ``/sparql``
read-only, as a shared server would.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
USER, PASSWORD = "kg", "s3cret-Pa55"
READY = 60.0

VIRTUOSO_INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
MaxClientConnections = 10
ServerThreads = 10
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
"""

SETUP_SQL = f"""\
DB.DBA.USER_CREATE('{USER}', '{PASSWORD}');
GRANT SPARQL_SELECT TO "{USER}";
GRANT SPARQL_UPDATE TO "{USER}";
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"server not up after {READY:g} s: {log.read_text()[-2000:]}")


class Running:
    """A started server: its query endpoint URL; stops it on exit."""

    def __init__(self, url: str, process: subprocess.Popen, home: Path) -> None:
        self.url, self.process, self.home = url, process, home

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)


def oxigraph_server() -> Running:
    """``oxigraph serve`` over a fresh store (its default graph is a graph of its own)."""
    home = Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
    port = free_port()
    binary = str(Path(sys.executable).parent / "oxigraph")
    log = home / "server.log"
    command = [binary, "serve", "--location", str(home / "db"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    _wait_http(url + "?query=ASK%7B%7D", process, log)
    return Running(url, process, home)


def virtuoso_server() -> Running:
    """Virtuoso Open Source 7 in a temp dir, with a ``kg`` user that may write over SPARQL."""
    if VIRTUOSO is None or ISQL is None:
        raise RuntimeError("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    home = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    sql_port, http_port = free_port(), free_port()
    (home / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port))
    log = home / "server.log"
    process = subprocess.Popen(
        [VIRTUOSO, "-f", "-c", "virtuoso.ini"],
        cwd=home,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    _wait_http(base + "/sparql?query=ASK%7B%7D", process, log)
    (home / "setup.sql").write_text(SETUP_SQL)
    subprocess.run(
        [ISQL, str(sql_port), "dba", "dba", str(home / "setup.sql")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Running(base + "/sparql-auth", process, home)
