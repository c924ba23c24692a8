"""Polite, bounded HTTP GET for article pages and feeds.

Every request names powkg in its User-Agent, waits its turn per host, gives up
after a timeout, follows a limited number of redirects, refuses bodies over a
size cap (before reading when the server says so, while reading otherwise, and
after gzip decoding, so a small compressed bomb cannot fill memory), and
retries 429 and 5xx answers with exponential backoff (or the server's
``Retry-After``, within a cap). ``offline`` refuses every fetch.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kg import __version__
from kg.errors import InputError

if TYPE_CHECKING:
    import urllib3

USER_AGENT = f"powkg/{__version__} (news knowledge graph; +https://w3id.org/powkg)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL that could not be fetched; the message names the URL and why."""


@dataclass(frozen=True)
class Policy:
    """The limits every fetch keeps to (seconds and bytes)."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 60.0
    host_interval: float = 1.0


@dataclass(frozen=True)
class Response:
    """A fetched body with where it finally came from and when."""

    url: str
    status: int
    content_type: str
    body: bytes
    fetched: str
    retry_after: float | None = None


def is_url(text: str) -> bool:
    """Only http(s) URLs are fetched; anything else is a path."""
    return text.lower().startswith(("http://", "https://"))


@dataclass
class Fetcher:
    """Fetches URLs under a :class:`Policy`; one instance keeps the per-host clock.

    ``clock`` and ``sleep`` are injectable so tests can check the waits without waiting.
    """

    policy: Policy = field(default_factory=Policy)
    offline: bool = False
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _pool: urllib3.PoolManager | None = None

    def get(self, url: str) -> Response:
        """GET ``url``; raises :class:`FetchError` with a one-line reason."""
        if self.offline:
            raise FetchError(url, "not fetched: offline mode")
        if not is_url(url) or not urlsplit(url).hostname:
            raise FetchError(url, "not an http(s) URL")
        for attempt in range(self.policy.retries + 1):
            response = self._attempt(url)
            if response.status not in RETRY_STATUSES:
                return self._checked(url, response)
            delay = self._delay(url, response, attempt)
            if attempt == self.policy.retries:
                break
            self.sleep(delay)
        raise FetchError(url, f"{_status(response.status)} after {self.policy.retries + 1} tries")

    def _delay(self, url: str, response: Response, attempt: int) -> float:
        """Backoff doubles per try; a Retry-After longer than the cap ends the retries."""
        backoff = self.policy.backoff * 2**attempt
        after = response.retry_after
        if after is not None and after > self.policy.max_retry_after:
            status = _status(response.status)
            raise FetchError(url, f"{status} (server asks to retry after {after:g} s)")
        return max(backoff, after or 0.0)

    def _checked(self, url: str, response: Response) -> Response:
        if response.status >= 400:
            raise FetchError(url, _status(response.status))
        return response

    def _attempt(self, url: str) -> Response:
        import urllib3

        self._wait_turn(urlsplit(url).hostname or "")
        try:
            raw = self._manager().request(
                "GET",
                url,
                headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip"},
                redirect=True,
                retries=urllib3.Retry(
                    total=None,
                    connect=0,
                    read=0,
                    other=0,
                    status=0,
                    redirect=self.policy.max_redirects,
                    raise_on_redirect=True,
                    raise_on_status=False,
                ),
                timeout=urllib3.Timeout(
                    connect=self.policy.connect_timeout, read=self.policy.read_timeout
                ),
                preload_content=False,
            )
        except urllib3.exceptions.HTTPError as err:
            raise FetchError(url, _network_reason(err, self.policy)) from None
        try:
            body = self._read(url, raw)
        finally:
            raw.release_conn()
        final = _final_url(url, raw)
        content_type = raw.headers.get("Content-Type", "")
        after = _seconds(raw.headers.get("Retry-After", ""))
        return Response(final, raw.status, content_type, body, _now(), after)

    def _read(self, url: str, raw: urllib3.BaseHTTPResponse) -> bytes:
        """The decoded body, stopped at the size cap and the total deadline."""
        import urllib3

        cap = self.policy.max_bytes
        declared = raw.headers.get("Content-Length", "")
        if (
            declared.isdigit()
            and int(declared) > cap
            and "gzip" not in raw.headers.get("Content-Encoding", "")
        ):
            raise FetchError(url, f"response is {int(declared):,} bytes; the limit is {cap:,}")
        deadline = self.clock() + self.policy.total_timeout
        chunks, size = [], 0
        try:
            for chunk in raw.stream(65536, decode_content=True):
                size += len(chunk)
                if size > cap:
                    raise FetchError(url, f"response is over the limit of {cap:,} bytes")
                if self.clock() > deadline:
                    raise FetchError(url, f"timed out after {self.policy.total_timeout:g} s")
                chunks.append(chunk)
        except urllib3.exceptions.HTTPError as err:
            raise FetchError(url, _network_reason(err, self.policy)) from None
        return b"".join(chunks)

    def _wait_turn(self, host: str) -> None:
        """At most one request per ``host_interval`` to each host."""
        last = self._last.get(host)
        if last is not None:
            wait = last + self.policy.host_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _manager(self) -> urllib3.PoolManager:
        if self._pool is None:
            import urllib3

            self._pool = urllib3.PoolManager(num_pools=20, maxsize=2)
        return self._pool


def _final_url(url: str, raw: urllib3.BaseHTTPResponse) -> str:
    """Where a redirect chain ended: each Location is relative to the URL before it."""
    from urllib.parse import urljoin

    for step in raw.retries.history if raw.retries else ():
        url = urljoin(url, step.redirect_location or "")
    return url


def _seconds(header: str) -> float | None:
    """Seconds from a numeric ``Retry-After`` header (an HTTP date counts as absent)."""
    try:
        return max(float(header), 0.0)
    except ValueError:
        return None


def _status(code: int) -> str:
    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def _network_reason(err: Exception, policy: Policy) -> str:
    import urllib3

    reason = getattr(err, "reason", None) or err
    if isinstance(reason, urllib3.exceptions.ResponseError) or "redirect" in str(reason):
        return f"more than {policy.max_redirects} redirects"
    if isinstance(reason, urllib3.exceptions.NameResolutionError):
        return "host name does not resolve"
    # NewConnectionError subclasses ConnectTimeoutError, so it is checked first.
    if isinstance(reason, urllib3.exceptions.NewConnectionError | ConnectionError):
        return "cannot connect to the server"
    if isinstance(reason, urllib3.exceptions.TimeoutError):
        return "timed out waiting for the server"
    return f"network error ({' '.join(str(reason).split())[:120]})"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
