"""kg.endpoint: finding a server's endpoints, credentials kept out of sight, retries, and
one-line errors for an unreachable, refusing or read-only server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from servers import PASSWORD, USER, free_port

from kg.cli import cli
from kg.endpoint import Client, safe_url, server_for
from kg.errors import QueryError, StoreError, UsageError
from kg.remote import RemoteStore
from kg.sparqltext import with_values

EMPTY = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": []}}).encode()


def kg(*args: str, **env: str):
    return CliRunner().invoke(cli, list(args), env={"NETRC": "/nonexistent", **env})


def test_endpoint_known_servers_give_their_update_and_graph_store_endpoints():
    ox = server_for("http://db.example:7878/query")
    assert (ox.kind, ox.update_url, ox.graph_store_url, ox.union_default) == (
        "oxigraph",
        "http://db.example:7878/update",
        "http://db.example:7878/store",
        False,
    )
    vt = server_for("https://db.example/sparql-auth")
    assert (vt.kind, vt.update_url, vt.graph_store_url, vt.union_default) == (
        "virtuoso",
        "https://db.example/sparql-auth",
        "https://db.example/sparql-graph-crud-auth",
        True,
    )
    other = server_for("http://db.example/ds/sparql-query", "http://db.example/ds/update")
    assert (other.kind, other.update_url, other.graph_store_url) == (
        "sparql",
        "http://db.example/ds/update",
        None,
    )


def test_endpoint_credentials_in_the_url_are_refused_and_never_echoed():
    result = kg("--store", f"http://{USER}:{PASSWORD}@127.0.0.1:9/query", "stats")
    assert result.exit_code == 2
    assert "not in the URL" in result.output
    assert PASSWORD not in result.output and USER not in result.output


def test_endpoint_safe_url_drops_user_query_and_fragment():
    assert safe_url("https://u:p@h.example:8890/sparql?key=k#x") == "https://h.example:8890/sparql"


def test_endpoint_unreachable_server_is_one_line(monkeypatch):
    monkeypatch.setattr("kg.endpoint.BACKOFF", 0.01)
    port = free_port()
    result = kg("--store", f"http://127.0.0.1:{port}/query", "stats")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: http://127.0.0.1:{port}/query: cannot reach the SPARQL server "
        "(connection refused)\n"
    )


class _Stub:
    """A SPARQL server that answers each POST from a script of (status, body) pairs."""

    def __init__(self, script: list[tuple[int, bytes]], delay: float = 0.0) -> None:
        self.script, self.delay, self.seen = list(script), delay, []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                stub.seen.append((self.headers.get("Authorization"), self.rfile.read(length)))
                status, body = stub.script.pop(0) if len(stub.script) > 1 else stub.script[0]
                if stub.delay:
                    threading.Event().wait(stub.delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/sparql-results+json")
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="SPARQL"')
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/query"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_endpoint_5xx_answers_are_retried_then_answered():
    with _Stub([(503, b"busy"), (502, b"gateway"), (200, EMPTY)]) as url:
        client = Client(server_for(url), backoff=0.01)
        _, body = client.query("SELECT ?n WHERE {}")
    assert body == EMPTY


def test_endpoint_5xx_to_the_end_is_one_line():
    stub = _Stub([(503, b"<html><body>Service Unavailable</body></html>")])
    with stub as url, pytest.raises(StoreError) as caught:
        Client(server_for(url), backoff=0.01).query("SELECT ?n WHERE {}")
    assert str(caught.value) == f"{url}: HTTP 503: Service Unavailable"


def test_endpoint_basic_credentials_from_the_environment_answer_a_challenge(monkeypatch):
    monkeypatch.setenv("KG_STORE_USER", USER)
    monkeypatch.setenv("KG_STORE_PASSWORD", PASSWORD)
    stub = _Stub([(401, b""), (200, EMPTY)])
    with stub as url:
        Client(server_for(url)).query("SELECT ?n WHERE {}")
    assert stub.seen[0][0] is None  # nothing sent before the server asks
    assert stub.seen[1][0].startswith("Basic ")


def test_endpoint_refused_credentials_are_one_line_without_the_password(monkeypatch):
    monkeypatch.setenv("KG_STORE_USER", USER)
    monkeypatch.setenv("KG_STORE_PASSWORD", PASSWORD)
    with _Stub([(401, f"bad password {PASSWORD}".encode())]) as url:
        result = kg("--store", url, "stats", KG_STORE_USER=USER, KG_STORE_PASSWORD=PASSWORD)
    assert result.exit_code == 1
    assert "(401); set KG_STORE_USER and KG_STORE_PASSWORD" in result.output
    assert PASSWORD not in result.output
    assert len(result.output.splitlines()) == 1


def test_endpoint_credentials_come_from_netrc(tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.delenv("KG_STORE_USER", raising=False)
    monkeypatch.setenv("NETRC", str(netrc))
    stub = _Stub([(401, b""), (200, EMPTY)])
    with stub as url:
        Client(server_for(url)).query("SELECT ?n WHERE {}")
    assert stub.seen[1][0].startswith("Basic ")


def test_endpoint_slow_answer_stops_at_the_timeout():
    with _Stub([(200, EMPTY)], delay=3) as url:
        result = kg("--store", url, "sparql", "--timeout", "1", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert result.output == "Error: query stopped after 1 s (--timeout)\n"


def test_endpoint_values_reach_sub_selects_that_project_the_parameter():
    text = (
        "SELECT ?x ?d WHERE { { SELECT ?x ?d WHERE { ?x <p> ?v FILTER(?v = ?d) } }"
        " { SELECT ?x WHERE { ?x <q> ?d } } }"
    )
    bound = with_values(text, {"d": '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'})
    assert bound.count("VALUES (?d)") == 2  # not the sub-select that does not project ?d
    assert with_values("ASK { ?s ?p ?o }", {"o": '"x"'}).startswith('ASK { VALUES (?o) { ("x") }')


def test_endpoint_a_hostile_value_stays_one_literal():
    import pyoxigraph as ox

    hostile = ox.Literal('"} } ; DROP ALL ; { "')
    bound = with_values("SELECT ?v WHERE { ?s ?p ?v }", {"v": str(hostile)})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), hostile))
    assert [row["v"] for row in store.query(bound)] == [hostile]


def test_endpoint_no_where_group_is_refused():
    with pytest.raises(ValueError, match="no WHERE group"):
        with_values("DESCRIBE <urn:x>", {"x": "<urn:y>"})


def test_endpoint_virtuoso_digest_auth_writes_and_anonymous_sparql_is_read_only(
    virtuoso_url, server_credentials, tmp_path
):
    store = RemoteStore(server_for(virtuoso_url))
    graph = "https://w3id.org/powkg/id/article/endpoint-test"
    import pyoxigraph as ox

    triple = ox.Triple(ox.NamedNode(graph), ox.NamedNode("urn:p"), ox.Literal("é ✓"))
    store.replace_graph(graph, [triple])
    assert store.graph_triples(graph) == [triple]
    anonymous = server_for(virtuoso_url.replace("/sparql-auth", "/sparql"))
    with pytest.raises(StoreError) as caught:
        RemoteStore(anonymous).replace_graph(graph, [])
    assert "refused the write" in str(caught.value) or "(403)" in str(caught.value)
    assert store.remove_graph(graph) and not store.remove_graph(graph)


def test_endpoint_virtuoso_wrong_password_is_one_line(virtuoso_url):
    result = kg("--store", virtuoso_url, "stats", KG_STORE_USER=USER, KG_STORE_PASSWORD="not-it-9")
    assert result.exit_code == 1
    assert "(401)" in result.output and "not-it-9" not in result.output


def test_endpoint_generic_server_without_update_url_is_a_usage_error():
    with _Stub([(200, EMPTY)]) as url:
        store = RemoteStore(server_for(url.replace("/query", "/ds")))
        with pytest.raises(UsageError, match="KG_UPDATE_URL"):
            store.replace_graph("https://w3id.org/powkg/id/article/x", [])


def test_endpoint_bad_sparql_is_the_servers_one_line(oxigraph_url):
    result = kg("--store", oxigraph_url, "sparql", "SELECT ?x WHERE { ?x }")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the server refused the request (400)")
    assert len(result.output.splitlines()) == 1
    with pytest.raises(QueryError):
        RemoteStore(server_for(oxigraph_url)).select("SELECT ?x WHERE { ?x }")
