"""People the gazetteer does not list, found by the model's NER only where someone speaks.

NER is the costliest component of the stock pipeline (about half its time), and
we need one of its labels in one place: the speaker of a quote, named outside
the quotation marks of a sentence with a speech frame. Running the model's own
``ner`` on those stretches alone (a quarter of the tokens) keeps that use and
drops most of the cost; its features reach only a few tokens either side, so
the stretches tag as the whole text would. The ``ner`` component stays in the
pipeline, disabled, so that this one can borrow it. Results: ``doc.ents``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.frames import PLACE
from kg.nlp.sentences import quote_open_after

MIN_PIECE = 2
"""Shorter stretches ("," between two quotes) cannot hold a name and a cue."""


@Language.factory("kg_persons", default_config={"ner": "ner", "labels": ["PERSON"]})
def make_persons(nlp: Language, name: str, ner: str, labels: list[str]) -> Persons:
    return Persons(nlp.get_pipe(ner), frozenset(labels))


class Persons:
    """Runs a borrowed NER component over the speech sentences of each document."""

    def __init__(self, ner, labels: frozenset[str]) -> None:
        self.ner = ner
        self.labels = labels

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """The speech sentences of a whole batch go through NER together, as one batch does."""
        for batch in minibatch(docs, batch_size):
            sents = [s for doc in batch for s in _speech_sentences(doc)]
            tagged = self.ner.pipe((s.as_doc() for s in sents), batch_size=batch_size)
            found: dict[int, list[Span]] = {id(doc): [] for doc in batch}
            for sent, sub in zip(sents, tagged, strict=True):
                found[id(sent.doc)] += [
                    Span(sent.doc, sent.start + e.start, sent.start + e.end, label=e.label_)
                    for e in sub.ents
                    if e.label_ in self.labels and _looks_like_a_name(e)
                ]
            for doc in batch:
                doc.ents = found[id(doc)]
                yield doc


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


def _looks_like_a_name(span: Span) -> bool:
    """ "on X. He added" is no person: a name is capitalised words, none a pronoun or a
    letter standing alone ("J." is an initial, "X" a channel)."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(
        t.is_title and t.lower_ not in PRONOUNS and (len(t.text) > 1 or _initial(t)) for t in words
    )


def _initial(token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "." and not token.whitespace_


def _speech_sentences(doc: Doc) -> list[Span]:
    """The unquoted stretches of every sentence with a speech frame whose speaker is not
    already known: a name from the gazetteer or a pronoun next to each speech verb."""
    known = _named_next_to(doc)
    sents = {
        f.sent.start: f.sent
        for f in doc._.frames
        if f.kind == "speech" and not all(a.start in known for a in f.anchors)
    }.values()
    return [piece for sent in sents for piece in _unquoted(sent)]


SPEAKER_GAP = 2
"""Tokens between a speech verb and a known speaker beside it ("Zelensky wrote on ...")."""


def _named_next_to(doc: Doc) -> set[int]:
    """Starts of speech cues with a gazetteer speaker or a pronoun right before or after them
    (no comma between: "X, a director at Y, said" may be someone the gazetteer lacks)."""
    speakers = [e for e in doc.spans[ENTITIES] if e.label_ != PLACE]
    ends = {e.end for e in speakers}
    starts = {e.start for e in speakers}
    found = set()
    for cue in doc.spans[CUES]:
        lo, hi = max(0, cue.start - SPEAKER_GAP), min(len(doc), cue.end + SPEAKER_GAP)
        before = any(
            (k in ends or doc[k - 1].lower_ in PRONOUNS) and _no_comma(doc, k, cue.start)
            for k in range(max(1, lo), cue.start + 1)
        )
        after = any(k in starts and _no_comma(doc, cue.end, k) for k in range(cue.end, hi + 1))
        if before or after:
            found.add(cue.start)
    return found


def _no_comma(doc: Doc, start: int, end: int) -> bool:
    return not any(t.text == "," for t in doc[start:end])


def _unquoted(sent: Span) -> list[Span]:
    pieces, start, inside = [], sent.start, False
    for token in sent:
        now = quote_open_after(token, inside)
        if now != inside:
            end = token.i if now else token.i + 1
            if not now:
                start = token.i + 1
            elif end - start >= MIN_PIECE:
                pieces.append(sent.doc[start:end])
            inside = now
    if not inside and sent.end - start >= MIN_PIECE:
        pieces.append(sent.doc[start : sent.end])
    return pieces
