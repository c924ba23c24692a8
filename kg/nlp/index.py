"""Per-document lookups the syntactic components share, built once per Doc.

Which name, date or category covers a token, and which sentence a token is in: the
components ask these for many tokens, so they are tables, not scans (a scan per
question made long articles cost the square of their length).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.nlp.categories import SPANS_KEY as CATEGORIES
from kg.nlp.dates import DateMention
from kg.nlp.mentions import Name


@dataclass
class DocIndex:
    """Token -> name, date, category; token -> sentence; built by :func:`index_of`."""

    doc: Doc
    names: dict[int, Name] = field(default_factory=dict)
    dates: dict[int, DateMention] = field(default_factory=dict)
    categories: dict[int, Span] = field(default_factory=dict)
    sent_starts: list[int] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    """Index into ``sent_starts`` for every token."""
    people: list[Name] = field(default_factory=list)
    """Names of persons in text order."""

    def name(self, token: Token | int) -> Name | None:
        return self.names.get(token if isinstance(token, int) else token.i)

    def date(self, token: Token | int) -> DateMention | None:
        return self.dates.get(token if isinstance(token, int) else token.i)

    def sent(self, i: int) -> Span:
        """The sentence of token ``i``."""
        k = self.sent_of[i]
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.doc[self.sent_starts[k] : end]

    def sentence_number(self, i: int) -> int:
        return self.sent_of[i]

    def person_before(self, i: int) -> Name | None:
        """The person named last before token ``i``."""
        k = bisect_left(self.people, i, key=lambda n: n.start)
        return self.people[k - 1] if k else None

    def names_in(self, tokens: set[int] | range) -> list[Name]:
        """Each name with a token in ``tokens``, once, in text order."""
        found = {self.names[i].start: self.names[i] for i in tokens if i in self.names}
        return [found[k] for k in sorted(found)]

    def dates_in(self, tokens: set[int] | range) -> list[DateMention]:
        found = {self.dates[i].start: self.dates[i] for i in tokens if i in self.dates}
        return [found[k] for k in sorted(found)]

    def categories_in(self, tokens: set[int] | range) -> list[str]:
        found = {
            self.categories[i].start: self.categories[i] for i in tokens if i in self.categories
        }
        return list(dict.fromkeys(found[k].kb_id_ for k in sorted(found)))


def index_of(doc: Doc) -> DocIndex:
    """The document's index, built on first use and kept on the Doc."""
    if doc._.index is None:
        doc._.index = _build(doc)
    return doc._.index


def _build(doc: Doc) -> DocIndex:
    index = DocIndex(doc)
    for name in doc._.names or ():
        index.names.update(dict.fromkeys(range(name.start, name.end), name))
        if name.kind == "Person":
            index.people.append(name)
    for mention in doc._.dates or ():
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            index.dates.update(dict.fromkeys(range(span.start, span.end), mention))
    if CATEGORIES in doc.spans:
        for span in doc.spans[CATEGORIES]:
            index.categories.update(dict.fromkeys(range(span.start, span.end), span))
    for number, sent in enumerate(doc.sents):
        index.sent_starts.append(sent.start)
        index.sent_of.extend([number] * len(sent))
    return index
