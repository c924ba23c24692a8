"""The paths ``kg serve`` answers itself: the workbench pages, ``/api/*`` and ``/evidence``.

:mod:`kg.proxy` sends the SPARQL Protocol paths (:data:`UPSTREAM`) to Oxigraph and every
other request here, after the same Host and Origin checks. Only GET and HEAD are
answered: nothing here writes. Each page comes with a Content-Security-Policy that
lets it load and call this server alone, so no resource ever comes from the internet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.bounded import Limits
from kg.errors import KGError, ParameterError
from kg.http1 import Request
from kg.namespaces import QUERIES_DIR
from kg.workbench import api, pages
from kg.workbench.api import Answer

ASSETS = Path(__file__).with_name("assets")
ASSET_NAME = re.compile(r"[a-z][a-z0-9-]*\.(js|css|svg)")
UPSTREAM = frozenset(
    {"/query", "/update", "/store", "/yasgui.min.js", "/yasgui.min.css", "/logo.svg"}
)
"""Oxigraph's own paths: the SPARQL Protocol endpoints and its editor's script and style."""
MEDIA = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
"""Yasgui (the SPARQL editor) sets inline styles; scripts come from this server only."""
PAGES = {
    "/": ("Saved queries", "workbench.html", ("/assets/common.js", "/assets/workbench.js"), ()),
    "/timeline": ("Timeline", "timeline.html", ("/assets/common.js", "/assets/timeline.js"), ()),
    "/sparql": (
        "SPARQL editor",
        "editor.html",
        ("/yasgui.min.js", "/assets/editor.js"),
        ("/yasgui.min.css",),
    ),
}


def upstream(path: str) -> bool:
    """Whether Oxigraph answers ``path`` (everything else is kg's, or a 404)."""
    return path in UPSTREAM


@dataclass(frozen=True)
class Site:
    """kg's pages over one store; queries run bounded, as every query ``kg serve`` runs."""

    store: Path
    limits: Limits
    allowed_services: frozenset[str] = frozenset()
    queries: Path = QUERIES_DIR
    version: str = "0"

    def respond(self, request: Request) -> Answer:
        """The answer to one request (blocking: the proxy runs it in a thread)."""
        if request.method not in ("GET", "HEAD"):
            return Answer.text(405, "only GET and HEAD here: the workbench never writes")
        path = request.path
        if path in PAGES:
            title, body, scripts, styles = PAGES[path]
            return _html(200, pages.page(title, _asset(body), scripts, styles))
        if path == "/evidence":
            return self._evidence(request.params)
        if path == "/api/openapi.json":
            return self._openapi()
        if path.startswith("/api/"):
            return api.run_saved(
                self.store,
                path.removeprefix("/api/"),
                request.params,
                request.header("accept"),
                directory=self.queries,
                limits=self.limits,
                allowed_services=self.allowed_services,
            )
        name = path.removeprefix("/assets/")
        if name != path and ASSET_NAME.fullmatch(name) and (ASSETS / name).is_file():
            return Answer(200, MEDIA[name.rsplit(".", 1)[1]], (ASSETS / name).read_bytes())
        return Answer.text(404, f"nothing at {path}")

    def _openapi(self) -> Answer:
        from kg.queries import load_all
        from kg.workbench.openapi import describe

        try:
            document = describe(load_all(self.queries), self.version)
        except KGError as err:
            return Answer.text(500, str(err))
        return Answer(200, MEDIA["json"], json.dumps(document, ensure_ascii=False).encode())

    def _evidence(self, params: list[tuple[str, str]]) -> Answer:
        from kg.workbench.evidence import gather

        iris = [v for k, v in params if k == "iri"]
        if len(iris) != 1:
            return _html(400, pages.message_page("Evidence", "give one ?iri= to look up"))
        try:
            dossier = gather(
                self.store, iris[0], limits=self.limits, allowed_services=self.allowed_services
            )
        except KGError as err:
            status = 400 if isinstance(err, ParameterError) else api.status_of(err)
            return _html(status, pages.message_page("Evidence", str(err)))
        return _html(200, pages.evidence_page(dossier))


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _html(status: int, text: str) -> Answer:
    return Answer(status, MEDIA["html"], text.encode())


def encode(answer: Answer, method: str, cors: list[str]) -> bytes:
    """The answer on the wire, with the page policy; HEAD gets the head alone."""
    from kg.http1 import status_line

    lines = [status_line(answer.status), f"Content-Type: {answer.content_type}"]
    lines += [
        f"Content-Security-Policy: {POLICY}",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Cache-Control: no-cache",
        *cors,
        f"Content-Length: {len(answer.body)}",
        "Connection: close",
    ]
    if answer.status == 405:
        lines.append("Allow: GET, HEAD")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return head if method == "HEAD" else head + answer.body
