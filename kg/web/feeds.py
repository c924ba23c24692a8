"""RSS/Atom feeds -> the items they list (link, title, date), with feedparser."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.errors import InputError


@dataclass(frozen=True)
class Item:
    """One feed entry: the page to fetch and what the feed says about it."""

    link: str | None
    meta: dict[str, str]


def feed_items(data: bytes, source: str) -> list[Item]:
    """Every entry of a feed, in feed order; :class:`InputError` when it is no feed."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise InputError(source, "not an RSS or Atom feed")
    return [_item(entry) for entry in parsed.entries]


def _item(entry) -> Item:
    meta = {"title": entry.get("title") or ""}
    when = entry.get("published_parsed") or entry.get("updated_parsed")  # a UTC struct_time
    if when is not None:
        meta["published"] = dt.date(*when[:3]).isoformat()
    return Item(entry.get("link") or None, {k: v for k, v in meta.items() if v})


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """A fetched body is a feed by its media type, or by its root element when served as XML."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return True
    if "html" in kind:
        return False
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and any(t in head for t in (b"<rss", b"<feed", b"<rdf:rdf"))
