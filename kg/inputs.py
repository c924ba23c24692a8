"""Every kind of input -> a stream of articles and problems, with progress in bytes.

Paths are files or folders (walked recursively); ``http(s)://`` arguments are
fetched. The reader is chosen by suffix, or for a URL by what the server sent:

- ``.txt``/``.md`` (front matter optional) and ``.jsonl``/``.ndjson``: :mod:`kg.article`;
- ``.html``/``.htm`` saved pages and fetched pages: :mod:`kg.web.articles`;
- ``.rss``/``.atom`` (and ``.xml`` named directly) and fetched feeds: every item's page is fetched;
- ``.warc``/``.warc.gz`` crawls: every HTML response inside.

Nothing is read before it is needed, so a multi-gigabyte JSONL export or crawl
streams through in constant memory. :attr:`Inputs.total` starts as the size of
the local files and grows by each fetched body; :attr:`Inputs.done` follows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.article import (
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    Article,
    Problem,
    read_bytes,
    read_jsonl,
    read_text_article,
    split_front_matter,
)
from kg.errors import InputError
from kg.web.fetch import Fetcher, Response, is_url

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")
WALKED = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES
"""Suffixes picked up in folders; ``.xml`` counts as a feed only when named directly."""
MAX_HTML_BYTES = 20_000_000
"""Saved pages carry scripts and inline images: a looser cap than for plain text."""


def kind_of(path: Path, named: bool = True) -> str | None:
    """Which reader a file needs, from its suffix (``None``: not an input)."""
    name = path.name.lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("feed", FEED_SUFFIXES + ((".xml",) if named else ())),
        ("warc", WARC_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


@dataclass
class Inputs:
    """The inputs of one ingest, iterated once: articles and problems, in a stable order."""

    args: list[str]
    fetcher: Fetcher = field(default_factory=Fetcher)
    total: int = 0
    done: int = 0
    _planned: list[Path | str | Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._planned = list(_plan(self.args))
        self.total = sum(_size(p) for p in self._planned if isinstance(p, Path))

    def __iter__(self) -> Iterator[Article | Problem]:
        for item in self._planned:
            if isinstance(item, Problem):
                yield item
            elif isinstance(item, str):
                yield from self._url(item)
            else:
                yield from self._file(item)

    def _advance(self, n: int) -> None:
        self.done += n

    def _file(self, path: Path) -> Iterator[Article | Problem]:
        kind = kind_of(path) or "text"
        if kind == "jsonl":
            yield from read_jsonl(path, self._advance)
            return
        if kind == "warc":
            yield from self._warc(path)
            return
        try:
            if kind == "feed":
                yield from self._feed(read_bytes(path, MAX_HTML_BYTES), str(path))
            else:
                yield _reader(kind)(path)
        except InputError as err:
            yield Problem(err)
        finally:
            self._advance(_size(path))

    def _fetch(self, url: str) -> Response:
        response = self.fetcher.get(url)
        self.total += len(response.body)
        self.done += len(response.body)
        return response

    def _url(self, url: str) -> Iterator[Article | Problem]:
        from kg.web.feeds import looks_like_feed

        try:
            response = self._fetch(url)
            if looks_like_feed(response.content_type, response.body):
                yield from self._feed(response.body, url)
            else:
                yield self._page(response)
        except InputError as err:
            yield Problem(err)

    def _page(self, response: Response, fallback: dict[str, str] | None = None) -> Article:
        from kg.web.articles import page_article

        _check_html(response.content_type, response.url)
        return page_article(
            response.body,
            response.url,
            url=response.url,
            fallback=fallback,
            fetched=response.fetched,
        )

    def _feed(self, data: bytes, source: str) -> Iterator[Article | Problem]:
        """Every item's page, fetched; the feed's own fields fill what a page lacks."""
        from kg.web.feeds import feed_items

        for item in feed_items(data, source):
            try:
                if item.link is None:
                    title = item.meta.get("title", "")
                    raise InputError(source, f"feed item {title!r} has no link")
                yield self._page(self._fetch(item.link), fallback=item.meta)
            except InputError as err:
                yield Problem(err)

    def _warc(self, path: Path) -> Iterator[Article | Problem]:
        from kg.web.articles import page_article
        from kg.web.warc import html_records

        start = self.done
        for record in html_records(path, MAX_HTML_BYTES, lambda pos: self._set(start + pos)):
            if isinstance(record, InputError):
                yield Problem(record)
                continue
            try:
                yield page_article(
                    record.html,
                    str(path),
                    url=record.url,
                    fetched=record.date,
                    record=record.record_id,
                )
            except InputError as err:
                yield Problem(InputError(f"{path}#{record.url}", err.reason))
        self._set(start + _size(path))

    def _set(self, done: int) -> None:
        self.done = done


def read_html_article(path: Path) -> Article:
    """A saved page; a leading ``---`` front-matter block overrides the page's metadata."""
    from kg.web.articles import page_article

    explicit, data = _front_matter(read_bytes(path, MAX_HTML_BYTES), str(path))
    url = explicit.get("url")
    return page_article(data, str(path), url=url, key=path.name, explicit=explicit)


def _front_matter(data: bytes, source: str) -> tuple[dict[str, str], bytes]:
    """Split a UTF-8 front-matter block off a page whose own encoding may differ."""
    if not data.startswith((b"---\n", b"---\r\n")):
        return {}, data
    head = data[:65536].decode("utf-8", "replace")  # front matter is short
    meta, body_start = split_front_matter(head, source)
    return meta, data[len(head[:body_start].encode("utf-8")) :]


def _reader(kind: str):
    return read_html_article if kind == "html" else read_text_article


def _check_html(content_type: str, url: str) -> None:
    kind = content_type.split(";")[0].strip().lower()
    if kind and "html" not in kind and "xml" not in kind:
        raise InputError(url, f"not an HTML page ({kind})")


def _plan(args: list[str]) -> Iterator[Path | str | Problem]:
    """URLs as they are; files and folders expanded, each file once."""
    seen: set[Path] = set()
    for arg in args:
        if is_url(arg):
            yield arg
            continue
        for item in _expand(Path(arg)):
            if isinstance(item, Problem) or _first_visit(item, seen):
                yield item


def _first_visit(file: Path, seen: set[Path]) -> bool:
    """``realpath`` keeps a looping link's own name, so one loop reached twice is one input."""
    real = Path(os.path.realpath(file))
    if real in seen:
        return False
    seen.add(real)
    return True


def _expand(path: Path) -> Iterator[Path | Problem]:
    if not path.exists() and not path.is_symlink():
        yield Problem(InputError(str(path), "no such file or directory"))
    elif path.is_dir():
        yield from _walk(path)
    else:
        yield path


def _walk(root: Path) -> Iterator[Path | Problem]:
    """Recurse into ``root`` without following symlinked folders (no loops).

    Every entry with an input suffix is yielded, even a FIFO or a dangling
    link, so that reading it reports the problem instead of skipping it silently.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        yield Problem(InputError(str(root), f"cannot list folder ({err.strerror})"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif kind_of(path, named=False) and not path.is_dir():
            yield path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def iter_inputs(
    paths: list[Path | str], fetcher: Fetcher | None = None
) -> Iterator[Article | Problem]:
    """Every article under ``paths`` (files, folders, URLs), and a Problem per bad input."""
    yield from Inputs([str(p) for p in paths], fetcher or Fetcher())
