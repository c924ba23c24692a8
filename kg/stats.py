"""What is in a store, counted: the answer to "did my ingest work?"."""

from __future__ import annotations

from kg.namespaces import POW
from kg.store import Store

KINDS = {
    "Exchange": "exchanges",
    "Agreement": "agreements",
    "Stage": "stages",
    "Transfer": "transfers",
    "Statement": "statements",
    "Party": "parties",
    "Location": "locations",
}
PARTY_KINDS = ("State", "ArmedGroup", "Organisation", "Person")


def counts(store: Store) -> dict[str, int]:
    """Articles, quads, and distinct resources of each core class."""
    result = {"articles": len(store.article_iris()), "quads": len(store)}
    for kind, name in KINDS.items():
        classes = [kind, *PARTY_KINDS] if kind == "Party" else [kind]
        values = " ".join(f"<{POW}{c}>" for c in classes)
        rows = store.select(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }}"
        )
        result[name] = int(rows[0]["n"].value)
    return result
