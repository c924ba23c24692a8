"""How fast the workbench pages load on a big store, and how much they weigh.

    python bench/workbench.py --store STORE [--runs 5] [--out bench/RESULTS.md]
    python bench/workbench.py --articles 10000 [--work DIR]   # builds the store first

Starts ``kg serve`` over the store and loads each page in headless Chromium
(tests/webdriver.py), a fresh navigation per run. "Ready" is the page's own
``data-ready-ms`` mark (the query list shown, the chart drawn, the editor's tabs
added), or the load event for the server-written evidence page, counted from the
start of navigation. Weight is the bytes the page received: its document, scripts
and styles, and the data its scripts fetched. The saved-query API is timed too.
Without --store it generates a corpus (bench/generate.py) and ingests it with the
oracle extractor (bench/oracle.py), which writes the same kind of graph in minutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(BENCH))

from results_section import write_section  # noqa: E402
from webdriver import Browser, browser_paths, free_port  # noqa: E402

POW = "https://w3id.org/powkg/ontology#"
BUSIEST = f"""SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?e a <{POW}Exchange> }} }}
  GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"""
ARTICLES = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a <{POW}Article> }} }}"
WEIGHT = """const entries = [performance.getEntriesByType('navigation')[0],
  ...performance.getEntriesByType('resource')];
const size = (e) => e.encodedBodySize || 0;
return {static: entries.filter(e => e.initiatorType !== 'fetch').reduce((n, e) => n + size(e), 0),
        data: entries.filter(e => e.initiatorType === 'fetch').reduce((n, e) => n + size(e), 0),
        requests: entries.length,
        elsewhere: entries.filter(e => !e.name.startsWith(location.origin)).length}"""
READY = "return document.body && document.body.dataset.readyMs"
LOADED = (
    "const n = performance.getEntriesByType('navigation')[0]; "
    "return n && n.loadEventEnd > 0 && String(Math.round(n.loadEventEnd))"
)


def build_store(articles: int, work: Path) -> Path:
    corpus, store = work / "corpus", work / "store"
    python = sys.executable
    if not store.exists():
        subprocess.run(
            [python, str(BENCH / "generate.py"), "--articles", str(articles), "--out", str(corpus)],
            check=True,
        )
        subprocess.run([python, str(BENCH / "oracle.py"), str(corpus), str(store)], check=True)
    return store


class Served:
    def __init__(self, store: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-c", "from kg.cli import main; main()", "--store", str(store)]
        command += ["serve", "--port", str(self.port)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().startswith("serving ")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def busiest_exchange(store: Path) -> str:
    import pyoxigraph as ox

    row = next(iter(ox.Store.read_only(str(store)).query(BUSIEST)))
    return row["e"].value


def measure_page(browser: Browser, url: str, ready: str, runs: int) -> dict:
    times, weight = [], {}
    for _ in range(runs + 1):  # the first run warms the server's and the OS's caches
        browser.open("about:blank")
        browser.open(url)
        times.append(float(browser.wait_for(ready, timeout=120)))
        weight = browser.run(WEIGHT)
    return {"url": url, "ready_ms": times[1:], **weight}


def measure_api(url: str, runs: int) -> dict:
    times, size = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            size = len(response.read())
        times.append((time.perf_counter() - started) * 1000)
    return {"url": url, "ready_ms": times[1:], "data": size}


def run(store: Path, runs: int) -> dict:
    served = Served(store)
    exchange = busiest_exchange(store)
    pages = {
        "workbench `/`": ("/", READY),
        "timeline `/timeline`": ("/timeline", READY),
        "evidence of the most reported exchange": (
            "/evidence?iri=" + urllib.parse.quote(exchange, safe=""),
            LOADED,
        ),
        "SPARQL editor `/sparql`": ("/sparql", READY),
    }
    try:
        with Browser(*browser_paths()) as browser:
            browser.resize(1400, 1000)
            found = {
                name: measure_page(browser, served.url + path, ready, runs)
                for name, (path, ready) in pages.items()
            }
        found["API `/api/timeline?format=csv`"] = measure_api(
            served.url + "/api/timeline?format=csv", runs
        )
        found["API `/api/openapi.json`"] = measure_api(served.url + "/api/openapi.json", runs)
    finally:
        served.stop()
    return found


def _articles(store: Path) -> int:
    import pyoxigraph as ox

    rows = ox.Store.read_only(str(store)).query(ARTICLES)
    return int(next(iter(rows))["n"].value)


def report(results: dict, store: Path, runs: int) -> list[str]:
    lines = [
        f"`kg serve` over a store of {_articles(store):,} synthetic articles (bench/generate.py, "
        f"ingested with bench/oracle.py); headless Chromium on this machine; {runs} runs per "
        "page after one warm-up, each a fresh navigation (nothing cached: pages are sent with "
        "`Cache-Control: no-cache` and no validator). Ready: the page's own mark (query list "
        "shown, chart drawn, editor tabs added) or the load event, from navigation start.",
        "",
        "| page | ready median ms | max ms | page KiB (html, js, css) | data KiB fetched "
        "| requests | from elsewhere |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, found in results.items():
        times = found["ready_ms"]
        static = f"{found['static'] / 1024:.1f}" if "static" in found else ""
        lines.append(
            f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} | {static} "
            f"| {found['data'] / 1024:.1f} | {found.get('requests', 1)} "
            f"| {found.get('elsewhere', 0)} |"
        )
    lines += [
        "",
        "The workbench page needs no store work (the query list is the OpenAPI description), "
        "so it stays fast at any size. The timeline draws every exchange of the store from "
        "seven SPARQL queries sent to Oxigraph as CSV; most of its time is Oxigraph answering "
        "them, the rest parsing and drawing. The evidence page runs one query in its own "
        "bounded process, as every query of `kg serve` runs. The SPARQL editor's weight is "
        "almost all Yasgui (served by Oxigraph itself, ~1 MB); the workbench's own files "
        f"are a few KiB. Command: `python bench/workbench.py --store STORE --runs {runs}` "
        "(without `--store` it builds one: `--articles 10000`).",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="an existing store (default: build one)")
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--work", type=Path, help="where to build the store (kept)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    ap.add_argument("--json", action="store_true", help="print the raw figures too")
    args = ap.parse_args(argv)
    store = args.store or build_store(args.articles, args.work or Path(tempfile.mkdtemp()))
    results = run(store, args.runs)
    if args.json:
        print(json.dumps(results, indent=1))
    lines = report(results, store, args.runs)
    write_section(args.out, "Workbench", lines)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
