"""The generator's vocabulary: bench/vocab.json, checked against the ontology's own data.

Synthetic articles must only name parties, places and categories that the
gazetteer knows, or the benchmark would measure the gazetteer instead of the
pipeline. So each entry is looked up by label in ontology/gazetteer.ttl and
ontology/categories.ttl (when they exist); unknown entries are dropped and the
labels the ontology gives are kept for the CQ answer patterns.
"""

from __future__ import annotations

import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VOCAB_FILE = BENCH / "vocab.json"
ONTOLOGY = ROOT / "ontology"
LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
)
GROUPS = ("parties", "mediators", "places", "speakers", "categories")


def label_index(files: list[Path]) -> dict[str, str] | None:
    """Lower-cased label -> IRI over ``files``; ``None`` when none of them exists yet."""
    import pyoxigraph as ox

    existing = [f for f in files if f.exists()]
    if not existing:
        return None
    store = ox.Store()
    for f in existing:
        store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
    index: dict[str, str] = {}
    for pred in LABEL_PREDICATES:
        for quad in store.quads_for_pattern(None, ox.NamedNode(pred), None):
            if isinstance(quad.subject, ox.NamedNode):
                index.setdefault(quad.object.value.lower(), quad.subject.value)
    return index


def _resolve(entry: dict, index: dict[str, str] | None) -> bool:
    """Attach the ontology IRI and its labels to ``entry``; False when the ontology lacks it."""
    if index is None:
        entry["iri"], entry["labels"] = None, list(entry["names"])
        return True
    iri = next((index[n.lower()] for n in entry["names"] if n.lower() in index), None)
    if iri is None:
        return False
    entry["iri"] = iri
    entry["labels"] = sorted(
        {n for n in entry["names"]} | {k for k, v in index.items() if v == iri}
    )
    return True


def load(path: Path = VOCAB_FILE, ontology: Path = ONTOLOGY) -> dict:
    """The vocabulary with unknown entries dropped; ``dropped`` says which and why."""
    vocab = json.loads(path.read_text(encoding="utf-8"))
    gazetteer = label_index([ontology / "gazetteer.ttl"])
    categories = label_index([ontology / "categories.ttl"])
    dropped: list[str] = []
    for group in GROUPS:
        index = categories if group == "categories" else gazetteer
        for key in list(vocab[group]):
            if not _resolve(vocab[group][key], index):
                dropped.append(f"{group}/{key}")
                del vocab[group][key]
    _prune_conflicts(vocab, dropped)
    vocab["dropped"] = dropped
    vocab["checked"] = {"gazetteer": gazetteer is not None, "categories": categories is not None}
    return vocab


def _prune_conflicts(vocab: dict, dropped: list[str]) -> None:
    """Keep a conflict only if both sides are known; filter its lists to known entries."""
    actors = vocab["parties"] | vocab["mediators"]
    for key, conflict in list(vocab["conflicts"].items()):
        if not all(side in vocab["parties"] for side in conflict["sides"]):
            dropped.append(f"conflicts/{key}")
            del vocab["conflicts"][key]
            continue
        conflict["mediators"] = [m for m in conflict["mediators"] if m in actors]
        conflict["venues"] = [v for v in conflict["venues"] if v in vocab["places"]]
        conflict["transit"] = [t for t in conflict["transit"] if t in vocab["places"]]
        conflict["categories"] = [c for c in conflict["categories"] if c in vocab["categories"]]
        conflict["speakers"] = sorted(
            k for k, s in vocab["speakers"].items() if s["side"] in conflict["sides"]
        )
    if not vocab["conflicts"]:
        raise SystemExit("bench: no conflict in vocab.json has both sides in the gazetteer")


def actor(vocab: dict, key: str) -> dict:
    """A party or mediator entry (some states are both, e.g. Russia mediating elsewhere)."""
    return vocab["parties"].get(key) or vocab["mediators"][key]


def name(entry: dict) -> str:
    return entry["names"][0]
