"""The powkg benchmark: one command, one machine, one run, one report.

    python bench/run.py [--quick] [--articles 10000] [--sample 1000] [--out bench/RESULTS.md]

Generates a synthetic corpus (bench/generate.py), then measures:
 1. ingest throughput end to end (``kg ingest`` in a subprocess) against spaCy
    alone (stock pipeline, ``nlp.pipe``, same batch size) on the same texts;
 2. ``kg ingest --jobs 1`` against ``--jobs 2``;
 3. store size on disk, open and bulk-load time, quads per article (sample and full);
 4. p50/p95 of every saved query on the full store, and rdflib on the same quads;
 5. CLI start-up (``kg --help``, ``kg query``) against ``oxigraph query``, and
    whether ``kg query`` imports spaCy;
 6. CQ accuracy on the synthetic corpus with shared/eval/score_cq.py;
and profiles an ingest with pyinstrument. ``--quick`` is the CI smoke size.
Without a working ``kg.extract`` every ingest uses the oracle (bench/oracle.py)
and the report says so.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
import sections
from measure import BENCH
from results_section import kept_sections


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="CI smoke size: 200 articles, fewer runs")
    ap.add_argument("--articles", type=int, help="corpus size (default 10000, quick 200)")
    ap.add_argument("--sample", type=int, help="articles for the like-for-like parse comparison")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--jobs", type=int, default=2, help="--jobs for the full-corpus ingest")
    ap.add_argument(
        "--score-full",
        action="store_true",
        help="also score the full corpus (minutes at 10k: the scorer loads it into rdflib)",
    )
    ap.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    ap.add_argument("--work", type=Path, help="keep intermediate files here")
    ap.add_argument("--resume", action="store_true", help="with --work: skip finished sections")
    args = ap.parse_args(argv)
    args.articles = args.articles or (200 if args.quick else 10000)
    args.sample = min(args.sample or (100 if args.quick else 1000), args.articles)
    return args


TOTAL_FILE = "total_s.txt"
"""Seconds the sections took so far, kept in --work so that --resume reports the whole run."""


def _earlier_seconds(args: argparse.Namespace, work: Path) -> float:
    saved = work / TOTAL_FILE
    return float(saved.read_text(encoding="utf-8")) if args.resume and saved.exists() else 0.0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="powkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        results = sections.run_all(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["total_s"] = _earlier_seconds(args, work) + time.perf_counter() - started
    if args.work is not None:
        (work / TOTAL_FILE).write_text(f"{results['total_s']:.3f}", encoding="utf-8")
    kept = kept_sections(args.out)  # the small benches' sections (bench/results_section.py)
    args.out.write_text(report.render(args, results) + kept, encoding="utf-8")
    print(f"wrote {args.out} in {results['total_s']:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
