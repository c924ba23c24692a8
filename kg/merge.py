"""Merging dumps of separately built stores into one store.

Article graphs merge by plain union: their IRIs are deterministic, so a graph
built anywhere is the graph built here. The links and stories graphs are derived
from all articles together, so they are recomputed rather than unioned.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.link import relink
from kg.namespaces import DERIVED_GRAPHS
from kg.output import rdf_format_name
from kg.store import Store
from kg.syndication import restory

EXTENSIONS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}


def merge_dump(store: Store, path: Path) -> int:
    """Add every graph of a TriG/N-Quads dump (each graph replaced atomically); relink."""
    import pyoxigraph as ox

    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "merge reads TriG (.trig) or N-Quads (.nq) dumps")
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=_format(fmt)):
            name = quad.graph_name
            if isinstance(name, ox.NamedNode) and name.value not in DERIVED_GRAPHS:
                graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    except (SyntaxError, OSError) as err:
        raise InputError(str(path), f"cannot read dump ({' '.join(str(err).split())})") from None
    for graph, triples in sorted(graphs.items()):
        store.replace_graph(graph, triples)
    relink(store)
    restory(store)
    store.optimize()
    return len(graphs)


def _format(name: str):
    import pyoxigraph as ox

    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[rdf_format_name(name)]
