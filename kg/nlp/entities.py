"""Gazetteer mentions: parties, organisations, people and places, one IRI per real thing.

Results go to ``doc.spans["kg_entities"]``: ``label_`` is the pow: kind, ``kb_id_``
the IRI and ``id_`` how the thing was named (name, demonym, metonym, generic).
A generic form ("defence ministry") names several organisations and is resolved
by the side named next to it ("Russian ...", "... in Moscow").
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.gazetteer import GENERIC, Form, Gazetteer
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config

SPANS_KEY = "kg_entities"
SIDE_LINKS = frozenset({"in", "of", "at", "'s", "’s"})


@Language.factory(
    "kg_entities",
    default_config={"gazetteer": {"@misc": "kg.gazetteer.v1"}},
)
def make_entities(nlp: Language, name: str, gazetteer: Gazetteer) -> EntityRecognizer:
    return EntityRecognizer(nlp, gazetteer)


def _key(text: str) -> str:
    """All-caps forms (US, UAE, MIT) match case-sensitively, the rest case-folded."""
    return text if text.isupper() else text.lower()


class EntityRecognizer:
    """Two PhraseMatchers built once from every surface form of the gazetteer."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.forms: dict[str, list[Form]] = defaultdict(list)
        for form in gazetteer.forms:
            self.forms[_key(form.text)].append(form)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key in self.forms:
            matcher = self.exact if key.isupper() else self.folded
            matcher.add(key, [nlp.make_doc(key)])

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc) + self.folded(doc)]
        spans = sorted(filter_spans(found), key=lambda s: s.start)
        resolved = [self._resolve(doc, i, spans) for i in range(len(spans))]
        doc.spans[SPANS_KEY] = [s for s in resolved if s is not None]
        return doc

    def _resolve(self, doc: Doc, i: int, spans: list[Span]) -> Span | None:
        span = spans[i]
        forms = self.forms[span.label_]
        if forms[0].how == GENERIC:
            side = _nearby_side(spans, i, self._sides(spans))
            forms = [f for f in forms if side is None or self._side(f.iri) == side]
            if len(forms) != 1:
                return None
        form = forms[0]
        entry = self.gazetteer.entries[form.iri]
        return Span(doc, span.start, span.end, label=entry.kind, kb_id=form.iri, span_id=form.how)

    def _side(self, iri: str) -> str | None:
        entry = self.gazetteer.entries[iri]
        return entry.side or (iri if entry.is_party else None)

    def _sides(self, spans: list[Span]) -> list[str | None]:
        return [self._side(self.forms[s.label_][0].iri) for s in spans]


def _nearby_side(spans: list[Span], i: int, sides: list[Any]) -> str | None:
    """The side named just before a generic form, or just after it by "in/of X"."""
    span = spans[i]
    if i > 0 and span.start - spans[i - 1].end <= 1 and sides[i - 1]:
        return sides[i - 1]
    if i + 1 < len(spans) and spans[i + 1].start - span.end <= 2:
        gap = span.doc[span.end : spans[i + 1].start]
        if any(t.lower_ in SIDE_LINKS for t in gap):
            return sides[i + 1]
    return None
