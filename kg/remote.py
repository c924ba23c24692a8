"""A SPARQL server as the store: the same operations as :class:`kg.store.Store`, over HTTP.

Article graphs, the derived graphs and the ontology graph are the same named
graphs as in the embedded store; what differs is the merged view:

- on a server whose default graph is a graph of its own (Oxigraph, and any SPARQL
  1.1 server by default), powkg keeps the merged view there exactly as in the
  embedded store. An article's graph and the view change in one SPARQL Update
  request, which the server applies as one transaction;
- on a server whose default graph is the union of all its graphs (Virtuoso), the
  server keeps the view: powkg writes only the named graphs (Graph Store Protocol
  PUT, which replaces a graph in one request). The union repeats a triple once per
  graph that states it, so powkg's own counts ask for DISTINCT triples.

Parameters are bound by a ``VALUES`` row of RDF terms at the start of the query's
WHERE group (:func:`kg.sparqltext.with_values`): the protocol has no other way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.endpoint import Client, Server
from kg.errors import QueryError
from kg.namespaces import DERIVED_GRAPHS, ONTOLOGY_GRAPH, POW, RDF
from kg.sparqltext import query_form, with_values
from kg.store import EXTRA, MISSING, REBUILD, replacement, withdrawal

if TYPE_CHECKING:
    import pyoxigraph as ox

BATCH = 200
"""Graphs per request when loading shards."""
OURS = "https://w3id.org/powkg/"
"""Every graph powkg writes is named under this IRI (a server may hold others)."""
ARTICLES = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{RDF}type> <{POW}Article> }} }}"
OUR_QUADS = f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{OURS}"))'


class RemoteStore:
    """A powkg store on a SPARQL server. Opening it checks that the server answers."""

    def __init__(self, server: Server, *, read_only: bool = False) -> None:
        self.server = server
        self.read_only = read_only
        self._client = Client(server)
        self.select("SELECT (1 AS ?n) WHERE {}")

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: each request stands alone."""

    @property
    def location(self) -> Server:
        return self.server

    @property
    def client(self) -> Client:
        return self._client

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph`` hold exactly ``triples`` (merged view included) in one request."""
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Triple]]) -> None:
        """Make each graph hold exactly its triples: one update request, so one transaction
        where the server has them; one Graph Store PUT per graph on a union server."""
        import pyoxigraph as ox

        if not self.server.union_default:
            self._client.update(replacement(graphs))
            return
        for graph, triples in graphs.items():
            body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
            if body:
                self._client.put_graph(graph, body)
            else:
                self._client.delete_graph(graph)

    def bulk_replace(
        self, graphs: dict[str, list[ox.Triple]], *, view: dict[str, list[ox.Triple]]
    ) -> None:
        """Write many whole graphs (``kg load``): Oxigraph takes N-Quads batches at its Graph
        Store endpoint, view copies included; a union server one Graph Store PUT per graph;
        another server SPARQL updates in batches."""
        if self.server.union_default or self.server.kind != "oxigraph":
            names = list(graphs)
            for start in range(0, len(names), BATCH):
                self.replace_graphs({g: graphs[g] for g in names[start : start + BATCH]})
            return
        existing = [g for g in graphs if self._has(g)]
        if existing:
            self._client.update(" ;\n".join(withdrawal(g) for g in existing))
        names = list(graphs)
        for start in range(0, len(names), BATCH):
            batch = {g: graphs[g] for g in names[start : start + BATCH]}
            self._client.post_quads(_nquads(batch, batch))
        rest = {g: t for g, t in view.items() if g not in graphs}
        for start in range(0, len(rest), BATCH):
            chunk = dict(list(rest.items())[start : start + BATCH])
            self._client.post_quads(_nquads({}, chunk))

    def remove_graph(self, graph: str) -> bool:
        """Drop one graph; ``False`` when it was not there."""
        if not self._ask(f"ASK {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}"):
            return False
        if self.server.union_default:
            self._client.delete_graph(graph)
        else:
            self._client.update(withdrawal(graph))
        return True

    def optimize(self) -> None:
        """The server compacts its own files."""

    def merged_view_drift(self) -> tuple[int, int]:
        """As :meth:`kg.store.Store.merged_view_drift`; a union server's view cannot drift."""
        if self.server.union_default:
            return 0, 0
        return self._count(EXTRA), self._count(MISSING)

    def rebuild_merged_view(self) -> None:
        if not self.server.union_default:
            self._client.update(REBUILD)

    def text_hash(self, article: str) -> str | None:
        return self.value(article, POW + "textHash", article)

    def built_from(self, article: str) -> tuple[str | None, str | None]:
        """The text hash and the extractor an article's graph was built with, in one request."""
        node = _iri(article)
        rows = self.select(
            f"SELECT ?h ?v WHERE {{ GRAPH {node} {{ OPTIONAL {{ {node} <{POW}textHash> ?h }}"
            f" OPTIONAL {{ {node} <{POW}extractedBy> ?v }} }} }} LIMIT 1"
        )
        row = rows[0] if rows else None
        return _value(row, "h"), _value(row, "v")

    def value(self, subject: str, predicate: str, graph: str) -> str | None:
        rows = self.select(
            f"SELECT ?o WHERE {{ GRAPH {_iri(graph)} {{ {_iri(subject)} {_iri(predicate)} ?o }} }}"
            " LIMIT 1"
        )
        return rows[0]["o"].value if rows else None

    def graph_size(self, graph: str) -> int:
        return self._count(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}"
        )

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph (empty when it is absent)."""
        return list(
            self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
        )

    def article_iris(self) -> list[str]:
        """Article graphs: each states that its own IRI is a ``pow:Article``."""
        return sorted(row["g"].value for row in self.select(ARTICLES))

    def named_graphs(self) -> list[str]:
        """powkg's named graphs on the server: the ontology, the derived ones, the articles."""
        special = [g for g in (ONTOLOGY_GRAPH, *DERIVED_GRAPHS) if self._has(g)]
        return special + self.article_iris()

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every quad of powkg's graphs, fetched a graph at a time (servers cap result sizes)."""
        import pyoxigraph as ox

        for graph in self.named_graphs():
            node = ox.NamedNode(graph)
            for triple in self.graph_triples(graph):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, node)

    def merged_triples(self) -> Iterator[ox.Triple]:
        """Every statement of powkg's graphs, once."""
        seen: set[ox.Triple] = set()
        for quad in self.named_quads():
            if quad.triple not in seen:
                seen.add(quad.triple)
                yield quad.triple

    def select(self, sparql: str, bindings: dict[str, ox.Term] | None = None) -> list:
        """Run a SELECT with parameters bound as RDF terms; its rows."""
        return list(self.query(sparql, bindings))

    def query(
        self,
        sparql: str,
        bindings: dict[str, ox.Term] | None = None,
        *,
        prefixes: dict[str, str] | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ):
        """Run SPARQL on the server; results as pyoxigraph values (solutions, a boolean or a
        list of triples)."""
        text = _prologue(prefixes) + sparql if prefixes else sparql
        try:
            text = with_values(text, {k: str(v) for k, v in (bindings or {}).items()})
        except ValueError as err:
            raise QueryError(f"cannot bind parameters: {err}") from None
        graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        content_type, body = self._client.query(
            text, graph=graph, timeout=timeout, max_bytes=max_bytes
        )
        return parse_answer(content_type, body)

    def __len__(self) -> int:
        """Quads in powkg's named graphs."""
        return self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {OUR_QUADS} }}")

    def merged_size(self) -> int:
        """Distinct triples in the merged view."""
        if self.server.union_default:
            distinct = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {OUR_QUADS} }}"
            return self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {distinct} }}")
        return self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

    def _count(self, query: str) -> int:
        return int(self.select(query)[0]["n"].value)

    def _ask(self, query: str) -> bool:
        return bool(self.query(query))

    def _has(self, graph: str) -> bool:
        return self._ask(f"ASK {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")


