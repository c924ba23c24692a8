"""People the gazetteer does not list, found by the model's NER only where someone speaks.

NER is the costliest component of the stock pipeline (about half its time), and
we need one of its labels in the few sentences that carry a speech frame: the
speaker of a quote. Running the model's own ``ner`` on those sentences alone
keeps that one use and drops most of the cost. The ``ner`` component stays in
the pipeline, disabled, so that this one can borrow it. Results: ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.factory("kg_persons", default_config={"ner": "ner", "labels": ["PERSON"]})
def make_persons(nlp: Language, name: str, ner: str, labels: list[str]) -> Persons:
    return Persons(nlp.get_pipe(ner), frozenset(labels))


class Persons:
    """Runs a borrowed NER component over the speech sentences of each document."""

    def __init__(self, ner, labels: frozenset[str]) -> None:
        self.ner = ner
        self.labels = labels

    def __call__(self, doc: Doc) -> Doc:
        sents = list({f.sent.start: f.sent for f in doc._.frames if f.kind == "speech"}.values())
        found = []
        for sent, tagged in zip(sents, self.ner.pipe(s.as_doc() for s in sents), strict=True):
            found += [
                Span(doc, sent.start + e.start, sent.start + e.end, label=e.label_)
                for e in tagged.ents
                if e.label_ in self.labels
            ]
        doc.ents = found
        return doc
