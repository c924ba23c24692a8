"""powkg: news articles about prisoner exchanges -> an RDF knowledge graph.

The public API is small and lazy: importing :mod:`kg` loads neither spaCy nor
rdflib, so query-only callers stay fast.
"""

__version__ = "0.2.0"


def build(paths, store):
    """Ingest files, folders or URLs into the store directory ``store``; returns an IngestReport."""
    from kg.ingest import build as _build

    return _build(paths, store)


def query(store, sparql: str, **params):
    """Rows of a SPARQL SELECT over the store at ``store`` (a folder, or a SPARQL endpoint
    URL), parameters bound as RDF terms.

    Plain Python values become typed literals (``int`` -> xsd:integer); pass
    pyoxigraph terms for IRIs or other datatypes.
    """
    from pathlib import Path

    from kg.endpoint import is_endpoint, server_for
    from kg.store import as_term, open_store

    location = server_for(str(store)) if is_endpoint(store) else Path(store)
    with open_store(location, read_only=True, create=False) as s:
        return s.select(sparql, {k: as_term(v) for k, v in params.items()})
