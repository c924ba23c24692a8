"""Saved-query latency: Oxigraph (through kg's Store) against rdflib on the same quads.

Every ``queries/*.rq`` is run with its parameters bound as kg binds them
(``kg.queries.bind``): declared defaults first, and for required parameters a
value the ground truth says is in the corpus (the most reported exchange's
day, the agreement with the most stages, its place). rdflib gets the same
terms through ``initBindings`` over a ``Dataset(default_union=True)`` loaded
from an N-Quads dump of the store.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from measure import percentiles, repeat

AGREEMENT_WORDS = ("agreement", "stage")


@dataclass(frozen=True)
class Latency:
    name: str
    rows: int
    p50: float
    p95: float
    runs: int


def sample_values(truth: dict) -> dict[str, str]:
    """Values for required parameters that the corpus really contains."""
    said = Counter()
    for article in truth["articles"]:
        for _, _, claim in article["claims"]:
            if claim[0] in ("exchange", "agreement"):
                said[claim[1]] += 1
    exchange = max(truth["exchanges"], key=lambda x: (said[x], x))
    staged = Counter(x["agreement"] for x in truth["exchanges"].values() if x["agreement"])
    agreement = max(staged, key=lambda a: (staged[a], said[a], a))
    venue = truth["agreements"][agreement]["venue"]
    return {
        "exchange_date": truth["exchanges"][exchange]["start"],
        "agreement_date": truth["agreements"][agreement]["date"],
        "place": truth["vocab"]["places"][venue]["names"][0],
        "party": "Russia",
        "category": "civilians",
    }


def values_for(query, samples: dict[str, str]) -> dict[str, str]:
    """Raw values for the parameters without a default, chosen by name and type."""
    about_agreement = any(w in query.name for w in AGREEMENT_WORDS)
    values = {}
    for p in query.params:
        if p.default is not None:
            continue
        if p.type == "xsd:date":
            values[p.name] = samples["agreement_date" if about_agreement else "exchange_date"]
        elif p.type in samples:
            values[p.name] = samples[p.type]
        else:
            values[p.name] = {"xsd:integer": "1", "iri": "https://w3id.org/powkg/id/"}.get(
                p.type, "x"
            )
    return values


def bound_queries(store, truth: dict) -> list[tuple[object, dict]]:
    from kg import queries

    samples = sample_values(truth)
    out = []
    for q in queries.load_all().values():
        out.append((q, queries.bind(q, values_for(q, samples), store)))
    return out


def oxigraph_latency(store_path: Path, truth: dict, runs: int, budget: float) -> list[Latency]:
    from kg.store import Store

    results = []
    with Store(store_path, read_only=True) as store:
        for q, bindings in bound_queries(store, truth):
            rows = len(list(store.query(q.sparql, bindings)))
            samples = repeat(lambda: list(store.query(q.sparql, bindings)), runs=runs, budget=budget)
            results.append(Latency(q.name, rows, *percentiles(samples), len(samples)))
    return results


def to_rdflib(term):
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def load_rdflib(dump: Path):
    """An rdflib Dataset whose default graph is the union of the named graphs."""
    from rdflib import Dataset

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(dump), format="nquads")
    return ds, time.perf_counter() - started


def rdflib_latency(ds, store_path: Path, truth: dict, runs: int, budget: float) -> list[Latency]:
    from kg.store import Store

    with Store(store_path, read_only=True) as store:
        bound = bound_queries(store, truth)
    results = []
    for q, bindings in bound:
        init = {k: to_rdflib(v) for k, v in bindings.items()}
        try:
            rows = len(list(ds.query(q.sparql, initBindings=init)))
        except Exception as err:  # rdflib lacks some SPARQL 1.1 corners; report, go on
            results.append(Latency(f"{q.name} (rdflib error: {type(err).__name__})", 0, 0, 0, 0))
            continue
        run = lambda: list(ds.query(q.sparql, initBindings=init))  # noqa: E731
        samples = repeat(run, runs=runs, budget=budget, warmup=0)
        results.append(Latency(q.name, rows, *percentiles(samples), len(samples)))
    return results
