"""Who is a side, who a mediator and what is only a venue, from entity mentions in context.

An article about one exchange names its two sides again and again, by name,
capital or demonym; mediators appear next to "mediated by"/"brokered"; a
transit country appears after "in"/"via"/"to" and is not one of the two sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from kg.gazetteer import DEMONYM, METONYM, PARTY_KINDS, Gazetteer

MEDIATOR_GAP = frozenset(
    {"by", "of", "the", "and", ",", "to", "with", "from", "'s", "’s", "-", "which"}
)
MEDIATOR_REACH = 6
WEIGHTS = {DEMONYM: 0.5}
SIDE_WEIGHT = 0.25
"""A person's or organisation's side counts a little towards that side's prominence."""


def mediator_starts(doc: Doc, entities: list[Span], cues: list[Span]) -> set[int]:
    """Token starts of entity mentions that act as mediators."""
    by_start = {e.start: e for e in entities}
    by_end = {e.end: e for e in entities}
    found: set[int] = set()
    for cue in cues:
        if cue.label_ == "MEDIATION":
            found |= _after(doc, cue.end, by_start) | _before(doc, cue.start, by_end)
            found |= _possessor(doc, cue, entities)
    return found


POSSESSIVES = frozenset({"its", "their", "his", "her", "whose"})


def _possessor(doc: Doc, cue: Span, entities: list[Span]) -> set[int]:
    """ "The UAE said its mediation made the exchange possible": whose mediation it was."""
    if cue.start == 0 or doc[cue.start - 1].lower_ not in POSSESSIVES:
        return set()
    before = [e for e in entities if cue.sent.start <= e.start and e.end < cue.start]
    named = [e for e in before if e.id_ != DEMONYM]
    return {named[-1].start} if named else set()


def sentence_mediators(
    entities: list[Span],
    cues: list[Span],
    pair: tuple[str, ...],
    gazetteer: Gazetteer,
    prepositions: frozenset[str],
) -> set[int]:
    """Actors named anywhere in a sentence about mediation that are not one of the sides.

    "Qatar, Egypt and the United States acted as mediators", "X said its leaders
    had mediated the deal": the mediation word need not be next to the name.
    """
    sents = {c.sent.start for c in cues if c.label_ == "MEDIATION"}
    found: set[int] = set()
    for span in entities:
        if span.sent.start not in sents or span.id_ == DEMONYM:
            continue
        if after_preposition(span, prepositions):
            continue
        side = side_of(span.kb_id_, gazetteer)
        if side is not None and side not in pair:
            found.add(span.start)
    return found


def _after(doc: Doc, i: int, by_start: dict[int, Span]) -> set[int]:
    found: set[int] = set()
    limit = min(len(doc), i + MEDIATOR_REACH)
    while i < limit:
        if i in by_start:
            found.add(i)
            i = by_start[i].end
            limit = min(len(doc), i + 3)
        elif doc[i].lower_ in MEDIATOR_GAP:
            i += 1
        else:
            break
    return found


def _before(doc: Doc, i: int, by_end: dict[int, Span]) -> set[int]:
    found: set[int] = set()
    stop = max(0, i - 4)
    while i > stop:
        if i in by_end:
            found.add(by_end[i].start)
            i = by_end[i].start
            stop = max(0, i - 3)
        elif doc[i - 1].lower_ in MEDIATOR_GAP or doc[i - 1].text in {"-", "–"}:
            i -= 1
        else:
            break
    return found


def after_preposition(span: Span, prepositions: Iterable[str]) -> bool:
    """Whether the mention follows a preposition ("in Belarus", "via the UAE", "through the
    territory of the Republic of Belarus")."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 2 and doc[i].lower_ == "of" and doc[i - 1].lower_ in TERRITORY:
        i -= 2 + (doc[i - 2].lower_ == "the")
    return i >= 0 and doc[i].lower_ in prepositions


TERRITORY = frozenset({"territory", "soil", "airspace"})


def article_pair(
    entities: list[Span], gazetteer: Gazetteer, skip: set[int], prepositions: frozenset[str]
) -> tuple[str, ...]:
    """The two most prominent sides, ignoring mediators and prepositional (venue-like) mentions."""
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    for span in entities:
        if span.start in skip or after_preposition(span, prepositions):
            continue
        iri, weight = _side_weight(span, gazetteer)
        if iri:
            scores[iri] += weight
            first.setdefault(iri, span.start)
    ranked = sorted(scores, key=lambda iri: (-scores[iri], first[iri]))
    return tuple(ranked[:2])


def _side_weight(span: Span, gazetteer: Gazetteer) -> tuple[str | None, float]:
    entry = gazetteer.entries[span.kb_id_]
    if entry.kind in PARTY_KINDS:
        return entry.iri, WEIGHTS.get(span.id_, 1.0)
    if entry.side:
        return entry.side, SIDE_WEIGHT
    return None, 0.0


def side_of(iri: str, gazetteer: Gazetteer) -> str | None:
    """The party an entity stands for: itself for a party, its side for a person or body."""
    entry = gazetteer.entries.get(iri)
    if entry is None:
        return None
    return entry.iri if entry.kind in PARTY_KINDS else entry.side


def is_venue(
    span: Span, gazetteer: Gazetteer, pair: tuple[str, ...], prepositions: frozenset[str]
) -> bool:
    """A place after a preposition that is not one of the sides: a venue or transit country.

    A capital standing for its government ("talks ran through Washington") is no venue,
    but one people are flown to or held in is its state's place ("flown to Muscat").
    """
    entry = gazetteer.entries[span.kb_id_]
    if not entry.is_location or span.id_ == DEMONYM or entry.iri in pair:
        return False
    if span.id_ == METONYM:
        return after_preposition(span, CAPITAL_VENUE)
    return after_preposition(span, prepositions)


CAPITAL_VENUE = frozenset({"to", "in", "at", "via"})


def state_facing_group(pair: tuple[str, ...], gazetteer: Gazetteer) -> str | None:
    """The state of a state-against-group pair: what every report of their swaps agrees on.

    One article says "Hamas", the next "the Palestinian side" for the same counterpart of
    Israel; the state is named the same way in both, so it alone identifies the exchange.
    """
    if len(pair) != 2:
        return None
    kinds = [gazetteer.entries[p].kind if p in gazetteer.entries else None for p in pair]
    if kinds.count("State") != 1 or None in kinds:
        return None
    return pair[kinds.index("State")]


def mediator(iri: str, gazetteer: Gazetteer) -> str:
    """Who mediates: a person for the state they act for ("Qatar's prime minister"), any
    organisation or state as itself."""
    entry = gazetteer.entries.get(iri)
    if entry is not None and entry.kind == "Person" and entry.side:
        return entry.side
    return iri
