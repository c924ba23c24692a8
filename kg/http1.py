"""HTTP/1.1 on the wire, as much as ``kg serve``'s front door needs: one request in, one out.

Requests are read whole (head and a Content-Length body) within a time limit;
the proxy forwards each with ``Connection: close`` and passes the answer through
as it comes, framing untouched.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

MAX_HEAD = 64 * 1024
"""A longer request head (a long GET query string) is refused: POST the query instead."""
MAX_BODY = 128 * 1024 * 1024
READ_TIMEOUT = 30.0
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
    lines = [status_line(status), "Content-Type: text/plain"]
    lines += cors_headers(origin)
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def status_line(status: int) -> str:
    return f"HTTP/1.1 {status} {_PHRASES.get(status, 'Error')}"


def cors_headers(origin: str | None) -> list[str]:
    return [f"Access-Control-Allow-Origin: {origin}", "Vary: Origin"] if origin else []


_PHRASES = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Content Too Large",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


async def pipe_response(
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
    out = [lines[0], *kept, *cors_headers(origin), "Connection: close"]
    writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
    state["answered"] = True
    while chunk := await upstream.read(65536):
        writer.write(chunk)
        await writer.drain()
