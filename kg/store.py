"""The on-disk Oxigraph store: one named graph per article, replaced atomically.

Every write that concerns one article is a single SPARQL update (drop the
article's graph, insert its new quads), which Oxigraph applies in one
transaction: a crash leaves each article either fully present or absent.

The default graph is the merged view: every statement of every named graph,
once. Queries run over it, so a fact ten articles report is one row, not ten
(Oxigraph's union default graph would repeat it per graph); ``GRAPH ?article``
still reaches who said what. The same update that replaces a graph keeps the
view in step, so it is never stale, not even after a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.namespaces import DERIVED_GRAPHS, ONTOLOGY_GRAPH, POW, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.endpoint import Server


class Store:
    """A powkg store directory. Use as a context manager, or call :meth:`close`.

    >>> import tempfile
    >>> with Store(Path(tempfile.mkdtemp()) / "s") as store:
    ...     store.article_iris()
    []
    """

    def __init__(self, path: Path, *, read_only: bool = False, create: bool = True) -> None:
        """Open (or, when writable and ``create``, make) the store at ``path``.

        Only ingest creates stores: a reader or ``kg remove`` pointed at the wrong
        folder must say so, not leave an empty store behind.
        """
        import pyoxigraph as ox

        self.path = Path(path)
        self.read_only = read_only
        if (read_only or not create) and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no store here (run 'kg ingest' first)")
        try:
            self._ox = _open_read_only(self.path) if read_only else ox.Store(str(self.path))
        except (OSError, RuntimeError) as err:
            if "lock" in str(err).lower():
                raise StoreLockedError(f"{self.path}: store is locked by another process") from None
            raise StoreError(f"{self.path}: cannot open store ({_one_line(err)})") from None
        self._written = False
        if not read_only:
            self._merge_existing()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> Path:
        """Where the store is (what ``--store`` named)."""
        return self.path

    def close(self) -> None:
        """Flush a writable store; after writes, also let RocksDB drop its spent write-ahead log.

        RocksDB deletes a write-ahead log whose data is flushed in the background or when
        the database is next opened for writing, so a store closed right after writes may
        keep it (bench/RESULTS.md, "Team scale": 1.7 GiB instead of 0.54 GiB for 10,000
        articles). Opening the store once more here deletes it; if another writer took
        the store in between, its open does the same.
        """
        if self.read_only:
            del self._ox
            return
        self._ox.flush()
        del self._ox
        if self._written:
            _purge_spent_log(self.path)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for callers that need its full API."""
        return self._ox

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``, in one transaction, merged view included."""
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Triple]]) -> None:
        """Make each graph hold exactly its triples, all in one transaction (merged view too)."""
        self._write(replacement(graphs))

    def bulk_replace(
        self, graphs: dict[str, list[ox.Triple]], *, view: dict[str, list[ox.Triple]]
    ) -> None:
        """Write many whole graphs with the bulk loader, fast and not atomic (``kg load``).

        Graphs being replaced first leave the store and the view, in one transaction. A
        kill during the bulk write can leave a graph part-written: it is safe because
        ``kg load`` then finds that graph's size wrong and writes it again, and because
        it re-adds the view copies of every graph it was given (``view``), so the view
        is whole again too.
        """
        import pyoxigraph as ox

        existing = [g for g in graphs if self._ox.contains_named_graph(ox.NamedNode(g))]
        if existing:
            self._write(" ;\n".join(withdrawal(g) for g in existing))
        self._written = True
        try:
            self._ox.bulk_extend(with_view(graphs, view))
            self._ox.flush()
        except OSError as err:
            raise StoreError(f"{self.path}: write failed ({err})") from None

    def remove_graph(self, graph: str) -> bool:
        """Drop one graph; ``False`` when it was not there."""
        import pyoxigraph as ox

        node = ox.NamedNode(graph)
        if not self._ox.contains_named_graph(node):
            return False
        self._write(withdrawal(graph))
        return True

    def optimize(self) -> None:
        """Compact the files after a batch of writes (one transaction per article leaves logs)."""
        try:
            self._ox.optimize()
        except OSError as err:
            raise StoreError(f"{self.path}: optimize failed ({err})") from None

    def merged_view_drift(self) -> tuple[int, int]:
        """(triples the view holds that no graph states, triples graphs state that it lacks).

        Both are 0 for a right view; anything else came from a write that bypassed it.
        """
        return _count(self, EXTRA), _count(self, MISSING)

    def rebuild_merged_view(self) -> None:
        """Recompute the merged view from the named graphs, for writes that bypassed it."""
        self._write(REBUILD)

    def _merge_existing(self) -> None:
        """Fill an empty merged view from the named graphs (stores written before it existed)."""
        import pyoxigraph as ox

        view = self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if next(iter(self._ox.named_graphs()), None) and next(iter(view), None) is None:
            self.rebuild_merged_view()

    def _write(self, update: str) -> None:
        self._written = True
        try:
            self._ox.update(update)
        except OSError as err:
            raise StoreError(f"{self.path}: write failed ({err})") from None

    def text_hash(self, article: str) -> str | None:
        """The hash of the text an article's graph was built from, if it is stored."""
        return self._article_value(article, "textHash")

    def built_from(self, article: str) -> tuple[str | None, str | None]:
        """The text hash and the extractor an article's graph was built with, if stored."""
        return self._article_value(article, "textHash"), self._article_value(article, "extractedBy")

    def _article_value(self, article: str, term: str) -> str | None:
        return self.value(article, POW + term, article)

    def value(self, subject: str, predicate: str, graph: str) -> str | None:
        """One object of ``subject predicate ?o`` in ``graph`` (``None`` when there is none)."""
        import pyoxigraph as ox

        node, where = ox.NamedNode(subject), ox.NamedNode(graph)
        for quad in self._ox.quads_for_pattern(node, ox.NamedNode(predicate), None, where):
            return quad.object.value
        return None

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph (what a dataset dump holds)."""
        import pyoxigraph as ox

        return (q for q in self._ox if not isinstance(q.graph_name, ox.DefaultGraph))

    def merged_triples(self) -> Iterator[ox.Triple]:
        """The merged view: every statement of the named graphs, once."""
        import pyoxigraph as ox

        return (q.triple for q in self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def graph_size(self, graph: str) -> int:
        """How many triples one named graph holds."""
        import pyoxigraph as ox

        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph (empty when it is absent)."""
        import pyoxigraph as ox

        return [q.triple for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))]

    def article_iris(self) -> list[str]:
        """Article graphs, i.e. every named graph but the ontology and the derived ones."""
        special = {ONTOLOGY_GRAPH, *DERIVED_GRAPHS}
        return sorted(g.value for g in self._ox.named_graphs() if g.value not in special)

    def select(self, sparql: str, bindings: dict[str, ox.Term] | None = None) -> list:
        """Run a SELECT with parameters bound as RDF terms (never pasted into text)."""
        try:
            return list(self.query(sparql, bindings))
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {_one_line(err)}") from None

    def query(self, sparql: str, bindings: dict[str, ox.Term] | None = None, **options):
        """Run SPARQL over the merged view (``GRAPH ?g`` reaches each article's own)."""
        import pyoxigraph as ox

        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._ox.query(sparql, substitutions=subs, **options)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {_one_line(err)}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as err:
            raise QueryError(f"query failed: {_one_line(err)}") from None

    def __len__(self) -> int:
        """Quads in the named graphs: what the articles assert, not the merged view."""
        return len(self._ox) - self.merged_size()

    def merged_size(self) -> int:
        """Distinct triples in the merged view."""
        rows = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))["n"].value)


