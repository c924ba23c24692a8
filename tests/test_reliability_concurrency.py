"""Two processes at once: a second writer is refused cleanly; a read-only server keeps answering.

A second writer does not wait for the lock: it fails at once with one line and
exit 1, so scripts never hang on a forgotten ``kg serve --writable``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from kgtesting import FakeExtractor, kg_command, news_corpus, nquads, run_kg

from kg.ingest import collect, ingest
from kg.store import Store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    with Store(store) as writer:
        ingest(collect([news_corpus(tmp_path / "seed", 3)])[0], writer, FakeExtractor())
    return store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _http(url: str, data: bytes | None = None, kind: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": kind})
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _count(base: str) -> int:
    status, body = _http(f"{base}/query?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@contextmanager
def _server(store: Path, *args: str) -> Iterator[str]:
    """``kg serve`` in its own process group, stopped with Ctrl-C as a user would."""
    port = _free_port()
    cmd = [*kg_command(), "--store", str(store), "serve", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "kg serve exited"
        try:
            _count(base)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("kg serve did not answer within 30 s")


@pytest.mark.slow
@pytest.mark.parametrize("args", [("ingest", "corpus"), ("remove", "story-000.txt")])
def test_reliability_second_writer_is_refused_in_one_line(seeded, tmp_path, args):
    news_corpus(tmp_path / "corpus", 2)
    args = tuple(str(tmp_path / a) if a == "corpus" else a for a in args)
    before = nquads(seeded)
    with Store(seeded):  # another process's writer, as far as kg can tell
        result = run_kg(seeded, *args)
    assert result.returncode == 1
    assert result.stderr == f"Error: {seeded}: store is locked by another process\n"
    assert nquads(seeded) == before


@pytest.mark.slow
def test_reliability_read_only_server_answers_during_an_ingest(seeded, tmp_path):
    corpus = news_corpus(tmp_path / "corpus", 200)
    with _server(seeded) as base:
        first = _count(base)
        cmd = [*kg_command(), "--store", str(seeded), "ingest", str(corpus)]
        env = {**os.environ, "KG_FAKE_DELAY": "0.005"}
        ingesting = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL, text=True)
        answers = []
        while ingesting.poll() is None:
            answers.append(_count(base))
        assert ingesting.wait() == 0
        answers.append(_count(base))
    assert len(answers) > 1
    assert all(n >= first for n in answers)


@pytest.mark.slow
def test_reliability_server_refuses_update_unless_writable(seeded):
    before = nquads(seeded)
    update = b"DROP ALL"
    with _server(seeded) as base:
        status, _ = _http(f"{base}/update", update, "application/sparql-update")
        assert status >= 400
        assert _count(base) > 0
    assert nquads(seeded) == before
    with _server(seeded, "--writable") as base:
        status, _ = _http(f"{base}/update", update, "application/sparql-update")
        assert status in (200, 204)
        assert _count(base) == 0


@pytest.mark.slow
def test_reliability_server_listens_on_localhost_only_by_default(seeded):
    tcp = Path("/proc/net/tcp")
    if not tcp.exists():
        pytest.skip("needs Linux /proc/net/tcp to list listening sockets")
    with _server(seeded) as base:
        port = int(base.rsplit(":", 1)[1])
        listening = [
            fields[1]
            for fields in (line.split() for line in tcp.read_text().splitlines()[1:])
            if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port
        ]
    assert listening == [f"0100007F:{port:04X}"]


@pytest.mark.slow
def test_reliability_writable_server_on_a_locked_store_is_one_line(seeded):
    """Issue 12: the server's raw message (a Rust backtrace with RUST_BACKTRACE=1) was shown."""
    with Store(seeded):
        result = run_kg(
            seeded, "serve", "--writable", "--port", str(_free_port()), RUST_BACKTRACE="1"
        )
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {seeded}: store is locked by another process\n",
    )
