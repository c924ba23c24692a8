"""Pages -> :class:`~kg.article.Article` values, with metadata precedence and provenance.

Explicit fields (front matter, JSONL) win over what the page says about itself,
which wins over a feed item's fields; a dateline in the text is left to the
extractor for articles that have no date at all.
"""

from __future__ import annotations

import dataclasses

from kg.article import Article, make_article
from kg.errors import InputError
from kg.web.page import NotAnArticle, extract_page

META_KEYS = ("title", "publisher", "published", "url", "id")


def page_article(
    html: bytes | str,
    source: str,
    *,
    url: str | None = None,
    key: str | None = None,
    explicit: dict[str, str] | None = None,
    fallback: dict[str, str] | None = None,
    fetched: str | None = None,
    record: str | None = None,
    line: int | None = None,
) -> Article:
    """The article in ``html``; :class:`InputError` naming ``source`` when it is none.

    ``url`` is where the page was fetched from; the article's key is its canonical
    URL, else ``url``, else ``key`` (a file name). ``fetched`` (ISO date-time) and
    ``record`` (a WARC record id) are kept as provenance.
    """
    try:
        page = extract_page(html, url)
    except NotAnArticle as err:
        raise InputError(source, str(err), line) from None
    found = {
        "title": page.title,
        "publisher": page.publisher,
        "published": page.published,
        "url": page.url or url,
    }
    meta = merge_meta(explicit or {}, found, fallback or {})
    article = make_article(page.text, source, meta, default_key=url or key or source, line=line)
    return dataclasses.replace(article, fetched=fetched, record=record)


def merge_meta(*layers: dict[str, str | None]) -> dict[str, str]:
    """For each field, the first layer that has a value (highest precedence first)."""
    merged: dict[str, str] = {}
    for key in META_KEYS:
        for layer in layers:
            if layer.get(key):
                merged[key] = str(layer[key])
                break
    return merged
