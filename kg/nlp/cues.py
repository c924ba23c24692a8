"""Cue phrases from the lexicon (event words, speech verbs, mediation, modality ...).

One PhraseMatcher over every cue list; ``doc.spans["kg_cues"]`` holds the
matches with the list name as ``label_``. The frame builder reads them.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config

SPANS_KEY = "kg_cues"
BARE_VERB_BEFORE = frozenset(
    {"to", "will", "would", "shall", "should", "must", "can", "could", "may", "might"}
)
"""Words after which an ambiguous word ("free") can only be the verb."""
SPLIT_REACH = 8
"""How far the particle of a split release verb may stand ("set 887 detainees free")."""


@Language.factory("kg_cues", default_config={"lexicon": {"@misc": "kg.lexicon.v1"}})
def make_cues(nlp: Language, name: str, lexicon: dict[str, Any]) -> CueMatcher:
    return CueMatcher(nlp, lexicon)


def _month_name(span: Span) -> bool:
    """ "In May last year": the month, not the modal verb."""
    return span.label_ == "MODAL" and span.text == "May"


class CueMatcher:
    """Longest cue wins where two overlap ("agreed to" over "agreed")."""

    def __init__(self, nlp: Language, lexicon: dict[str, Any]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in lexicon["cues"].items():
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])
        self.infinitive_only = frozenset(lexicon["infinitive_only"])
        self.split = {verb: frozenset(ends) for verb, ends in lexicon["split_events"].items()}

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        found = [s for s in found if self._verb_here(s) and not _month_name(s)]
        found += self._split_events(doc)
        doc.spans[SPANS_KEY] = sorted(filter_spans(found), key=lambda s: s.start)
        return doc

    def _split_events(self, doc: Doc) -> list[Span]:
        """ "set 887 detainees free", "let 181 people go": the verb is the event word."""
        found = []
        for token in doc:
            ends = self.split.get(token.lower_)
            if ends is None:
                continue
            for k in range(token.i + 2, min(len(doc), token.i + SPLIT_REACH)):
                if doc[k].is_punct:
                    break
                if doc[k].lower_ in ends:
                    found.append(Span(doc, token.i, token.i + 1, label="EVENT"))
                    break
        return found

    def _verb_here(self, span: Span) -> bool:
        """ "to free 30 soldiers", "will free" are events; "walked free", "free food" are not."""
        if span.text.lower() not in self.infinitive_only:
            return True
        return span.start > 0 and span.doc[span.start - 1].lower_ in BARE_VERB_BEFORE
