"""The bench sections, each returning plain data for report.py to render."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time
from pathlib import Path

import querybench
from cqs import build_cqs
from generate import write_corpus
from measure import BENCH, ROOT, Run, dir_size, last_json, machine, python, run, tool

SCORER = ROOT.parent / "shared" / "eval" / "score_cq.py"
PROFILE_ARTICLES = 300


class Context:
    """Paths, the extractor in use, and every command run (for the report)."""

    def __init__(self, args, work: Path) -> None:
        self.args, self.work = args, work
        self.corpus, self.sample, self.sub = work / "corpus", work / "sample", work / "profile"
        self.commands: list[str] = []
        self.extractor = "kg"
        self.note = ""
        self.truth: dict = {}

    def run(self, cmd: list[str], **kw) -> Run:
        self.commands.append(" ".join(_short(c) for c in cmd))
        return run(cmd, **kw)

    def ingest_cmd(self, corpus: Path, store: Path, jobs: int = 1) -> list[str]:
        if self.extractor == "kg":
            return [
                tool("kg"),
                "--store",
                str(store),
                "ingest",
                str(corpus / "articles"),
                "--jobs",
                str(jobs),
            ]
        return python(str(BENCH / "oracle.py"), str(corpus), str(store))


def _short(arg: str) -> str:
    return arg.replace(str(ROOT) + "/", "")


STEPS = ("corpus", "extractor", "parse", "full", "store", "queries", "cli", "accuracy", "profile")


def run_all(args, work: Path) -> dict:
    """Every section in order, each saved to WORK/partial.json as it completes.

    With ``--resume`` and the same ``--work``, finished sections keep their numbers.
    """
    ctx = Context(args, work)
    partial = work / "partial.json"
    results: dict = _load(partial) if args.resume and partial.exists() else {}
    results["machine"] = machine()
    ctx.commands = results.get("commands", [])
    if "corpus" in results:
        ctx.truth = json.loads((ctx.corpus / "truth.json").read_text(encoding="utf-8"))
        ctx.extractor, ctx.note = results.get("extractor", "kg"), results.get("extractor_note", "")
    for step in STEPS:
        if step not in results:
            results[step] = STEP_FUNCTIONS[step](ctx)
            results["commands"], results["extractor_note"] = ctx.commands, ctx.note
            partial.write_text(json.dumps(results, default=_plain), encoding="utf-8")
    return _load(partial)


def _stores(ctx: Context) -> list[dict]:
    return [
        store_facts(ctx, ctx.work / "sample-j1", "sample"),
        store_facts(ctx, ctx.work / "full", "full"),
    ]


def _plain(value: object) -> object:
    import dataclasses

    return dataclasses.asdict(value)


def _load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "queries" in data:
        for engine in ("oxigraph", "rdflib"):
            data["queries"][engine] = [querybench.Latency(**x) for x in data["queries"][engine]]
    return data


def make_corpora(ctx: Context) -> dict:
    """The full corpus, the like-for-like sample (its first articles) and the profile subset."""
    started = time.perf_counter()
    ctx.truth = write_corpus(ctx.corpus, ctx.args.articles, ctx.args.seed)
    took = time.perf_counter() - started
    ctx.commands.append(
        f"python bench/generate.py --articles {ctx.args.articles} "
        f"--seed {ctx.args.seed} --out CORPUS"
    )
    records = ctx.truth["articles"]
    _subset(ctx, ctx.sample, records[: ctx.args.sample])
    _subset(ctx, ctx.sub, records[: min(PROFILE_ARTICLES, ctx.args.sample)])
    return {
        "articles": len(records),
        "words": sum(r["words"] for r in records),
        "sample_articles": ctx.args.sample,
        "sample_words": sum(r["words"] for r in records[: ctx.args.sample]),
        "exchanges": len(ctx.truth["exchanges"]),
        "agreements": len(ctx.truth["agreements"]),
        "statements": len(ctx.truth["statements"]),
        "kinds": _count(r["kind"] for r in records),
        "generate_s": took,
        "questions": len(json.loads((ctx.corpus / "cq.json").read_text())["questions"]),
    }


def _subset(ctx: Context, target: Path, records: list[dict]) -> None:
    (target / "articles").mkdir(parents=True, exist_ok=True)
    for r in records:
        shutil.copy2(ctx.corpus / "articles" / r["file"], target / "articles" / r["file"])
    shutil.copy2(ctx.corpus / "truth.json", target / "truth.json")


def _count(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return dict(sorted(out.items()))


def choose_extractor(ctx: Context) -> str:
    """The real extractor when ``kg ingest`` works on the shipped examples, else the oracle."""
    probe = ctx.work / "probe-store"
    done = run([tool("kg"), "--store", str(probe), "ingest", str(ROOT / "examples")], timeout=600)
    if not done.ok:
        ctx.extractor = "oracle"
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        ctx.note = (
            f"kg ingest failed on examples/ ({tail[:200]}); every ingest used bench/oracle.py"
        )
    return ctx.extractor


def _rates(seconds: float, articles: int, words: int) -> dict:
    return {"s": seconds, "articles_s": articles / seconds, "words_s": words / seconds}


def parse_vs_ingest(ctx: Context) -> dict:
    """Same texts, same batch size: spaCy alone, kg ingest --jobs 1 and 2, oracle ingest."""
    n, words = ctx.args.sample, sum(r["words"] for r in ctx.truth["articles"][: ctx.args.sample])
    bs = str(ctx.args.batch_size)
    out: dict = {"articles": n, "words": words, "batch_size": ctx.args.batch_size}
    for procs in (1, 2):
        done = ctx.run(
            python(
                str(BENCH / "parse.py"),
                str(ctx.sample / "articles"),
                "--batch-size",
                bs,
                "--n-process",
                str(procs),
            )
        )
        data = last_json(done.stdout) if done.ok else {}
        out[f"spacy_{procs}"] = {"wall": _rates(done.seconds, n, words), **data}
    for jobs in (1, 2):
        store = ctx.work / f"sample-j{jobs}"
        shutil.rmtree(store, ignore_errors=True)  # a re-run must ingest, not skip as unchanged
        done = ctx.run(ctx.ingest_cmd(ctx.sample, store, jobs))
        out[f"ingest_{jobs}"] = {
            "ok": done.ok,
            "err": done.stderr[-300:],
            **_rates(done.seconds, n, words),
        }
    shutil.rmtree(ctx.work / "sample-oracle", ignore_errors=True)
    oracle = ctx.run(
        python(str(BENCH / "oracle.py"), str(ctx.sample), str(ctx.work / "sample-oracle"))
    )
    out["oracle"] = _rates(oracle.seconds, n, words)
    out["ratio"] = out["ingest_1"]["s"] / out["spacy_1"]["wall"]["s"]
    out["ratio_j2"] = out["ingest_2"]["s"] / out["spacy_2"]["wall"]["s"]
    return out


def full_ingest(ctx: Context) -> dict:
    words = sum(r["words"] for r in ctx.truth["articles"])
    shutil.rmtree(ctx.work / "full", ignore_errors=True)
    done = ctx.run(ctx.ingest_cmd(ctx.corpus, ctx.work / "full", ctx.args.jobs), timeout=3600)
    return {
        "ok": done.ok,
        "jobs": ctx.args.jobs,
        "err": done.stderr[-300:],
        **_rates(done.seconds, len(ctx.truth["articles"]), words),
    }


def store_facts(ctx: Context, store: Path, label: str) -> dict:
    """Size on disk, quads, open+count time, dump time, bulk-load time of the dump."""
    import pyoxigraph as ox

    from kg.namespaces import DERIVED_GRAPHS, ONTOLOGY_GRAPH

    special = {ONTOLOGY_GRAPH, *DERIVED_GRAPHS}
    started = time.perf_counter()
    handle = ox.Store.read_only(str(store))
    quads = len(handle)
    graphs = sum(1 for g in handle.named_graphs() if g.value not in special)
    del handle
    opened = time.perf_counter() - started
    dump = ctx.work / f"{label}.nq"
    dumped = ctx.run([tool("kg"), "--store", str(store), "dump", "-f", "nquads", "-o", str(dump)])
    started = time.perf_counter()
    ox.Store(str(ctx.work / f"{label}-reloaded")).bulk_load(
        path=str(dump), format=ox.RdfFormat.N_QUADS
    )
    loaded = time.perf_counter() - started
    articles = max(graphs, 1)
    return {
        "label": label,
        "articles": articles,
        "bytes": dir_size(store),
        "quads": quads,
        "quads_per_article": quads / articles,
        "open_count_s": opened,
        "dump_s": dumped.seconds,
        "dump_bytes": dump.stat().st_size if dump.exists() else 0,
        "bulk_load_s": loaded,
    }


def query_latency(ctx: Context) -> dict:
    """Oxigraph per query in a subprocess with a timeout; rdflib in-process with an alarm."""
    quick = ctx.args.quick
    runs, budget, timeout = (5, 0.5, 10.0) if quick else (30, 2.0, 10.0)
    truth_path = ctx.corpus / "truth.json"
    ox_results = querybench.oxigraph_latency(ctx.work / "full", truth_path, runs, budget, timeout)
    ds, load_s = querybench.load_rdflib(ctx.work / "full.nq")
    rdf_results = querybench.rdflib_latency(
        ds, ctx.work / "full", ctx.truth, 3, 1.0 if quick else 3.0, timeout
    )
    return {
        "oxigraph": ox_results,
        "rdflib": rdf_results,
        "rdflib_load_s": load_s,
        "timeout_s": timeout,
    }


COUNT_QUERY = (
    "PREFIX pow: <https://w3id.org/powkg/ontology#> "
    "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a pow:Exchange }"
)
SPACY_CHECK = (
    "import sys; from kg.cli import cli\n"
    "try:\n    cli({args!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'rdflib'))\n"
    "print('@@', ','.join(heavy) or 'none')"
)


def cli_commands(ctx: Context) -> dict[str, list[str]]:
    """kg --help, kg query NAME (a saved query, bound as a user would), and the oxigraph CLI."""
    store = str(ctx.work / "full")
    name, params = _saved_query_args(ctx)
    return {
        "kg --help": [tool("kg"), "--help"],
        f"kg query {name}": [tool("kg"), "--store", store, "query", name, *params],
        "kg sparql COUNT": [tool("kg"), "--store", store, "sparql", COUNT_QUERY],
        "oxigraph query COUNT": [
            tool("oxigraph"),
            "query",
            "--location",
            store,
            "--union-default-graph",
            "--query",
            COUNT_QUERY,
            "--results-format",
            "csv",
        ],
    }


def _saved_query_args(ctx: Context) -> tuple[str, list[str]]:
    from kg import queries

    saved = queries.load_all()
    if not saved:
        return "--list", []
    name = "stages-of-agreement" if "stages-of-agreement" in saved else sorted(saved)[0]
    values = querybench.values_for(saved[name], querybench.sample_values(ctx.truth))
    return name, [f"--param={k}={v}" for k, v in values.items()]


def cli_startup(ctx: Context) -> dict:
    commands = cli_commands(ctx)
    runs = 3 if ctx.args.quick else 10
    timings = _hyperfine(ctx, commands, runs) if shutil.which("hyperfine") else None
    method = "hyperfine" if timings else f"subprocess, {runs} runs after 1 warm-up"
    if timings is None:
        timings = {label: _repeat_cmd(cmd, runs) for label, cmd in commands.items()}
    query_label = next(k for k in commands if k.startswith("kg query"))
    args = commands[query_label][1:]
    check = run(python("-c", SPACY_CHECK.format(args=args)))
    heavy = next((ln[3:] for ln in check.stdout.splitlines() if ln.startswith("@@")), "?")
    return {
        "method": method,
        "timings": timings,
        "heavy_modules": heavy,
        "import": _import_time(),
        "query_label": query_label,
    }


def _repeat_cmd(cmd: list[str], runs: int) -> dict:
    from measure import percentiles

    run(cmd)
    samples = [run(cmd).seconds for _ in range(runs)]
    p50, p95 = percentiles(samples)
    return {"median": p50, "p95": p95, "min": min(samples)}


def _hyperfine(ctx: Context, commands: dict[str, list[str]], runs: int) -> dict | None:
    import shlex

    export = ctx.work / "hyperfine.json"
    cmd = ["hyperfine", "--warmup", "1", "--runs", str(runs), "-N", "--export-json", str(export)]
    for label, argv in commands.items():
        cmd += ["-n", label, shlex.join(argv)]
    if not ctx.run(cmd).ok:
        return None
    data = json.loads(export.read_text())["results"]
    return {
        r["command"]: {"median": r["median"], "p95": max(r["times"]), "min": r["min"]} for r in data
    }


def _import_time() -> dict:
    """-X importtime for kg.cli, and wall time of importing it against a bare interpreter."""
    timed = run(python("-X", "importtime", "-c", "import kg.cli"))
    cumulative = 0
    for line in timed.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "kg.cli":
            cumulative = int(parts[1])
    bare = min(run(python("-c", "pass")).seconds for _ in range(3))
    with_kg = min(run(python("-c", "import kg.cli")).seconds for _ in range(3))
    return {
        "kg_cli_cumulative_us": cumulative,
        "python_bare_s": bare,
        "python_import_kg_cli_s": with_kg,
    }


def accuracy(ctx: Context) -> dict:
    """CQ F1 on the sample (its own CQ file, from its claims); the full corpus on request."""
    if not SCORER.exists():
        return {"error": f"{SCORER} not found"}
    sample_truth = ctx.truth | {"articles": ctx.truth["articles"][: ctx.args.sample]}
    cqs = build_cqs(sample_truth, random.Random(ctx.args.seed))
    (ctx.sample / "cq.json").write_text(json.dumps(cqs, indent=1), encoding="utf-8")
    timeout = 120 if ctx.args.quick else 180
    scores = {"sample": _score(ctx, ctx.sample / "cq.json", ctx.work / "sample.nq", timeout)}
    if ctx.args.score_full:
        scores["full"] = _score(ctx, ctx.corpus / "cq.json", ctx.work / "full.nq", 600)
    return scores


def _score(ctx: Context, cq: Path, dump: Path, timeout: float) -> dict:
    try:
        done = ctx.run(python(str(SCORER), str(cq), str(dump), "--json"), timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"score_cq.py did not finish within {timeout:.0f} s"}
    if not done.stdout.strip().startswith("{"):
        return {"error": done.stderr[-300:]}
    data = json.loads(done.stdout)
    by_type: dict[str, list[float]] = {}
    for q in data["questions"]:
        by_type.setdefault(q["id"].split("-", 1)[1], []).append(q["f1"])
    return {
        "mean_f1": data["mean_f1"],
        "questions": len(data["questions"]),
        "seconds": done.seconds,
        "by_type": {k: sum(v) / len(v) for k, v in sorted(by_type.items())},
    }


def profile(ctx: Context) -> dict:
    """pyinstrument over an in-process ingest, and spaCy's own components on the same texts."""
    cmd = python(
        str(BENCH / "profile_ingest.py"),
        str(ctx.sub / "articles"),
        str(ctx.work / "profile-store"),
        "--top",
        "70",
    )
    done = ctx.run(cmd + (["--oracle"] if ctx.extractor == "oracle" else []))
    out = last_json(done.stdout) if done.ok else {"error": done.stderr[-500:]}
    comp = ctx.run(
        python(
            str(BENCH / "parse.py"),
            str(ctx.sub / "articles"),
            "--components",
            "--batch-size",
            str(ctx.args.batch_size),
        )
    )
    out["spacy"] = last_json(comp.stdout) if comp.ok else {"error": comp.stderr[-300:]}
    out["articles"] = len(list((ctx.sub / "articles").iterdir()))
    return out


STEP_FUNCTIONS = {
    "corpus": make_corpora,
    "extractor": choose_extractor,
    "parse": parse_vs_ingest,
    "full": full_ingest,
    "store": _stores,
    "queries": query_latency,
    "cli": cli_startup,
    "accuracy": accuracy,
    "profile": profile,
}
