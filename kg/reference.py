"""The ontology and its reference data (category scheme, gazetteer) as one RDF graph.

Every store holds this graph once, so the labels, types and Wikidata links of
parties, places and categories are stated once, not in every article graph that
mentions them (which would also repeat each row of a union-graph query once per
article).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.namespaces import ONTOLOGY_DIR, ONTOLOGY_IRI, SKOS

if TYPE_CHECKING:
    import pyoxigraph as ox

ONTOLOGY_FILES = ("pow.ttl", "categories.ttl", "gazetteer.ttl")
SKIPPED = (SKOS + "hiddenLabel",)
"""Metonyms ("Moscow" for Russia) are for the extractor, not labels to show or resolve."""
SKOLEM = ONTOLOGY_IRI + "/.well-known/genid/"


def ontology_triples() -> list[ox.Triple]:
    """The ontology files' triples, for every store's ontology graph.

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
            if t.predicate.value not in SKIPPED:
                triples.append(ox.Triple(skolem(t.subject), t.predicate, skolem(t.object)))
    return triples
