"""What is in a store, counted: the answer to "did my ingest work?"."""

from __future__ import annotations

from kg.namespaces import POW
from kg.store import Store

FACTS = {
    "exchanges": "Exchange",
    "agreements": "Agreement",
    "stages": "Stage",
    "transfers": "Transfer",
    "statements": "Statement",
}
MENTIONS = {
    "parties": ("party", "mediator", "from", "to", "speaker"),
    "locations": ("location",),
}
"""Parties and places count when a fact mentions them, not because the gazetteer lists them."""


def counts(store: Store) -> dict[str, int]:
    """Articles, quads (as stated, per article) and distinct triples (the merged view), facts
    of each core class, and the parties and places they mention."""
    result = {
        "articles": len(store.article_iris()),
        "quads": len(store),
        "triples": store.merged_size(),
    }
    for name, cls in FACTS.items():
        result[name] = _count(store, f"?x a <{POW}{cls}>")
    for name, properties in MENTIONS.items():
        path = "|".join(f"<{POW}{p}>" for p in properties)
        result[name] = _count(store, f"?s {path} ?x")
    return result


def _count(store: Store, pattern: str) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    return int(rows[0]["n"].value)
