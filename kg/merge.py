"""Merging dumps of separately built stores into one store.

Article graphs merge by plain union: their IRIs are deterministic, so a graph
built anywhere is the graph built here. A dump is trusted only as far as its
manifest (kg.manifest) vouches for it: an article graph that lost triples, does
not hold its recorded text hash, or is no article graph at all is refused with
one line, and the store keeps what it had. The whole ones are written in one
transaction. The ontology graph is never taken from a dump (it comes from
powkg's own files, as at ingest), and the derived links and stories
graphs are recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import manifest
from kg.errors import InputError
from kg.ingest import refresh_ontology
from kg.link import relink
from kg.namespaces import DERIVED_GRAPHS, DUMP_GRAPH, ONTOLOGY_GRAPH
from kg.output import rdf_format_name
from kg.store import Store
from kg.syndication import restory

if TYPE_CHECKING:
    import pyoxigraph as ox

EXTENSIONS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}
DERIVED = {ONTOLOGY_GRAPH, *DERIVED_GRAPHS}
"""Graphs a dump carries that the store builds for itself."""


@dataclass
class MergeReport:
    """What a merge did; ``problems`` are the graphs (or dumps) it refused."""

    merged: int = 0
    unchanged: int = 0
    problems: list[InputError] = field(default_factory=list)


def merge_dumps(store: Store, paths: Iterable[Path]) -> MergeReport:
    """Verify every article graph of every dump, write the whole ones atomically, then
    recompute the derived graphs."""
    report = MergeReport()
    whole: dict[str, list[ox.Triple]] = {}
    for path in paths:
        try:
            graphs, problems = read_dump(Path(path))
        except InputError as err:
            report.problems.append(err)
            continue
        whole.update(graphs)
        report.problems.extend(problems)
    changed = {g: t for g, t in sorted(whole.items()) if not _stored_already(store, g, t)}
    report.merged, report.unchanged = len(changed), len(whole) - len(changed)
    if changed:
        store.replace_graphs(changed)
    refresh_ontology(store)
    relink(store)
    restory(store)
    if changed:
        store.optimize()
    return report


def merge_dump(store: Store, path: Path) -> int:
    """Merge one dump; the number of article graphs merged. Raises its first problem."""
    report = merge_dumps(store, [path])
    if report.problems:
        raise report.problems[0]
    return report.merged


def read_dump(path: Path) -> tuple[dict[str, list[ox.Triple]], list[InputError]]:
    """The whole article graphs of a TriG/N-Quads dump, and a problem for each other graph."""
    graphs = _parse(path)
    records = manifest.read_manifest(graphs.pop(DUMP_GRAPH, []))
    whole, problems = {}, []
    for graph, triples in sorted(graphs.items()):
        if graph in DERIVED:
            continue
        reason = manifest.problem(graph, triples, records.get(graph))
        if reason is None:
            whole[graph] = triples
        else:
            problems.append(InputError(str(path), f"{reason}; not merged"))
    for graph, record in sorted(records.items()):
        if graph not in graphs:
            reason = f"graph <{graph}> is recorded ({record.triples} triples) but missing"
            problems.append(InputError(str(path), reason))
    return whole, problems


def _parse(path: Path) -> dict[str, list[ox.Triple]]:
    import pyoxigraph as ox

    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "merge reads TriG (.trig) or N-Quads (.nq) dumps")
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(path), format=_format(fmt)):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    except (SyntaxError, OSError) as err:
        raise InputError(str(path), f"cannot read dump ({' '.join(str(err).split())})") from None
    return graphs


def _stored_already(store: Store, graph: str, triples: list[ox.Triple]) -> bool:
    """Same text hash and same size: the store holds this graph whole (a fragment is replaced)."""
    same_text = store.text_hash(graph) == manifest.text_hash(graph, triples)
    return same_text and store.graph_size(graph) == len(triples)


def _format(name: str):
    import pyoxigraph as ox

    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[rdf_format_name(name)]
