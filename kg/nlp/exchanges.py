"""Exchanges: dated event frames, merged by start date, with sides, places, categories, counts.

A frame about a specific, reported event (not "exchanges" in general, not
"would be returned", not "over 5,000 since 2022") with a date is an exchange;
frames with the same start merge. Undated mentions ("the latest handover")
join the article's main exchange: the one mentioned most. Pledges go to the
agreement that provides them. Results: ``doc._.exchanges``, ``doc._.primary``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.gazetteer import DEMONYM, Gazetteer
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.agreements import provided_to
from kg.nlp.calendar import DateValue
from kg.nlp.categories import SPANS_KEY as CATEGORIES
from kg.nlp.counts import PLURAL_TAGS, Count, find_counts
from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.drafts import ExchangeDraft, RefDraft
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.frames import PLACE, Frame, date_spans
from kg.nlp.named import named_nationals, released_names
from kg.nlp.narrative import (
    dated_by_report,
    fold_next_days,
    goes_on,
    main_exchange,
    members,
    merge_spans,
    stamped,
)
from kg.nlp.sides import after_preposition, is_venue, mediator, side_of
from kg.nlp.totals import running_total
from kg.nlp.transfers import CONJUNCTION_GAP, Direction, transfers_in


@Language.factory(
    "kg_exchanges",
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "lexicon": {"@misc": "kg.lexicon.v1"},
    },
)
def make_exchanges(
    nlp: Language, name: str, gazetteer: Gazetteer, lexicon: dict[str, Any]
) -> Exchanges:
    return Exchanges(gazetteer, lexicon)


def event_date(frame: Frame) -> DateValue | None:
    """The frame's first usable date: a day, a day range or a month, not a "since" or a bound.

    A start and an end given apart ("began on X and ended on Y") make one range.
    """
    if frame.span is not None:
        return frame.span
    for _, mention in frame.dates:
        if mention.value is not None and mention.value.exact and not mention.since:
            return mention.value
    return None


def best_ref(refs: list[RefDraft]) -> RefDraft | None:
    return max(refs, key=RefDraft.weight, default=None)


class Exchanges:
    """Groups event frames into exchanges and fills each one in."""

    def __init__(self, gazetteer: Gazetteer, lexicon: dict[str, Any]) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.prepositions = frozenset(lexicon["venue_prepositions"])
        self.light_verbs = frozenset(lexicon["light_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        drafts, undated = self._group(doc._.frames)
        if not drafts:
            drafts = dated_by_report(doc._.frames, undated)
        primary = main_exchange(drafts)
        if primary is not None:
            drafts[primary].frames = sorted(drafts[primary].frames + undated, key=lambda f: f.start)
        counts = self._counts(doc)
        mediators = doc._.mediators
        for draft in drafts.values():
            self._fill(doc, draft, counts, mediators, draft.start == primary)
        primary = fold_next_days(drafts, primary)
        if primary is not None:
            self._whereabouts(doc, drafts[primary])
            members(doc._.frames, drafts, primary)
        self._pledges(doc, counts)
        doc._.exchanges, doc._.primary = drafts, primary
        return doc

    def _group(self, frames: list[Frame]) -> tuple[dict[str, ExchangeDraft], list[Frame]]:
        drafts: dict[str, ExchangeDraft] = {}
        undated: list[Frame] = []
        last: tuple[Frame, ExchangeDraft] | None = None
        for frame in frames:
            if frame.kind != "event" or frame.generic or frame.irrealis:
                continue
            value = event_date(frame) or stamped(frame)
            if frame.background and value is not None and not value.is_day:
                continue
            if value is not None:
                draft = drafts.setdefault(value.start, ExchangeDraft(value.start, value.end))
                draft.frames.append(frame)
                draft.end = max(draft.end, value.end)
                last = frame, draft
            elif frame.background:
                continue
            elif last is not None and goes_on(last[0], frame):
                last[1].frames.append(frame)
            else:
                undated.append(frame)
        return merge_spans(drafts), undated

    def _counts(self, doc: Doc) -> dict[int, list[Count]]:
        """Counts per event frame (keyed by the frame's first anchor), each to its nearest frame."""
        by_frame: dict[int, list[Count]] = {}
        skip = {i for span, _ in date_spans(doc) for i in range(span.start, span.end)}
        skip |= {i for span in doc.spans[CATEGORIES] for i in range(span.start, span.end)}
        entities = list(doc.spans[ENTITIES])
        demonyms = frozenset(s.start for s in entities if s.id_ == DEMONYM)
        events = [f for f in doc._.frames if f.kind == "event"]
        by_sent: dict[int, list[Frame]] = {}
        for frame in events:
            by_sent.setdefault(frame.sent.start, []).append(frame)
        totals = [c.start for c in doc.spans[CUES] if c.label_ == "BACKGROUND"]
        released = [c for c in doc.spans[CUES] if c.label_ == "EVENT"]
        releases = [c.start for c in released]
        for frames in by_sent.values():
            sent = frames[0].sent
            ends = [c.end for c in released if sent.start <= c.start < sent.end]
            named = self._named_people(sent, entities, ends)
            for count in find_counts(sent, self.lexicon, skip, demonyms, named):
                if running_total(doc, count, totals, releases):
                    continue
                frame = min(
                    frames, key=lambda f: min(abs(a.start - count.start) for a in f.anchors)
                )
                by_frame.setdefault(frame.start, []).append(count)
        return by_frame

    def _named_people(self, sent: Span, entities: list[Span], ends: list[int]) -> dict[int, Count]:
        """Counts of people given by name: with their nationality, or listed after the verb."""
        found = {
            start: Count(1, start, start, last, side, named=True)
            for start, (last, side) in named_nationals(
                sent, entities, self.gazetteer, self.lexicon["offices"], self.prepositions
            ).items()
        }
        lead_ins = self.lexicon["released_of"]
        for start, (last, names) in released_names(sent, ends, entities, lead_ins).items():
            found.setdefault(start, Count(names, start, start, last, named=True))
        return found

    def _fill(
        self, doc: Doc, draft: ExchangeDraft, counts: dict, mediators: set[int], primary: bool
    ) -> None:
        pair = doc._.pair
        draft.parties = pair if len(pair) == 2 else self._named(draft)
        others = self._other_sides(draft, pair, mediators) if len(pair) == 2 else ()
        if others:
            draft.parties, draft.hub = pair + others, pair[0]
        elif len(pair) == 2:
            draft.hub = doc._.hub
        for frame in draft.frames:
            draft.categories.extend(c.kb_id_ for c in frame.categories)
            for span in frame.entities:
                if (
                    span.start not in mediators
                    and is_venue(span, self.gazetteer, draft.parties, self.prepositions)
                    and self._where_it_happened(frame, span)
                ):
                    draft.locations.append(span.kb_id_)
            for span in _sentence_entities(doc, frame.sent):
                if span.start in mediators:
                    draft.mediators.append(mediator(span.kb_id_, self.gazetteer))
            self._transfers(draft, frame, counts.get(frame.start, []))
        _add_named(draft)
        if primary:
            draft.mediators.extend(
                mediator(e.kb_id_, self.gazetteer)
                for e in doc.spans[ENTITIES]
                if e.start in mediators
            )
        draft.mediators = [m for m in dict.fromkeys(draft.mediators) if m not in draft.parties]
        draft.ref = self._ref(doc, draft, primary)

    def _where_it_happened(self, frame: Frame, span: Span) -> bool:
        """A place said of the event itself, not of another verb between them: in "maps
        showing where mines had been laid in Aghdam" Aghdam is where the mines are.

        Verbs that only carry the event ("the swap took place in Ankara") do not count; a
        place handed on from the sentence before ("On Thursday, in Abu Dhabi, ...") is the
        event's.
        """
        doc, light = span.doc, self.light_verbs
        if not frame.sent.start <= span.start < frame.sent.end:
            return True
        for anchor in frame.anchors:
            between = (
                doc[anchor.end : span.start]
                if anchor.end <= span.start
                else doc[span.end : anchor.start]
            )
            if not any(t.pos_ == "VERB" and t.lower_ not in light for t in between):
                return True
        return False

    def _named(self, draft: ExchangeDraft) -> tuple[str, ...]:
        names = [
            e.kb_id_
            for f in draft.frames
            for e in f.entities
            if self.gazetteer.entries[e.kb_id_].is_party
        ]
        return tuple(dict.fromkeys(names))

    def _whereabouts(self, doc: Doc, draft: ExchangeDraft) -> None:
        """Where the freed people wait or pass ("the servicemen are now in Belarus", "they are
        being driven through the Rafah crossing") is a transit place.

        Such sentences often have no event word, so no frame would carry the place.
        """
        entities = {e.start: e for e in doc.spans[ENTITIES]}
        people = frozenset(self.lexicon["people"]) | frozenset(self.lexicon["carriers"])
        for cue in doc.spans[CUES]:
            if cue.label_ not in ("WHEREABOUTS", "SHUTTLE"):
                continue
            before = doc[cue.sent.start : cue.start]
            if not any(_people(t, people, entities) or t.lower_ == "they" for t in before):
                continue
            for place in _places_after(doc, cue, entities):
                if cue.label_ == "SHUTTLE" or is_venue(
                    place, self.gazetteer, draft.parties, self.prepositions
                ):
                    draft.locations.append(place.kb_id_)

    def _other_sides(
        self, draft: ExchangeDraft, pair: tuple[str, ...], mediators: set[int]
    ) -> tuple[str, ...]:
        """Sides named together with a main side as actors ("Russia and Belarus released").

        A list that starts after a preposition names places ("held in Russia and Belarus").
        """
        found = []
        for frame in draft.frames:
            for names in _coordinated(frame.entities):
                sides = [self._acting_side(s, mediators) for s in names]
                if after_preposition(names[0], self.prepositions) or not set(sides) & set(pair):
                    continue
                found.extend(s for s in sides if s and s not in pair)
        return tuple(dict.fromkeys(found))

    def _acting_side(self, span: Span, mediators: set[int]) -> str | None:
        entry = self.gazetteer.entries[span.kb_id_]
        if span.id_ == DEMONYM or span.start in mediators or not entry.is_party:
            return None
        return entry.iri

    def _transfers(self, draft: ExchangeDraft, frame: Frame, counts: list[Count]) -> None:
        mentions = {
            "entities": _sentence_entities(frame.sent.doc, frame.sent),
            "categories": frame.categories,
        }
        seen = {(d.source, d.target, d.series) for d, _ in draft.transfers}
        first = {(d.source, d.target): d.count for d, _ in draft.transfers if d.series is None}
        sent = frame.sent
        additive = any(
            c.label_ == "ADDITIVE" and sent.start <= c.start < sent.end
            for c in sent.doc.spans[CUES]
        )
        for found in transfers_in(
            frame.sent,
            counts,
            draft.parties[:2],
            mentions,
            self.gazetteer,
            self.lexicon,
            self._mediator_sides(frame.sent.doc),
        ):
            if found.named:
                draft.named.append((found, frame.sent))
                continue
            if _further(found, first, additive):
                found = replace(found, series=found.categories[0])
            if (found.source, found.target, found.series) not in seen:
                seen.add((found.source, found.target, found.series))
                first.setdefault((found.source, found.target), found.count)
                draft.transfers.append((found, frame.sent))

    def _mediator_sides(self, doc: Doc) -> frozenset[str]:
        """The sides mediators stand for, other than the article's two main sides."""
        sides = {
            side_of(e.kb_id_, self.gazetteer)
            for e in doc.spans[ENTITIES]
            if e.start in doc._.mediators
        }
        return frozenset(s for s in sides if s and s not in doc._.pair)

    def _ref(self, doc: Doc, draft: ExchangeDraft, primary: bool) -> RefDraft | None:
        """The main exchange carries out the best-described agreement; others their own."""
        if primary:
            return best_ref(doc._.refs)
        starts = {s.start for s in draft.sents()}
        return best_ref([r for r in doc._.refs if r.sent.start in starts])

    def _pledges(self, doc: Doc, counts: dict[int, list[Count]]) -> None:
        """Transfers promised become what the agreement provides.

        A promise is a commitment ("pledged to free"), or a future handover in a sentence
        about the talks ("at that meeting Russia said it would hand over ...").
        """
        talks = {f.sent.start for f in doc._.frames if f.kind == "agreement"}
        for frame in doc._.frames:
            promised = frame.irrealis and frame.sent.start in talks
            if frame.kind != "event" or frame.negated or not (frame.commit or promised):
                continue
            agreement = provided_to(doc, frame.sent)
            if agreement is None:
                continue
            mentions = {
                "entities": _sentence_entities(doc, frame.sent),
                "categories": frame.categories,
            }
            found = transfers_in(
                frame.sent,
                counts.get(frame.start, []),
                doc._.pair,
                mentions,
                self.gazetteer,
                self.lexicon,
                self._mediator_sides(doc),
            )
            agreement.provides.extend((d, frame.sent) for d in found)


def _add_named(draft: ExchangeDraft) -> None:
    """People counted by name, one direction at a time, where no figure was given for it."""
    counted = {(d.source, d.target) for d, _ in draft.transfers}
    by_way: dict[tuple, list[tuple[Direction, Span]]] = {}
    for found, sent in draft.named:
        if (found.source, found.target) not in counted:
            by_way.setdefault((found.source, found.target), []).append((found, sent))
    for named in by_way.values():
        people = {d.start: d for d, _ in named}
        categories = tuple(dict.fromkeys(c for d in people.values() for c in d.categories))
        count = sum(d.count for d in people.values())
        total = replace(named[0][0], count=count, categories=categories, named=False)
        draft.transfers.append((total, named[0][1]))


CLAUSE_ENDS = frozenset({".", ";", ":", "!", "?", "(", ")"})


def _places_after(doc: Doc, cue: Span, entities: dict[int, Span]) -> list[Span]:
    """The place right after a whereabouts cue ("are now in Belarus"); after "shuttled
    between", every place of the list that follows ("Sanaa, the port of Aden and Abha")."""
    if cue.label_ != "SHUTTLE":
        after = cue.end + (cue.end < len(doc) and doc[cue.end].lower_ == "the")
        return [entities[after]] if after in entities else []
    found, k = [], cue.end
    while k < cue.sent.end and doc[k].text not in CLAUSE_ENDS:
        span = entities.get(k)
        if span is not None and span.label_ == PLACE:
            found.append(span)
        k = span.end if span is not None else k + 1
    return found


def _further(found: Direction, first: dict[tuple, int], additive: bool) -> bool:
    """A further batch the same way: told apart by its category, after "in addition" or
    with a count of its own ("31 wounded" after "246 prisoners").
    """
    count = first.get((found.source, found.target))
    return bool(found.categories) and count is not None and (additive or count != found.count)


def _people(token: Token, people: frozenset[str], entities: dict[int, Span]) -> bool:
    """A word for people: "servicemen", or a plural demonym ("Russians")."""
    if token.lower_ in people:
        return True
    named = entities.get(token.i)
    return named is not None and named.id_ == DEMONYM and token.tag_ in PLURAL_TAGS


def _coordinated(spans: list[Span]) -> list[list[Span]]:
    """Runs of names joined only by commas and "and" ("the US, Germany and Norway")."""
    runs: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.start):
        gap = span.doc[runs[-1][-1].end : span.start] if runs else None
        if gap is not None and all(t.lower_ in CONJUNCTION_GAP for t in gap):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _sentence_entities(doc: Doc, sent: Span) -> list[Span]:
    return [e for e in doc.spans[ENTITIES] if sent.start <= e.start < sent.end]


__all__ = ["Direction", "Exchanges", "best_ref", "event_date"]
