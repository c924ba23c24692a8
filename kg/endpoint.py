"""A shared SPARQL server as the store: where its endpoints are, and how to talk to it.

``--store`` (or ``KG_STORE``) may be a SPARQL query endpoint URL. For the servers
we know, the update and Graph Store endpoints follow from it (or are given as
options):

- Oxigraph (``http://host:7878/query``): ``/update`` and ``/store``. Its default
  graph is a graph of its own unless it runs with ``--union-default-graph``;
  powkg keeps the merged view there, as in the embedded store.
- Virtuoso (``http://host:8890/sparql``, or ``/sparql-auth`` with credentials):
  updates at the same URL, Graph Store at ``/sparql-graph-crud(-auth)``. Its default
  graph is always the union of all its graphs, one row per graph that states a
  triple, so powkg keeps no copy there.

Credentials come from ``KG_STORE_USER``/``KG_STORE_PASSWORD`` or a netrc file
(``$NETRC`` or ``~/.netrc``), never from the command line or the URL, and they
never appear in an error: every message names the URL without its user part or
query string. Requests time out, are retried on connection errors and 5xx
answers, and fail with one line (unreachable, 401/403, read-only server).
"""

from __future__ import annotations

import hashlib
import netrc
import os
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

from kg import __version__
from kg.errors import QueryError, StoreError, UsageError

if TYPE_CHECKING:
    import urllib3

USER_ENV, PASSWORD_ENV = "KG_STORE_USER", "KG_STORE_PASSWORD"
UPDATE_ENV, GRAPH_STORE_ENV = "KG_UPDATE_URL", "KG_GRAPH_STORE_URL"
USER_AGENT = f"powkg/{__version__}"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 300.0
"""Seconds an answer may take when no --timeout says otherwise (writes, dumps)."""
RETRIES = 3
BACKOFF = 0.5
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MESSAGE_CHARS = 200
RESULTS = "application/sparql-results+json"
TRIPLES = "application/n-triples"


def is_endpoint(location: str | os.PathLike) -> bool:
    """Whether a ``--store`` value names a SPARQL server rather than a directory."""
    return str(location).lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Server:
    """A SPARQL server's endpoints and how its default graph behaves."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None
    kind: str = "sparql"
    union_default: bool = False
    """The default graph is the union of all graphs (Virtuoso): powkg keeps no merged copy."""

    def __str__(self) -> str:
        return safe_url(self.query_url)


def server_for(url: str, update_url: str | None = None, graph_store_url: str | None = None):
    """The :class:`Server` a query endpoint URL names; endpoints derived for known servers."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"--store {safe_url(url)}: put credentials in {USER_ENV}/{PASSWORD_ENV} or a "
            "netrc file, not in the URL"
        )
    if not parts.hostname:
        raise UsageError(f"--store {safe_url(url)}: no host in the URL")
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    path = parts.path.rstrip("/")
    update_url = update_url or os.environ.get(UPDATE_ENV) or None
    graph_store_url = graph_store_url or os.environ.get(GRAPH_STORE_ENV) or None
    if path.endswith("/query"):
        prefix = base + path[: -len("/query")]
        return Server(
            url, update_url or prefix + "/update", graph_store_url or prefix + "/store", "oxigraph"
        )
    if path in ("/sparql", "/sparql-auth"):
        crud = "/sparql-graph-crud-auth" if path == "/sparql-auth" else "/sparql-graph-crud"
        return Server(
            url, update_url or url, graph_store_url or base + crud, "virtuoso", union_default=True
        )
    return Server(url, update_url, graph_store_url)


