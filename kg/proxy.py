"""The front door of ``kg serve``: who may call, what may be asked, and no work for no one.

Oxigraph's server answers any caller and runs any request, so ``kg serve`` puts
this small HTTP proxy (asyncio, standard library) in front of it:

- Host must name this server (an IP address, ``localhost`` or ``--host``): a
  page that rebinds its own DNS name to 127.0.0.1 is turned away.
- A browser request from another origin is refused unless ``--cors`` names that
  origin: a page the analyst visits cannot post ``DROP ALL`` (CSRF).
- ``SERVICE`` and ``LOAD`` may only reach hosts ``--allow-service`` names.
- Updates go through :mod:`kg.updates`, which keeps the merged view right in the
  same transaction; Graph Store writes, which cannot, are refused.
- A request gets ``--timeout`` (plus a few seconds' grace) for its answer, and a
  client that leaves takes its request with it: the worker is told (see
  :class:`Worker`) so that it can stop work nobody will read.

One request per connection (``Connection: close``), which browsers and SPARQL
clients handle; bodies need a Content-Length.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from dataclasses import dataclass, field, replace
from typing import Protocol
from urllib.parse import parse_qsl, urlencode

from kg.sparqltext import refused_calls, remote_calls
from kg.updates import RefusedUpdate, prepare

MAX_HEAD = 64 * 1024
MAX_BODY = 128 * 1024 * 1024
READ_TIMEOUT = 30.0
GRACE = 5.0
"""Seconds past the timeout before the proxy gives up on Oxigraph's own cancellation."""
LEFT_GRACE = 1.0
"""Seconds an answer may take to finish after its client closed: it may have had it all."""
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "expect",
}
CONNECTION = {"connection", "keep-alive", "proxy-connection"}
"""Response headers about the connection, which the proxy sets itself."""
FORM = "application/x-www-form-urlencoded"
SAFE = ("GET", "HEAD")
USING = ("using-graph-uri", "using-named-graph-uri", "using-union-graph")


@dataclass(frozen=True)
class Policy:
    """What the server admits: set from ``kg serve``'s options."""

    host: str = "127.0.0.1"
    writable: bool = False
    cors: frozenset[str] = frozenset()
    allowed_services: frozenset[str] = frozenset()
    timeout: float | None = 60.0


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def params(self) -> list[tuple[str, str]]:
        query = self.target.split("?", 1)[1] if "?" in self.target else ""
        return parse_qsl(query, keep_blank_values=True)

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()


class Refusal(Exception):
    """An answer the proxy gives itself, without asking Oxigraph."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Worker(Protocol):
    """The Oxigraph process behind the proxy (see :class:`kg.serve.Worker`)."""

    def use(self) -> contextlib.AbstractAsyncContextManager[tuple[str, int]]: ...

    def abandon(self) -> None: ...


def admit(request: Request, policy: Policy) -> Request:
    """The request to forward (an update gets its merged-view steps), or a :class:`Refusal`."""
    _check_host(request, policy)
    _check_origin(request, policy)
    if request.path == "/query":
        _check_calls(_texts(request, "query", "application/sparql-query"), policy)
    elif request.path == "/update" and policy.writable and request.method == "POST":
        return _prepared_update(request, policy)
    elif request.path.startswith("/store") and policy.writable and request.method not in SAFE:
        raise Refusal(405, "Graph Store writes bypass the merged view; use SPARQL UPDATE")
    return request


def cross_origin(request: Request, policy: Policy) -> str | None:
    """The ``--cors`` origin a request comes from, which its answer must name."""
    origin = request.header("origin")
    return origin if origin in policy.cors else None


def _check_host(request: Request, policy: Policy) -> None:
    host = request.header("host")
    if not host:
        raise Refusal(400, "no Host header")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]").lower()
    if name in ("localhost", policy.host.lower()) or _is_address(name):
        return
    raise Refusal(403, f"Host {name} is not this server (DNS rebinding?)")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _check_origin(request: Request, policy: Policy) -> None:
    """Browsers say where a request comes from; only this server's own pages, or --cors ones."""
    origin = request.header("origin")
    if origin is None:  # not a browser, or a GET (whose answer another site cannot read)
        if request.method in SAFE or request.header("sec-fetch-site") in (
            None,
            "same-origin",
            "none",
        ):
            return
        raise Refusal(403, "cross-site request refused")
    if origin in policy.cors or origin.lower() == f"http://{request.header('host')}".lower():
        return
    raise Refusal(403, f"requests from {origin} are refused (--cors {origin} allows them)")


