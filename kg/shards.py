"""Extraction spread over many processes or machines with Dask, and loading what it wrote.

``kg extract`` runs only the language work. The inputs are read on the client and
cut into partitions (in input order, so adding files adds partitions); Dask
workers extract each partition and send back its article graphs as N-Quads,
which the client writes as one shard per partition. A shard is named by the
digest of its articles' identities, fingerprints and the extractor version, and is
written whole (to a temporary name, then renamed) with a record of each graph's
size and text hash beside it, so a rerun skips every shard already done.

Each worker process loads the spaCy pipeline once: :func:`_extractor` keeps it in
a module global of the worker, reused by every partition that worker runs.

``kg load`` checks each shard against its records (as ``kg merge`` checks a dump),
writes the graphs that are new or changed (embedded: pyoxigraph's bulk loader;
a server: Graph Store Protocol in batches), and then recomputes the cross-article
links and stories once.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import manifest
from kg.errors import InputError, UsageError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.article import Article

MANIFEST = "manifest.json"
PARTITION_SIZE = 50
"""Articles per partition: large enough to amortise a task, small enough to resume cheaply."""
SCHEDULER_TIMEOUT = "20s"
"""How long to try reaching a cluster's scheduler."""
_EXTRACTORS: dict[str, object] = {}
"""The worker's loaded pipelines, by model name (see :func:`_extractor`)."""


@dataclass
class ExtractReport:
    """What ``kg extract`` did; ``problems`` are inputs or articles not extracted."""

    shards: int = 0
    extracted: int = 0
    skipped: int = 0
    articles: int = 0
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract(
    paths: list[str | Path],
    out: Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    model: str | None = None,
    partition_size: int = PARTITION_SIZE,
    on_shard: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> ExtractReport:
    """Extract every input into N-Quads shards under ``out`` (resumable); the report.

    ``on_start`` hears how many shards are to be written, ``on_shard`` each one written.
    """
    from kg.extract import extractor_version
    from kg.ingest import collect
    from kg.namespaces import default_model

    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    model = model or default_model()
    version = extractor_version(model)
    articles, problems = collect([Path(p) if "://" not in str(p) else p for p in paths])
    parts = partitions(articles, version, partition_size)
    out.mkdir(parents=True, exist_ok=True)
    _drop_stale(out, {name for name, _ in parts})
    todo = [(name, chunk) for name, chunk in parts if not (out / f"{name}.nq").exists()]
    report = ExtractReport(len(parts), len(todo), len(parts) - len(todo), len(articles), problems)
    if on_start is not None:
        on_start(len(todo))
    if todo:
        with _client(jobs, scheduler) as client:
            _run(client, todo, model, version, out, report, on_shard)
    _write_json(out / MANIFEST, _manifest(paths, model, version, parts, problems))
    for name, _ in parts:
        record = json.loads((out / f"{name}.json").read_text())
        report.problems += [InputError(s, r) for s, r in record["failed"]]
        report.warnings += record["warnings"]
    return report


def partitions(articles: list[Article], version: str, size: int) -> list[tuple[str, list]]:
    """Articles in input order, ``size`` at a time, each chunk named by what it holds."""
    from kg.ingest import fingerprint

    found = []
    for start in range(0, len(articles), size):
        chunk = articles[start : start + size]
        digest = hashlib.sha256(version.encode())
        for article in chunk:
            digest.update(f"\x1e{article.iri}\x1f{fingerprint(article)}".encode())
        found.append((f"shard-{digest.hexdigest()[:16]}", chunk))
    return found


def _run(client, todo, model: str, version: str, out: Path, report, on_shard) -> None:
    from distributed import as_completed

    futures = [
        client.submit(extract_partition, chunk, model, version, key=name, pure=False)
        for name, chunk in todo
    ]
    names = {future.key: name for future, (name, _) in zip(futures, todo, strict=True)}
    for future, (nquads, record) in as_completed(futures, with_results=True):
        name = names[future.key]
        _write_json(out / f"{name}.json", record)
        _write_bytes(out / f"{name}.nq", nquads)  # last: its presence means "done"
        if on_shard is not None:
            on_shard(name)


class _client:
    """A Dask client: on a LocalCluster of ``jobs`` worker processes, or on ``scheduler``."""

    def __init__(self, jobs: int, scheduler: str | None) -> None:
        self.jobs, self.scheduler = jobs, scheduler
        self.cluster = self.client = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)
            else:
                self.cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as err:
            where = self.scheduler or "a local cluster"
            raise UsageError(f"cannot reach the Dask scheduler at {where} ({err})") from None
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def extract_partition(articles: list, model: str, version: str) -> tuple[bytes, dict]:
    """On a worker: one partition's article graphs as N-Quads, and their records."""
    import pyoxigraph as ox

    from kg.ingest import fingerprint
    from kg.rdf import article_triples
    from kg.syndication import sketch

    quads: list[ox.Quad] = []
    record: dict = {"graphs": {}, "failed": [], "warnings": []}
    for article, facts, error in _facts(_extractor(model), articles):
        if error is not None:
            record["failed"].append([article.source, error])
            continue
        digest = fingerprint(article)
        triples = article_triples(article, facts, digest, sketch(article.body), version)
        graph = ox.NamedNode(article.iri)
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        record["graphs"][article.iri] = {"triples": len(triples), "text_hash": digest}
        record["warnings"] += [
            f"{article.source}: {w}" for w in (*article.warnings, *facts.warnings)
        ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", record


def _facts(extractor, articles: list) -> Iterator[tuple]:
    """(article, facts, None), or (article, None, reason) for an article the extractor fails on."""
    try:
        yield from ((a, f, None) for a, f in extractor.extract_all(iter(articles)))
        return
    except Exception:  # one bad article stopped the batch: go one at a time
        pass
    for article in articles:
        try:
            yield article, extractor.extract(article), None
        except Exception as err:
            yield article, None, f"extraction failed ({type(err).__name__}: {err})"


def _extractor(model: str):
    """The worker process's pipeline for ``model``, loaded on its first partition only."""
    if model not in _EXTRACTORS:
        from kg.extract import Extractor

        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]


