"""Cross-article resolution of agreement references, into the links graph.

An article that says "under the agreement reached last week in Turkey" cannot
name that agreement alone; another article may date it. This module reads
every article graph and links each reference to the one dated agreement that
fits (same sides, compatible place, round and date bounds, not after the
exchange), writing ``pow:implements`` into the links graph. It recomputes the
graph from scratch, so the result does not depend on ingest order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg import iris
from kg.namespaces import ID, LINKS_GRAPH, RDF, sparql_prefixes
from kg.store import Store
from kg.vocab import pow

if TYPE_CHECKING:
    import pyoxigraph as ox

# Each article graph repeats the facts it shares with others, and the union
# default graph keeps every copy: OPTIONAL chains multiply those copies (k^n
# rows for a fact stated in k articles). One property per UNION branch over
# DISTINCT subjects keeps the row count linear; _merge_row merges the branches.
REFERENCES = """
SELECT DISTINCT ?holder ?ref ?nb ?na ?round ?loc ?party ?start ?evidence WHERE {
  { SELECT DISTINCT ?holder ?ref WHERE { ?holder pow:agreementReference ?ref } }
  { ?ref pow:notBefore ?nb } UNION { ?ref pow:notAfter ?na } UNION { ?ref pow:round ?round }
  UNION { ?ref pow:location ?loc } UNION { ?ref pow:party ?party }
  UNION { ?ref pow:evidence ?evidence }
  UNION { ?holder pow:startDate|pow:realizedBy/pow:startDate ?start }
  UNION { BIND(true AS ?any) }
}"""

AGREEMENTS = """
SELECT DISTINCT ?a ?date ?round ?loc ?party WHERE {
  { SELECT DISTINCT ?a WHERE { ?a a pow:Agreement ; pow:date [] } }
  { ?a pow:date ?date } UNION { ?a pow:round ?round } UNION { ?a pow:location ?loc }
  UNION { ?a pow:party ?party }
}"""

PLACES = "SELECT ?inner ?outer WHERE { ?inner pow:locatedIn+ ?outer }"


@dataclass
class _Described:
    """What the store says about one reference or one agreement (several rows merged)."""

    iri: str
    dates: set[str] = field(default_factory=set)
    not_before: set[str] = field(default_factory=set)
    not_after: set[str] = field(default_factory=set)
    rounds: set[int] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    holders: set[str] = field(default_factory=set)


def relink(store: Store) -> int:
    """Recompute the links graph; returns how many references it resolved or minted."""
    refs = _collect(store, REFERENCES, "ref")
    agreements = list(_collect(store, AGREEMENTS, "a").values())
    around = _containment(store)
    triples: list[ox.Triple] = []
    for ref in sorted(refs.values(), key=lambda r: r.iri):
        target = _best(ref, agreements, around)
        if target is None:
            target = _mint(ref, triples)
        for holder in sorted(ref.holders):
            triples.append(_triple(holder, pow.implements, target))
    store.replace_graph(LINKS_GRAPH, triples)
    return len(refs)


def _collect(store: Store, query: str, key: str) -> dict[str, _Described]:
    found: dict[str, _Described] = {}
    for row in store.query(sparql_prefixes() + query):
        item = found.setdefault(row[key].value, _Described(row[key].value))
        _merge_row(item, row)
    return found


def _merge_row(item: _Described, row: ox.QuerySolution) -> None:
    def value(name: str) -> str | None:
        try:
            term = row[name]
        except (KeyError, IndexError):
            return None
        return None if term is None else term.value

    for name, bucket in (
        ("date", item.dates),
        ("start", item.dates),
        ("nb", item.not_before),
        ("na", item.not_after),
        ("loc", item.places),
        ("party", item.parties),
        ("evidence", item.evidence),
        ("holder", item.holders),
    ):
        if v := value(name):
            bucket.add(v)
    if (r := value("round")) and r.isdigit():
        item.rounds.add(int(r))


def _containment(store: Store) -> dict[str, set[str]]:
    """Each place with every place that contains it or that it contains."""
    related: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql_prefixes() + PLACES):
        inner, outer = row["inner"].value, row["outer"].value
        related[inner].add(outer)
        related[outer].add(inner)
    return related


def _best(ref: _Described, agreements: list[_Described], around: dict[str, set[str]]):
    """The fitting agreement that agrees on most (round, then place), latest first.

    Only agreements dated no later than the referring event can be carried out by it.
    """
    latest_allowed = min(ref.dates) if ref.dates else "9999"
    fitting = [a for a in agreements if _fits(ref, a, around) and min(a.dates) <= latest_allowed]
    if not fitting:
        return None

    def rank(a: _Described) -> tuple:
        same_round = bool(ref.rounds & a.rounds)
        same_place = bool(ref.places and a.places and _same_area(ref.places, a.places, around))
        return (same_round, same_place, min(a.dates), a.iri)

    return max(fitting, key=rank).iri


def _fits(ref: _Described, agreement: _Described, around: dict[str, set[str]]) -> bool:
    day = min(agreement.dates)
    if ref.not_before and day < min(ref.not_before)[:10]:
        return False
    if ref.not_after and day[: len(max(ref.not_after))] > max(ref.not_after):
        return False
    if ref.rounds and agreement.rounds and not ref.rounds & agreement.rounds:
        return False
    if ref.parties and agreement.parties and not ref.parties <= agreement.parties:
        return False
    if ref.places and agreement.places:
        return _same_area(ref.places, agreement.places, around)
    return True


def _same_area(a: set[str], b: set[str], around: dict[str, set[str]]) -> bool:
    return any(x == y or y in around.get(x, ()) for x in a for y in b)


def _mint(ref: _Described, triples: list[ox.Triple]) -> str:
    """No article dates the agreement: name it by what is known, so references still meet."""
    place = iris.slug(min(ref.places)) if ref.places else "somewhere"
    rounds = "-".join(str(r) for r in sorted(ref.rounds)) or "unknown"
    a = f"{ID}agreement/undated-{iris.sides_key(sorted(ref.parties))}-{place}-round-{rounds}"
    triples.append(_triple(a, RDF + "type", pow.Agreement))
    for p in sorted(ref.parties):
        triples.append(_triple(a, pow.party, p))
    for place_iri in sorted(ref.places):
        triples.append(_triple(a, pow.location, place_iri))
    for r in sorted(ref.rounds):
        triples.append(_triple(a, pow.round, r))
    for ev in sorted(ref.evidence):
        triples.append(_triple(a, pow.evidence, ev))
    return a


def _triple(s: str, p: str, o: str | int) -> ox.Triple:
    import pyoxigraph as ox

    if isinstance(o, int):
        obj = ox.Literal(str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    else:
        obj = ox.NamedNode(o)
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)
