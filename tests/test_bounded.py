"""Bounded queries (``kg sparql``, ``kg query``): a timeout, a memory limit, SERVICE refused.

Regressions for issue 12: a cartesian product ran until memory ran out, a
SERVICE call hung on a silent endpoint (and could reach any URL), and a
SERVICE to a closed port printed a traceback. Each case runs against a real
on-disk store; the silent endpoint is a real socket that accepts and says nothing.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.bounded import Limits, run
from kg.errors import QueryError, StoreError

pytestmark = pytest.mark.slow

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
EVERYTHING = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture
def silent():
    """A TCP endpoint that accepts connections and never answers; counts who came."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.1)
        yield server


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            server.accept()[0].close()
        except TimeoutError:
            return count
        count += 1


def _service(port: int) -> str:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


def test_bounded_answers_like_the_store(graph_store):
    rows = list(
        run(
            graph_store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a pow:Exchange }",
            prefixes={"pow": "https://w3id.org/powkg/ontology#"},
        )
    )
    assert rows[0]["n"].value == "3"


def test_bounded_cartesian_product_stops_at_the_timeout(kg, graph_store):
    started = time.monotonic()
    result = kg("sparql", "--timeout", "1", CARTESIAN)
    assert (result.exit_code, result.stderr) == (1, "Error: query stopped after 1 s (--timeout)\n")
    assert time.monotonic() - started < 10


def test_bounded_sort_of_a_cartesian_product_stops_at_the_memory_limit(kg, graph_store):
    result = kg("sparql", "--max-memory", "1024", "--timeout", "120", SORTED)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: query needed more than 1024 MB of memory (--max-memory); narrow it\n",
    )


def test_bounded_results_are_capped(graph_store):
    with pytest.raises(QueryError) as capped:
        run(graph_store, EVERYTHING, limits=Limits(results_mb=1))
    assert str(capped.value) == "results exceed 1 MB (--max-memory); add a LIMIT"


def test_bounded_service_is_refused_without_calling_out(kg, graph_store, silent):
    port = silent.getsockname()[1]
    result = kg("sparql", _service(port))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: refused: SERVICE <http://127.0.0.1:{port}/sparql> would call 127.0.0.1; "
        "allow it with --allow-service 127.0.0.1\n",
    )
    assert _connections(silent) == 0


def test_bounded_allowed_service_on_a_silent_endpoint_stops_at_the_timeout(kg, graph_store, silent):
    port = silent.getsockname()[1]
    result = kg("sparql", "--allow-service", "127.0.0.1", "--timeout", "2", _service(port))
    assert (result.exit_code, result.stderr) == (1, "Error: query stopped after 2 s (--timeout)\n")
    assert _connections(silent) == 1


def test_bounded_allowed_service_on_a_closed_port_is_one_line(kg, graph_store, silent):
    port = silent.getsockname()[1]
    silent.close()
    result = kg("sparql", "--allow-service", "127.0.0.1", _service(port))
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: query failed: Connection refused (os error 111)\n",
    )


def test_bounded_saved_query_keeps_its_parameters_and_limits(kg, graph_store, tmp_path):
    slow = tmp_path / "queries" / "slow.rq"
    slow.parent.mkdir()
    slow.write_text(
        "#+ name: slow\n#+ summary: A cartesian product.\n#+ param: n xsd:integer\n"
        "SELECT ?n (COUNT(*) AS ?rows) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        " GROUP BY ?n\n"
    )
    result = kg("query", "--queries", str(slow.parent), "--timeout", "1", "slow", "-p", "n=1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: slow.rq: query stopped after 1 s (--timeout)\n",
    )
    timeline = kg("query", "timeline", "--format", "csv")
    assert timeline.exit_code == 0 and timeline.stdout.startswith("start,end,")


def test_bounded_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        run(tmp_path / "none", "ASK {}")


def test_bounded_query_process_dies_with_kg(graph_store, tmp_path):
    """kill -9 of ``kg sparql`` leaves no query process computing on."""
    args = ["--store", str(graph_store), "sparql", "--timeout", "0", CARTESIAN]
    kg = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    child = _child_of(kg.pid)
    time.sleep(1)  # past reading its request: the query runs
    assert _state(child) in ("R", "S")
    kg.kill()
    kg.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and _state(child) != "Z":
        assert time.monotonic() < deadline, "the query process outlived kg"
        time.sleep(0.05)


def _child_of(pid: int) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise AssertionError("kg started no query process")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"