def _drop_stale(out: Path, current: set[str]) -> None:
    """Shards of inputs that changed since an earlier run are not this run's."""
    for path in out.glob("shard-*"):
        if path.name.split(".")[0] not in current:
            path.unlink()


def _manifest(paths, model: str, version: str, parts, problems) -> dict:
    return {
        "inputs": [str(p) for p in paths],
        "model": model,
        "extractor": version,
        "shards": [name for name, _ in parts],
        "unreadable": [str(p) for p in problems],
    }


def _write_json(path: Path, value: dict) -> None:
    _write_bytes(path, json.dumps(value, indent=1, ensure_ascii=False).encode())


def _write_bytes(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary name beside ``path``, then a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


@dataclass
class LoadReport:
    """What ``kg load`` did; ``problems`` are shards or graphs it refused."""

    loaded: int = 0
    unchanged: int = 0
    problems: list[InputError] = field(default_factory=list)


def load(store, directory: Path) -> LoadReport:
    """Write the whole, new or changed article graphs of ``kg extract``'s shards, then
    recompute the derived graphs once."""
    from kg.ingest import refresh_ontology
    from kg.link import relink
    from kg.syndication import restory

    report = LoadReport()
    graphs = dict(_whole_graphs(directory, report))
    changed = {g: t for g, t in graphs.items() if not _stored_already(store, g, t)}
    report.loaded, report.unchanged = len(changed), len(graphs) - len(changed)
    store.bulk_replace(changed, view=graphs)
    refresh_ontology(store)
    relink(store)
    restory(store)
    store.optimize()
    return report


def _whole_graphs(directory: Path, report: LoadReport) -> Iterator[tuple[str, list]]:
    """Each shard's graphs that agree with their records; a problem for each that does not."""
    path = directory / MANIFEST
    try:
        names = json.loads(path.read_text())["shards"]
    except (OSError, ValueError, KeyError) as err:
        raise InputError(str(path), f"not a kg extract folder ({type(err).__name__})") from None
    for name in names:
        shard = directory / f"{name}.nq"
        try:
            record = json.loads((directory / f"{name}.json").read_text())
            graphs = _parse(shard)
        except (OSError, ValueError, SyntaxError) as err:
            reason = " ".join(str(err).split())
            report.problems.append(InputError(str(shard), f"cannot read shard ({reason})"))
            continue
        for graph, expected in record["graphs"].items():
            triples = graphs.get(graph, [])
            found = manifest.Record(expected["triples"], expected["text_hash"])
            reason = manifest.problem(graph, triples, found)
            if reason is None:
                yield graph, triples
            else:
                report.problems.append(InputError(str(shard), f"{reason}; not loaded"))


def _parse(shard: Path) -> dict[str, list[ox.Triple]]:
    import pyoxigraph as ox

    graphs: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(shard), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return graphs


def _stored_already(store, graph: str, triples: list) -> bool:
    same_text = store.text_hash(graph) == manifest.text_hash(graph, triples)
    return same_text and store.graph_size(graph) == len(triples)
