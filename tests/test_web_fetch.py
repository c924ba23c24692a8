"""kg.web.fetch against a local server: polite, bounded, retried, offline on request."""

from __future__ import annotations

import gzip

import pytest

from kg.web.fetch import USER_AGENT, Fetcher, FetchError, Policy, is_url

PAGE = "<html><body><p>An exchange of prisoners took place.</p></body></html>"


class FakeTime:
    """A clock that only moves when the fetcher sleeps, so waits are exact and instant."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def fetcher(fake: FakeTime | None = None, **limits) -> Fetcher:
    policy = Policy(**{"host_interval": 0.0, "backoff": 0.01, **limits})
    if fake is None:
        return Fetcher(policy)
    return Fetcher(policy, clock=fake.clock, sleep=fake.sleep)


def test_fetch_names_powkg_and_asks_for_gzip(web):
    url = web.add("/a", PAGE)
    response = fetcher().get(url)
    assert response.body.decode() == PAGE
    assert response.status == 200 and response.url == url
    assert response.fetched.endswith("Z") and response.fetched[:2] == "20"
    seen = web.requests[-1]
    assert seen.user_agent == USER_AGENT and "powkg" in seen.user_agent
    assert "gzip" in seen.accept_encoding


def test_fetch_decodes_gzip(web):
    web.add("/a", PAGE)
    assert fetcher().get(web.url("/gzip/a")).body.decode() == PAGE


def test_fetch_follows_redirects_and_reports_the_final_url(web):
    target = web.add("/target", PAGE)
    response = fetcher().get(web.url("/redirect?hops=3&to=/target"))
    assert response.url == target and response.body.decode() == PAGE


def test_fetch_refuses_too_many_redirects(web):
    web.add("/target", PAGE)
    with pytest.raises(FetchError, match=r"redirect\?hops=4.*: more than 3 redirects"):
        fetcher(max_redirects=3).get(web.url("/redirect?hops=4&to=/target"))


def test_fetch_slow_server_times_out(web):
    with pytest.raises(FetchError, match="timed out waiting for the server"):
        fetcher(read_timeout=0.3).get(web.url("/slow?seconds=2"))


def test_fetch_trickling_server_hits_the_total_deadline(web):
    with pytest.raises(FetchError, match=r"timed out after 0.5 s"):
        fetcher(total_timeout=0.5).get(web.url("/trickle?seconds=3"))


def test_fetch_refuses_a_declared_huge_body_before_reading(web):
    with pytest.raises(FetchError, match="response is 6,000,000 bytes; the limit is 1,000,000"):
        fetcher(max_bytes=1_000_000).get(web.url("/huge?mb=6"))


def test_fetch_stops_reading_an_undeclared_huge_body(web):
    with pytest.raises(FetchError, match="over the limit of 1,000,000 bytes"):
        fetcher(max_bytes=1_000_000).get(web.url("/huge?mb=6&length=0"))


def test_fetch_caps_the_decoded_size_of_gzip(web):
    """A 20 kB gzip body that inflates to 20 MB is refused by its decoded size."""
    assert len(gzip.compress(b" " * 20_000_000)) < 100_000
    with pytest.raises(FetchError, match="over the limit"):
        fetcher(max_bytes=1_000_000).get(web.url("/bomb?mb=20"))


def test_fetch_retries_5xx_with_exponential_backoff(web):
    fake = FakeTime()
    response = fetcher(fake, backoff=1.0).get(web.url("/flaky/a?fail=2&status=503"))
    assert response.body.endswith(b"recovered</p></body></html>")
    assert fake.slept == [1.0, 2.0]
    assert web.hits["/flaky/a"] == 3


def test_fetch_honours_retry_after_on_429(web):
    fake = FakeTime()
    fetcher(fake, backoff=1.0).get(web.url("/flaky/b?fail=1&status=429&after=7"))
    assert fake.slept == [7.0]


def test_fetch_gives_up_when_retry_after_exceeds_the_cap(web):
    fake = FakeTime()
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests .*retry after 3600 s"):
        fetcher(fake, max_retry_after=60).get(web.url("/flaky/c?fail=9&status=429&after=3600"))
    assert fake.slept == []


def test_fetch_gives_up_after_the_last_retry(web):
    fake = FakeTime()
    with pytest.raises(FetchError, match="HTTP 500 Internal Server Error after 3 tries"):
        fetcher(fake, retries=2).get(web.url("/flaky/d?fail=9&status=500"))
    assert web.hits["/flaky/d"] == 3


def test_fetch_client_errors_are_not_retried(web):
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetcher().get(web.url("/status/404"))
    assert web.hits["/status/404"] == 1


def test_fetch_waits_between_requests_to_one_host(web):
    fake = FakeTime()
    web.add("/a", PAGE)
    client = fetcher(fake, host_interval=2.0)
    client.get(web.url("/a"))
    fake.now += 0.5
    client.get(web.url("/a"))
    assert fake.slept == [1.5]


def test_fetch_offline_refuses_without_a_request(web):
    url = web.add("/a", PAGE)
    with pytest.raises(FetchError, match=r"/a: not fetched: offline mode"):
        Fetcher(offline=True).get(url)
    assert web.requests == []


def test_fetch_unreachable_host_is_one_line(web):
    port = web.base.rsplit(":", 1)[1]
    web.__exit__()  # nothing listens there now
    with pytest.raises(FetchError, match="cannot connect to the server"):
        fetcher().get(f"http://127.0.0.1:{port}/a")


def test_fetch_is_url_only_for_http():
    assert is_url("https://example.org/a") and is_url("HTTP://x")
    assert not is_url("ftp://example.org/a") and not is_url("page.html")
