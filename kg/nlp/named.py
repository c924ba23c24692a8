"""One person named with their nationality: "Russian pilot Konstantin Yaroshenko".

A one-for-one swap is reported by names, not numbers ("former US Marine Trevor
Reed was exchanged for Russian pilot Konstantin Yaroshenko"); each such name is a
count of one, going home to the state named before it. Officials ("Russian
President Vladimir Putin said ...") are not counted: their office gives them away,
or the gazetteer knows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import DEMONYM, NAME, Gazetteer
from kg.nlp.sides import after_preposition

TITLE_REACH = 3
"""Words between the nationality and the name ("pilot", "opposition leader")."""
TITLE_TAGS = frozenset({"NN", "JJ"})
"""A one-person title is singular: "dissidents such as X and Y" names several."""
NAME_WORDS = 4


def named_nationals(
    sent: Span,
    entities: list[Span],
    gazetteer: Gazetteer,
    offices: Iterable[str],
    prepositions: frozenset[str],
) -> dict[int, tuple[int, str]]:
    """Token start of each nationality word that names one person -> (name's last token, state)."""
    doc = sent.doc
    taken = {i for e in entities for i in range(e.start, e.end)}
    offices = frozenset(offices)
    found: dict[int, tuple[int, str]] = {}
    for span in entities:
        if not (sent.start <= span.start < sent.end) or span.id_ not in (NAME, DEMONYM):
            continue
        if after_preposition(span, prepositions):
            continue
        entry = gazetteer.entries.get(span.kb_id_)
        if entry is None or entry.kind != "State":
            continue
        last = _name_end(doc, span.end, min(sent.end, span.end + TITLE_REACH + NAME_WORDS), taken)
        if last is not None and not _official(doc, span.end, last, offices):
            found[span.start] = (last, entry.iri)
    return found


APPOSITION_REACH = 15
"""Tokens of an aside after a name ("Johan Floderus, a Swede employed by ..., and")."""


def released_names(
    sent: Span, releases: Iterable[int], entities: list[Span], lead_ins: Iterable[str]
) -> dict[int, tuple[int, int]]:
    """First token of the people a release verb names -> (last name's last token, how many).

    "Iran released Johan Floderus, a Swede ..., and Saeed Azizi" frees two, and "handed
    over the bodies of A and B" two; only names right after the verb (or its lead-in)
    count, each either unknown to the gazetteer or a person in it.
    """
    doc = sent.doc
    others = {i for e in entities if e.label_ != "Person" for i in range(e.start, e.end)}
    leads = [phrase.split() for phrase in lead_ins]
    found: dict[int, tuple[int, int]] = {}
    for start in releases:
        start += max((len(w) for w in leads if _words_at(doc, start, w)), default=0)
        names, k, last = 0, start, None
        while (end := _plain_name(doc, k, sent.end, others)) is not None:
            names, last = names + 1, end
            k = _after_aside(doc, end + 1, sent.end)
        if names and last is not None:
            found[start] = (last, names)
    return found


def _words_at(doc: Doc, k: int, words: list[str]) -> bool:
    return [t.lower_ for t in doc[k : k + len(words)]] == words


def _plain_name(doc: Doc, k: int, limit: int, others: set[int]) -> int | None:
    end = k
    while end < limit and _name_token(doc[end]) and end not in others:
        end += 1
    return end - 1 if end - k >= 2 else None


def _after_aside(doc: Doc, k: int, limit: int) -> int:
    """Where the next name of a list starts: after "and", past an aside set off by commas."""
    if k < limit and doc[k].text == ",":
        stop = min(limit, k + APPOSITION_REACH)
        k += 1
        while (
            k < stop
            and doc[k].lower_ != "and"
            and not (doc[k].text == "," and k + 1 < limit and doc[k + 1].lower_ == "and")
        ):
            k += 1
        k += doc[k].text == "," if k < limit else 0
    return k + 1 if k < limit and doc[k].lower_ == "and" else limit


def _name_end(doc: Doc, start: int, limit: int, taken: set[int]) -> int | None:
    """The last token of a personal name (two or more capitalised proper nouns) after up to
    three lowercase title words ("pilot", "opposition leader")."""
    k = start
    while k < min(limit, start + TITLE_REACH) and doc[k].is_lower and doc[k].tag_ in TITLE_TAGS:
        k += 1
    end = k
    while end < limit and _name_token(doc[end]) and end not in taken:
        end += 1
    if end - k < 2 or (end < len(doc) and doc[end].pos_ == "PROPN"):
        return None
    return end - 1


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _official(doc: Doc, start: int, last: int, offices: frozenset[str]) -> bool:
    """An office among the words before the name, or a speech verb right after it."""
    if any(t.lower_ in offices for t in doc[start : last + 1]):
        return True
    return last + 1 < len(doc) and doc[last + 1].lower_ in {"said", "says", "told", "wrote"}
