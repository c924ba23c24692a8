"""Syndicated copies: near-duplicate article texts linked to one shared story.

An agency story reprinted by several outlets, each lightly editing it, is one
source, not several. Each article's text gets a MinHash sketch of its word
5-shingles (stored with the article, so nothing is re-read later); after every
ingest the stories graph is recomputed from all sketches: MinHash LSH finds the
candidate pairs, the estimated Jaccard similarity confirms them, and so must
their figures (copies of one story report the same numbers; formulaic
statements about different exchanges share wording, not numbers). Each
connected group of copies becomes a ``pow:Story`` that its articles are
``dcterms:isVersionOf``. Recomputing from scratch makes the result independent
of ingest order; the story IRI comes from the group's smallest article IRI.

The threshold was measured (``bench/syndication.py``): on our own pairs,
lightly edited copies score 0.55-0.92 and independent reports of the same
event at most 0.01; on the templated synthetic bench corpus, texts about
different events reach 0.3-0.5, hence 0.4 and the figures check.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.namespaces import DCTERMS, ID, RDF, STORIES_GRAPH
from kg.store import Store
from kg.vocab import pow

if TYPE_CHECKING:
    import numpy as np
    import pyoxigraph as ox

SHINGLE_WORDS = 5
PERMUTATIONS = 128
SEED = 1
SCHEME = "affine32"
"""datasketch's hashing scheme, pinned: stored sketches must stay comparable across versions."""
THRESHOLD = 0.4
"""Estimated Jaccard similarity of 5-shingles from which two texts are copies of one story."""
SHARED_FIGURES = 0.5
"""Share of the figures of the text with fewer figures that the other must also report."""
NUMBER = re.compile(r"\d[\d,.]*\d|\d")

SKETCHES = f"SELECT ?a ?s WHERE {{ GRAPH ?a {{ ?a <{pow.textSketch}> ?s }} }}"


def shingles(text: str) -> set[bytes]:
    """Overlapping runs of five lowercased words (the whole text when it is shorter)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def sketch(text: str) -> str | None:
    """The text's MinHash signature as base64 of little-endian uint32s (``None``: no words)."""
    from datasketch import MinHash

    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(grams))
    return base64.b64encode(minhash.hashvalues.astype("<u4").tobytes()).decode("ascii")


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two sketches."""
    return _estimate(_values(a), _values(b))


def _values(sketch_value: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(base64.b64decode(sketch_value), dtype="<u4")


def _estimate(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash's estimate (as datasketch's ``MinHash.jaccard``): the share of equal minima."""
    return float((a == b).sum()) / len(a)


class _Signature:
    """Just what ``MinHashLSH.insert``/``query`` read, without building a MinHash per article."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray) -> None:
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)


def figures(text: str) -> set[str]:
    """The numbers a text reports, without thousands separators ("1,200" is "1200")."""
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}


def same_figures(a: str, b: str) -> bool:
    """Most figures of the text with fewer of them are in the other (true when one has none)."""
    x, y = figures(a), figures(b)
    if not x or not y:
        return True
    return len(x & y) >= SHARED_FIGURES * min(len(x), len(y))


def groups(
    sketches: dict[str, str],
    threshold: float = THRESHOLD,
    confirm: Callable[[str, str], bool] | None = None,
) -> list[list[str]]:
    """Groups of two or more articles whose texts are near-duplicates, each sorted.

    ``confirm(a, b)`` may veto a pair that the sketches put over the threshold.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    decoded = {key: _Signature(_values(value)) for key, value in sorted(sketches.items())}
    parent = {key: key for key in decoded}
    for key, signature in decoded.items():
        for other in lsh.query(signature):
            similar = _estimate(signature.hashvalues, decoded[other].hashvalues) >= threshold
            if similar and (confirm is None or confirm(key, other)):
                parent[_root(parent, key)] = _root(parent, other)
        lsh.insert(key, signature)
    found: dict[str, list[str]] = {}
    for key in decoded:
        found.setdefault(_root(parent, key), []).append(key)
    return sorted(sorted(g) for g in found.values() if len(g) > 1)


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def story_iri(members: list[str]) -> str:
    return ID + "story/" + hashlib.sha256(min(members).encode()).hexdigest()[:16]


def restory(store: Store) -> int:
    """Recompute the stories graph from every article's sketch; returns how many stories."""
    sketches = {row["a"].value: row["s"].value for row in store.query(SKETCHES)}
    texts = _Texts(store)
    found = groups(sketches, confirm=lambda a, b: same_figures(texts[a], texts[b]))
    triples = [t for members in found for t in _story_triples(members)]
    if set(store.graph_triples(STORIES_GRAPH)) != set(triples):
        store.replace_graph(STORIES_GRAPH, triples)
    return len(found)


class _Texts:
    """Article bodies read from the store on demand (only candidate pairs need them)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, str] = {}

    def __getitem__(self, iri: str) -> str:
        if iri not in self.cache:
            self.cache[iri] = _body(self.store, iri)
        return self.cache[iri]


def _body(store: Store, iri: str) -> str:
    """The stored text without its front matter (whose date is no figure of the story)."""
    text = store.value(iri, pow.text, iri)
    if text is None:
        return ""
    match = re.match(r"---\r?\n.*?\n---[^\n]*\n", text, re.S)
    return text[match.end() :] if match else text


def _story_triples(members: list[str]) -> list[ox.Triple]:
    import pyoxigraph as ox

    story = ox.NamedNode(story_iri(members))
    triples = [ox.Triple(story, ox.NamedNode(RDF + "type"), ox.NamedNode(pow.Story))]
    version_of = ox.NamedNode(DCTERMS + "isVersionOf")
    triples.extend(ox.Triple(ox.NamedNode(m), version_of, story) for m in members)
    return triples
