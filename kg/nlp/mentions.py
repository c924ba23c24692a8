"""What the language components find in one article: typed, frozen, token-indexed records.

Components pass these on the Doc (``doc._.names``, ``doc._.events`` ...) instead of
untyped slots; :mod:`kg.nlp.story` reads them all and decides what the article reports.
Token positions are Doc indices; ``sent`` is the index of the token's sentence start.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.nlp.dates import DateMention


@dataclass(frozen=True)
class Name:
    """A mention of a party, person, organisation or place, resolved to one IRI.

    ``how`` says how it was named: ``name``, ``demonym`` ("Ukrainian"), ``metonym``
    ("Kyiv" for Ukraine), ``generic`` ("the defence ministry", resolved by the side named
    beside it) or ``ner`` (found by the model, unknown to the gazetteer). ``side`` is the
    party the thing acts for: itself for a state or armed group, the state of a minister.
    """

    start: int
    end: int
    iri: str
    kind: str
    how: str
    side: str | None = None
    label: str | None = None
    """The text's own name, for a thing the gazetteer does not know (``how == "ner"``)."""

    @property
    def is_place(self) -> bool:
        return self.kind == "Location"

    @property
    def is_party(self) -> bool:
        return self.kind in ("State", "ArmedGroup", "Party")


@dataclass(frozen=True)
class People:
    """A noun phrase for people handed over: how many, whose, of which kind.

    ``side`` is whose people they are ("32 Armenian soldiers", "its own"); ``each``
    marks a number that holds for both sides ("95 each", "1,000 for 1,000"); ``total``
    a running total ("4,000 since 2022") that counts no single handover.
    """

    head: int
    count: int | None = None
    side: str | None = None
    categories: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    each: bool = False
    total: bool = False
    remains: bool = False
    start: int = -1
    """Token where the count (or the phrase) starts, for ordering and evidence."""
    own: bool = False
    """ "its own", "our": the people belong to the side that gets them back."""
    captor: str | None = None
    """Who held them: "held in Russian captivity", "captured by Hamas"."""
    same: bool = False
    """ "an equal number of Ukrainians": as many as went the other way."""
    named: bool = False
    """Counted by a person's name, not by a number the text gives."""


@dataclass(frozen=True)
class EventMention:
    """One event word with what its clause says about the handover.

    ``status``: ``actual`` (it happened), ``planned`` (promised, expected, agreed to),
    ``stopped`` (postponed, blocked, refused), ``negated`` or ``generic`` ("swaps are
    rare"). ``agents`` hand over (give), receive (get), or trade (swap); the other roles
    come from prepositions and the noun phrases of the clause.
    """

    trigger: int
    frame: str
    sent: int
    lemma: str = ""
    noun: bool = False
    status: str = "actual"
    agents: tuple[str, ...] = ()
    people: tuple[People, ...] = ()
    recipients: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    counter: tuple[People, ...] = ()
    """What went the other way ("in exchange for two Azerbaijani servicemen")."""
    counter_agents: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    earlier: bool = False
    """Told as an earlier event: past perfect, "the previous swap", "since", an "ago"."""
    stage: int | None = None
    """Its ordinal among the handovers of one agreement ("the second exchange")."""
    deal: int | None = None
    """The token of the agreement it carries out, when its clause names one ("under the deal")."""
    joint: bool = False
    """Its subject is "the two sides" / "both countries": the article's two main sides."""
    categories: tuple[str, ...] = ()
    """Kinds of people the clause names beside its people ("a swap of prisoners under 25")."""
    days: int | None = None
    """How many days it took, when its clause says ("over a three-day period")."""
    ends: bool = False
    """Its date is when it ended ("completed on Sunday after three days")."""
    additional: bool = False
    """Told as a further batch ("in addition", "also", "plus")."""
    pledged: bool = False
    """A planned event a side committed to ("pledged to hand over"): an agreement's term."""


@dataclass(frozen=True)
class SentenceNote:
    """What a sentence says about a handover besides its events, for the exchange it
    tells: mediators ("I thank the UAE for its assistance"), places the freed pass
    ("They are being driven through the Rafah crossing"), kinds of people among them
    ("Officials said the group included civilians")."""

    sent: int
    mediators: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageMention:
    """ "The second stage (of the return of the seriously wounded)": an ordinal stage noun."""

    noun: int
    ordinal: int
    sent: int
    event: int | None = None
    """The trigger of the event the stage names or belongs to, if its clause has one."""
    categories: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    planned: bool = False
    of_deal: bool = False
    """An ordinal event noun ("a third swap"): a stage only of an agreement the article
    reports."""
    refers: int = 0
    """Sentences away the exchange is told: -1 for "It was the third stage" (the one
    before), 1 for a heading ("What happened in the first stage?")."""


@dataclass(frozen=True)
class DealMention:
    """An agreement word and what its clause says: when and where it was reached, by whom.

    ``reached`` is False for talk of a deal that does not (yet) exist ("talks on a deal").
    ``provides`` are the planned events the agreement commits to.
    """

    head: int
    sent: int
    dates: tuple[DateMention, ...] = ()
    places: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    round: int | None = None
    reached: bool = True
    provides: tuple[int, ...] = ()
    """Triggers of the planned events the agreement provides for."""
    in_force: bool = False
    """Its clause is about the deal taking effect (that day is not when it was reached)."""


@dataclass(frozen=True)
class SpeechMention:
    """Who said what, where and when: a speech verb, its speaker and its words."""

    verb: int
    sent: int
    speakers: tuple[str, ...]
    quote: str
    quote_start: int
    quote_end: int
    """Character offsets of the quote in the text."""
    quoted: bool
    stance: str = "Announcement"
    channel: str | None = None
    dates: tuple[DateMention, ...] = ()
    events: tuple[int, ...] = ()
    """Triggers of events in the words reported."""
