"""Counts of people: "1,000 for 1,000", "two Russian soldiers", "prisoners, 183 of them".

A number counts people when a word for people follows it closely (or, set after them,
precedes it); a share of a group already counted ("two of them") and the parts set
beside a total ("39 prisoners, 24 women and 15 boys") are no new count. Which way
the people went is :mod:`kg.nlp.transfers`' business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.numbers import INDEFINITE, parse_number

PLURAL_TAGS = frozenset({"NNS", "NNPS"})


PARTITIVE = frozenset({"them", "whom", "those", "these"})
"""'two of them': the words after "of" that make a count a share of a group already counted."""


NP_REACH = 5
"""Tokens between a count and the noun it counts ("1,000 Ukrainian prisoners of war")."""


@dataclass(frozen=True)
class Count:
    """A stated number of people: tokens [start, end) hold the number, ``noun`` the counted word."""

    value: int
    start: int
    end: int
    noun: int
    side: str | None = None
    """The state of one person named with their nationality, who goes home to it."""
    named: bool = False
    """Counted by people's names, not stated as a figure."""


def find_counts(
    sent: Span,
    lexicon: dict[str, Any],
    skip: set[int],
    demonyms: frozenset[int] = frozenset(),
    named: dict[int, Count] | None = None,
) -> list[Count]:
    """Numbers followed closely by a word for people ("two Russian soldiers", "1,000 for 1,000").

    A plural demonym counts as such a word ("230 Ukrainians"); "an American journalist"
    is one person, and so is a person ``named`` with their nationality; a share of a group
    already counted ("two of them") is no new count.
    """
    doc, counts, i = sent.doc, [], sent.start
    words, multipliers = lexicon["numbers"], lexicon["multipliers"]
    released = {
        c.end for c in doc.spans[CUES] if c.label_ == "EVENT" and sent.start <= c.start < sent.end
    }
    people = set(lexicon["people"]) | {doc[k].lower_ for k in demonyms if _plural(doc[k])}
    while i < sent.end:
        if named and i in named:
            counts.append(named[i])
            i = named[i].noun + 1
            continue
        parsed = None if i in skip else parse_number(doc, i, words, multipliers)
        if parsed is None and counts:
            parsed = _same_number(doc, i, counts[-1].value, lexicon["same_number"])
        if parsed is None and _one_named(doc, i, demonyms, released):
            parsed = 1, i + 1
        if parsed is None:
            i += 1
            continue
        value, j = parsed
        noun = _noun_after(doc, j, min(sent.end, j + NP_REACH), people, skip)
        if _partitive(doc, j):
            noun = _apposed_noun(doc, i, people)
        if noun is not None and value < 1_000_000:
            counts.append(Count(value, i, j, noun))
        i = j
    return _without_breakdowns(doc, counts)


def _one_named(doc: Doc, i: int, demonyms: frozenset[int], released: set[int]) -> bool:
    """ "freed an American teacher", "in exchange for a Russian national": one person.

    Only as the object of a release or after "for"; "the group included a German
    citizen" names a member of a group already counted.
    """
    if doc[i].lower_ not in INDEFINITE or i + 1 not in demonyms:
        return False
    return i in released or (i > 0 and doc[i - 1].lower_ == "for")


def _same_number(doc: Doc, i: int, previous: int, phrases: list[str]) -> tuple[int, int] | None:
    """ "Kyiv freed the same number of Russian soldiers": the count just stated, again."""
    first = doc[i].lower_
    for phrase in phrases:
        words = phrase.split()
        if words[0] == first and [t.lower_ for t in doc[i : i + len(words)]] == words:
            return previous, i + len(words)
    return None


BREAKDOWN_GAP = frozenset({",", "and", ":", "(", ")", "-", "–", "—", "including", "of", "whom"})
"""What may stand between a total and the parts that break it down."""


def _without_breakdowns(doc: Doc, counts: list[Count]) -> list[Count]:
    """ "39 prisoners, 24 women and 15 boys": parts set beside a total are no new count."""
    kept: list[Count] = []
    i = 0
    while i < len(counts):
        kept.append(counts[i])
        total, k, end = 0, i + 1, counts[i].noun + 1
        while k < len(counts) and all(
            t.lower_ in BREAKDOWN_GAP for t in doc[end : counts[k].start]
        ):
            total, end, k = total + counts[k].value, counts[k].noun + 1, k + 1
            if total >= counts[i].value:
                break
        apposed = k > i + 1 and doc[counts[i].noun + 1].text == ","
        i = k if apposed and total <= counts[i].value else i + 1
    return kept


def _plural(token: Token) -> bool:
    return token.tag_ in PLURAL_TAGS


def _partitive(doc: Doc, j: int) -> bool:
    return j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in PARTITIVE


def _apposed_noun(doc: Doc, i: int, people: set[str]) -> int | None:
    """ "Russian servicemen, 195 of them": a count set after the people it counts.

    Only right after their noun; "8 people ..., two of them women" is a share of a group.
    """
    if i >= 2 and doc[i - 1].text == "," and doc[i - 2].lower_ in people:
        return i - 2
    return None


def _noun_after(
    doc: Doc, j: int, limit: int, people: set[str], skip: set[int] | frozenset[int] = frozenset()
) -> int | None:
    """The word for people the number counts.

    Words of a category ("22 seriously wounded soldiers", often tagged as a verb) and other
    ``skip`` tokens may stand between them.
    """
    if j < len(doc) and doc[j].text in {"%", "percent"}:
        return None
    for k in range(j, limit):
        if doc[k].lower_ in people:
            return k
        if doc[k].lower_ == "for" and k + 1 < limit and doc[k + 1].like_num:
            return k
        if _own_people(doc, k):
            return k + 2
        if doc[k].text == "-" and k + 1 < limit and is_for(doc[k + 1]):
            return k + 1
        if doc[k].is_punct or (doc[k].pos_ == "VERB" and k not in skip):
            return None
        if doc[k].lower_ in {"years", "year", "days", "months", "percent"}:
            return None
    return None


def _own_people(doc: Doc, k: int) -> bool:
    """ "Russia got back 27 of its own": the people are the side's own, the noun left out."""
    words = [t.lower_ for t in doc[k : k + 3]]
    return words[:1] == ["of"] and words[1:2] in (["its"], ["their"]) and words[2:] == ["own"]


def is_for(token: Token) -> bool:
    """ "for" in "95 for 95", or its hyphenated forms ("one-for-one", "95-for-95")."""
    return token.lower_ == "for" or token.lower_.startswith("for-")
