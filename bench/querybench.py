"""Saved-query latency: Oxigraph (through kg's Store) against rdflib on the same quads.

Every ``queries/*.rq`` is run with its parameters bound as kg binds them
(``kg.queries.bind``): declared defaults first, and for required parameters a
value the ground truth says is in the corpus (the most reported exchange's
day, the agreement with the most stages, its place). rdflib gets the same
terms through ``initBindings`` over a ``Dataset(default_union=True)`` loaded
from an N-Quads dump of the store.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
    """Each saved query with its bound terms; a query that cannot be bound is left out."""
    from kg import queries
    from kg.errors import KGError

    out = []
    for q in queries.load_all().values():
        for samples in candidate_values(truth):
            try:
                out.append((q, queries.bind(q, values_for(q, samples), store)))
                break
            except KGError:
                continue
    return out


def candidate_values(truth: dict) -> list[dict[str, str]]:
    """The preferred values, then the same with every other place the corpus names."""
    first = sample_values(truth)
    places = sorted({a["venue"] for a in truth["agreements"].values()})
    names = [truth["vocab"]["places"][p]["names"][0] for p in places]
    return [first] + [first | {"place": n} for n in names if n != first["place"]]


def oxigraph_latency(
    store_path: Path, truth_path: Path, runs: int, budget: float, timeout: float
) -> list[Latency]:
    """Each saved query in its own process, so one that never finishes cannot stall the bench."""
    from measure import last_json, python, run

    from kg import queries

    results = []
    for name in queries.load_all():
        cmd = python(__file__, str(store_path), str(truth_path), name, str(runs), str(budget))
        try:
            done = run(cmd, timeout=timeout)
            results.append(Latency(**last_json(done.stdout)))
        except subprocess.TimeoutExpired:
            results.append(
                Latency(f"{name} (timed out after {timeout:.0f} s)", 0, timeout, timeout, 0)
            )
        except ValueError:
            results.append(Latency(f"{name} (failed: {done.stderr.strip()[-120:]})", 0, 0, 0, 0))
    return results


def one_query(store_path: Path, truth: dict, name: str, runs: int, budget: float) -> Latency:
    from kg.store import Store

    with Store(store_path, read_only=True) as store:
        found = [(q, b) for q, b in bound_queries(store, truth) if q.name == name]
        if not found:
            return Latency(f"{name} (no parameter value binds)", 0, 0, 0, 0)
        q, bindings = found[0]
        rows = len(list(store.query(q.sparql, bindings)))
        samples = repeat(lambda: list(store.query(q.sparql, bindings)), runs=runs, budget=budget)
    return Latency(q.name, rows, *percentiles(samples), len(samples))


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


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def rdflib_latency(
    ds, store_path: Path, truth: dict, runs: int, budget: float, timeout: float
) -> list[Latency]:
    """rdflib is pure Python, so SIGALRM can stop a query that runs past ``timeout``."""
    from kg.store import Store

    with Store(store_path, read_only=True) as store:
        bound = bound_queries(store, truth)
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        return [_rdflib_one(ds, q, b, runs, budget, timeout) for q, b in bound]
    finally:
        signal.signal(signal.SIGALRM, previous)


def _rdflib_one(ds, q, bindings: dict, runs: int, budget: float, timeout: float) -> Latency:
    init = {k: to_rdflib(v) for k, v in bindings.items()}

    def once() -> int:
        return len(list(ds.query(q.sparql, initBindings=init)))

    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        rows = once()
        samples = repeat(once, runs=runs, budget=budget, warmup=0)
    except _Timeout:
        return Latency(f"{q.name} (timed out after {timeout:.0f} s)", 0, timeout, timeout, 0)
    except Exception as err:  # rdflib lacks some SPARQL 1.1 corners: report it and go on
        return Latency(f"{q.name} (rdflib error: {type(err).__name__})", 0, 0, 0, 0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return Latency(q.name, rows, *percentiles(samples), len(samples))


def main(argv: list[str]) -> int:
    """Worker: ``STORE TRUTH NAME RUNS BUDGET`` -> one JSON line of :class:`Latency`."""
    store, truth_path, name, runs, budget = argv
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    result = one_query(Path(store), truth, name, int(runs), float(budget))
    print(json.dumps(dataclasses.asdict(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
