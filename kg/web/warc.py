"""WARC crawls -> the HTML responses inside them, streamed record by record with warcio."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True)
class Record:
    """One HTML response of a crawl, with the crawl's own provenance."""

    url: str
    record_id: str
    date: str
    status: int
    html: bytes


def html_records(
    path: Path, max_bytes: int, on_position: Callable[[int], None] | None = None
) -> Iterator[Record | InputError]:
    """Each HTML response (other records, such as images or requests, are not articles).

    An oversized or unreadable record is yielded as an error and the rest go on;
    ``on_position`` hears the byte offset reached in the file after each record.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        with path.open("rb") as stream:
            if not _starts_like_warc(stream):
                yield InputError(source, "not a readable WARC file (no WARC header)")
                return
            for record in ArchiveIterator(stream):
                item = _html_record(record, source, max_bytes)
                if on_position is not None:
                    on_position(stream.tell())
                if item is not None:
                    yield item
    except ArchiveLoadFailed as err:
        yield InputError(source, f"not a readable WARC file ({' '.join(str(err).split())[:120]})")
    except OSError as err:
        yield InputError(source, f"cannot read file ({err.strerror or err})")


def _starts_like_warc(stream) -> bool:
    """A WARC begins with ``WARC/``, gzipped or not (warcio only warns about anything else)."""
    import gzip
    import zlib

    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=stream).read(5)
        except (OSError, EOFError, zlib.error):
            return False
        finally:
            stream.seek(0)
    else:
        head = stream.read(5)
        stream.seek(0)
    return head == b"WARC/"


def _html_record(record, source: str, max_bytes: int) -> Record | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{source}#{url}"
    status = int(record.http_headers.get_statuscode() or 0)
    if 300 <= status < 400:
        return None  # the crawl holds the page it leads to, if anything
    if status >= 400:
        return InputError(where, f"the crawl recorded HTTP {status}")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return InputError(where, f"record is over the limit of {max_bytes:,} bytes")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    date = record.rec_headers.get_header("WARC-Date") or ""
    return Record(url, record_id, date, status, body)
