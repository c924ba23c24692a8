"""Frames: what each part of a sentence is about (an event, an agreement, a statement).

A sentence can report an exchange, date the talks that led to it and say who
announced it. Runs of cues of one kind (event words, agreement/talks words,
speech verbs) make a frame; each date, entity and category mention belongs to
the frame whose cue is nearest. "on June 7, when Russian officials claimed the
exchange had failed" thus dates the claim, not an exchange. Results:
``doc._.frames``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.calendar import DateValue
from kg.nlp.categories import SPANS_KEY as CATEGORIES
from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.dates import DateMention
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.eventdays import NO_WORDS, SpanWords, days_of
from kg.nlp.extensions import text_of

ANCHORS = {
    "EVENT": "event",
    "EVENT_GENERIC": "event",
    "AGREEMENT": "agreement",
    "TALKS": "agreement",
    "COMMIT": "agreement",
    "SPEECH": "speech",
    "CLAIM": "speech",
    "DENIAL": "speech",
    "PASSIVE_REPORT": "speech",
    "IN_FORCE": "aside",
    "CAUSE": "aside",
    "INCLUSION": "member",
}
"""Frame kind per cue list. An "aside" frame only keeps its dates from the others: the day
a deal took effect is not the day it was reached, and in "the talks on 2 June led to
swaps" the day is the talks', not the swaps'. A "member" frame ("the group included
civilians") says who was among the people of an exchange told before it."""
JOINS_PREVIOUS = frozenset({"PASSIVE_REPORT"})
"""Passive report verbs ("the deal was announced on X") date what they report, if it comes first."""
ATTACHED = 1
"""A mention at most this many tokens before a cue modifies it ("June 2 negotiations")."""
MODAL_REACH = 4
"""How many tokens before an event word a modal or pledge still governs it."""
PLACE = "Location"
"""The entity label of a place that is not a party (a city, a region, an airport)."""


@dataclass
class Frame:
    """One event, agreement or speech act in one sentence, with the mentions that belong to it."""

    kind: str
    sent: Span
    anchors: list[Span]
    dates: list[tuple[Span, DateMention]] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    categories: list[Span] = field(default_factory=list)
    irrealis: bool = False
    negated: bool = False
    commit: bool = False
    generic: bool = False
    background: bool = False
    span: DateValue | None = None
    """Start and end given by two dates ("began on X and ended on Y", "from X to Y")."""

    @property
    def start(self) -> int:
        return self.anchors[0].start

    @property
    def end(self) -> int:
        return self.anchors[-1].end

    def labels(self) -> set[str]:
        return {a.label_ for a in self.anchors}


def _group(anchors: list[Span], sent: Span) -> list[Frame]:
    frames: list[Frame] = []
    for anchor in anchors:
        kind = ANCHORS[anchor.label_]
        if frames and (
            frames[-1].kind == kind
            or anchor.label_ in JOINS_PREVIOUS
            or _reports_agreement(frames[-1], anchor)
        ):
            frames[-1].anchors.append(anchor)
        else:
            frames.append(Frame(kind, sent, [anchor]))
    return frames


def _reports_agreement(frame: Frame, anchor: Span) -> bool:
    """ "the agreement announced in Doha on 22 November": a participle right after a deal word
    reports the deal (its date and place are the deal's), it is no statement of its own."""
    return (
        frame.kind == "agreement"
        and anchor.label_ == "SPEECH"
        and anchor.start == frame.end
        and anchor.text.lower().endswith("ed")
    )


def _distance(anchor: Span, start: int, end: int) -> float:
    if anchor.end <= start:
        return start - anchor.end
    if anchor.start >= end:
        return anchor.start - end + 0.5
    return 0.0


