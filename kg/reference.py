"""The ontology's own data (gazetteer, category scheme) as RDF, for describing resources.

An article graph names a party by IRI; this module supplies the triples that
say what that IRI is (type, labels, Wikidata link), so each article graph is
self-describing and a dump reads without the ontology files.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.namespaces import ONTOLOGY_DIR, ONTOLOGY_IRI, POW, SKOS

if TYPE_CHECKING:
    import pyoxigraph as ox

DATA_FILES = ("gazetteer.ttl", "categories.ttl")
ONTOLOGY_FILES = ("pow.ttl", "categories.ttl")
SKOLEM = ONTOLOGY_IRI + "/.well-known/genid/"
FOLLOWED = (POW + "side", POW + "locatedIn")
"""Objects of these properties are described too (a speaker's state needs its label)."""
SKIPPED = (SKOS + "hiddenLabel",)


@lru_cache(maxsize=1)
def reference_store() -> ox.Store:
    return load_files(DATA_FILES)


def load_files(names: tuple[str, ...]) -> ox.Store:
    import pyoxigraph as ox

    store = ox.Store()
    for name in names:
        path = ONTOLOGY_DIR / name
        if path.exists():
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def ontology_triples() -> list[ox.Triple]:
    """pow.ttl and the category scheme, for every store's ontology graph.

    Blank nodes (OWL unions and lists) are replaced by skolem IRIs numbered in
    the order the file introduces them, so every store holds the same triples
    and dumps of separately built stores merge without duplicates.
    """
    import pyoxigraph as ox

    triples: list[ox.Triple] = []
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        names: dict[str, ox.NamedNode] = {}

        def skolem(term: ox.Term, stem: str = path.stem, names: dict = names) -> ox.Term:
            if not isinstance(term, ox.BlankNode):
                return term
            if term.value not in names:
                names[term.value] = ox.NamedNode(f"{SKOLEM}{stem}-{len(names) + 1}")
            return names[term.value]

        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            triples.append(ox.Triple(skolem(t.subject), t.predicate, skolem(t.object)))
    return triples


def describe(iris: set[str]) -> Iterator[ox.Triple]:
    """Triples about each IRI (and the parties or places it points to), from the data files."""
    import pyoxigraph as ox

    store = reference_store()
    seen: set[str] = set()
    todo = sorted(iris)
    while todo:
        iri = todo.pop()
        if iri in seen:
            continue
        seen.add(iri)
        for quad in store.quads_for_pattern(ox.NamedNode(iri), None, None):
            if quad.predicate.value in SKIPPED:
                continue
            yield quad.triple
            if quad.predicate.value in FOLLOWED and isinstance(quad.object, ox.NamedNode):
                todo.append(quad.object.value)
