"""kg.proxy.admit: what the front door of ``kg serve`` lets through, request by request.

The end-to-end attacks (CSRF, DNS rebinding) against a real started server are in
tests/test_reliability_server.py; these pin each rule on its own.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode

import pytest

from kg.http1 import Refusal, Request, forwarded
from kg.proxy import Policy, admit
from kg.updates import RECOMPUTE

OWN = "127.0.0.1:7878"
WRITABLE = Policy(writable=True)
UPDATE = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }"


def _request(method="GET", target="/query?query=ASK%7B%7D", body=b"", **headers) -> Request:
    pairs = {"Host": OWN, **{k.replace("_", "-"): v for k, v in headers.items()}}
    return Request(method, target, tuple(pairs.items()), body)


def _refused(request: Request, policy: Policy = WRITABLE) -> Refusal:
    with pytest.raises(Refusal) as refusal:
        admit(request, policy)
    return refusal.value


@pytest.mark.parametrize("host", [OWN, "localhost:7878", "[::1]:7878", "10.1.2.3", "LOCALHOST"])
def test_proxy_host_naming_this_machine_is_admitted(host):
    assert admit(_request(Host=host), Policy()).target == "/query?query=ASK%7B%7D"


@pytest.mark.parametrize("host", ["evil.example:7878", "127.0.0.1.evil.example", "localhost.x"])
def test_proxy_host_of_another_name_is_refused(host):
    refusal = _refused(_request(Host=host))
    assert (refusal.status, refusal.reason) == (
        403,
        f"Host {host.rsplit(':', 1)[0].lower()} is not this server (DNS rebinding?)",
    )


def test_proxy_host_named_by_host_option_is_admitted():
    assert admit(_request(Host="kg.lan:7878"), Policy(host="kg.lan"))


def test_proxy_missing_host_is_refused():
    request = Request("GET", "/", (), b"")
    assert _refused(request).status == 400


def test_proxy_post_from_another_origin_is_refused():
    request = _request(
        "POST",
        "/update",
        urlencode({"update": "DROP ALL"}).encode(),
        Origin="http://evil.example",
        Content_Type="application/x-www-form-urlencoded",
    )
    refusal = _refused(request)
    assert (refusal.status, refusal.reason) == (
        403,
        "requests from http://evil.example are refused (--cors http://evil.example allows them)",
    )


def test_proxy_cross_site_post_without_origin_is_refused():
    request = _request(
        "POST",
        "/update",
        b"DROP ALL",
        Sec_Fetch_Site="cross-site",
        Content_Type="application/sparql-update",
    )
    assert _refused(request).reason == "cross-site request refused"


def test_proxy_own_origin_and_cors_origins_are_admitted():
    own = _request(
        "POST", "/query", b"ASK {}", Origin=f"http://{OWN}", Content_Type="application/sparql-query"
    )
    assert admit(own, WRITABLE) == own
    app = _request(
        "POST",
        "/query",
        b"ASK {}",
        Origin="https://app.example",
        Content_Type="application/sparql-query",
    )
    assert admit(app, Policy(cors=frozenset({"https://app.example"}))) == app


def test_proxy_non_browser_clients_send_no_origin_and_are_admitted():
    request = _request("POST", "/update", UPDATE.encode(), Content_Type="application/sparql-update")
    assert UPDATE in admit(request, WRITABLE).body.decode()


def test_proxy_update_body_gets_the_merged_view_steps():
    request = _request("POST", "/update", UPDATE.encode(), Content_Type="application/sparql-update")
    body = admit(request, WRITABLE).body.decode()
    assert "VALUES ?g { <urn:g> }" in body and body.index("DELETE") < body.index(UPDATE)


def test_proxy_update_form_gets_the_merged_view_steps_and_keeps_other_fields():
    form = urlencode({"update": "DROP ALL", "x": "1"}).encode()
    request = _request("POST", "/update", form, Content_Type="application/x-www-form-urlencoded")
    fields = parse_qs(admit(request, WRITABLE).body.decode())
    assert fields["update"] == [f"DROP ALL\n;\n{RECOMPUTE}\n"] and fields["x"] == ["1"]


@pytest.mark.parametrize(
    ("target", "body", "reason"),
    [
        ("/update?update=DROP%20ALL", b"", "send the update in the body"),
        ("/update?using-graph-uri=urn%3Ag", UPDATE.encode(), "without using-graph parameters"),
        ("/update", b"DROP DEFAULT", "update refused: DROP DEFAULT: the default graph is"),
    ],
)
def test_proxy_updates_that_cannot_be_kept_right_are_refused(target, body, reason):
    request = _request("POST", target, body, Content_Type="application/sparql-update")
    refusal = _refused(request)
    assert refusal.status == 403 and reason in refusal.reason


def test_proxy_form_with_two_updates_is_refused():
    form = b"update=DROP%20ALL&update=DROP%20ALL"
    request = _request("POST", "/update", form, Content_Type="application/x-www-form-urlencoded")
    assert _refused(request).reason == "send exactly one update, without using-graph parameters"


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_proxy_graph_store_writes_are_refused_on_a_writable_server(method):
    refusal = _refused(_request(method, "/store?graph=urn%3Ag", b"<a> <b> <c> ."))
    assert (refusal.status, refusal.reason) == (
        405,
        "Graph Store writes bypass the merged view; use SPARQL UPDATE",
    )
    assert admit(_request("GET", "/store?graph=urn%3Ag"), WRITABLE)


def test_proxy_read_only_server_leaves_update_refusal_to_oxigraph():
    request = _request("POST", "/update", b"DROP ALL", Content_Type="application/sparql-update")
    assert admit(request, Policy()) == request


SERVICE = "SELECT * WHERE { SERVICE <http://169.254.169.254/x> { ?s ?p ?o } }"


@pytest.mark.parametrize(
    ("method", "target", "body", "content_type"),
    [
        ("GET", f"/query?query={quote(SERVICE)}", b"", ""),
        ("POST", "/query", SERVICE.encode(), "application/sparql-query"),
        (
            "POST",
            "/query",
            urlencode({"query": SERVICE}).encode(),
            "application/x-www-form-urlencoded",
        ),
    ],
)
def test_proxy_service_calls_are_refused_however_sent(method, target, body, content_type):
    refusal = _refused(_request(method, target, body, Content_Type=content_type), Policy())
    assert refusal.reason == (
        "refused: SERVICE <http://169.254.169.254/x> would call 169.254.169.254; "
        "allow it with --allow-service 169.254.169.254"
    )


def test_proxy_allowed_service_passes():
    request = _request("GET", f"/query?query={quote(SERVICE)}")
    assert admit(request, Policy(allowed_services=frozenset({"169.254.169.254"})))


def test_proxy_forwarded_request_is_closed_after_and_has_its_real_length():
    request = _request(
        "POST",
        "/update",
        b"DROP ALL",
        Content_Type="application/sparql-update",
        Connection="keep-alive",
        Content_Length="999",
        Expect="100-continue",
    )
    sent = forwarded(request).decode()
    head, body = sent.split("\r\n\r\n")
    assert body == "DROP ALL"
    assert head.splitlines() == [
        "POST /update HTTP/1.1",
        f"Host: {OWN}",
        "Content-Type: application/sparql-update",
        "Content-Length: 8",
        "Connection: close",
    ]
