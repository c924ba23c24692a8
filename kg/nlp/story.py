"""The article as a whole: which exchanges, agreements, stages and statements it reports.

Reads every mention the other components left on the Doc and decides: the article's
two sides, which event mentions are one exchange (:mod:`kg.nlp.narrative`), which way
each count went (:mod:`kg.nlp.directions`), which dated agreements it names and what
they provide, which stages, and what each statement is about. Results: ``doc._.facts``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.facts import (
    Agreement,
    AgreementRef,
    ArticleFacts,
    Evidence,
    Exchange,
    Stage,
    Statement,
    Transfer,
)
from kg.gazetteer import Gazetteer
from kg.nlp import calendar, loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.calendar import DateValue
from kg.nlp.directions import Flow, flows
from kg.nlp.evidence import evidence
from kg.nlp.extensions import text_of
from kg.nlp.index import DocIndex, index_of
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import DealMention, EventMention, SentenceNote, SpeechMention
from kg.nlp.narrative import Story, event_date, tell
from kg.nlp.sides import Sides, aliased


@Language.factory(
    "kg_story",
    requires=["doc._.events", "doc._.deals", "doc._.speech", "doc._.names", "doc._.dates"],
    assigns=["doc._.facts"],
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "lexicon": {"@misc": "kg.lexicon.v2"},
    },
)
def make_story(nlp: Language, name: str, gazetteer: Gazetteer, lexicon: Lexicon) -> StoryTeller:
    return StoryTeller(gazetteer, lexicon)


class StoryTeller:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.facts = _Article(doc, self.gazetteer, self.lexicon).facts()
        return doc


class _Article:
    """The decisions about one article, made once, in order."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index: DocIndex = index_of(doc)
        self.sides = Sides(
            gazetteer,
            list(doc._.names or ()),
            frozenset(e.iri for e in doc._.minted or () if e.kind == "ArmedGroup"),
        )
        self.returning = lexicon.triggers.returning
        events = list(doc._.events or ())
        aliases = self.sides.aliases(events, list(doc._.names or ()))
        self.events: list[EventMention] = [aliased(e, aliases) for e in events]
        self.deals: list[DealMention] = list(doc._.deals or ())
        self.speech: list[SpeechMention] = list(doc._.speech or ())
        self.mediators = {m for x in doc._.notes or () for m in x.mediators}
        self.pair = self.sides.pair(
            self.events,
            list(doc._.names or ()),
            self.mediators,
            _placed(doc),
            self._reporters(gazetteer, aliases),
        )
        self.is_end = lambda iri: (
            self.sides.is_side(iri) and (iri not in self.mediators or iri in self.pair)
        )

    def _reporters(self, gazetteer: Gazetteer, aliases: dict[str, str]) -> tuple[str, ...]:
        """The sides of those who report the events: "the Israel Prison Service says 183
        were released" speaks for a side of the exchange."""
        found = []
        for mention in self.speech:
            if not mention.events:
                continue
            for speaker in mention.speakers:
                if speaker in self.mediators:
                    continue
                entry = gazetteer.entries.get(speaker)
                side = (entry.side or speaker) if entry is not None else None
                if side:
                    found.append(aliases.get(side, side))
        return tuple(found)

    def facts(self) -> ArticleFacts:
        offsets = {e.trigger: self.doc[e.trigger].idx for e in self.events}
        reports = {m.sent: d for m in self.speech for d in m.dates if d.value and d.value.is_day}
        stories, main = tell(
            self.events,
            offsets,
            self.doc._.stamps or [],
            reports,
            self.doc._.anchor,
            self._inherited(),
        )
        kept = {e.trigger for s in ([main] if main else []) for e in s.events}
        self.elsewhere = {
            e.sent for e in self.events if e.trigger not in kept and e.status == "actual"
        }
        agreements = self._agreements()
        exchanges = {id(s): self._exchange(s, s is main) for s in stories}
        exchanges = {k: v for k, v in exchanges.items() if v is not None}
        by_story = {id(s): s for s in stories}
        return ArticleFacts(
            exchanges=tuple(exchanges.values()),
            agreements=tuple(agreements),
            stages=tuple(self._stages(by_story, exchanges, main)),
            statements=tuple(self._statements(by_story, exchanges, main, agreements)),
            entities=tuple(self.doc._.minted or ()),
            warnings=tuple(self.doc._.warnings or ()),
        )

    def _inherited(self) -> dict[int, DateValue]:
        """Days a sentence with no event gives to the next one in its paragraph."""
        told = {e.sent for e in self.events}
        dated = {d.start for e in self.events for d in e.dates}
        text = text_of(self.doc)
        found: dict[int, DateValue] = {}
        for mention in self.doc._.dates or ():
            value = mention.value
            if value is None or not value.is_day or mention.dateline or mention.since:
                continue
            if mention.start in dated:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            sent = self.index.sentence_number(span.start)
            following = (
                self.index.sent_starts[sent + 1] if sent + 1 < len(self.index.sent_starts) else None
            )
            if sent in told or following is None:
                continue
            gap = text[mention.end : self.doc[following].idx]
            if "\n" not in gap:
                found.setdefault(sent + 1, value)
        return found

    def _exchange(self, story: Story, main: bool) -> Exchange | None:
        found = [f for e in story.events for f in flows(e, self.pair, self.is_end, self.returning)]
        found = _same_counts(_within_range(found, story))
        transfers = _transfers(found, self.doc, self.index, days=story.start != story.end)
        if not story.is_day and not any(t.count for t in transfers):
            return None
        parties = self._parties(story, transfers)
        actors = {a for e in story.events for a in (*e.agents, *e.partners)}
        notes = self._notes() if main else []
        mediators = [m for e in story.events for m in e.mediators]
        mediators += [m for x in notes for m in x.mediators]
        if main:
            mediators += [
                m for d in self.deals if d.sent not in self.elsewhere for m in d.mediators
            ]
        places = [p for e in story.events for p in e.places] + [p for x in notes for p in x.places]
        categories = [
            c
            for e in story.events
            for c in (*e.categories, *(c for p in (*e.people, *e.counter) for c in p.categories))
        ] + [c for x in notes for c in x.categories]
        return Exchange(
            start=story.start,
            end=story.end,
            parties=parties,
            hub=self.sides.hub(parties, self.pair),
            mediators=tuple(
                dict.fromkeys(
                    m for m in mediators if not self._acts_for(m, parties) and m not in actors
                )
            ),
            locations=tuple(dict.fromkeys(p for p in places if p not in parties)),
            categories=tuple(dict.fromkeys(categories)),
            transfers=tuple(transfers),
            agreement=self._reference(story, main),
            evidence=self._evidence(e.sent for e in story.events),
        )

    def _notes(self) -> list[SentenceNote]:
        """What sentences that tell no other exchange say of the main one."""
        return [x for x in self.doc._.notes or () if x.sent not in self.elsewhere]

    def _acts_for(self, iri: str, parties: tuple[str, ...]) -> bool:
        """A side, or a body or person acting for one, mediates nothing."""
        entry = self.sides.gazetteer.entries.get(iri)
        return iri in parties or (entry is not None and entry.side in parties)

    def _parties(self, story: Story, transfers: list[Transfer]) -> tuple[str, ...]:
        found = [s for t in transfers for s in (t.source, t.target) if s]
        for event in story.events:
            found += [a for a in (*event.agents, *event.partners) if self.sides.is_side(a)]
        found = [s for s in dict.fromkeys(found) if s not in self.mediators or s in self.pair]
        if len(found) < 2:
            found = list(dict.fromkeys(found + list(self.pair)))
        ordered = [p for p in self.pair if p in found] + [p for p in found if p not in self.pair]
        return tuple(ordered)

    def _evidence(self, sentences) -> tuple[Evidence, ...]:
        numbers = sorted(set(sentences))
        return tuple(evidence(self._sentence(n)) for n in numbers)

    def _sentence(self, number: int) -> Span:
        start = self.index.sent_starts[number]
        return self.index.sent(start)

    def _reference(self, story: Story, main: bool) -> AgreementRef | None:
        """The agreement an exchange carries out: one its clauses name, else its sentences',
        else (for the main exchange) the best the article describes."""
        heads = {e.deal for e in story.events if e.deal is not None}
        deals = [d for d in self.deals if d.head in heads and d.reached]
        sentences = story.sentences()
        deals = deals or [d for d in self.deals if d.sent in sentences and d.reached]
        if not deals and main:
            deals = [
                d
                for d in self.deals
                if d.reached and not d.in_force and (d.dates or d.places or d.round)
            ]
        if not deals:
            return None
        best = max(deals, key=self._weight)
        value = _deal_value(best)
        if main and (value is None or not value.is_day):
            best = self._the_dated_deal(best) or best
        return self._ref(best)

    def _the_dated_deal(self, deal: DealMention) -> DealMention | None:
        """ "the first exchange under that deal": for the main exchange, an undated mention
        of a deal is the one handover deal the article dates, when it dates only one."""
        dated = [
            d
            for d in self.deals
            if d.reached
            and d.provides
            and not d.in_force
            and (v := _deal_value(d)) is not None
            and v.is_day
        ]
        days = {_deal_value(d).start for d in dated}
        if len(days) != 1:
            return None
        same_place = [d for d in dated if set(d.places) & set(deal.places)]
        return max(same_place or dated, key=self._weight)

    def _weight(self, deal: DealMention) -> int:
        value = _deal_value(deal)
        return (
            8 * bool(value and value.is_day)
            + 4 * bool(value)
            + 2 * bool(deal.round)
            + bool(deal.places)
        )

    def _ref(self, deal: DealMention) -> AgreementRef:
        value = _deal_value(deal)
        date = value.start if value and value.is_day else None
        not_before = not_after = None
        if value is not None and not value.is_day:
            if len(value.start) == 7:
                not_before, not_after = (
                    calendar.month_bounds(value.start)[0],
                    calendar.month_bounds(value.end)[1],
                )
            else:
                not_before, not_after = value.start, value.end
        return AgreementRef(
            date=date,
            not_before=not_before,
            not_after=not_after,
            round=deal.round,
            location=deal.places[0] if deal.places else None,
            parties=self.pair,
            evidence=(evidence(self._sentence(deal.sent)),),
        )

    def _agreements(self) -> list[Agreement]:
        """Agreements the article dates to the day, with what they provide."""
        by_date: dict[str, list[DealMention]] = defaultdict(list)
        for deal in self.deals:
            value = _deal_value(deal)
            if deal.reached and not deal.in_force and value is not None and value.is_day:
                by_date[value.start].append(deal)
        events = {e.trigger: e for e in self.events}
        pledges = self._pledges(by_date)
        undated = [d for d in self.deals if d.reached and _deal_value(d) is None]
        found = []
        hub = self.sides.hub(self.pair, self.pair)
        for date, deals in sorted(by_date.items()):
            provided = [events[t] for d in deals for t in d.provides if t in events]
            provided += [e for e in pledges.get(date, []) if e not in provided]
            pledged = [
                f for e in provided for f in flows(e, self.pair, self.is_end, self.returning)
            ]
            found.append(
                Agreement(
                    date=date,
                    parties=self.pair,
                    hub=hub,
                    location=self._place(deals, undated if len(by_date) == 1 else []),
                    round=next((d.round for d in deals if d.round), None),
                    mediators=tuple(
                        dict.fromkeys(
                            m
                            for d in deals
                            for m in d.mediators
                            if not self._acts_for(m, self.pair)
                        )
                    ),
                    categories=tuple(
                        dict.fromkeys(c for e in provided for p in e.people for c in p.categories)
                    ),
                    provides=_provisions(pledged, self.doc, self.index),
                    evidence=self._evidence(d.sent for d in deals),
                )
            )
        return found

    def _place(self, deals: list[DealMention], undated: list[DealMention]) -> str | None:
        """Where the agreement was reached: its own mentions' place, or one the article gives
        when it speaks of the deal undated ("the agreements reached in Istanbul"); a city
        beats the country it lies in."""
        places = [p for d in deals for p in d.places] + [p for d in undated for p in d.places]
        for place in places:
            if any(self.sides.gazetteer.country(place) == other != place for other in places):
                return place
        return places[0] if places else None

    def _pledges(self, by_date: dict[str, list[DealMention]]) -> dict[str, list[EventMention]]:
        """Terms told apart from the deal: pledges ("Moscow pledged to hand over ...") belong
        to the dated agreement told last before them, or to the article's only one; a
        planned, counted handover in the sentence right after a deal is one of its terms
        ("The truce was agreed on 3 March. Hamas is due to release 20 hostages.")."""
        starts = sorted((min(d.sent for d in deals), date) for date, deals in by_date.items())
        told = {d.sent + 1: date for date, deals in by_date.items() for d in deals}
        found: dict[str, list[EventMention]] = defaultdict(list)
        for event in self.events:
            if event.status == "planned" and event.sent in told and _counted_people(event):
                found[told[event.sent]].append(event)
                continue
            if not event.pledged or not starts:
                continue
            before = [date for sent, date in starts if sent <= event.sent]
            date = before[-1] if before else (starts[0][1] if len(starts) == 1 else None)
            if date is not None:
                found[date].append(event)
        return found

    def _stages(
        self, stories: dict[int, Story], exchanges: dict[int, Exchange], main: Story | None
    ) -> list[Stage]:
        found: dict[tuple, Stage] = {}
        story_of = {e.trigger: k for k, s in stories.items() for e in s.events}
        told_in = _by_sentence(stories)
        dealt = any(d.reached for d in self.deals)
        for mention in self.doc._.stages or ():
            if mention.planned or (mention.of_deal and not dealt):
                continue
            key = story_of.get(mention.event) if mention.event is not None else None
            told = mention.sent + mention.refers
            key = key or told_in.get(told)
            key = key if key is not None else (id(main) if main is not None else None)
            if key not in exchanges:
                continue
            exchange = exchanges[key]
            category = mention.categories[0] if mention.categories else None
            found.setdefault(
                (key, mention.ordinal, category),
                Stage(
                    ordinal=mention.ordinal,
                    exchange=exchange,
                    category=category,
                    agreement=exchange.agreement,
                    evidence=(evidence(self._sentence(mention.sent)),),
                ),
            )
        return list(found.values())

    def _statements(
        self,
        stories: dict[int, Story],
        exchanges: dict[int, Exchange],
        main: Story | None,
        agreements: list[Agreement],
    ) -> list[Statement]:
        story_of = {e.trigger: k for k, s in stories.items() for e in s.events}
        told_in = _by_sentence(stories)
        found: list[Statement] = []
        last_claim: Statement | None = None
        for mention in _paraphrases_dropped(self.speech):
            key = next((story_of[t] for t in mention.events if t in story_of), None)
            key = key or told_in.get(mention.sent)
            if key is None and main is not None:
                key = id(main)
            about = exchanges.get(key) if key is not None else None
            if about is None and len(agreements) == 1:
                about = agreements[0]
            date = _said_on(mention, about, self.doc._.anchor)
            for speaker in mention.speakers:
                statement = Statement(
                    speaker=speaker,
                    quote=mention.quote,
                    date=date,
                    channel=mention.channel,
                    about=about,
                    stance=mention.stance,
                    responds_to=last_claim if mention.stance == "Denial" else None,
                    evidence=(evidence(self._sentence(mention.sent)),),
                )
                found.append(statement)
                if mention.stance == "Claim":
                    last_claim = statement
        return found