def parse_answer(content_type: str, body: bytes):
    """A server's answer as pyoxigraph values, by its content type."""
    import pyoxigraph as ox

    kind = content_type.split(";")[0].strip().lower()
    results = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    }
    try:
        if kind in results:
            parsed = ox.parse_query_results(body, format=results[kind])
            if isinstance(parsed, ox.QueryBoolean):
                return parsed
            for _ in parsed:
                pass  # solutions parse lazily: a bad one must fail here, in one line
            return ox.parse_query_results(body, format=results[kind])
        if kind in ("application/n-triples", "text/plain"):
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        if kind == "text/turtle":
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    except SyntaxError as err:
        reason = " ".join(str(err).split())
        raise QueryError(f"unreadable answer from the server ({reason})") from None
    raise QueryError(f"the server answered in a format powkg does not read ({kind or 'none'})")


def _nquads(graphs: dict[str, list[ox.Triple]], view: dict[str, list[ox.Triple]]) -> bytes:
    """N-Quads of the graphs, then the view's triples in the default graph."""
    import pyoxigraph as ox

    from kg.store import with_view

    return ox.serialize(list(with_view(graphs, view)), format=ox.RdfFormat.N_QUADS) or b""


def _iri(iri: str) -> str:
    """An IRI in SPARQL syntax, checked (a bad one raises instead of becoming code)."""
    import pyoxigraph as ox

    return str(ox.NamedNode(iri))


def _value(row, name: str) -> str | None:
    term = row[name] if row is not None else None
    return term.value if term is not None else None


def _prologue(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