def _texts(request: Request, name: str, content_type: str) -> list[str]:
    """Every SPARQL text the request carries under ``name`` (URL, form body or raw body)."""
    texts = [v for k, v in request.params if k == name]
    if request.method == "POST":
        body = _decode(request.body)
        if request.content_type == FORM:
            texts += [v for k, v in parse_qsl(body, keep_blank_values=True) if k == name]
        elif request.content_type == content_type:
            texts.append(body)
    return texts


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the body is not UTF-8") from None


def _check_calls(texts: list[str], policy: Policy) -> None:
    for text in texts:
        refused = refused_calls(remote_calls(text), policy.allowed_services)
        if refused:
            raise Refusal(403, f"refused: {refused[0]}")


def _prepared_update(request: Request, policy: Policy) -> Request:
    """The update with its merged-view steps, in the body; what cannot be kept right is refused."""
    if any(k in ("update", *USING) for k, _ in request.params):
        raise Refusal(403, "send the update in the body, without using-graph parameters")
    try:
        if request.content_type == "application/sparql-update":
            body = prepare(_decode(request.body), policy.allowed_services).encode()
        elif request.content_type == FORM:
            body = _prepared_form(_decode(request.body), policy)
        else:
            return request  # Oxigraph refuses other content types itself
    except RefusedUpdate as err:
        raise Refusal(403, f"update refused: {err}") from None
    return replace(request, body=body)


def _prepared_form(body: str, policy: Policy) -> bytes:
    fields = parse_qsl(body, keep_blank_values=True)
    if any(k in USING for k, _ in fields) or sum(k == "update" for k, _ in fields) != 1:
        raise Refusal(403, "send exactly one update, without using-graph parameters")
    prepared = [(k, prepare(v, policy.allowed_services) if k == "update" else v) for k, v in fields]
    return urlencode(prepared).encode()