PLACE_PREPOSITIONS = frozenset({"in", "at", "via", "through", "near", "to", "from", "into"})
QUOTE_MARKS = frozenset('"“”«»')


def _by_sentence(stories: dict[int, Story]) -> dict[int, int]:
    """Sentence -> the key of the first story told in it."""
    found: dict[int, int] = {}
    for key, story in stories.items():
        for event in story.events:
            found.setdefault(event.sent, key)
    return found


def _placed(doc: Doc) -> frozenset[int]:
    """Names that follow a place preposition: places, whatever else they may be."""
    found = set()
    for name in doc._.names or ():
        head = doc[name.start : name.end].root.head
        if head.dep_ == "prep" and head.lower_ in PLACE_PREPOSITIONS:
            found.add(name.start)
    return frozenset(found)


def _paraphrases_dropped(speech: list[SpeechMention]) -> list[SpeechMention]:
    """A speaker's paraphrase is dropped when the article quotes that speaker: the quote is
    what they said; the paraphrase lends it its channel. One that quotes a phrase of
    theirs ("the ministry said, calling it a 'pilot project'") is kept."""
    quoted = {s for m in speech if m.quoted for s in m.speakers}
    channels = {s: m.channel for m in speech if not m.quoted and m.channel for s in m.speakers}
    kept = []
    for mention in speech:
        quoting = QUOTE_MARKS & set(mention.quote)
        if not mention.quoted and not quoting and all(s in quoted for s in mention.speakers):
            continue
        if mention.quoted and mention.channel is None:
            channel = next((channels[s] for s in mention.speakers if s in channels), None)
            mention = replace(mention, channel=channel)
        kept.append(mention)
    return kept


