"""Stages: "the second stage of the return of the seriously wounded", "an initial swap".

The ordinal counts the stages of an agreement's implementation; when it counts
a category series ("... of the return of the seriously wounded") the stage
carries that category. The stage belongs to the dated exchange of its sentence,
else to the article's main exchange. Results: ``doc._.stages``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.categories import SPANS_KEY as CATEGORIES
from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.drafts import StageDraft
from kg.nlp.exchanges import best_ref, event_date

CATEGORY_REACH = 10
"""Tokens after "stage of the return of" within which the category is named."""


@Language.factory("kg_stages", default_config={"lexicon": {"@misc": "kg.lexicon.v1"}})
def make_stages(nlp: Language, name: str, lexicon: dict[str, Any]) -> Stages:
    return Stages(nlp, lexicon)


class Stages:
    """A Matcher for ordinal + stage noun, built once from the lexicon."""

    def __init__(self, nlp: Language, lexicon: dict[str, Any]) -> None:
        self.ordinals = lexicon["ordinals"]
        self.events = set(lexicon["stage_of_event"])
        self.matcher = Matcher(nlp.vocab)
        numbered = [o for o in self.ordinals if o != "initial"]
        self.matcher.add(
            "STAGE",
            [
                [{"LOWER": {"IN": numbered}}, {"LOWER": {"IN": lexicon["stage_nouns"]}}],
                [{"LOWER": "initial"}, {"LOWER": {"IN": lexicon["initial_stage_nouns"]}}],
                [
                    {"LOWER": {"IN": numbered}},
                    {"LOWER": {"IN": lexicon["stage_batch_nouns"]}},
                    {"LOWER": "of"},
                    {"LOWER": {"IN": ["hostage", "prisoner"]}, "OP": "?"},
                    {"LOWER": {"IN": lexicon["stage_series_plurals"]}},
                ],
            ],
        )
        self.matcher.add(
            "SERIES",
            [
                [
                    {"LOWER": {"IN": numbered}},
                    {"LOWER": "prisoner", "OP": "?"},
                    {"LOWER": {"IN": lexicon["series_nouns"]}},
                ]
            ],
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.stages = []
        if not doc._.exchanges:
            return doc
        found: dict[tuple, StageDraft] = {}
        for match, start, end in self.matcher(doc):
            span = doc[start:end]
            if _planned(doc, span.sent):
                continue
            exchange = _exchange_for(doc, span)
            if exchange is None:
                continue
            stage = StageDraft(self.ordinals[doc[start].lower_], exchange, [span.sent])
            stage.category = self._category(doc, span)
            stage.ref = _ref_for(doc, span.sent, exchange)
            if doc.vocab.strings[match] == "SERIES" and not _in_series(doc, span, stage):
                continue
            _merge(found, stage)
        doc._.stages = list(found.values())
        return doc

    def _category(self, doc: Doc, span: Span) -> str | None:
        """The category of "stage of the <return> of <category>", if the ordinal counts one."""
        after = doc[span.end : min(len(doc), span.end + 4)]
        if not any(t.lower_ in self.events for t in after):
            return None
        limit = span.end + CATEGORY_REACH
        for category in doc.spans[CATEGORIES]:
            if span.end <= category.start < limit:
                return category.kb_id_
        return None


def _in_series(doc: Doc, span: Span, stage: StageDraft) -> bool:
    """Whether "a second exchange" counts the exchanges under an agreement the article names.

    "The first exchange since May" only compares the exchange with the past.
    """
    window = range(span.end, min(len(doc), span.end + 3))
    background = any(c.label_ == "BACKGROUND" and c.start in window for c in doc.spans[CUES])
    return stage.ref is not None and not background


def _planned(doc: Doc, sent: Span) -> bool:
    """ "Talks on the second phase are due to begin": a sentence about what is still to come.

    Its events are all pledged or planned and something in it is due or expected.
    """
    frames = [f for f in doc._.frames if f.sent.start == sent.start]
    events = [f for f in frames if f.kind == "event" and not f.generic]
    ahead = any(
        c.label_ in ("MODAL", "COMMIT") and sent.start <= c.start < sent.end
        for c in doc.spans[CUES]
    )
    return ahead and all(f.irrealis for f in events)


def _merge(found: dict[tuple, StageDraft], stage: StageDraft) -> None:
    """One stage per (exchange, ordinal, category): all its sentences, its best reference."""
    key = (stage.exchange, stage.ordinal, stage.category)
    if key not in found:
        found[key] = stage
        return
    kept = found[key]
    kept.sents.extend(stage.sents)
    if stage.ref is not None and (kept.ref is None or stage.ref.weight() > kept.ref.weight()):
        kept.ref = stage.ref


CLAUSE_BREAKS = frozenset({":", ";", "—", "–"})
"""Punctuation that ends a clause: "This is the second stage: in the first, on X, ..."."""


def _exchange_for(doc: Doc, span: Span) -> str | None:
    """The dated exchange of the stage's clause, else the article's main exchange.

    A recap after a colon ("the second stage: in the first, last Sunday, ...") dates
    the earlier stage, not this one.
    """
    sent = span.sent
    own = [f for f in doc._.frames if f.sent.start == sent.start and f.kind == "event"]
    for frame in own:
        value = event_date(frame)
        if value is not None and value.start in doc._.exchanges and _same_clause(span, frame):
            return value.start
    if not own:
        return _told_next(doc, sent) or doc._.primary
    return doc._.primary


HEADING_REACH = 2
"""Sentences after a heading ("What happened in the first stage?") that tell its stage."""


def _told_next(doc: Doc, sent: Span) -> str | None:
    """The exchange dated in the sentences right after a stage named with no event."""
    after = [s for s in doc.sents if s.start >= sent.end and s.text.strip()][:HEADING_REACH]
    for nxt in after:
        for frame in doc._.frames:
            if frame.sent.start == nxt.start and frame.kind == "event":
                value = event_date(frame)
                if value is not None and value.start in doc._.exchanges:
                    return value.start
    return None


def _same_clause(span: Span, frame: Any) -> bool:
    """Whether a specific event word of the frame stands in the stage's clause."""
    for anchor in frame.anchors:
        lo, hi = sorted((span.start, anchor.start))
        if anchor.label_ == "EVENT" and not any(t.text in CLAUSE_BREAKS for t in span.doc[lo:hi]):
            return True
    return False


def _ref_for(doc: Doc, sent: Span, exchange: str) -> object:
    own = [r for r in doc._.refs if r.sent.start == sent.start]
    return best_ref(own) or doc._.exchanges[exchange].ref or best_ref(doc._.refs)
