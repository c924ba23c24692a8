"""What the extractor found in one article, as plain frozen dataclasses.

This is the hand-off between language work (``kg.nlp``) and RDF (``kg.rdf``):
nothing here knows about spaCy or triples. Parties, places and categories are
referred to by the IRIs the ontology data gives them (gazetteer, SKOS scheme);
dates are ISO strings: ``YYYY-MM-DD`` for a day, ``YYYY-MM`` when only the
month is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """The words that support a fact: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A party or place found in the text but not in the gazetteer.

    Gazetteer entities are referred to by IRI alone (their labels live in
    ``ontology/gazetteer.ttl``); an entity minted from the text carries its own
    label and kind (a ``pow:`` class name such as ``"Person"``) so the graph can
    describe it.
    """

    iri: str
    label: str
    kind: str
    side: str | None = None


@dataclass(frozen=True)
class Transfer:
    """One direction of a handover: ``source`` released ``count`` people to ``target``."""

    source: str | None
    target: str | None
    count: int | None
    categories: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    series: str | None = None
    """The category that sets a further handover in the same direction apart, if any."""


@dataclass(frozen=True)
class AgreementRef:
    """How an article points at an agreement it does not fully date.

    ``date`` is set when the article gives the day; otherwise ``not_before`` /
    ``not_after`` bound it ("last week", "last month") and ``round`` /
    ``location`` narrow it ("the second round ... in Istanbul"). Resolution
    across articles happens in :mod:`kg.link`.
    """

    date: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    round: int | None = None
    location: str | None = None
    parties: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Agreement:
    """An agreement the article dates to the day (so it can be named alone)."""

    date: str
    parties: tuple[str, ...]
    location: str | None = None
    round: int | None = None
    mediators: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    provides: tuple[Transfer, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    hub: str | None = None
    """The one side every report names alike (see :attr:`Exchange.hub`)."""

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides that identify the agreement: the hub alone when there is one."""
        return (self.hub,) if self.hub else self.parties


@dataclass(frozen=True)
class Exchange:
    """An exchange, one-way handover or repatriation of bodies."""

    start: str
    end: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    agreement: AgreementRef | None = None
    evidence: tuple[Evidence, ...] = ()
    hub: str | None = None
    """The side all the others dealt with: in a swap of more than two sides, or the state
    of a state-against-group swap (the group is "Hamas" here, "the Palestinian side" there)."""

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides that identify the exchange: the hub alone when there is one.

        Reports list the other sides differently; they agree on the hub.
        """
        return (self.hub,) if self.hub else self.parties


@dataclass(frozen=True)
class Stage:
    """ "The second stage (of the return of the seriously wounded)" of an agreement."""

    ordinal: int
    exchange: Exchange
    category: str | None = None
    agreement: AgreementRef | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Statement:
    """Who said what, where and when; ``stance`` is a pow: individual name."""

    speaker: str
    quote: str
    date: str | None = None
    channel: str | None = None
    about: Exchange | AgreementRef | Agreement | None = None
    stance: str = "Announcement"
    responds_to: Statement | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article; ``warnings`` are for the user, not errors."""

    exchanges: tuple[Exchange, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    stages: tuple[Stage, ...] = ()
    statements: tuple[Statement, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = field(default=())