def _nearest(frames: list[Frame], start: int, end: int) -> Frame:
    """The frame a mention belongs to: the one before it, unless it leans on the next cue.

    "exchanged ... on Tuesday under an agreement reached" dates the exchange;
    "the June 2 negotiations" dates the talks it is glued to; a mention right after a
    cue is that cue's ("agreed on December 7 to exchange": the agreement's day). Nothing
    leans on an aside: "reached on May 3 and took effect" is dated by the May 3.
    """
    adjacent = [f for f in frames if any(a.end == start for a in f.anchors)]
    if adjacent:
        return adjacent[-1]
    after = [f for f in frames if f.start >= end]
    doc = frames[0].sent.doc
    if (
        after
        and after[0].kind != "aside"
        and after[0].start - end <= ATTACHED
        and not any(t.is_punct for t in doc[end : after[0].start])
    ):
        return after[0]
    before = [f for f in frames if f.start < end]
    if before:
        return min(before, key=lambda f: min(_distance(a, start, end) for a in f.anchors))
    return after[0]


def _bucket(items: list, starts: list[int], n: int) -> list[list]:
    """Items per sentence in one pass (``starts`` gives each item's sentence index)."""
    buckets: list[list] = [[] for _ in range(n)]
    for item, index in zip(items, starts, strict=True):
        buckets[index].append(item)
    return buckets


def date_spans(doc: Doc) -> list[tuple[Span, DateMention]]:
    """Each resolved date mention with the token span it covers."""
    spans = []
    for mention in doc._.dates or ():
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            spans.append((span, mention))
    return spans


def _governed(anchor: Span, cues: list[Span], labels: set[str], after: int = 0) -> bool:
    """A cue of ``labels`` shortly before the anchor (or, for modals, just after: "has yet to")."""
    return any(c.label_ in labels and -after <= anchor.start - c.end < MODAL_REACH for c in cues)


HAPPENED = frozenset({"took", "happened", "occurred"})
"""Past verbs that say an event took place, whatever its noun phrase says ("the next
exchange of prisoners took place")."""
TOOK_PLACE_REACH = 6


def _took_place(anchor: Span) -> bool:
    doc = anchor.doc
    after = doc[anchor.end : min(anchor.sent.end, anchor.end + TOOK_PLACE_REACH)]
    return any(t.lower_ in HAPPENED and t.tag_ == "VBD" for t in after)


NEGATIONS = frozenset({"not", "never", "without", "n't"})


def _negated(anchor: Span) -> bool:
    """ "violated the deal by not releasing X": a release that did not happen."""
    doc = anchor.doc
    return any(t.lower_ in NEGATIONS for t in doc[max(0, anchor.start - 2) : anchor.start])


ACHIEVED = frozenset({"managed", "able", "helped", "succeeded", "went", "came"})
"""Verbs whose infinitive happened: "managed to bring back", "were able to return"."""


def _infinitive(anchor: Span) -> bool:
    """ "with Hamas to free 20 more hostages": an event still to come."""
    doc, k = anchor.doc, anchor.start
    if k < 1 or doc[k - 1].lower_ != "to" or doc[k - 1].tag_ != "TO":
        return False
    return not (k >= 2 and doc[k - 2].lower_ in ACHIEVED)


def _releases_thing(anchor: Span, things: frozenset[str]) -> bool:
    """ "released a video", "returned the documents": the verb's object is not people."""
    doc = anchor.doc
    for token in doc[anchor.end : min(len(doc), anchor.end + 3)]:
        if token.lower_ in things:
            return True
        if token.pos_ not in ("DET", "ADJ", "PRON"):
            return False
    return False


def _mark(frame: Frame, cues: list[Span], things: frozenset[str], limit: int) -> None:
    """Flag frames that are not a reported, specific event."""
    events = [a for a in frame.anchors if a.label_ in ("EVENT", "EVENT_GENERIC")]
    if not events:
        return
    frame.generic = all(a.label_ == "EVENT_GENERIC" or _releases_thing(a, things) for a in events)
    frame.commit = any(_governed(a, cues, {"COMMIT"}) for a in events)
    frame.negated = all(_negated(a) for a in events)
    frame.irrealis = frame.commit or all(
        (_governed(a, cues, {"MODAL"}, after=3) and not _took_place(a))
        or _infinitive(a)
        or _negated(a)
        for a in events
    )
    mentions = [s for s, _ in frame.dates] + frame.entities + frame.categories
    lo = min([frame.start] + [s.start for s in mentions])
    hi = max([limit] + [s.end for s in mentions])
    frame.background = any(c.label_ == "BACKGROUND" and lo - 3 <= c.start < hi for c in cues)
    frame.background = frame.background or any(
        m.since and not (frame.span and m.value and m.value.start == frame.span.start)
        for _, m in frame.dates
    )


