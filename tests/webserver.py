"""A local HTTP server for the web-input tests: pages, feeds and misbehaving endpoints.

It serves what a test adds with :meth:`WebServer.add`, plus a few endpoints that
act like the web at its worst: redirect chains, slow and huge responses, gzip,
endpoints that fail a set number of times, rate limits. Every request is recorded
(path, User-Agent, Accept-Encoding) so tests can check how the client behaved.
Nothing here reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Seen:
    path: str
    user_agent: str
    accept_encoding: str


class WebServer:
    """Start with ``with WebServer() as web:``; ``web.url("/x")`` is an absolute URL."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.requests: list[Seen] = []
        self.hits: Counter[str] = Counter()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = (data, content_type)
        return self.url(path)


def _handler(web: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            web.requests.append(
                Seen(
                    self.path,
                    self.headers.get("User-Agent", ""),
                    self.headers.get("Accept-Encoding", ""),
                )
            )
            web.hits[parts.path] += 1
            route = parts.path.split("/")[1]
            action = getattr(self, f"_{route}", None)
            if parts.path in web.pages:
                self._page(*web.pages[parts.path])
            elif action is not None:
                action(parts.path, query)
            else:
                self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")

        def _send(self, status, body=b"", content_type="text/html", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _page(self, body: bytes, content_type: str) -> None:
            self._send(200, body, content_type)

        def _redirect(self, path: str, query: dict[str, str]) -> None:
            """/redirect?hops=N&to=/path: N redirects, then the target."""
            hops = int(query.get("hops", "1"))
            target = query["to"] if hops <= 1 else f"/redirect?hops={hops - 1}&to={query['to']}"
            self._send(302, headers={"Location": target})

        def _status(self, path: str, query: dict[str, str]) -> None:
            """/status/CODE: that status with a short error page."""
            code = int(path.split("/")[2])
            self._send(code, f"<html><body><h1>{code}</h1></body></html>".encode())

        def _slow(self, path: str, query: dict[str, str]) -> None:
            """/slow?seconds=S: answer only after S seconds."""
            time.sleep(float(query.get("seconds", "2")))
            self._send(200, b"<html><body><p>late</p></body></html>")

        def _trickle(self, path: str, query: dict[str, str]) -> None:
            """/trickle?seconds=S: headers at once, then one byte every 0.1 s for S seconds."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            stop = time.monotonic() + float(query.get("seconds", "2"))
            while time.monotonic() < stop:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            self.close_connection = True

        def _huge(self, path: str, query: dict[str, str]) -> None:
            """/huge?mb=N[&length=0]: N MB of HTML, with or without Content-Length."""
            size = int(float(query.get("mb", "6")) * 1_000_000)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if query.get("length", "1") == "1":
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            block = b"<p>" + b"x" * 1017 + b"</p>\n"
            sent = 0
            try:
                while sent < size:
                    self.wfile.write(block)
                    sent += len(block)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _gzip(self, path: str, query: dict[str, str]) -> None:
            """/gzip/PATH: the page at /PATH, gzip-encoded."""
            body, content_type = web.pages["/" + path.split("/", 2)[2]]
            self._send(200, gzip.compress(body), content_type, {"Content-Encoding": "gzip"})

        def _bomb(self, path: str, query: dict[str, str]) -> None:
            """/bomb?mb=N: a small gzip body that inflates to N MB."""
            raw = gzip.compress(b" " * int(float(query.get("mb", "20")) * 1_000_000))
            self._send(200, raw, "text/html", {"Content-Encoding": "gzip"})

        def _flaky(self, path: str, query: dict[str, str]) -> None:
            """/flaky/KEY?fail=N&status=S[&after=SECONDS]: S for the first N hits, then a page."""
            if web.hits[path] <= int(query.get("fail", "2")):
                headers = {"Retry-After": query["after"]} if "after" in query else {}
                self._send(int(query.get("status", "503")), b"busy", "text/plain", headers)
            else:
                self._send(200, b"<html><body><p>recovered</p></body></html>")

    return Handler