def _counted_people(event: EventMention) -> bool:
    return any(p.count for p in event.people)


def _deal_value(deal: DealMention):
    values = [d.value for d in deal.dates if d.value is not None]
    days = [v for v in values if v.is_day]
    return days[0] if days else (values[0] if values else None)


def _said_on(mention: SpeechMention, about, anchor: str | None) -> str | None:
    """The statement's own day, else that of the exchange it reports, else the article's."""
    values = [d.value for d in mention.dates if d.value is not None]
    days = [v for v in values if v.is_day]
    if days:
        return days[0].start
    if values:
        return None
    if isinstance(about, Exchange) and len(about.start) == 10:
        return about.start
    return anchor


def _same_counts(found: list[Flow]) -> list[Flow]:
    """ "An equal number of Ukrainians were handed over": the count the other way."""
    counts = {(f.source, f.target): f.people.count for f in found if f.people.count}
    out = []
    for flow in found:
        back = counts.get((flow.target, flow.source))
        if flow.people.same and flow.people.count is None and back:
            flow = replace(flow, people=replace(flow.people, count=back))
        out.append(flow)
    return out


def _within_range(found: list[Flow], story: Story) -> list[Flow]:
    """In a multi-day exchange counted as a whole, the day-by-day figures are its parts."""
    if story.start == story.end:
        return found
    whole = [
        f
        for f in found
        if (v := event_date(f.event)) and v.start == story.start and v.end == story.end
    ]
    if not whole:
        return found
    return [f for f in found if f in whole or event_date(f.event) is None]


