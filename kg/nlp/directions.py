"""Which way people went: an event's roles -> (from, to, people) flows.

"Azerbaijan freed 32 Armenian soldiers" goes from Azerbaijan to Armenia (the people's
own side receives them); "Ukraine brought home 95 of its defenders" goes to Ukraine from
the other side; "the two sides exchanged 84 each" goes both ways; what came "in
exchange for" goes back to the agent, or against the people it was exchanged for. An
end the sentence leaves open is the other of the article's two main sides, or one of
them named as where the people went ("reunited with their families in Ukraine"); a
third party nobody hands anyone to is a destination misread, no flow. A joint total ("traded
300 prisoners", "the warring sides set 880 detainees free", "Russia and Ukraine
conducted a swap, releasing 206") has no direction and gives no flow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.nlp.mentions import EventMention, People


@dataclass(frozen=True)
class Flow:
    """People handed from ``source`` to ``target`` in one event mention."""

    source: str | None
    target: str | None
    people: People
    event: EventMention


def other(pair: tuple[str, ...], side: str | None) -> str | None:
    """The other of the two main sides, when ``side`` is one of them."""
    if side is None or len(pair) != 2 or side not in pair:
        return None
    return pair[1] if pair[0] == side else pair[0]


def flows(
    event: EventMention,
    pair: tuple[str, ...],
    is_side: Callable[[str], bool],
    returning: frozenset[str] = frozenset(),
) -> list[Flow]:
    """Every flow of people an event mention states, counted or not.

    ``is_side`` says who can be an end: a party, never a mediator or a place.
    """
    agents = [a for a in event.agents if is_side(a)]
    if event.joint and len(pair) == 2:
        agents = list(pair)
    found: list[Flow] = []
    for people in event.people:
        if not people.total:
            found += _flows(event, people, agents, pair, is_side, returning)
    giver = agents[0] if agents and event.frame in ("give", "swap") else None
    first = next((f for f in found if f.source and f.target), None)
    for people in event.counter:
        if giver is None and people.side is None and first is not None:
            found.append(Flow(first.target, first.source, people, event))
            continue
        target = giver or people.side
        source = people.captor or other(pair, target)
        found.append(Flow(source, target, people, event))
    return [f for f in found if f.source != f.target]


def _flows(
    event: EventMention,
    people: People,
    agents: list[str],
    pair: tuple[str, ...],
    is_side: Callable[[str], bool],
    returning: frozenset[str],
) -> list[Flow]:
    recipients = [r for r in event.recipients if is_side(r)]
    sources = [s for s in event.sources if is_side(s)]
    side = people.side if people.side and is_side(people.side) else None
    both = len(pair) == 2 and set(pair) <= set(agents)
    if (event.joint or both) and event.frame != "swap" and not people.each:
        return []
    if event.frame == "swap" or people.each:
        return _swapped(event, people, agents, pair, side)
    partners = [p for p in event.partners if is_side(p)]
    home = next((p for p in event.places if p in pair), None)
    if event.frame == "give":
        source = agents[0] if agents else (people.captor or (sources[0] if sources else None))
        target = recipients[0] if recipients else (side if side != source else None)
        target = target or (home if home != source else None)
        if source is None and partners and partners[0] != target:
            source = partners[0]
        gets_back = people.own or (side == source and event.lemma in returning)
        if source is not None and gets_back:
            source, target = people.captor or other(pair, source), source
        elif source is not None and side == source:
            target = None
    else:
        target = agents[0] if event.frame == "get" and agents else None
        target = target or (recipients[0] if recipients else side) or home
        source = sources[0] if sources else people.captor
    if source is None:
        source = other(pair, target)
    if target is None:
        target = other(pair, source)
    if source is None and target is None and side is None:
        return []
    if source is None and target is not None and len(pair) == 2 and target not in pair:
        return []
    return [Flow(source, target, people, event)]


def _swapped(
    event: EventMention,
    people: People,
    agents: list[str],
    pair: tuple[str, ...],
    side: str | None,
) -> list[Flow]:
    """A swap: "N each" both ways; otherwise only a phrase that says whose people they are."""
    sides = list(dict.fromkeys(agents + list(event.partners)))
    if len(sides) < 2:
        sides = list(dict.fromkeys(sides + list(pair)))
    if people.each and len(sides) >= 2:
        a, b = sides[0], sides[1]
        return [Flow(a, b, people, event), Flow(b, a, people, event)]
    if side is not None:
        source = next((s for s in sides if s != side), None)
        return [Flow(source, side, people, event)]
    if event.counter and agents:
        return [
            Flow(
                agents[0],
                other(pair, agents[0]) or (sides[1] if len(sides) > 1 else None),
                people,
                event,
            )
        ]
    return []