async def read_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Request:
    """One request, head and body, within READ_TIMEOUT; a malformed one is a Refusal."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT)
    except asyncio.LimitOverrunError:
        raise Refusal(431, "request head too large") from None
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[1].startswith("/"):
        raise Refusal(400, "malformed request line")
    headers = tuple(_header(line) for line in lines[1:] if line)
    request = Request(parts[0], parts[1], headers)
    if request.header("transfer-encoding"):
        raise Refusal(411, "send the body with a Content-Length")
    length = _length(request.header("content-length"))
    if length and (request.header("expect") or "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    body = await asyncio.wait_for(reader.readexactly(length), READ_TIMEOUT) if length else b""
    return replace(request, body=body)


def _header(line: str) -> tuple[str, str]:
    name, sep, value = line.partition(":")
    if not sep or not name.strip() or name != name.strip():
        raise Refusal(400, "malformed header")
    return name, value.strip()


def _length(value: str | None) -> int:
    if value is None:
        return 0
    if not value.strip().isdigit() or int(value) > MAX_BODY:
        raise Refusal(413, f"bodies are limited to {MAX_BODY} bytes")
    return int(value)


def forwarded(request: Request) -> bytes:
    """The request as Oxigraph gets it: one request, closed after, the body's real length."""
    lines = [f"{request.method} {request.target} HTTP/1.1"]
    lines += [f"{k}: {v}" for k, v in request.headers if k.lower() not in HOP_BY_HOP]
    if request.body or request.method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(request.body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + request.body


def answer(status: int, reason: str, origin: str | None = None) -> bytes:
    """A plain-text response of the proxy's own."""
    body = (reason + "\n").encode()
    lines = [f"HTTP/1.1 {status} {_PHRASES.get(status, 'Error')}", "Content-Type: text/plain"]
    lines += _cors_headers(origin)
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def preflight(request: Request, policy: Policy) -> bytes:
    """The answer to a CORS preflight: yes for a --cors origin, no otherwise."""
    origin = cross_origin(request, policy)
    if origin is None:
        raise Refusal(403, f"requests from {request.header('origin')} are refused")
    wanted = request.header("access-control-request-headers") or "Content-Type, Accept"
    lines = ["HTTP/1.1 204 No Content", *_cors_headers(origin)]
    lines += ["Access-Control-Allow-Methods: GET, POST", f"Access-Control-Allow-Headers: {wanted}"]
    lines += ["Access-Control-Max-Age: 600", "Content-Length: 0", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _cors_headers(origin: str | None) -> list[str]:
    return [f"Access-Control-Allow-Origin: {origin}", "Vary: Origin"] if origin else []


_PHRASES = {
    400: "Bad Request",
    403: "Forbidden",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Content Too Large",
    431: "Request Header Fields Too Large",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Front:
    """The asyncio server: admits each request, relays it to the worker, watches the client."""

    policy: Policy
    worker: Worker
    tasks: set[asyncio.Task] = field(default_factory=set)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self.tasks.add(task)
        try:
            await self._handle(reader, writer)
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            pass  # the client left or stalled: nothing to answer
        finally:
            self.tasks.discard(task)
            writer.close()

    async def close(self) -> None:
        """Drop the requests still in flight (kg serve is stopping)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        origin = None
        try:
            request = await read_request(reader, writer)
            origin = cross_origin(request, self.policy)
            if request.method == "OPTIONS" and request.header("origin"):
                writer.write(preflight(request, self.policy))
            else:
                await self._relay(admit(request, self.policy), reader, writer, origin)
        except Refusal as refusal:
            writer.write(answer(refusal.status, refusal.reason, origin))
        await writer.drain()

    async def _relay(
        self,
        request: Request,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        origin: str | None,
    ) -> None:
        """Forward; stop (and tell the worker) when the client leaves or time runs out."""
        state = {"answered": False}
        async with self.worker.use() as address:
            relay = asyncio.ensure_future(_exchange(request, address, writer, origin, state))
            gone = asyncio.ensure_future(_client_gone(reader))
            limit = None if self.policy.timeout is None else self.policy.timeout + GRACE
            done, _ = await asyncio.wait(
                {relay, gone}, timeout=limit, return_when=asyncio.FIRST_COMPLETED
            )
            if gone in done and relay not in done:  # it may have left with the whole answer
                done, _ = await asyncio.wait({relay}, timeout=LEFT_GRACE)
            gone.cancel()
            if relay in done:
                relay.result()
                return
            relay.cancel()
            self.worker.abandon()
        if not done and not state["answered"]:  # out of time, and the client still waits
            raise Refusal(503, f"the query did not finish in {self.policy.timeout:g} s")


async def _exchange(
    request: Request,
    address: tuple[str, int],
    writer: asyncio.StreamWriter,
    origin: str | None,
    state: dict[str, bool],
) -> None:
    try:
        up_reader, up_writer = await asyncio.open_connection(*address)
    except OSError:
        raise Refusal(502, "the SPARQL server is restarting; try again") from None
    try:
        up_writer.write(forwarded(request))
        await up_writer.drain()
        await _pipe_response(up_reader, writer, origin, state)
    finally:
        up_writer.close()


async def _client_gone(reader: asyncio.StreamReader) -> None:
    """Returns when the client closes its side (extra bytes it sends are ignored)."""
    while await reader.read(65536):
        pass


async def _pipe_response(
    upstream: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    origin: str | None,
    state: dict[str, bool],
) -> None:
    """Oxigraph's answer as it comes (its framing kept), with CORS and Connection: close."""
    try:
        head = await upstream.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        raise Refusal(
            502, "the SPARQL server stopped (out of memory or a crash); it restarts"
        ) from None
    lines = head.decode("latin-1").split("\r\n")[:-2]
    kept = [line for line in lines[1:] if line.split(":")[0].strip().lower() not in CONNECTION]
    out = [lines[0], *kept, *_cors_headers(origin), "Connection: close"]
    writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
    state["answered"] = True
    while chunk := await upstream.read(65536):
        writer.write(chunk)
        await writer.drain()
