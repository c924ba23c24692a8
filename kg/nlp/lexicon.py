"""The lexicon: how English reports handovers, as typed, checked data.

Every word list the language components read lives in ``lexicon.json``; this module
turns it into frozen dataclasses so that a misspelt key or a list where a mapping
belongs fails when the pipeline is built, not halfway through an ingest. Keys that
start with ``_`` are comments.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KGError

PATH = Path(__file__).with_name("lexicon.json")
FRAMES = ("give", "get", "swap", "arrive")
"""give: the agent hands people over; get: the agent receives them; swap: both sides
hand over; arrive: the people themselves move."""


class LexiconError(KGError):
    """The lexicon file is not what the components expect."""


Words = frozenset[str]


@dataclass(frozen=True)
class FrameWords:
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    participles: Words


@dataclass(frozen=True)
class Triggers:
    give: FrameWords
    get: FrameWords
    swap: FrameWords
    arrive: FrameWords
    intransitive: dict[str, str]
    needs_release_object: Words
    things: Words
    returning: Words
    """Verbs by which a side gets its own people back ("Ukraine returned 95 defenders")."""
    held_only: Words
    """Verbs of moving people that tell a release only of people said to be held ("five
    Americans held in Iran were flown to Qatar", "a flight carrying 120 detainees");
    otherwise they tell a leg of a journey."""
    captive_nouns: Words
    """People words that say the people were held ("detainees", "prisoners of war")."""
    departing: Words
    """ "left Saudi Arabia": verbs whose object is where a carrier of captives set out."""
    carrier_verbs: Words
    """Moving verbs that tell a handover only with a carrier (``places.carriers``) as
    subject: "a plane carrying detainees", never "fighters carrying hostages"."""

    def by_frame(self) -> dict[str, FrameWords]:
        return {frame: getattr(self, frame) for frame in FRAMES}


@dataclass(frozen=True)
class Roles:
    prepositions: dict[str, str]
    home_words: Words
    each_words: Words
    each_phrases: tuple[str, ...]
    joint_subjects: Words
    captivity: Words
    opponents: Words
    """Unnamed armed opponents who act as a side ("the government and rebels swapped")."""
    holding_verbs: Words
    """ "held in Iran", "captured by Hamas": participles that name who held the people."""


@dataclass(frozen=True)
class Modality:
    modals: Words
    planning: Words
    calling_for: Words
    """ "called for the release": asked for, not done."""
    stopped: Words
    achieved: Words
    achieved_when_past: Words
    negations: Words
    hypothetical: Words
    generic_determiners: Words
    generic_plurals: bool
    prospect_nouns: Words
    """ "opened the way to the return of bodies": what a prospect leads to is planned."""


@dataclass(frozen=True)
class Narrative:
    light_verbs: Words
    earlier: Words
    background_adverbs: Words
    totals: Words
    running: tuple[str, ...]
    """Phrases that make a count a running total over many handovers ("so far")."""
    since_words: Words
    report_verbs: Words
    additive: tuple[str, ...]
    """Phrases that add a further batch of people to a handover."""
    span_verbs: Words
    """Participles that carry an event's days ("a period starting May 23")."""
    start_verbs: Words
    """An event told by its start ("began on Friday"): a duration counts on from it."""
    summary_leads: tuple[str, ...]
    """Words that open a summary sentence ("Tally: ..."): its counts are totals."""
    end_verbs: Words
    """An event told by its end ("completed on Sunday"): a duration counts back from it."""
    before_marks: Words
    """Clauses they open tell an earlier event: "after a swap was conducted on Monday"."""
    reaction_verbs: Words
    """Verbs of responding to an event ("welcomed the release on Sunday"): their day is
    the response's, not the event's."""
    result_verbs: Words
    """ "The round on 16 May led to the largest exchange": the day is the cause's."""
    later_marks: Words
    """Clauses they open tell a later event: "a day before the talks resumed"."""
    time_units: dict[str, int]
    """Days in a unit of "a day after", "two weeks before"."""


@dataclass(frozen=True)
class People:
    nouns: Words
    remains: Words
    nationality_nouns: Words
    own_words: Words
    companions: Words
    """Words that join more people to a phrase: "along with", "together with", "alongside"."""
    others: Words
    """ "13 other detainees": people besides those just named."""
    partitive_heads: Words
    approximate: Words
    vague_quantities: Words
    same_words: Words
    units: Words
    """Counted nouns that are not people ("14 days", "$6 billion", "three buses")."""
    pronouns: dict[str, int]
    """Pronouns that stand for people handed over, and how many (0: as many as before)."""


@dataclass(frozen=True)
class Numbers:
    words: dict[str, int]
    multipliers: dict[str, int]
    ordinals: dict[str, int]


@dataclass(frozen=True)
class Speech:
    verbs: dict[str, str]
    nouns: dict[str, str]
    according_to: tuple[str, ...]
    quote_verbs_with_object_speaker: Words
    speaker_nouns: Words
    titles: Words
    pronouns: Words
    person_pronouns: Words
    commit_verbs: Words
    """What a side pledges under them ("pledged to hand over") an agreement provides."""


@dataclass(frozen=True)
class Agreements:
    nouns: Words
    verbs: Words
    reach_verbs: Words
    talks: Words
    in_force: tuple[str, ...]
    provide_verbs: Words
    references: Words
    """What stands for a deal after "under" ("under it", "under its terms")."""
    meet_verbs: Words
    """Verbs of talks being held ("envoys met in Geneva", "sat down for talks", "held
    talks"); all but the first few need a talks word beside them."""


@dataclass(frozen=True)
class Mediation:
    verbs: Words
    nouns: Words
    thanks: Words
    compound_suffixes: Words


@dataclass(frozen=True)
class Stages:
    nouns: Words
    event_nouns: Words


@dataclass(frozen=True)
class Places:
    venue_nouns: Words
    transit_verbs: Words
    transit_prepositions: Words
    carriers: Words
    """What carries the freed ("Red Cross planes shuttled between ...")."""
    including_verbs: Words
    released_groups: Words
    """Words for the people just handed over ("the group included civilians")."""


@dataclass(frozen=True)
class Lexicon:
    triggers: Triggers
    roles: Roles
    modality: Modality
    narrative: Narrative
    people: People
    numbers: Numbers
    speech: Speech
    channels: dict[str, str]
    channel_formats: dict[str, str]
    agreements: Agreements
    mediation: Mediation
    stages: Stages
    places: Places
    furniture_prefixes: tuple[str, ...]


def _convert(kind: Any, value: Any, where: str) -> Any:
    if is_dataclass(kind):
        return _build(kind, value, where)
    origin = typing.get_origin(kind)
    if kind is bool or kind is str or kind is int:
        if type(value) is not kind:
            raise LexiconError(f"lexicon: {where} must be {kind.__name__}")
        return value
    if origin is dict:
        _, value_type = typing.get_args(kind)
        if not isinstance(value, dict):
            raise LexiconError(f"lexicon: {where} must be an object")
        return {
            str(k).lower(): _convert(value_type, v, f"{where}.{k}")
            for k, v in value.items()
            if not str(k).startswith("_")
        }
    if origin in (frozenset, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"lexicon: {where} must be a list of words")
        words = [v.lower() for v in value]
        return frozenset(words) if origin is frozenset else tuple(dict.fromkeys(words))
    raise LexiconError(f"lexicon: {where} has an unsupported type {kind!r}")


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon: {where or 'the file'} must be an object")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    given = {k for k in data if not k.startswith("_")}
    if unknown := sorted(given - names):
        raise LexiconError(f"lexicon: unknown key {where + '.' if where else ''}{unknown[0]}")
    if missing := sorted(names - given):
        raise LexiconError(f"lexicon: missing key {where + '.' if where else ''}{missing[0]}")
    values = {
        name: _convert(hints[name], data[name], f"{where}.{name}" if where else name)
        for name in names
    }
    return cls(**values)


def parse(data: dict[str, Any]) -> Lexicon:
    """A checked :class:`Lexicon` from the decoded JSON (raises :class:`LexiconError`)."""
    return _build(Lexicon, data, "")


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Lexicon:
    """The lexicon file (default: the shipped one), read once per process."""
    with open(path or PATH, encoding="utf-8") as handle:
        return parse(json.load(handle))


__all__ = ["FRAMES", "Lexicon", "LexiconError", "load", "parse"]
