"""kg.workbench.site: which paths kg answers itself, and how (no store work needed here)."""

from __future__ import annotations

import pytest

from kg.bounded import Limits
from kg.http1 import Request
from kg.workbench.api import Answer
from kg.workbench.site import POLICY, Site, encode, upstream


def _get(site: Site, target: str, method: str = "GET") -> Answer:
    return site.respond(Request(method, target, (("Host", "127.0.0.1:7878"),)))


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "store", Limits(timeout=5))


@pytest.mark.parametrize("path", ["/query", "/update", "/store", "/yasgui.min.js"])
def test_site_leaves_the_sparql_protocol_to_oxigraph(path):
    assert upstream(path)


@pytest.mark.parametrize("path", ["/", "/sparql", "/api/timeline", "/evidence", "/anything"])
def test_site_answers_everything_else_itself(path):
    assert not upstream(path)


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/", "/assets/workbench.js"),
        ("/timeline", "/assets/timeline.js"),
        ("/sparql", "/yasgui.min.js"),
    ],
)
def test_site_pages_share_the_frame_and_load_their_script(site, path, marker):
    answer = _get(site, path)
    assert answer.status == 200 and answer.content_type.startswith("text/html")
    assert marker.encode() in answer.body and b'href="/timeline"' in answer.body


ASSETS = ["style.css", "common.js", "workbench.js", "timeline.js", "editor.js", "evidence.js"]


@pytest.mark.parametrize("name", ASSETS)
def test_site_serves_its_assets(site, name):
    answer = _get(site, "/assets/" + name)
    assert answer.status == 200 and len(answer.body) > 100
    assert answer.content_type.split(";")[0] in ("text/css", "text/javascript")


@pytest.mark.parametrize(
    "path", ["/assets/../site.py", "/assets/evidence.rq", "/assets/Style.css", "/nope"]
)
def test_site_serves_nothing_else(site, path):
    assert _get(site, path).status == 404


def test_site_never_writes(site):
    answer = _get(site, "/api/timeline", method="POST")
    assert answer.status == 405
    assert b"Allow: GET, HEAD" in encode(answer, "POST", [])


def test_site_evidence_needs_one_iri(site):
    assert _get(site, "/evidence").status == 400
    assert _get(site, "/evidence?iri=urn:a&iri=urn:b").status == 400


def test_site_openapi_lists_the_queries(site):
    answer = _get(site, "/api/openapi.json")
    assert answer.status == 200 and b'"/api/timeline"' in answer.body


def test_site_answers_carry_the_page_policy_and_head_has_no_body():
    wire = encode(Answer(200, "text/html", b"<p>x</p>"), "HEAD", [])
    head, _, body = wire.partition(b"\r\n\r\n")
    assert body == b""
    assert f"Content-Security-Policy: {POLICY}".encode() in head
    assert b"Content-Length: 8" in head and b"X-Content-Type-Options: nosniff" in head
    assert "connect-src" not in POLICY and "default-src 'self'" in POLICY