def _provisions(pledged: list[Flow], doc: Doc, index: DocIndex) -> tuple[Transfer, ...]:
    """What a deal commits to: handovers with both ends. "Belarus agreed to free 14" names
    no receiver, and a commitment read with one side missing is more often a misreading
    than a one-sided promise; exchanges, which report what happened, keep such transfers."""
    return tuple(t for t in _transfers(pledged, doc, index) if t.source and t.target)


def _transfers(found: list[Flow], doc: Doc, index: DocIndex, days: bool = False) -> list[Transfer]:
    """One transfer per direction and count.

    A second count the same way is a further batch when the text adds it ("in addition,
    9 wounded", "185 servicemen and 20 civilians"), told apart by its kind of people;
    otherwise it is another source's figure, kept beside the first. Over several ``days``
    a smaller figure the same way is one day's part of the whole and is dropped, whatever
    kinds it names ("On the first day, 390 soldiers and civilians went home"), unless the
    text adds it.
    """
    by_way: dict[tuple, list[Flow]] = defaultdict(list)
    for flow in sorted(found, key=lambda f: f.event.trigger):
        by_way[(flow.source, flow.target)].append(flow)
    firsts = [_primary(_counted(g)) for g in by_way.values()]
    both = sum(c for c in firsts if c) if len(firsts) == 2 and all(firsts) else None
    transfers: list[Transfer] = []
    for (source, target), group in by_way.items():
        counts = _counted(group)
        first = _primary(counts)
        first_events = {f.event.trigger for f in counts.get(first, [])}
        for count, flows_ in counts.items():
            if count is None and first is not None:
                continue
            further = count != first and any(
                f.event.additional
                or f.event.trigger in first_events
                or (not days and _new_kind(f, counts[first]))
                for f in flows_
            )
            if not further and not _another_figure(count, first, both, days, counts):
                continue
            categories = tuple(dict.fromkeys(c for f in flows_ for c in f.people.categories))
            series = None
            if further:
                own = [c for c in categories if not _shares((c,), counts[first])]
                series = own[0] if own else None
            sentences = sorted({f.event.sent for f in flows_})
            transfers.append(
                Transfer(
                    source=source,
                    target=target,
                    count=count,
                    categories=categories,
                    series=series,
                    evidence=tuple(evidence(index.sent(index.sent_starts[n])) for n in sentences),
                )
            )
    return transfers