EXTRA = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
"""Triples the merged view holds that no graph states."""
MISSING = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {"
    " GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } } }"
)
"""Triples the graphs state that the merged view lacks."""
REBUILD = "DROP DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(store, query: str) -> int:
    return int(store.select(query)[0]["n"].value)


def replacement(graphs: dict[str, Iterable[ox.Triple]]) -> str:
    """The one SPARQL update that makes each graph hold exactly its triples, merged view
    (the default graph) included."""
    import pyoxigraph as ox

    steps = []
    for graph, triples in graphs.items():
        steps.append(withdrawal(graph))
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        if body:
            steps.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}}\n{body}\n}}")
    return " ;\n".join(steps)


def withdrawal(graph: str) -> str:
    """Drop ``graph``, and from the merged view what no other graph still states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }} ;\n"
        f"DROP SILENT GRAPH <{graph}>"
    )


def as_term(value: object) -> ox.Term:
    """A Python value as an RDF term (terms pass through), for binding parameters."""
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def with_view(graphs: dict[str, list[ox.Triple]], view: dict[str, list[ox.Triple]]):
    """The graphs' quads, then a default-graph copy of every triple of ``view``."""
    import pyoxigraph as ox

    for graph, triples in graphs.items():
        name = ox.NamedNode(graph)
        yield from (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    for triples in view.values():
        yield from (ox.Quad(t.subject, t.predicate, t.object) for t in triples)


def _purge_spent_log(path: Path) -> None:
    """Open and close the store, which deletes the write-ahead log that is already flushed."""
    import pyoxigraph as ox

    try:
        store = ox.Store(str(path))
    except (OSError, RuntimeError):
        return  # another writer has it: its own open purges the log
    del store


def open_store(location: Path | Server, *, read_only: bool = False, create: bool = True):
    """The store ``--store`` names: a directory (:class:`Store`) or a SPARQL server."""
    from kg.endpoint import Server

    if isinstance(location, Server):
        from kg.remote import RemoteStore

        return RemoteStore(location, read_only=read_only)
    return Store(Path(location), read_only=read_only, create=create)


def _open_read_only(path: Path, attempts: int = 5) -> ox.Store:
    """Open for reading beside a live writer, retrying its transient races.

    The writer may delete a table file between the reader listing and opening it
    (RocksDB reports "Corruption"); a moment later the listing is consistent.
    """
    import time

    import pyoxigraph as ox

    for attempt in range(1, attempts):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError:
            time.sleep(0.05 * attempt)
    return ox.Store.read_only(str(path))


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
