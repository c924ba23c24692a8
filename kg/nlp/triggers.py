"""Event words found through the parse: "handed over", "brought home", "set free", "the swap".

The lexicon lists each frame's verbs, nouns and participles; a multiword verb ("hand
over", "bring home", "set free") is its lemma with the other word as a dependent, so
"handed the bodies over" and "handed over the bodies" match alike. One
DependencyMatcher pattern per entry, built once; where two entries match one word the
longer wins ("return home" over "return"), and a participle beats the verb it comes
from ("the freed soldiers").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.nlp.lexicon import Lexicon

VERB_POS = ["VERB", "AUX"]
NOUN_POS = ["NOUN", "PROPN"]
PARTICIPLE_TAGS = ["VBN", "JJ", "VBD"]
PARTICIPLE_DEPS = ["amod", "compound"]
"""A participle modifying a noun ("the freed soldiers"); one heading a clause ("released
by Russia") is read as the verb it is."""


@dataclass(frozen=True)
class Trigger:
    """An event word: its token, frame, part of speech and the words of its lexicon entry."""

    token: int
    frame: str
    kind: str
    """``verb``, ``noun`` or ``participle`` ("the freed soldiers")."""
    entry: tuple[str, ...]
    """The lexicon entry's words ("hand", "over"): longer entries win."""

    @property
    def words(self) -> int:
        return len(self.entry)


def patterns(lexicon: Lexicon) -> list[tuple[str, list[dict]]]:
    """(label, DependencyMatcher pattern) for every trigger entry; labels
    ``frame|kind|word+word``."""
    found = []
    for frame, words in lexicon.triggers.by_frame().items():
        for entry in words.verbs:
            found.append((_label(frame, "verb", entry), _pattern(entry, VERB_POS)))
        for entry in words.nouns:
            found.append((_label(frame, "noun", entry), _pattern(entry, NOUN_POS)))
        for word in sorted(words.participles):
            anchor = {"LOWER": word, "TAG": {"IN": PARTICIPLE_TAGS}, "DEP": {"IN": PARTICIPLE_DEPS}}
            found.append(
                (_label(frame, "participle", word), [{"RIGHT_ID": "w0", "RIGHT_ATTRS": anchor}])
            )
    return found


def _label(frame: str, kind: str, entry: str) -> str:
    return f"{frame}|{kind}|{'+'.join(w.partition('>')[0] for w in entry.split())}"


def _pattern(entry: str, pos: list[str]) -> list[dict]:
    """ "hand over": the lemma "hand", and "over" among its dependents; "put on>plane|bus":
    "on" among the dependents of "put", and "plane" or "bus" (lemma) below "on" ("put on a
    plane home")."""
    first, *rest = entry.split()
    pattern: list[dict] = [{"RIGHT_ID": "w0", "RIGHT_ATTRS": {"LEMMA": first, "POS": {"IN": pos}}}]
    for n, word in enumerate(rest, start=1):
        word, _, below = word.partition(">")
        pattern.append(
            {"LEFT_ID": "w0", "REL_OP": ">", "RIGHT_ID": f"w{n}", "RIGHT_ATTRS": {"LOWER": word}}
        )
        if below:
            pattern.append(
                {
                    "LEFT_ID": f"w{n}",
                    "REL_OP": ">>",
                    "RIGHT_ID": f"w{n}x",
                    "RIGHT_ATTRS": {"LEMMA": {"IN": below.split("|")}},
                }
            )
    return pattern


class TriggerMatcher:
    """Finds the event words of a Doc, one trigger per token."""

    def __init__(self, vocab: Vocab, lexicon: Lexicon) -> None:
        self.matcher = DependencyMatcher(vocab)
        for label, pattern in patterns(lexicon):
            self.matcher.add(label, [pattern])
        self.labels = {vocab.strings[label]: label for label, _ in patterns(lexicon)}

    def __call__(self, doc: Doc) -> dict[int, Trigger]:
        found: dict[int, Trigger] = {}
        for match_id, tokens in self.matcher(doc):
            frame, kind, words = self.labels[match_id].split("|")
            trigger = Trigger(tokens[0], frame, kind, tuple(words.split("+")))
            known = found.get(trigger.token)
            if known is None or (trigger.words, trigger.kind == "participle") > (
                known.words,
                known.kind == "participle",
            ):
                found[trigger.token] = trigger
        return found