def _primary(counts: dict[int | None, list[Flow]]) -> int | None:
    """The figure a direction is told by: one dated in its own clause, else the one told
    in most sentences, else the first ("a total of 3,135 freed so far" in a summary line
    is no rival to the "100 each" the article keeps repeating)."""
    told = [c for c in counts if c is not None]
    if not told:
        return None

    def weight(count: int) -> tuple:
        flows_ = counts[count]
        dated = any(d.value and d.value.is_day for f in flows_ for d in f.event.dates)
        return (dated, len({f.event.sent for f in flows_}), -told.index(count))

    return max(told, key=weight)


COMPARABLE = (0.6, 1.67)
"""Another source's figure for the same people is close to the first; a much smaller one
is a sub-group ("74 of them were Azovstal defenders"), a much larger one a total."""


def _another_figure(
    count: int | None, first: int | None, both: int | None, days: bool, counts: dict
) -> bool:
    """Whether a count besides the first one the same way is kept as another figure."""
    if count is None or first is None or count == first:
        return True
    if count == both:
        return False
    if days and count < max(c for c in counts if c is not None):
        return False
    low, high = COMPARABLE
    return low <= count / first <= high


def _new_kind(flow: Flow, first: list[Flow]) -> bool:
    """ "Russia and Ukraine swapped 120 each. Russia sent back 12 seriously wounded
    soldiers": a handover of its own, of a kind the first figure does not name (a list of
    kinds, "eight children and five women", breaks a figure down)."""
    if flow.event.sent in {f.event.sent for f in first}:
        return False
    if sum(1 for p in flow.event.people if p.count) > 1:
        return False
    return any(not _shares((c,), first) for c in flow.people.categories)


def _shares(categories: tuple[str, ...], flows_: list[Flow]) -> bool:
    return any(c in f.people.categories for f in flows_ for c in categories)


def _counted(group: list[Flow]) -> dict[int | None, list[Flow]]:
    """Counts of one direction; people counted by their names in one event are summed,
    and yield to a figure the text gives for that direction."""
    out: dict[int | None, list[Flow]] = defaultdict(list)
    named: dict[int, list[Flow]] = defaultdict(list)
    for flow in group:
        if flow.people.named:
            named[flow.event.trigger].append(flow)
        else:
            out[flow.people.count].append(flow)
    if any(count for count in out):
        return out
    for flows_ in named.values():
        out[len({n for f in flows_ for n in f.people.names})] += flows_
    return out
