"""Write a synthetic corpus of prisoner-exchange news with its ground truth and CQ file.

    python bench/generate.py --articles 1000 --seed 7 --out /tmp/corpus [--format txt|jsonl]

Writes ``articles/*.txt`` (front matter: title, publisher, published) or
``articles.jsonl``, ``truth.json`` (the world, and for each article the facts
it states with the character span of the supporting sentence) and ``cq.json``
(competency questions in the format of shared/eval/cq-seeds.json, answered
from the facts the articles state). The same seed gives byte-identical output.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab as vocab_mod
from articles import Plan, Rendered, plan_articles, render
from cqs import build_cqs
from world import World, generate


def front_matter(plan: Plan, rendered: Rendered) -> str:
    return (
        f"---\ntitle: {rendered.title}\npublisher: {plan.publisher}\n"
        f"published: {plan.published}\n---\n"
    )


def file_name(index: int, plan: Plan) -> str:
    return f"{index:05d}_{plan.kind}_{plan.published}.txt"


def article_record(index: int, plan: Plan, rendered: Rendered, fmt: str) -> dict:
    """Metadata and claims of one article; offsets are into the text kg reads."""
    head = front_matter(plan, rendered) if fmt == "txt" else ""
    return {
        "id": f"bench-{index:05d}",
        "file": file_name(index, plan) if fmt == "txt" else f"articles.jsonl#{index + 1}",
        "kind": plan.kind,
        "title": rendered.title,
        "publisher": plan.publisher,
        "published": plan.published,
        "body_start": len(head),
        "words": len(rendered.body.split()),
        "claims": [[s + len(head), e + len(head), list(c)] for s, e, c in rendered.claims],
    }


def build(n_articles: int, seed: int, fmt: str = "txt") -> tuple[World, list[dict], list[str]]:
    """The world, the article records and the full text of every article (all in memory)."""
    vocab = vocab_mod.load()
    world, plans = generate(vocab, seed, n_articles, plan_articles)
    rng = random.Random(seed * 7919 + 1)
    records, texts = [], []
    for index, plan in enumerate(plans):
        rendered = render(plan, world, rng)
        records.append(article_record(index, plan, rendered, fmt))
        head = front_matter(plan, rendered) if fmt == "txt" else ""
        texts.append(head + rendered.body)
    return world, records, texts


def write_articles(out: Path, records: list[dict], texts: list[str], fmt: str) -> None:
    if fmt == "jsonl":
        with (out / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for rec, body in zip(records, texts, strict=True):
                row = {k: rec[k] for k in ("id", "title", "publisher", "published")}
                handle.write(json.dumps({**row, "text": body}, ensure_ascii=False) + "\n")
        return
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for rec, content in zip(records, texts, strict=True):
        (folder / rec["file"]).write_text(content, encoding="utf-8")


def truth_document(world: World, records: list[dict], seed: int, fmt: str) -> dict:
    as_dict = dataclasses.asdict
    return {
        "seed": seed,
        "format": fmt,
        "vocab": world.vocab,
        "agreements": {k: as_dict(v) for k, v in world.agreements.items()},
        "exchanges": {k: as_dict(v) for k, v in world.exchanges.items()},
        "statements": {k: as_dict(v) for k, v in world.statements.items()},
        "articles": records,
    }


def write_corpus(out: Path, n_articles: int, seed: int, fmt: str = "txt") -> dict:
    """Generate and write everything; returns the truth document."""
    out.mkdir(parents=True, exist_ok=True)
    world, records, texts = build(n_articles, seed, fmt)
    write_articles(out, records, texts, fmt)
    truth = truth_document(world, records, seed, fmt)
    dump = json.dumps(truth, indent=1, ensure_ascii=False, sort_keys=True)
    (out / "truth.json").write_text(dump + "\n", encoding="utf-8")
    cqs = build_cqs(truth, random.Random(seed))
    (out / "cq.json").write_text(json.dumps(cqs, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    args = ap.parse_args(argv)
    truth = write_corpus(args.out, args.articles, args.seed, args.format)
    words = sum(a["words"] for a in truth["articles"])
    print(f"{len(truth['articles'])} articles, {words} words, {len(truth['exchanges'])} exchanges")
    if truth["vocab"]["dropped"]:
        print(f"not in the ontology, left out: {', '.join(truth['vocab']['dropped'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
