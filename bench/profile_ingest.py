"""Where ingest time goes: pyinstrument over an in-process ingest, grouped by stage.

pyinstrument sees Python frames only: spaCy's Cython and Oxigraph's Rust show
up as self time of the Python frame that called them, which is what the
grouping below relies on (a store write is time under kg/store.py). The
per-component split of spaCy itself comes from ``parse.py --components``.

    python bench/profile_ingest.py CORPUS STORE [--oracle] [--top 60]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

GROUPS = (
    ("kg/nlp/", "our spaCy components and rules (kg/nlp)"),
    ("kg/extract.py", "extractor glue (kg/extract.py)"),
    ("bench/oracle.py", "oracle facts (bench)"),
    ("kg/rdf.py", "RDF building (kg/rdf.py)"),
    ("kg/reference.py", "RDF building (kg/reference.py describe)"),
    ("kg/iris.py", "RDF building (kg/iris.py)"),
    ("kg/store.py", "store writes and reads (kg/store.py)"),
    ("kg/link.py", "link step (kg/link.py)"),
    ("kg/ingest.py", "ingest glue (kg/ingest.py, fingerprints)"),
    ("kg/article.py", "reading inputs (kg/article.py)"),
    ("thinc/", "spaCy models (thinc)"),
    ("spacy/", "spaCy pipeline (spacy)"),
)


def group_of(path: str) -> str | None:
    path = path.replace("\\", "/")
    return next((name for marker, name in GROUPS if marker in path), None)


def grouped(frame, inherited: str = "other", out: dict | None = None) -> dict[str, float]:
    """Self time of every frame, charged to its innermost ancestor that names a group."""
    out = defaultdict(float) if out is None else out
    group = group_of(frame.file_path or "") or inherited
    own = frame.time - sum(child.time for child in frame.children)
    out[group] += max(own, 0.0)
    for child in frame.children:
        grouped(child, group, out)
    return out


def profile(corpus: Path, store_path: Path, oracle: bool) -> tuple[str, dict[str, float], float]:
    from pyinstrument import Profiler

    from kg.ingest import collect, ingest
    from kg.store import Store

    articles, _ = collect([corpus])
    extractor = _extractor(corpus, oracle)
    profiler = Profiler(interval=0.001)
    profiler.start()
    with Store(store_path) as store:
        ingest(articles, store, extractor)
    session = profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    return text, dict(grouped(session.root_frame())), session.duration


def _extractor(corpus: Path, oracle: bool):
    if oracle:
        from oracle import Oracle

        root = corpus.parent if corpus.name in ("articles", "articles.jsonl") else corpus
        return Oracle(json.loads((root / "truth.json").read_text(encoding="utf-8")))
    from kg.extract import Extractor

    return Extractor()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args(argv)
    text, groups, duration = profile(args.corpus, args.store, args.oracle)
    lines = [line for line in text.splitlines() if line.strip()]
    print(json.dumps({"duration": duration, "groups": groups, "top": lines[: args.top]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
