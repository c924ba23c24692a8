"""Readable RDF text on top of pyoxigraph's serializers (used by :mod:`kg.output`).

pyoxigraph writes correct RDF; these helpers only change how names look: a
Turtle/TriG header with absolute prefixes in a stable order, and JSON-LD with
a prefix ``@context`` and compact IRIs instead of fully expanded ones. Both
round-trip through rdflib and pyoxigraph without loss (tests/test_dump.py).
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from kg.namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox


def ox_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for a canonical name of :data:`kg.output.RDF_FORMATS`."""
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[name]


class HeaderWriter:
    """A byte stream that replaces pyoxigraph's Turtle/TriG header with a readable one.

    With a base IRI, pyoxigraph also writes the prefix IRIs relative to it
    (``@prefix pow: </powkg/ontology#>``): valid, but misleading to a reader,
    and in hash order. The body streams through untouched.
    """

    def __init__(self, output: IO[bytes], base: str, prefixes: dict[str, str]) -> None:
        lines = [f"@base <{base}> ."] + [
            f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())
        ]
        self._header = ("\n".join(lines) + "\n").encode()
        self._output = output
        self._pending: bytes | None = b""

    def write(self, data: bytes) -> int:
        if self._pending is None:
            self._output.write(data)
            return len(data)
        self._pending += data
        body = _after_header(self._pending)
        if body is not None:
            self._emit(body)
        return len(data)

    def flush(self) -> None:
        """pyoxigraph may flush; the real flush happens on :meth:`close`."""

    def close(self) -> None:
        """Write the header even when the data had no triples after it."""
        if self._pending is not None:
            self._emit(_after_header(self._pending, final=True) or b"")

    def _emit(self, body: bytes) -> None:
        self._output.write(self._header + body)
        self._pending = None


def _after_header(text: bytes, *, final: bool = False) -> bytes | None:
    """What follows the ``@base``/``@prefix`` lines; ``None`` while that is not yet known."""
    start = 0
    while True:
        end = text.find(b"\n", start)
        if not text.startswith(b"@", start) and (end != -1 or final):
            return text[start:]
        if end == -1:
            return b"" if final else None
        start = end + 1


def compact_jsonld(expanded: bytes) -> bytes:
    """Expanded JSON-LD -> the same graph with a prefix ``@context`` and compact IRIs.

    Only prefixes are used (no term definitions or type coercion), so the
    document means exactly what the expanded one did, with names people can read.
    """
    nodes = json.loads(expanded or b"[]")
    document = {"@context": dict(PREFIXES), "@graph": _compact(nodes)}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def _compact(value: Any) -> Any:
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {_key(k): _compact_value(k, v) for k, v in value.items()}


def _key(key: str) -> str:
    return key if key.startswith("@") else _curie(key)


def _compact_value(key: str, value: Any) -> Any:
    if key in ("@id", "@type"):
        return [_curie(v) for v in value] if isinstance(value, list) else _curie(value)
    if key in ("@value", "@language"):
        return value
    return _compact(value)


def _curie(iri: str) -> str:
    """prefix:local for IRIs in a known namespace; blank nodes and others unchanged."""
    from kg.output import curie

    if iri.startswith("_:"):
        return iri
    return curie(iri) or iri
