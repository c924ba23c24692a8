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

Only Oxigraph's own paths (:data:`kg.workbench.site.UPSTREAM`: ``/query``, ``/update``,
``/store`` and its editor's files) reach it; kg answers the rest itself (the workbench,
``/api/*``, ``/evidence``), so a path Oxigraph also serves (its ``/sparql``, which takes
updates too) cannot slip past these checks.

One request per connection (``Connection: close``), which browsers and SPARQL
clients handle; bodies need a Content-Length.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol
from urllib.parse import parse_qsl, urlencode

from kg.http1 import (
    Refusal,
    Request,
    answer,
    cors_headers,
    forwarded,
    pipe_response,
    read_request,
)
from kg.sparqltext import refused_calls, remote_calls
from kg.updates import RefusedUpdate, prepare
from kg.workbench.site import encode, upstream

if TYPE_CHECKING:
    from kg.workbench.site import Site

GRACE = 5.0
"""Seconds past the timeout before the proxy gives up on Oxigraph's own cancellation."""
LEFT_GRACE = 1.0
"""Seconds an answer may take to finish after its client closed: it may have had it all."""
FORM = "application/x-www-form-urlencoded"
SAFE = ("GET", "HEAD")
USING = ("using-graph-uri", "using-named-graph-uri", "using-union-graph")
PAGE_WORK = 4
"""Requests for kg's own pages worked on at once (each saved query runs in its own process)."""


@dataclass(frozen=True)
class Policy:
    """What the server admits: set from ``kg serve``'s options."""

    host: str = "127.0.0.1"
    writable: bool = False
    cors: frozenset[str] = frozenset()
    allowed_services: frozenset[str] = frozenset()
    timeout: float | None = 60.0


class Worker(Protocol):
    """The Oxigraph process behind the proxy (see :class:`kg.serve.Worker`)."""

    def use(self) -> contextlib.AbstractAsyncContextManager[tuple[str, int]]: ...

    def abandon(self) -> None: ...

    async def suspect(self) -> None: ...


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
        site = request.header("sec-fetch-site")
        if request.method in SAFE or site in (None, "same-origin", "none"):
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


def preflight(request: Request, policy: Policy) -> bytes:
    """The answer to a CORS preflight: yes for a --cors origin, no otherwise."""
    origin = cross_origin(request, policy)
    if origin is None:
        raise Refusal(403, f"requests from {request.header('origin')} are refused")
    wanted = request.header("access-control-request-headers") or "Content-Type, Accept"
    lines = ["HTTP/1.1 204 No Content", *cors_headers(origin)]
    lines += ["Access-Control-Allow-Methods: GET, POST", f"Access-Control-Allow-Headers: {wanted}"]
    lines += ["Access-Control-Max-Age: 600", "Content-Length: 0", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class Front:
    """The asyncio server: admits each request, relays it to the worker, watches the client."""

    policy: Policy
    worker: Worker
    site: Site
    tasks: set[asyncio.Task] = field(default_factory=set)
    _page_work: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(PAGE_WORK))

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self.tasks.add(task)
        try:
            await self._handle(reader, writer)
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            pass  # the client left or stalled: nothing to answer
        except asyncio.CancelledError:
            pass  # kg serve is stopping (close); Python 3.11 would log a cancelled handler
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
            elif upstream(request.path):
                await self._relay(admit(request, self.policy), reader, writer, origin)
            else:
                writer.write(await self._answer_here(admit(request, self.policy), origin))
        except Refusal as refusal:
            writer.write(answer(refusal.status, refusal.reason, origin))
        await writer.drain()

    async def _answer_here(self, request: Request, origin: str | None) -> bytes:
        """A workbench page, the API or evidence: kg's own answer, worked out in a thread."""
        async with self._page_work:
            answer = await asyncio.to_thread(self.site.respond, request)
        return encode(answer, request.method, cors_headers(origin))

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
            relay = _background(_exchange(request, address, writer, origin, state))
            gone = _background(_client_gone(reader))
            limit = None if self.policy.timeout is None else self.policy.timeout + GRACE
            try:
                done, _ = await asyncio.wait(
                    {relay, gone}, timeout=limit, return_when=asyncio.FIRST_COMPLETED
                )
                left = gone in done
                if left and relay not in done:  # it may have left with the whole answer
                    done, _ = await asyncio.wait({relay}, timeout=LEFT_GRACE)
            except asyncio.CancelledError:  # kg serve is stopping
                relay.cancel()
                raise
            finally:
                gone.cancel()
            if relay in done:
                await self._settle(relay)
                return
            relay.cancel()
            self.worker.abandon()
        if not left and not state["answered"]:  # out of time, and the client still waits
            raise Refusal(503, f"the query did not finish in {self.policy.timeout:g} s")

    async def _settle(self, relay: asyncio.Future) -> None:
        """The relay's outcome; an answer Oxigraph broke off makes the worker look at itself."""
        try:
            relay.result()
        except Refusal as refusal:
            if refusal.status == 502:
                await self.worker.suspect()
            raise


def _background(work: Coroutine) -> asyncio.Future:
    """A task whose outcome is read here or not at all, so never logged as unretrieved (a
    client that reset its connection, an answer broken off while kg serve stops)."""
    task = asyncio.ensure_future(work)
    task.add_done_callback(_retrieve)
    return task


def _retrieve(task: asyncio.Future) -> None:
    if not task.cancelled():
        task.exception()


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
        await pipe_response(up_reader, writer, origin, state)
    finally:
        up_writer.close()


async def _client_gone(reader: asyncio.StreamReader) -> None:
    """Returns when the client closes its side (extra bytes it sends are ignored)."""
    while await reader.read(65536):
        pass
