"""What is in a store, counted: the answer to "did my ingest work?"."""

from __future__ import annotations

from kg.namespaces import POW
from kg.store import Store

KINDS = ("Exchange", "Agreement", "Stage", "Transfer", "Statement", "Party", "Location")
PARTY_KINDS = ("State", "ArmedGroup", "Organisation", "Person")


def counts(store: Store) -> dict[str, int]:
    """Articles, quads, and distinct resources of each core class."""
    result = {"articles": len(store.article_iris()), "quads": len(store)}
    for kind in KINDS:
        classes = [kind, *PARTY_KINDS] if kind == "Party" else [kind]
        values = " ".join(f"<{POW}{c}>" for c in classes)
        rows = store.select(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }}"
        )
        result[kind.lower() + ("s" if not kind.endswith("y") else "")] = int(rows[0]["n"].value)
    return result
