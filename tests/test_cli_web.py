"""``kg ingest`` on web inputs end to end: saved pages, URLs, feeds, crawls, bad pages, copies.

A local server (tests/webserver.py) stands in for the web; the real extractor runs.
"""

from __future__ import annotations

import io
import json

import pytest
from webpages import SYNDICATION, paragraphs, render, render_text

pytestmark = pytest.mark.slow

OA = "http://www.w3.org/ns/oa#"
PAGE = render("broadsheet", "uae-swap")
BODY = "\n".join(PAGE.paragraphs) + "\n"


def _ok(result, summary: str) -> None:
    assert result.exit_code == 0, result.output
    assert summary in result.stdout


def _evidence(kg) -> list[tuple[int, int, str]]:
    query = (
        f"SELECT ?s ?e ?x WHERE {{ ?p <{OA}start> ?s ; <{OA}end> ?e . ?q <{OA}exact> ?x "
        "FILTER(STRBEFORE(STR(?p), '/position') = STRBEFORE(STR(?q), '/quote')) }"
    )
    rows = json.loads(kg("sparql", query, "--format", "json").stdout)["results"]["bindings"]
    return [(int(r["s"]["value"]), int(r["e"]["value"]), r["x"]["value"]) for r in rows]


def test_cli_web_html_file_and_kg_text_print_the_analysed_text(kg, tmp_path):
    path = tmp_path / "swap.html"
    path.write_text(PAGE.html, encoding="utf-8")
    _ok(kg("ingest", str(path)), "1 articles: 1 added")
    printed = kg("text", "swap.html")
    assert printed.exit_code == 0 and printed.stdout == BODY
    assert kg("text", PAGE.url).stdout == BODY
    spans = _evidence(kg)
    assert spans and all(BODY[start:end] == exact for start, end, exact in spans)


def test_cli_web_text_of_a_text_file_includes_its_front_matter(kg, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: A\n---\nKYIV, June 1 - Ukraine and Russia swapped 10 prisoners.\n")
    _ok(kg("ingest", str(path)), "1 added")
    assert kg("text", "a.txt").stdout == path.read_text()
    result = kg("text", "nope.txt")
    assert result.exit_code == 1 and "no article 'nope.txt'" in result.output


def test_cli_web_url_is_fetched_and_records_provenance(kg, web):
    url = web.add("/swap", PAGE.html)
    _ok(kg("ingest", url), "1 articles: 1 added")
    query = "SELECT ?src ?when WHERE { ?a a pow:Article ; dcterms:source ?src ; pow:fetched ?when }"
    rows = json.loads(kg("sparql", query, "--format", "json").stdout)["results"]["bindings"]
    assert {r["src"]["value"] for r in rows} == {url, PAGE.url}
    assert rows[0]["when"]["datatype"].endswith("#dateTime")
    _ok(kg("ingest", url), "0 added, 0 replaced, 1 unchanged")


def test_cli_web_feed_file_ingests_every_item(kg, web, tmp_path):
    links = [web.add(f"/{b}", render("agency", b).html) for b in ("uae-swap", "wounded-stage")]
    items = "".join(f"<item><title>{i}</title><link>{u}</link></item>" for i, u in enumerate(links))
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
    _ok(kg("ingest", str(feed)), "2 articles: 2 added")


def test_cli_web_warc_crawl_ingests_its_pages(kg, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in (PAGE, render("blog", "caucasus-release")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    page.url,
                    "response",
                    payload=io.BytesIO(page.html.encode()),
                    http_headers=headers,
                )
            )
    _ok(kg("ingest", str(path)), "2 articles: 2 added")
    query = "SELECT ?r WHERE { ?a pow:warcRecord ?r }"
    rows = json.loads(kg("sparql", query, "--format", "json").stdout)["results"]["bindings"]
    assert len(rows) == 2 and all(r["r"]["value"].startswith("urn:uuid:") for r in rows)


def test_cli_web_bad_pages_are_one_line_each_and_the_rest_ingest(kg, web):
    good = web.add("/good", PAGE.html)
    missing = web.url("/status/404")
    stub = web.add("/stub", "<html><body><p>Subscribe to read this story.</p></body></html>")
    result = kg("ingest", good, missing, stub)
    assert result.exit_code == 1
    assert "1 articles: 1 added, 0 replaced, 0 unchanged; 2 not ingested" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {missing}: HTTP 404 Not Found",
        f"error: {stub}: only 5 words of text: not an article (an error page or a stub?)",
    ]
    assert "Traceback" not in result.output


def test_cli_web_a_page_that_turns_bad_leaves_the_stored_article_as_it_was(kg, web):
    url = web.add("/swap", PAGE.html)
    _ok(kg("ingest", url), "1 added")
    before = kg("dump", "--format", "nquads").stdout
    web.add("/swap", "<html><body><h1>403 Forbidden</h1></body></html>")
    assert kg("ingest", url).exit_code == 1
    assert kg("dump", "--format", "nquads").stdout == before


def test_cli_web_offline_refuses_urls(kg, web):
    url = web.add("/swap", PAGE.html)
    result = kg("ingest", "--offline", url)
    assert result.exit_code == 1
    assert f"error: {url}: not fetched: offline mode" in result.stderr
    assert web.requests == []


def test_cli_web_three_copies_and_one_report_are_two_sources(kg, tmp_path):
    """The issue's bar: the timeline counts one agency story carried by three outlets once."""
    title = "Ukraine and Russia swap 246 prisoners each"
    pages = [
        render_text(template, name, paragraphs(name, SYNDICATION), title, "2025-04-19")
        for template, name in (
            ("agency", "agency"),
            ("broadsheet", "copy-edited"),
            ("portal", "copy-localised"),
            ("magazine", "independent"),
        )
    ]
    for page in pages:
        (tmp_path / f"{page.body}.html").write_text(page.html, encoding="utf-8")
    _ok(kg("ingest", str(tmp_path)), "4 articles: 4 added")
    rows = json.loads(kg("query", "timeline", "--format", "json").stdout)["results"]["bindings"]
    by_day = {r["start"]["value"]: r["sources"]["value"] for r in rows}
    assert by_day["2025-04-19"] == "2"


def test_cli_web_text_of_an_article_stored_without_its_text_says_so(graph_store, kg):
    result = kg("text", "https://news.example/wire-one/istanbul-round-two")
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "no text kept (ingested by an older powkg); ingest it again"
    )


def test_cli_web_progress_bar_counts_the_bytes_of_a_jsonl_export(kg, tmp_path, monkeypatch):
    import click

    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"text": f"KYIV - Ukraine and Russia swapped {i} prisoners."}) for i in range(5)
    ]
    path.write_text("\n".join(lines) + "\n")
    bars = []
    real = click.progressbar

    def recording(*args, **kwargs):
        bar = real(*args, **kwargs)
        bars.append(bar)
        return bar

    monkeypatch.setattr(click, "progressbar", recording)
    _ok(kg("ingest", str(path)), "5 articles: 5 added")
    [bar] = bars
    assert bar.length == bar.pos == path.stat().st_size
