"""Reading files into :class:`Article` values: ``.txt`` with front matter, ``.jsonl`` streamed.

Which reader handles which input (files, folders, URLs, feeds, crawls) is
:mod:`kg.inputs`; pages become articles in :mod:`kg.web.articles`.

Every problem with one input becomes an :class:`~kg.errors.InputError` naming the
file (and line) so that the caller can report it and go on with the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.namespaces import ID

MAX_BYTES = 5_000_000
"""Longer inputs are refused: no news article is 5 MB, a mistaken dump file is."""

NEWS_YEARS = range(1900, 2101)
"""A ``published`` year outside is kept but warned about: a typo is likelier than a scoop."""

FRONT_MATTER_KEYS = ("title", "publisher", "published", "url", "id")
TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Article:
    """One article: its text exactly as read, and its metadata.

    ``text`` is the whole decoded file (front matter included) so that evidence
    offsets can be checked against the file itself; ``body_start`` is where the
    article proper begins. ``key`` identifies the article across edits (url,
    then id, then file name), so a changed file replaces its own graph.
    ``fetched`` (an ISO date-time) and ``record`` (a WARC record id) say where a
    web page's text came from and when.
    """

    text: str
    source: str
    key: str
    body_start: int = 0
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    fetched: str | None = None
    record: str | None = None
    warnings: tuple[str, ...] = ()
    """Doubts about the metadata that do not stop the article (an unusual ``published`` year)."""

    @property
    def iri(self) -> str:
        return ID + "article/" + hashlib.sha256(self.key.encode()).hexdigest()[:16]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def analysis_text(self) -> str:
        """``text`` with the front matter blanked (newlines kept): offsets stay valid."""
        head = re.sub(r"[^\n]", " ", self.text[: self.body_start])
        return head + self.body


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, reported with the others at the end."""

    error: InputError


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refused by size *before* reading, and only for regular files.

    Opening a FIFO would block forever, so the type is checked first.
    """
    with open_checked(path, limit) as handle:
        return handle.read()


@contextmanager
def open_checked(path: Path, limit: int | None = None) -> Iterator[BinaryIO]:
    """Open a regular file for reading, refused by size first (no limit when ``None``)."""
    source = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, "not a regular file")
        if limit is not None and info.st_size > limit:
            raise InputError(source, f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        with path.open("rb") as handle:
            yield handle
    except OSError as err:
        dangling = path.is_symlink() and not path.exists()
        what = "broken or looping symlink" if dangling else "cannot read file"
        raise InputError(source, f"{what} ({err.strerror or err})") from None


def _decode(data: bytes, source: str, line: int | None = None) -> str:
    if b"\x00" in data:
        raise InputError(source, "binary data, not text", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 (byte {err.start})", line) from None
    return text


def read_text_article(path: Path) -> Article:
    """Read one ``.txt`` article with an optional ``---`` front-matter block."""
    source = str(path)
    text = _decode(read_bytes(path), source)
    meta, body_start = split_front_matter(text, source)
    return make_article(text, source, meta, default_key=path.name, body_start=body_start)


def split_front_matter(text: str, source: str) -> tuple[dict[str, str], int]:
    """Parse a leading ``---`` block; return its keys and where the body starts.

    A malformed block is an error rather than article text: silently treating
    metadata as prose would mis-date every relative date in the article.
    """
    if not re.match(r"---\r?\n", text):
        return {}, 0
    close = text.find("\n---", 3)
    if close < 0:
        raise InputError(source, "front matter opened with '---' but never closed")
    meta: dict[str, str] = {}
    for number, line in enumerate(text[3:close].strip("\r\n").splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip().isidentifier():
            raise InputError(source, f"malformed front matter at line {number}: {line.strip()!r}")
        meta[key.strip().lower()] = value.strip().strip("\"'")
    body_start = text.find("\n", close + 1)
    return meta, body_start + 1 if body_start >= 0 else len(text)


def make_article(
    text: str,
    source: str,
    meta: dict[str, str],
    default_key: str,
    line: int | None = None,
    body_start: int = 0,
) -> Article:
    """Validate metadata and text; the one place both readers build articles."""
    if not text[body_start:].strip():
        raise InputError(source, "no article text (empty or whitespace only)", line)
    if _looks_like_html(text[body_start:]):
        raise InputError(source, "looks like an HTML page, not article text", line)
    published = meta.get("published") or meta.get("date") or None
    warnings: tuple[str, ...] = ()
    if published:
        published = _check_date(published, source, line)
        if int(published[:4]) not in NEWS_YEARS:
            first, last = NEWS_YEARS[0], NEWS_YEARS[-1]
            warnings = (f"'published: {published}' is outside {first}-{last}; is it right?",)
    url = meta.get("url") or None
    return Article(
        text=text,
        body_start=body_start,
        source=source if line is None else f"{source}:{line}",
        key=url or meta.get("id") or default_key,
        title=meta.get("title") or None,
        publisher=meta.get("publisher") or None,
        published=published,
        url=url,
        warnings=warnings,
    )


def _check_date(value: str, source: str, line: int | None) -> str:
    """The day of an ISO 8601 date or date-time (crawlers export those), as ``YYYY-MM-DD``.

    The whole value must parse: ``2025-01-01garbage`` is refused, not cut to its first
    ten characters.
    """
    try:
        return dt.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        raise InputError(source, f"'published' is not a date: {value!r}", line) from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text)


def read_jsonl(
    path: Path, on_bytes: Callable[[int], None] | None = None
) -> Iterator[Article | Problem]:
    """One article per line, streamed: a crawler export may be far larger than memory.

    ``on_bytes`` hears how many bytes each line took, for a progress bar.
    """
    source = str(path)
    try:
        with open_checked(path) as handle:
            for number, (raw, size) in enumerate(_lines(handle), start=1):
                if on_bytes is not None:
                    on_bytes(size)
                if size > MAX_BYTES:
                    limit = f"the limit is {MAX_BYTES:,}"
                    yield Problem(InputError(source, f"line is {size:,} bytes; {limit}", number))
                elif raw.strip():
                    yield _jsonl_item(raw, source, number)
    except InputError as err:
        yield Problem(err)


def _lines(handle: BinaryIO) -> Iterator[tuple[bytes, int]]:
    """Each line with its size, never holding more than MAX_BYTES of one (the rest is skipped)."""
    while raw := handle.readline(MAX_BYTES + 1):
        size = len(raw)
        while size > MAX_BYTES and not raw.endswith(b"\n") and (raw := handle.readline(65536)):
            size += len(raw)
        yield raw, size


def _jsonl_item(raw: bytes, source: str, line: int) -> Article | Problem:
    try:
        return _jsonl_article(raw, source, line)
    except InputError as err:
        return Problem(err)


def _jsonl_article(raw: bytes, source: str, line: int) -> Article:
    try:
        record = json.loads(_decode(raw, source, line))
    except json.JSONDecodeError as err:
        raise InputError(source, f"malformed JSON ({err.msg})", line) from None
    if not isinstance(record, dict) or not isinstance(record.get("text", record.get("html")), str):
        raise InputError(source, "each line must be an object with a 'text' or 'html' string", line)
    meta = {k: str(record[k]) for k in FRONT_MATTER_KEYS if record.get(k) is not None}
    key = f"{Path(source).name}#{line}"
    if not isinstance(record.get("text"), str):
        from kg.web.articles import page_article  # a crawled page: its own metadata fills gaps

        url = meta.get("url") or key
        return page_article(record["html"], source, url=url, explicit=meta, line=line)
    return make_article(record["text"], source, meta, key, line)
