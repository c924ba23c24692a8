"""The sides of an article and of each exchange, and the one side that names an exchange.

An article about a handover names its two sides again and again, as the actors of its
events: those who release, receive, trade, and whose people are handed over. Mediators
and places are not sides. When one side is a state and the other an armed group, the
state alone names the exchange: reports say "Hamas" or "the Palestinian side", but all
say "Israel"; in a swap of more than two sides, the side everyone dealt with does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.gazetteer import PARTY_KINDS, Gazetteer
from kg.nlp.mentions import EventMention, Name


class Sides:
    """Which IRIs can be sides: the gazetteer's parties and what acts for them."""

    def __init__(
        self, gazetteer: Gazetteer, names: list[Name] = (), minted: frozenset[str] = frozenset()
    ) -> None:
        self.gazetteer = gazetteer
        self.groups = minted | frozenset(
            n.iri for n in names if n.how == "ner" and n.kind == "Organisation"
        )
        """Bodies the model found that the gazetteer lacks: sides only when they act."""

    def is_side(self, iri: str) -> bool:
        """Parties the gazetteer knows, and groups the model found ("the ELN freed 22"):
        those count as sides only where they act, never by being named."""
        entry = self.gazetteer.entries.get(iri)
        if entry is None:
            return iri in self.groups
        return entry.kind in PARTY_KINDS

    def kind(self, iri: str) -> str | None:
        entry = self.gazetteer.entries.get(iri)
        return entry.kind if entry is not None else None

    def pair(
        self,
        events: list[EventMention],
        names: list[Name],
        mediators: set[str],
        placed: frozenset[int] = frozenset(),
        speakers: tuple[str, ...] = (),
    ) -> tuple[str, ...]:
        """The article's two main sides: most named as actors, then as names at all.

        A mediator may be named as often as a side, so it counts only as an actor: a
        misparse may make it one, but not as often as the sides are. One thanked for its
        help that hands people over itself is a side. Names at ``placed``
        (after "in", "via", ...) are places, not sides ("talks in Bern, Switzerland").
        """
        scores: Counter[str] = Counter()
        first: dict[str, int] = {}
        acting = {a for e in events if e.status == "actual" for a in e.agents}
        mediators = mediators - acting
        for event in events:
            if event.status != "actual":
                continue
            for iri, weight in _actors(event):
                if self.is_side(iri):
                    scores[iri] += weight
                    first.setdefault(iri, event.trigger)
        for side in speakers:
            if self.is_side(side):
                scores[side] += 1
                first.setdefault(side, len(first) + 10**9)
        for name in names:
            side = name.side
            if name.start in placed or name.how == "ner":
                continue
            if side and self.is_side(side) and side not in mediators and name.kind != "Location":
                scores[side] += 0.5 if name.kind in PARTY_KINDS else 0.25
                first.setdefault(side, name.start)
        ranked = sorted(scores, key=lambda iri: (-scores[iri], first[iri]))
        return tuple(ranked[:2])

    def hub(self, parties: tuple[str, ...], pair: tuple[str, ...]) -> str | None:
        """The side that names an exchange alone, if one does."""
        if len(parties) > 2 and pair and pair[0] in parties:
            return pair[0]
        if len(parties) != 2:
            return None
        kinds = [self.kind(p) for p in parties]
        if None in kinds or kinds.count("State") != 1:
            return None
        return parties[kinds.index("State")]

    def aliases(self, events: list[EventMention], names: list[Name]) -> dict[str, str]:
        """A people named only by its demonym ("Palestinian prisoners", a pow:Party) is the
        armed group the article names, when it names only one."""
        actors = {a for e in events for a, _ in _actors(e)}
        groups = list({n.side for n in names if n.side and self.kind(n.side) == "ArmedGroup"})
        peoples = [a for a in actors if self.kind(a) == "Party"]
        if len(groups) != 1:
            return {}
        return dict.fromkeys(peoples, groups[0])


def aliased(event: EventMention, aliases: dict[str, str]) -> EventMention:
    """The event with every side it names replaced by its alias."""
    if not aliases:
        return event

    def one(iri: str | None) -> str | None:
        return aliases.get(iri, iri) if iri else iri

    def many(iris: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(aliases.get(i, i) for i in iris))

    def people(group):
        return tuple(replace(p, side=one(p.side), captor=one(p.captor)) for p in group)

    return replace(
        event,
        agents=many(event.agents),
        recipients=many(event.recipients),
        sources=many(event.sources),
        partners=many(event.partners),
        people=people(event.people),
        counter=people(event.counter),
    )


def _actors(event: EventMention) -> list[tuple[str, int]]:
    """Sides an event names and how strongly: who acts (2), whose people move (1)."""
    found = [(a, 2) for a in (*event.agents, *event.partners, *event.recipients, *event.sources)]
    for people in (*event.people, *event.counter):
        found += [(s, 1) for s in (people.side, people.captor) if s]
    return found