ANNOUNCED_REACH = 6
"""Tokens between a speech verb and the agreement word its "that" clause reports."""


def _announced_agreements(frames: list[Frame]) -> None:
    """ "On 11 October both sides announced that they had agreed": the day and place of the
    announcement are the agreement's, when it has none of its own."""
    for speech, agreement in itertools.pairwise(frames):
        if speech.kind != "speech" or "AGREEMENT" not in agreement.labels() or agreement.dates:
            continue
        between = speech.sent.doc[speech.end : agreement.start]
        if (
            len(between) <= ANNOUNCED_REACH
            and any(t.lower_ == "that" for t in between)
            and not any(t.is_punct for t in between)
        ):
            agreement.dates.extend(speech.dates)
            agreement.entities.extend(e for e in speech.entities if e.label_ == PLACE)


def _in_relative_clause(frame: Frame, span: Span, cues: list[Span]) -> bool:
    """Whether a date after the event word sits in a clause about someone or something else.

    "those returned were fighters who surrendered in May": May dates the surrender; but
    "the exchange, which took place on Friday" and "the exchange with Russia, which ended
    yesterday" date the exchange itself.
    """
    before = [a for a in frame.anchors if a.end <= span.start]
    if not before:
        return False
    doc = span.doc
    for cue in cues:
        if cue.label_ == "RELATIVE" and before[-1].end <= cue.start < span.start:
            k = cue.start - 1
            while k > before[-1].start and doc[k].is_punct:
                k -= 1
            return not (
                before[-1].start <= k < before[-1].end or _modifier(doc, before[-1].end, k + 1)
            )
    return False


MODIFIER_REACH = 4
"""Words of a phrase between an event noun and its relative clause ("exchange with Russia")."""


