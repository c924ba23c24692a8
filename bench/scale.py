"""Team scale: store size before and after, Dask extraction, kg load, ingest into servers.

    python bench/scale.py size CORPUS STORE [KG...]         store size after KG ingest --jobs 2
    python bench/scale.py queries STORE TRUTH               saved-query p50/p95 on a store
    python bench/scale.py extract CORPUS WORK               kg extract -j1/-j2 vs kg ingest -j2
    python bench/scale.py load SHARDS WORK                  kg load vs pyoxigraph bulk_load
    python bench/scale.py remote CORPUS WORK                kg ingest into oxigraph serve, Virtuoso

Each prints one JSON line (and the commands it ran on stderr). CORPUS is
bench/generate.py's output folder; the size of a store is read right after the
command that wrote it returned, as a user would see it. KG is the command that
ingests (default: this checkout's kg), e.g. another checkout's for a before/after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
KG = [str(Path(sys.executable).parent / "kg")]


def run(command: list[str], **env: str) -> float:
    """Seconds the command took; it must succeed."""
    print("$ " + " ".join(command), file=sys.stderr)
    start = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, **env}, capture_output=True)
    return time.perf_counter() - start


def mib(path: Path, suffix: str | None = None) -> float:
    files = [p for p in path.iterdir() if p.is_file() and (suffix is None or p.suffix == suffix)]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def articles(corpus: Path) -> int:
    return len(list((corpus / "articles").glob("*.txt")))


def size(corpus: Path, store: Path, kg: list[str]) -> dict:
    """Store size after ``kg ingest --jobs 2``: the write-ahead log, the tables, in all."""
    seconds = run([*kg, "--store", str(store), "ingest", str(corpus / "articles"), "--jobs", "2"])
    return {
        "articles": articles(corpus),
        "ingest_s": round(seconds, 1),
        "total_mib": mib(store),
        "wal_mib": mib(store, ".log"),
        "sst_mib": mib(store, ".sst"),
    }


def queries(store: Path, truth: Path) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    import querybench

    found = querybench.oxigraph_latency(store, truth, runs=30, budget=10.0, timeout=120.0)
    return {q.name: [q.rows, round(q.p50 * 1000, 1), round(q.p95 * 1000, 1), q.runs] for q in found}


def extract(corpus: Path, work: Path) -> dict:
    n = articles(corpus)
    out = {"articles": n}
    for jobs in (1, 2):
        seconds = run([*KG, "extract", str(corpus / "articles"), "--out", str(work / f"x{jobs}"),
                       "--jobs", str(jobs)])  # fmt: skip
        out[f"extract_j{jobs}_articles_s"] = round(n / seconds, 1)
    seconds = run([*KG, "--store", str(work / "ingest-j2"), "ingest", str(corpus / "articles"),
                   "--jobs", "2"])  # fmt: skip
    out["ingest_j2_articles_s"] = round(n / seconds, 1)
    return out


def load(shards: Path, work: Path) -> dict:
    import pyoxigraph as ox

    quads = sum(1 for p in shards.glob("shard-*.nq") for _ in p.open("rb"))
    seconds = run([*KG, "--store", str(work / "loaded"), "load", str(shards)])
    joined = work / "all.nq"
    with joined.open("wb") as out:
        for part in sorted(shards.glob("shard-*.nq")):
            out.write(part.read_bytes())
    start = time.perf_counter()
    store = ox.Store(str(work / "bulk"))
    store.bulk_load(path=str(joined), format=ox.RdfFormat.N_QUADS)
    store.flush()
    bulk = time.perf_counter() - start
    return {
        "quads": quads,
        "kg_load_s": round(seconds, 1),
        "kg_load_quads_s": round(quads / seconds),
        "bulk_load_s": round(bulk, 1),
        "bulk_load_quads_s": round(quads / bulk),
        "kg_load_store_mib": mib(work / "loaded"),
    }


def remote(corpus: Path, work: Path) -> dict:
    from servers import PASSWORD, USER, oxigraph_server, virtuoso_server

    n = articles(corpus)
    env = {"KG_STORE_USER": USER, "KG_STORE_PASSWORD": PASSWORD}
    out = {"articles": n}
    shards = work / "remote-shards"
    run([*KG, "extract", str(corpus / "articles"), "--out", str(shards), "--jobs", "2"])
    for name, start in (("oxigraph", oxigraph_server), ("virtuoso", virtuoso_server)):
        with start() as server:
            seconds = run([*KG, "--store", server.url, "ingest", str(corpus / "articles"),
                           "--jobs", "2"], **env)  # fmt: skip
            out[f"{name}_ingest_articles_s"] = round(n / seconds, 1)
        with start() as server:
            seconds = run([*KG, "--store", server.url, "load", str(shards)], **env)
            out[f"{name}_load_articles_s"] = round(n / seconds, 1)
    return out


def main(argv: list[str]) -> int:
    what, *args = argv
    if what == "size":
        kg = args[2:] or KG
        result = size(Path(args[0]), Path(args[1]), kg)
    elif what == "queries":
        result = queries(Path(args[0]), Path(args[1]))
    else:
        result = {"extract": extract, "load": load, "remote": remote}[what](
            Path(args[0]), Path(args[1])
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
