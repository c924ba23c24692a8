"""``kg serve`` as clients see it: a real server process on a free port, started and stopped here.

SPARQL 1.1 Protocol by GET and POST with content negotiation, read-only by
default (UPDATE refused) and writable on request, rdflib's SPARQLStore as a
client, and the browser UI driven in headless Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import load_query_graph
from webdriver import Browser, browser_paths, free_port

from kg.store import Store

pytestmark = pytest.mark.slow

POW = "https://w3id.org/powkg/ontology#"
COUNT_EXCHANGES = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{POW}Exchange> }}"
RESULTS = "{http://www.w3.org/2005/sparql-results#}"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ISTANBUL = "<https://w3id.org/powkg/id/place/istanbul>"


class Server:
    """``kg serve`` in its own process; stopped with SIGTERM as a service manager would."""

    def __init__(self, store: Path, *extra: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-c", "from kg.cli import main; main()"]
        command += ["--store", str(store), "serve", "--port", str(self.port), *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        self.banner = self.process.stdout.readline()  # printed once the server listens

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(load_query_graph(tmp_path_factory.mktemp("serve") / "store"))
    yield running
    assert running.stop() == 0


def _get(url: str, query: str, accept: str) -> tuple[str, bytes]:
    full = url + "/query?" + urllib.parse.urlencode({"query": query})
    return _send(urllib.request.Request(full, headers={"Accept": accept}))


def _post(url: str, body: bytes, content_type: str, accept: str = "*/*") -> tuple[str, bytes]:
    headers = {"Content-Type": content_type, "Accept": accept}
    return _send(urllib.request.Request(url, data=body, headers=headers, method="POST"))


def _send(request: urllib.request.Request) -> tuple[str, bytes]:
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get_content_type(), response.read()


def _count(url: str) -> int:
    _, body = _get(url, COUNT_EXCHANGES, "application/sparql-results+json")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_banner_names_the_endpoint_and_mode(server):
    assert server.banner.startswith("serving ")
    assert f"(read-only) at {server.url}/" in server.banner
    assert f"{server.url}/query" in server.banner


def test_get_with_json_results_sees_the_union_of_all_graphs(server):
    kind, body = _get(server.url, COUNT_EXCHANGES, "application/sparql-results+json")
    assert kind == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


def test_post_form_encoded_with_xml_results(server):
    form = urllib.parse.urlencode({"query": COUNT_EXCHANGES}).encode()
    kind, body = _post(
        server.url + "/query",
        form,
        "application/x-www-form-urlencoded",
        "application/sparql-results+xml",
    )
    assert kind == "application/sparql-results+xml"
    literal = ET.fromstring(body).find(f".//{RESULTS}binding[@name='n']/{RESULTS}literal")
    assert literal.text == "3"


def test_post_sparql_query_with_csv_results(server):
    query = f"SELECT ?label WHERE {{ {ISTANBUL} <{POW}locatedIn>/{LABEL} ?label }} LIMIT 1"
    kind, body = _post(
        server.url + "/query", query.encode(), "application/sparql-query", "text/csv"
    )
    assert kind == "text/csv"
    assert list(csv.reader(io.StringIO(body.decode()))) == [["label"], ["Türkiye"]]


def test_construct_negotiates_turtle(server):
    import rdflib

    query = f"CONSTRUCT {{ ?e a <{POW}Exchange> }} WHERE {{ ?e a <{POW}Exchange> }}"
    kind, body = _get(server.url, query, "text/turtle")
    assert kind == "text/turtle"
    graph = rdflib.Graph().parse(data=body.decode(), format="turtle")
    assert len(graph) == 3


def test_update_is_refused_when_read_only(server):
    update = b"DROP ALL"
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(server.url + "/update", update, "application/sparql-update")
    assert refused.value.code == 403
    assert _count(server.url) == 3


def test_rdflib_sparqlstore_as_a_client(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(query_endpoint=server.url + "/query", returnFormat="json")
    rows = list(store.query(f"SELECT ?s WHERE {{ ?s <{POW}mediator> ?m }} ORDER BY ?s"))
    assert [str(r.s) for r in rows] == [
        "https://w3id.org/powkg/id/agreement/2024-07-30-russia-united-states",
        "https://w3id.org/powkg/id/agreement/2025-06-02-russia-ukraine",
        "https://w3id.org/powkg/id/exchange/2024-08-russia-united-states",
        "https://w3id.org/powkg/id/exchange/2025-06-09-russia-ukraine",
        "https://w3id.org/powkg/id/exchange/2025-06-10-russia-ukraine",
    ]
    store.close()


def test_writable_server_accepts_update_and_the_merged_view_follows_at_once(tmp_path):
    store = load_query_graph(tmp_path / "store")
    running = Server(store, "--writable")
    try:
        assert "(read-write)" in running.banner
        update = f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:e> a <{POW}Exchange> }} }}".encode()
        _post(running.url + "/update", update, "application/sparql-update")
        in_graph = f"ASK {{ GRAPH <urn:g> {{ <urn:e> a <{POW}Exchange> }} }}"
        assert json.loads(_get(running.url, in_graph, "application/sparql-results+json")[1])[
            "boolean"
        ]
        assert _count(running.url) == 4
    finally:
        assert running.stop() == 0
    with Store(store, read_only=True) as opened:
        assert opened.select(COUNT_EXCHANGES)[0]["n"].value == "4"


def test_sigterm_stops_the_oxigraph_child_too(tmp_path):
    running = Server(load_query_graph(tmp_path / "store"))
    assert running.stop() == 0
    with pytest.raises(urllib.error.URLError):
        _count(running.url)


def test_serve_starts_again_at_once_on_the_port_it_just_left(tmp_path):
    store = load_query_graph(tmp_path / "store")
    first = Server(store)
    idle = socket.create_connection(("127.0.0.1", first.port))  # as a browser's preconnect
    assert first.stop() == 0  # it closed the idle connection first: TIME_WAIT on its port
    idle.close()
    again = Server(store, port=first.port)
    try:
        assert again.banner.startswith("serving "), again.banner
        assert _count(first.url) == 3
    finally:
        again.stop()


def test_serve_without_a_store_is_one_line(kg):
    result = kg("serve", "--port", str(free_port()))
    assert result.exit_code == 1
    assert "no store here" in result.stderr and len(result.stderr.splitlines()) == 1


def test_taken_port_is_one_line(server, kg, graph_store):
    result = kg("serve", "--port", str(server.port))
    assert result.exit_code == 1
    assert "cannot listen on" in result.stderr and len(result.stderr.splitlines()) == 1


def test_browser_ui_runs_a_query_and_shows_results(server):
    paths = browser_paths()
    if paths is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed in CI")
        pytest.skip(
            "chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
        )
    query = f"SELECT ?label WHERE {{ ?m <{POW}mediator>/{LABEL} ?label }}"
    with Browser(*paths) as browser:
        browser.open(server.url + "/sparql")
        # The editor is YASGUI: a CodeMirror editor and a query button; results go to a table.
        browser.wait_for("return document.querySelector('.CodeMirror') !== null")
        browser.run(
            "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", query
        )
        browser.run("document.querySelector('.yasqe_queryButton').click()")
        table = browser.wait_for(
            "const t = document.querySelector('.yasr table'); return t && t.innerText"
        )
    assert "label" in table
    assert "Türkiye" in table and "United Arab Emirates" in table