def _modifier(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are one prepositional phrase ("with Russia")."""
    return 0 < end - start <= MODIFIER_REACH and doc[start].pos_ == "ADP"


PLUPERFECT = frozenset({"had", "'d"})


def _about_something_else(frame: Frame, span: Span, cues: list[Span]) -> bool:
    """A date after the event word that a relative or past-perfect clause keeps to itself."""
    return _in_relative_clause(frame, span, cues) or _in_pluperfect(frame, span)


def _in_aside_before(frame: Frame, span: Span, cues: list[Span]) -> bool:
    """ "Kerry, who was in Vienna on Saturday to mark the day the agreement took effect":
    a date in a relative clause before the deal word dates that clause, not the deal."""
    if span.end > frame.start:
        return False
    doc = span.doc
    for cue in cues:
        if cue.label_ == "RELATIVE" and cue.end <= span.start:
            between = doc[cue.end : span.start]
            if not any(t.is_punct for t in between) and cue.start > frame.sent.start:
                return doc[cue.start - 1].text == ","
    return False


def _in_pluperfect(frame: Frame, span: Span) -> bool:
    """ "came home, among them the sailors Russia had seized last November": November dates
    the seizure, an earlier event told in the past perfect, not the homecoming."""
    before = [a for a in frame.anchors if a.end <= span.start]
    if not before:
        return False
    doc = span.doc
    return any(
        doc[k].lower_ in PLUPERFECT and doc[k + 1].tag_ in ("VBN", "RB")
        for k in range(before[-1].end, span.start - 1)
    )


def _scope_end(cues: list[Span], sent: Span) -> int:
    """Where "part of a larger ..." begins: categories after it describe something else."""
    return min((c.start for c in cues if c.label_ == "SCOPE"), default=sent.end)


def sentence_frames(
    sent: Span,
    cues: list[Span],
    mentions: dict[str, list],
    things: frozenset[str] = frozenset(),
    words: SpanWords = NO_WORDS,
) -> list[Frame]:
    """The frames of one sentence, with every mention assigned to its nearest frame."""
    frames = _group([c for c in cues if c.label_ in ANCHORS], sent)
    if not frames:
        return []
    for span, mention in mentions["dates"]:
        frame = _nearest(frames, span.start, span.end)
        if frame.kind == "event" and _about_something_else(frame, span, cues):
            continue
        if frame.kind == "agreement" and _in_aside_before(frame, span, cues):
            continue
        frame.dates.append((span, mention))
    for span in mentions["entities"]:
        _nearest(frames, span.start, span.end).entities.append(span)
    scope_end = _scope_end(cues, sent)
    events = [f for f in frames if f.kind in ("event", "member")] or frames
    told = {c.end for c in cues if c.label_ == "SPEECH"}
    for span in mentions["categories"]:
        if span.start < scope_end and span.start not in told:
            _nearest(events, span.start, span.end).categories.append(span)
    _announced_agreements(frames)
    for index, frame in enumerate(frames):
        limit = frames[index + 1].start if index + 1 < len(frames) else sent.end
        limit = min(
            [limit] + [c.start for c in cues if c.label_ == "CLAUSE" and c.start >= frame.end]
        )
        frame.dates.sort(key=lambda item: item[1].dateline)
        if frame.kind == "event":
            frame.span = days_of(frame, words)
        _mark(frame, cues, things, limit)
    return frames


@Language.factory("kg_frames", default_config={"lexicon": {"@misc": "kg.lexicon.v1"}})
def make_frames(nlp: Language, name: str, lexicon: dict[str, Any]) -> Callable[[Doc], Doc]:
    things = frozenset(lexicon["non_people_objects"])
    words = SpanWords(
        frozenset(lexicon["span_start_words"]),
        frozenset(lexicon["span_end_words"]),
        lexicon["numbers"],
    )
    return lambda doc: build_frames(doc, things, words)


def build_frames(
    doc: Doc, things: frozenset[str] = frozenset(), words: SpanWords = NO_WORDS
) -> Doc:
    """Set ``doc._.frames``: every frame of every sentence, in text order."""
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for index, sent in enumerate(sents):
        sent_of[sent.start : sent.end] = [index] * len(sent)
    dates = date_spans(doc)
    groups = {
        "dates": _bucket(dates, [sent_of[s.start] for s, _ in dates], len(sents)),
        "entities": _spans_by_sentence(doc, ENTITIES, sent_of, len(sents)),
        "categories": _spans_by_sentence(doc, CATEGORIES, sent_of, len(sents)),
    }
    cues = _spans_by_sentence(doc, CUES, sent_of, len(sents))
    frames: list[Frame] = []
    orphans: list[tuple[Span, DateMention]] = []
    places: list[Span] = []
    for index, sent in enumerate(sents):
        mentions = {key: groups[key][index] for key in groups}
        found = sentence_frames(sent, cues[index], mentions, things, words)
        _inherit(found, orphans, places)
        orphans = [] if found else [(s, m) for s, m in mentions["dates"] if _event_day(m)]
        places = [e for e in mentions["entities"] if e.label_ == PLACE]
        frames.extend(found)
    doc._.frames = frames
    return doc


def _event_day(mention: DateMention) -> bool:
    return mention.value is not None and mention.value.exact and not mention.since


def _inherit(
    frames: list[Frame], orphans: list[tuple[Span, DateMention]], places: list[Span]
) -> None:
    """A date in a sentence with no frame dates the next sentence's event if nothing else does.

    "On Monday, in Doha, A walked one way and B the other. It was a swap." dates the swap,
    and the places named with that date are the swap's; a date on an earlier line (a page
    header's "Last updated ...") does not.
    """
    if not frames or any(f.dates for f in frames):
        return
    doc, start = frames[0].sent.doc, frames[0].sent.start_char
    same_line = [(s, m) for s, m in orphans if "\n" not in text_of(doc)[s.end_char : start]]
    event = next((f for f in frames if f.kind == "event" and not f.generic), None)
    if event is not None and same_line:
        event.dates.extend(same_line)
        event.entities.extend(places)


def _spans_by_sentence(doc: Doc, key: str, sent_of: list[int], n: int) -> list[list[Span]]:
    spans = list(doc.spans[key])
    return _bucket(spans, [sent_of[s.start] for s in spans], n)
