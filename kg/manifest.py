"""What a dump records about its article graphs, so that a merge can tell a whole graph from a part.

A dataset dump (TriG, N-Quads, JSON-LD) ends with the graph
``https://w3id.org/powkg/id/graph/dump``: for each article graph, the number of
triples written (``void:triples``) and the article's text hash (``pow:textHash``).
A dump that lost lines, or a graph spliced in from elsewhere, no longer agrees
with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.namespaces import DUMP_GRAPH, ID, POW, VOID, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

ARTICLE_GRAPHS = ID + "article/"
TEXT_HASH = POW + "textHash"
TRIPLES = VOID + "triples"


@dataclass(frozen=True)
class Record:
    """What the dump says one article graph holds."""

    triples: int | None = None
    text_hash: str | None = None


def is_article_graph(graph: str) -> bool:
    return graph.startswith(ARTICLE_GRAPHS)


def with_manifest(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """``quads`` as they stream, then the manifest of the article graphs among them."""
    import pyoxigraph as ox

    counts: Counter[str] = Counter()
    hashes: dict[str, ox.Literal] = {}
    for quad in quads:
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if is_article_graph(graph):
            counts[graph] += 1
            if quad.predicate.value == TEXT_HASH and quad.subject.value == graph:
                hashes[graph] = quad.object
        yield quad
    manifest = ox.NamedNode(DUMP_GRAPH)
    integer = ox.NamedNode(XSD + "integer")
    for graph in sorted(counts):
        node = ox.NamedNode(graph)
        count = ox.Literal(str(counts[graph]), datatype=integer)
        yield ox.Quad(node, ox.NamedNode(TRIPLES), count, manifest)
        if graph in hashes:
            yield ox.Quad(node, ox.NamedNode(TEXT_HASH), hashes[graph], manifest)


def read_manifest(triples: Iterable[ox.Triple]) -> dict[str, Record]:
    """The records of a dump's manifest graph (a damaged line leaves a field ``None``)."""
    fields: dict[str, dict[str, object]] = {}
    for triple in triples:
        record = fields.setdefault(triple.subject.value, {})
        if triple.predicate.value == TRIPLES and triple.object.value.isdigit():
            record["triples"] = int(triple.object.value)
        elif triple.predicate.value == TEXT_HASH:
            record["text_hash"] = triple.object.value
    return {graph: Record(**values) for graph, values in fields.items()}


def text_hash(graph: str, triples: Iterable[ox.Triple]) -> str | None:
    """The text hash an article graph states about itself."""
    for triple in triples:
        if triple.predicate.value == TEXT_HASH and triple.subject.value == graph:
            return triple.object.value
    return None


def problem(graph: str, triples: list[ox.Triple], record: Record | None) -> str | None:
    """Why ``graph`` must not be merged, in one line; ``None`` when it is whole."""
    if not is_article_graph(graph):
        return f"graph <{graph}> is not a powkg article graph"
    if record is None or record.triples is None or record.text_hash is None:
        return (
            f"graph <{graph}> has no record of its size and text hash "
            "(a damaged dump, or one from an older powkg: dump it again)"
        )
    if text_hash(graph, triples) != record.text_hash:
        return f"graph <{graph}> does not hold the text hash the dump records"
    if len(triples) != record.triples:
        return f"graph <{graph}> has {len(triples)} of its {record.triples} recorded triples"
    return None