def safe_url(url: str) -> str:
    """``url`` without user, password, query string or fragment: fit for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) from the environment, else from a netrc entry for the URL's host."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user:
        return user, password or ""
    path = os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
    if not os.path.exists(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(urlsplit(url).hostname or "")
    except (netrc.NetrcParseError, OSError) as err:
        raise StoreError(f"{path}: cannot read netrc ({type(err).__name__})") from None
    return (entry[0], entry[2] or "") if entry else None


@dataclass(frozen=True)
class Answer:
    """A whole HTTP answer, read within the deadline and the size cap."""

    status: int
    headers: Mapping[str, str]
    data: bytes


@dataclass(frozen=True)
class _Challenge:
    """How a server asked us to authenticate at one URL, and the credentials we answer with."""

    scheme: str
    params: str
    user: str
    password: str


@dataclass
class Client:
    """HTTP for one server: timeouts, retries, auth (Basic or Digest on challenge), one-line
    errors. Reuses connections."""

    server: Server
    retries: int = RETRIES
    backoff: float = BACKOFF
    _pool: urllib3.PoolManager | None = None
    _auth: dict[str, _Challenge] = field(default_factory=dict)
    _nonce_count: int = 0

    def query(
        self,
        sparql: str,
        *,
        graph: bool = False,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> tuple[str, bytes]:
        """(content type, body) of a query sent by POST (form-encoded, as every server takes);
        ``graph`` for CONSTRUCT and DESCRIBE, whose answer is RDF."""
        body = urlencode({"query": sparql}).encode()
        accept = f"{TRIPLES}, text/plain;q=0.9, text/turtle;q=0.8" if graph else RESULTS
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        response = self.request(
            "POST", self.server.query_url, body, headers, timeout=timeout, max_bytes=max_bytes
        )
        cut = response.headers.get("X-SPARQL-MaxRows")
        if cut:
            raise QueryError(
                f"the server cut the answer at {cut} rows (Virtuoso: raise ResultSetMaxRows "
                "in virtuoso.ini)"
            )
        return response.headers.get("Content-Type", ""), response.data

    def update(self, sparql: str) -> None:
        """Send a SPARQL Update (one request, so one transaction where the server has them)."""
        url = self._needs(self.server.update_url, "update", UPDATE_ENV)
        body = urlencode({"update": sparql}).encode()
        self.request("POST", url, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace one named graph (Graph Store Protocol PUT)."""
        url = self._graph_url(graph)
        self.request("PUT", url, ntriples, {"Content-Type": TRIPLES}, ok_missing=False)

    def delete_graph(self, graph: str) -> None:
        """Drop one named graph (Graph Store Protocol DELETE); absent is fine."""
        self.request("DELETE", self._graph_url(graph), b"", {}, ok_missing=True)

    def post_quads(self, nquads: bytes) -> None:
        """Add quads to the dataset (Oxigraph's Graph Store endpoint takes N-Quads)."""
        url = self._needs(self.server.graph_store_url, "Graph Store", GRAPH_STORE_ENV)
        self.request("POST", url, nquads, {"Content-Type": "application/n-quads"})

    def _graph_url(self, graph: str) -> str:
        url = self._needs(self.server.graph_store_url, "Graph Store", GRAPH_STORE_ENV)
        name = "graph-uri" if self.server.kind == "virtuoso" else "graph"
        return f"{url}?{urlencode({name: graph})}"

    def _needs(self, url: str | None, what: str, env: str) -> str:
        if url is None:
            raise UsageError(
                f"{self.server}: cannot tell this server's {what} endpoint; set {env} "
                f"(or --{what.lower().replace(' ', '-')}-url)"
            )
        return url

    def request(
        self,
        method: str,
        url: str,
        body: bytes,
        headers: dict[str, str],
        *,
        timeout: float | None = None,
        max_bytes: int | None = None,
        ok_missing: bool = False,
    ) -> Answer:
        """One request with retries; raises :class:`StoreError`/:class:`QueryError` in one line."""
        for attempt in range(self.retries + 1):
            try:
                response = self._send(method, url, body, headers, timeout, max_bytes)
            except StoreError:
                if attempt == self.retries:
                    raise
            else:
                if not _transient(response) or attempt == self.retries:
                    return _checked(url, response, ok_missing)
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _send(self, method, url, body, headers, timeout, max_bytes) -> Answer:
        import urllib3

        headers = {"User-Agent": USER_AGENT, **headers}
        if safe_url(url) in self._auth:
            headers["Authorization"] = self._authorization(method, url)
        try:
            response = self._read(method, url, body, headers, timeout, max_bytes)
            if response.status == 401 and self._challenged(url, response):
                headers["Authorization"] = self._authorization(method, url)
                response = self._read(method, url, body, headers, timeout, max_bytes)
        except urllib3.exceptions.NewConnectionError as err:  # a ConnectTimeoutError too
            reason = f"cannot reach the SPARQL server ({_why(err)})"
            raise StoreError(f"{safe_url(url)}: {reason}") from None
        except urllib3.exceptions.TimeoutError:
            if timeout is not None:
                raise QueryError(f"query stopped after {timeout:g} s (--timeout)") from None
            raise StoreError(f"{safe_url(url)}: no answer within {READ_TIMEOUT:g} s") from None
        except urllib3.exceptions.HTTPError as err:
            reason = f"cannot reach the SPARQL server ({_why(err)})"
            raise StoreError(f"{safe_url(url)}: {reason}") from None
        return response

    def _read(self, method, url, body, headers, timeout, max_bytes) -> Answer:
        import urllib3

        read = timeout if timeout is not None else READ_TIMEOUT
        deadline = None if timeout is None else time.monotonic() + timeout
        response = self._manager().request(
            method,
            url,
            body=body,
            headers=headers,
            timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=read),
            preload_content=False,
            redirect=False,
            retries=False,
        )
        chunks, size = [], 0
        for chunk in response.stream(1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                response.release_conn()
                raise QueryError(
                    f"results exceed {max_bytes // 2**20} MB (--max-memory); add a LIMIT"
                )
            if deadline is not None and time.monotonic() > deadline:
                response.release_conn()
                raise urllib3.exceptions.ReadTimeoutError(None, url, "deadline")
        return Answer(response.status, response.headers, b"".join(chunks))

    def _challenged(self, url: str, response: Answer) -> bool:
        """Remember the server's challenge if we have credentials for it (retry once)."""
        key = safe_url(url)
        known = self._auth.get(key)
        found = credentials(url)
        challenge = response.headers.get("WWW-Authenticate", "")
        stale = known is not None and "stale=true" in challenge.lower().replace('"', "")
        if found is None or not challenge or (known is not None and not stale):
            return False
        scheme, _, params = challenge.partition(" ")
        self._auth[key] = _Challenge(scheme.lower(), params, *found)
        return True

    def _authorization(self, method: str, url: str) -> str:
        known = self._auth[safe_url(url)]
        if known.scheme == "digest":
            self._nonce_count += 1
            return digest(method, url, known.user, known.password, known.params, self._nonce_count)
        import base64

        return "Basic " + base64.b64encode(f"{known.user}:{known.password}".encode()).decode()

    def _manager(self) -> urllib3.PoolManager:
        if self._pool is None:
            import urllib3

            self._pool = urllib3.PoolManager(maxsize=4)
        return self._pool


def digest(method: str, url: str, user: str, password: str, params: str, count: int) -> str:
    """An RFC 7616 Digest ``Authorization`` value (MD5, qop=auth), as Virtuoso asks for."""
    found = dict(re.findall(r'(\w+)="?([^",]*)"?', params))
    parts = urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")

    def md5(text: str) -> str:
        return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()

    ha1 = md5(f"{user}:{found.get('realm', '')}:{password}")
    ha2 = md5(f"{method}:{uri}")
    nonce, cnonce, nc = found.get("nonce", ""), secrets.token_hex(8), f"{count:08x}"
    if "auth" in found.get("qop", "").split(","):
        answer = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        extra = f', qop=auth, nc={nc}, cnonce="{cnonce}"'
    else:
        answer, extra = md5(f"{ha1}:{nonce}:{ha2}"), ""
    opaque = f', opaque="{found["opaque"]}"' if "opaque" in found else ""
    return (
        f'Digest username="{user}", realm="{found.get("realm", "")}", nonce="{nonce}", '
        f'uri="{uri}", response="{answer}", algorithm=MD5{opaque}{extra}'
    )


def _checked(url: str, response: Answer, ok_missing: bool):
    status = response.status
    if status < 300 or (ok_missing and status == 404):
        return response
    where = safe_url(url)
    said = _message(response.data)
    if status == 401:
        raise StoreError(
            f"{where}: the server wants credentials it did not accept (401); set "
            f"{USER_ENV} and {PASSWORD_ENV}, or add the host to your netrc file"
        )
    if status == 403:
        raise StoreError(f"{where}: not allowed (403){': ' + said if said else ''}")
    if status in (404, 405) or _read_only(said):
        raise StoreError(f"{where}: the server refused the write or read ({status}): {said}")
    if status == 400:
        raise QueryError(f"the server refused the request (400): {said}")
    raise StoreError(f"{where}: HTTP {status}{': ' + said if said else ''}")


def _transient(response: Answer) -> bool:
    """A 5xx worth another try: not Virtuoso's 500 for a query it cannot compile or run."""
    if response.status not in RETRY_STATUSES:
        return False
    return not re.match(rb"\s*Virtuoso (22|37|42)", response.data)


def _read_only(message: str) -> bool:
    return bool(re.search(r"permission|read.only|not allowed", message, re.I))


def _message(body: bytes) -> str:
    """The server's own words, on one line, without the query it may echo back."""
    text = " ".join(body.decode("utf-8", errors="replace").split())
    text = text.split(" SPARQL query:")[0]
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:MESSAGE_CHARS] + ("…" if len(text) > MESSAGE_CHARS else "")


def _why(err: Exception) -> str:
    text = str(getattr(err, "reason", None) or err)
    for known in ("Connection refused", "Name or service not known", "timed out", "No route"):
        if known.lower() in text.lower():
            return known.lower()
    return type(err).__name__
