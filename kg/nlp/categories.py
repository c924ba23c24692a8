"""Category mentions ("seriously wounded", "under the age of 25") -> SKOS concept IRIs.

Phrases come from the concept scheme's labels, looser phrasings from a JSONL of
token patterns; both are data. Results: ``doc.spans["kg_categories"]`` with the
concept IRI as ``kb_id_``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.gazetteer import Gazetteer
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config

SPANS_KEY = "kg_categories"
VERB_TAGS = frozenset({"VB", "VBZ", "VBP"})
"""A one-word match used as a finite verb ("the situation remains") is not a category."""


@Language.factory(
    "kg_categories",
    requires=["token.lemma"],
    assigns=["doc.spans"],
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "patterns": {"@misc": "kg.category_patterns.v1"},
    },
)
def make_categories(
    nlp: Language, name: str, gazetteer: Gazetteer, patterns: list[dict[str, Any]]
) -> CategoryMatcher:
    return CategoryMatcher(nlp, gazetteer, patterns)


class CategoryMatcher:
    """A PhraseMatcher over SKOS labels plus a Matcher over token patterns, built once."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, patterns: list[dict[str, Any]]) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for concept in gazetteer.categories.values():
            self.phrases.add(concept.iri, [nlp.make_doc(p) for p in concept.phrases])
        self.tokens = Matcher(nlp.vocab)
        for entry in patterns:
            self.tokens.add(entry["concept"], [entry["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, s, e, label="category", kb_id=m) for m, s, e in self._matches(doc)]
        kept = [s for s in filter_spans(found) if not _verb_use(s)]
        doc.spans[SPANS_KEY] = sorted(kept, key=lambda s: s.start)
        return doc

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        return list(self.phrases(doc)) + list(self.tokens(doc))


def _verb_use(span: Span) -> bool:
    return len(span) == 1 and span[0].tag_ in VERB_TAGS
