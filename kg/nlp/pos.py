"""Coarse parts of speech from the tagger's fine tags, in one array pass.

The model's attribute ruler does this with a matcher over every token and costs a
tenth of the parse. Without the parser only its rules on a tag, or on a tag and a
word ("was" tagged VBD is AUX), can fire; this component applies exactly those, read
from the ruler's own patterns when the pipeline is built.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("kg_pos", default_config={"tags": {}, "words": []})
def make_pos(nlp: Language, name: str, tags: dict[str, str], words: list[list[str]]) -> TagToPos:
    return TagToPos(nlp, tags, words)


class TagToPos:
    """``pos_`` by (tag, word) rule, else by tag; a tag neither table knows keeps no POS."""

    def __init__(self, nlp: Language, tags: dict[str, str], words: list[list[str]]) -> None:
        s = nlp.vocab.strings
        self.by_tag = {s.add(tag): s.add(pos) for tag, pos in tags.items()}
        self.by_word = {(s.add(tag), s.add(word)): s.add(pos) for tag, word, pos in words}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([TAG, LOWER]).tolist()
        pos = [self.by_word.get((t, w)) or self.by_tag.get(t, 0) for t, w in rows]
        doc.from_array([POS], numpy.array(pos, dtype="uint64").reshape(-1, 1))
        return doc


def ruler_tables(ruler: Any) -> tuple[dict[str, str], list[list[str]]]:
    """The one-token rules of an attribute ruler that set POS from TAG, or TAG and LOWER."""
    tags: dict[str, str] = {}
    words: list[list[str]] = []
    for entry in ruler.patterns:
        patterns, pos = entry["patterns"], entry["attrs"].get("POS")
        if pos is None or len(patterns) != 1 or len(patterns[0]) != 1:
            continue
        token = patterns[0][0]
        if set(token) == {"TAG"} and isinstance(token["TAG"], str):
            tags[token["TAG"]] = pos
        elif set(token) == {"TAG", "LOWER"} and isinstance(token["TAG"], str):
            lowers = token["LOWER"]
            for word in lowers.get("IN", []) if isinstance(lowers, dict) else [lowers]:
                words.append([token["TAG"], word, pos])
    return tags, words
