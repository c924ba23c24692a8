"""kg.inputs, kg.web: pages, URLs, feeds and crawls become articles, or one-line reasons."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from webpages import render

from kg.article import Article, Problem
from kg.inputs import Inputs, iter_inputs
from kg.web.fetch import Fetcher, Policy

PAGE = render("broadsheet", "uae-swap")
BODY = "\n".join(PAGE.paragraphs) + "\n"
FAST = Policy(host_interval=0.0, backoff=0.01, retries=1)


def _split(items) -> tuple[list[Article], list[str]]:
    articles, errors = [], []
    for item in items:
        if isinstance(item, Problem):
            errors.append(str(item.error))
        else:
            articles.append(item)
    return articles, errors


def _read(*args: str | Path, offline: bool = False) -> tuple[list[Article], list[str]]:
    return _split(Inputs([str(a) for a in args], Fetcher(FAST, offline=offline)))


def _page(body: str, title: str = "A page", lang: str = "en", head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><main><h1>{title}</h1>{body}</main></body></html>"
    )


def _feed(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Wire</title><link>https://wire.example/</link>{entries}</channel></rss>"
    )


def test_inputs_html_file_gives_body_text_and_page_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.html, encoding="utf-8")
    [article], errors = _read(path)
    assert errors == []
    assert article.text == BODY and article.body_start == 0
    assert article.analysis_text == BODY
    assert (article.title, article.published, article.publisher) == (
        "Ukraine and Russia swap 175 prisoners each in UAE-brokered deal",
        "2025-03-19",
        "The Morning Ledger",
    )
    assert article.url == PAGE.url and article.key == PAGE.url
    assert article.source == str(path) and article.fetched is None


def test_inputs_html_front_matter_wins_over_page_metadata(tmp_path):
    path = tmp_path / "page.html"
    front = "---\ntitle: Analyst's title\npublished: 2025-03-20\n---\n"
    path.write_text(front + PAGE.html, encoding="utf-8")
    [article], _ = _read(path)
    assert (article.title, article.published) == ("Analyst's title", "2025-03-20")
    assert article.publisher == "The Morning Ledger" and article.text == BODY


def test_inputs_html_page_without_metadata_keeps_the_dateline_for_the_extractor(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PAGE.paragraphs)
    path = tmp_path / "bare.htm"
    path.write_text(_page(body, title="Bare"), encoding="utf-8")
    [article], _ = _read(path)
    assert article.published is None and article.key == "bare.htm"
    assert article.text.startswith("KYIV, March 19 - ")


def test_inputs_jsonl_html_record_explicit_fields_win(tmp_path):
    record = {"html": PAGE.html, "published": "2025-03-21", "id": "crawl-7"}
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article], _ = _read(path)
    assert article.published == "2025-03-21" and article.title == PAGE.title
    assert article.text == BODY and article.source == f"{path}:1"


def test_inputs_url_is_fetched_with_provenance(web):
    web.add("/story", PAGE.html)
    [article], errors = _read(web.url("/redirect?hops=2&to=/story"))
    assert errors == []
    assert article.source == web.url("/story") and article.url == PAGE.url
    assert article.fetched and article.fetched.endswith("Z") and article.text == BODY


@pytest.mark.parametrize(
    ("path", "content", "reason"),
    [
        ("/status/404", None, "HTTP 404 Not Found"),
        ("/status/403", None, "HTTP 403 Forbidden"),
        (
            "/soft404",
            _page("<p>Sorry, the page you asked for is not here.</p>", "Not found"),
            "only",
        ),
        ("/index", _page("<ul><li><a href='/1'>News</a></li></ul>", "Section"), "no main text"),
        (
            "/paywall",
            _page(
                "<p>" + " ".join(PAGE.paragraphs[0].split()[:40]) + "</p>"
                "<p>Subscribe to continue reading.</p>",
                head='<script type="application/ld+json">'
                '{"@type": "NewsArticle", "isAccessibleForFree": "False"}</script>',
            ),
            "paywalled: the page is marked not free and shows only",
        ),
        (
            "/ukrainian",
            _page(
                "<p>"
                + " ".join(
                    ["Україна та Росія обміняли полонених у середу, повідомили урядові джерела."]
                    * 12
                )
                + "</p>",
                lang="uk",
            ),
            "not English (the text reads as 'uk')",
        ),
        ("/slides.pdf", (b"%PDF-1.4 ...", "application/pdf"), "not an HTML page (application/pdf)"),
    ],
)
def test_inputs_a_page_that_is_no_article_is_one_line_and_the_rest_ingest(
    web, path, content, reason
):
    if content is not None:
        web.add(path, *(content if isinstance(content, tuple) else (content,)))
    good = web.add("/good", PAGE.html)
    articles, errors = _read(web.url(path), good)
    assert [a.source for a in articles] == [good]
    assert len(errors) == 1 and errors[0].startswith(web.url(path) + ": ")
    assert reason in errors[0] and "\n" not in errors[0]


def test_inputs_offline_fetches_nothing(web):
    url = web.add("/story", PAGE.html)
    articles, errors = _read(url, offline=True)
    assert articles == [] and errors == [f"{url}: not fetched: offline mode"]
    assert web.requests == []


def test_inputs_feed_file_fetches_every_item(web, tmp_path):
    one = web.add("/one", render("agency", "caucasus-release").html)
    two = web.add("/two", _page("".join(f"<p>{p}</p>" for p in PAGE.paragraphs), "Two"))
    missing = web.url("/status/404")
    feed = tmp_path / "wire.rss"
    feed.write_text(
        _feed(
            [
                ("Armenia item", one, "Wed, 08 Jan 2025 10:00:00 GMT"),
                ("Swap item", two, "Wed, 19 Mar 2025 12:00:00 GMT"),
                ("Gone", missing, "Thu, 20 Mar 2025 12:00:00 GMT"),
            ]
        ),
        encoding="utf-8",
    )
    articles, errors = _read(feed)
    assert [a.source for a in articles] == [one, two]
    assert articles[0].title == "Armenia and Azerbaijan exchange prisoners at border"
    assert (articles[1].title, articles[1].published) == ("Two", "2025-03-19")  # date from the feed
    assert errors == [f"{missing}: HTTP 404 Not Found"]


def test_inputs_feed_url_is_recognised_by_its_content(web):
    one = web.add("/one", PAGE.html)
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Wire</title><entry><title>Swap</title><link href="{one}"/>'
        "<updated>2025-03-19T10:00:00Z</updated><id>tag:wire,1</id></entry></feed>"
    )
    feed = web.add("/feed", atom, "application/xml")
    [article], errors = _read(feed)
    assert errors == [] and article.source == one


def test_inputs_xml_that_is_no_feed_is_an_error(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>", encoding="utf-8")
    assert _read(path) == ([], [f"{path}: not an RSS or Atom feed"])


def _warc(path: Path, records: list[tuple[str, int, str, bytes]]) -> list[str]:
    """A gzipped WARC of HTTP responses (url, status, content type, body); returns record ids."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-03-20T06:00:00Z"},
            )
            writer.write_record(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
    return ids


def test_inputs_warc_reads_html_responses_with_record_provenance(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    other = render("portal", "wounded-stage")
    ids = _warc(
        path,
        [
            ("https://news.example/a", 200, "text/html; charset=utf-8", PAGE.html.encode()),
            ("https://news.example/logo.png", 200, "image/png", b"\x89PNG..."),
            ("https://news.example/gone", 404, "text/html", b"<h1>404</h1>"),
            ("https://news.example/moved", 301, "text/html", b""),
            ("https://news.example/b", 200, "text/html", other.html.encode()),
        ],
    )
    inputs = Inputs([str(path)], Fetcher(offline=True))
    articles, errors = _split(inputs)
    assert [(a.source, a.url, a.record) for a in articles] == [
        (str(path), PAGE.url, ids[0]),
        (str(path), other.url, ids[4]),
    ]
    assert articles[0].fetched == "2025-03-20T06:00:00Z" and articles[0].text == BODY
    assert errors == [f"{path}#https://news.example/gone: the crawl recorded HTTP 404"]
    assert inputs.done == inputs.total == path.stat().st_size


def test_inputs_warc_that_is_not_a_warc_is_one_error(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_text("this is not a crawl\n" * 5)
    articles, errors = _read(path)
    assert articles == [] and len(errors) == 1
    assert errors[0].startswith(f"{path}: not a readable WARC file")


def test_inputs_folder_walk_picks_up_pages_and_crawls(tmp_path):
    (tmp_path / "page.html").write_text(PAGE.html, encoding="utf-8")
    _warc(tmp_path / "c.warc.gz", [("https://n.example/a", 200, "text/html", PAGE.html.encode())])
    (tmp_path / "data.xml").write_text("<x/>")  # .xml is a feed only when named directly
    (tmp_path / "style.css").write_text("body{}")
    articles, errors = _read(tmp_path)
    assert [Path(a.source).name for a in articles] == ["c.warc.gz", "page.html"]
    assert errors == [f"{tmp_path / 'c.warc.gz'}: same article identity"] or errors == []


def test_inputs_progress_counts_bytes_of_files_and_fetched_pages(web, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("KYIV - Ukraine and Russia exchanged prisoners.\n")
    url = web.add("/story", PAGE.html)
    inputs = Inputs([str(text), url], Fetcher(FAST))
    assert (inputs.total, inputs.done) == (text.stat().st_size, 0)
    list(inputs)
    assert inputs.total == inputs.done == text.stat().st_size + len(PAGE.html.encode())


def test_inputs_jsonl_is_streamed_line_by_line(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(1000)))
    inputs = Inputs([str(path)], Fetcher(offline=True))
    stream = iter(inputs)
    first = next(stream)
    assert first.text == "Story 0." and inputs.done == len(json.dumps({"text": "Story 0."})) + 1
    assert sum(1 for _ in stream) == 999 and inputs.done == inputs.total


def test_inputs_iter_inputs_accepts_paths_and_urls(web, tmp_path):
    url = web.add("/story", PAGE.html)
    (tmp_path / "a.txt").write_text("KYIV - A swap.\n")
    fetcher = Fetcher(FAST)
    assert [a.source for a in iter_inputs([tmp_path, url], fetcher)] == [
        str(tmp_path / "a.txt"),
        url,
    ]


def test_inputs_web_libraries_load_only_when_used():
    import subprocess
    import sys

    code = (
        "import sys, kg.cli, kg.ingest, kg.inputs, kg.syndication; "
        "print(sorted(m for m in ('trafilatura', 'datasketch', 'urllib3', 'feedparser', "
        "'warcio', 'py3langid') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
