"""Counts and directions: "1,000 for 1,000", "two Russian soldiers were handed over by Ukraine".

Given an event frame and the exchange's two sides, find each stated count of
people, who released them and who received them:
- "N for N", "N on each side", "N each" -> both directions;
- "N <demonym> ..." -> received by the demonym's side ("6,000 Ukrainian service members");
- "by X" after the verb, or X as the subject before it -> X released them
  (X received them with "brought home", "received" ...);
- the other side fills in whichever end is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from kg.gazetteer import DEMONYM, NAME, Gazetteer
from kg.nlp.counts import Count, is_for
from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.numbers import parse_number
from kg.nlp.sides import after_preposition, side_of

CONJUNCTION_GAP = frozenset({",", "and", "the", "&"})
"""What may stand between coordinated names ("the United States, Germany and Norway")."""
RECIPIENT_REACH = 8
RECIPIENT_CLAUSE = 18
"""How far "... were returned to X" may stand from the count when a relative clause intervenes."""
VERB_ENDS = frozenset({"VERB", "ADP", "ADV", "PART"})
"""What stands before "to" in "returned to", "handed over to", "sent back to"."""


@dataclass(frozen=True)
class Clause:
    """A count's sentence and what the rules read in it: its names, the data, the main sides."""

    sent: Span
    entities: list[Span]
    gazetteer: Gazetteer
    lexicon: dict[str, Any]
    pair: tuple[str, ...] = ()

    @property
    def doc(self) -> Doc:
        return self.sent.doc


@dataclass(frozen=True)
class Direction:
    source: str | None
    target: str | None
    count: int
    categories: tuple[str, ...]
    start: int
    series: str | None = None
    """The category of a further handover in the same direction ("in addition, 22 wounded")."""
    named: bool = False
    """Counted by a person's name: a figure the article gives for this direction wins."""


def _each_side(doc: Doc, count: Count, lexicon: dict[str, Any], end: int) -> bool:
    window = doc[count.start : min(end, count.noun + 6)].text.lower()
    words = window.replace(",", " ").split()
    joined = " " + " ".join(words) + " "
    if is_for(doc[count.noun]):
        return _same_in_return(doc, count, lexicon)
    if any(f" {phrase} " in joined for phrase in lexicon["each_side"]):
        return True
    return _each_side_subject(doc, count, lexicon)


def _same_in_return(doc: Doc, count: Count, lexicon: dict[str, Any]) -> bool:
    """ "95 for 95" goes both ways; "two for one" gives no direction to either number."""
    after = count.noun + 1
    if doc[count.noun].lower_ != "for" or after >= len(doc):
        return True
    other = parse_number(doc, after, lexicon["numbers"], lexicon["multipliers"])
    return other is None or other[0] == count.value


DISTRIBUTIVE = frozenset({"each", "both"})
"""One-word distributive subjects: "Russia and Ukraine each freed 90"."""
SUBJECT_REACH = 6
"""Tokens between "each side" as a subject and the count its verb governs."""
VERBAL = frozenset({"VERB", "AUX", "ADP", "PART", "ADV"})


def _each_side_subject(doc: Doc, count: Count, lexicon: dict[str, Any]) -> bool:
    """ "each side (having) handed over N": a distributive subject governs the count's verb."""
    lo = count.start
    while lo > max(0, count.start - SUBJECT_REACH) and not doc[lo - 1].is_punct:
        lo -= 1
    words = [t.lower_ for t in doc[lo : count.start]]
    for phrase in (p.split() for p in lexicon["each_side"] if " " in p or p in DISTRIBUTIVE):
        for i in range(len(words) - len(phrase) + 1):
            if words[i : i + len(phrase)] != phrase:
                continue
            between = doc[lo + i + len(phrase) : count.start]
            if between and all(t.pos_ in VERBAL for t in between):
                return any(t.pos_ == "VERB" for t in between)
    return False


def direction(count: Count, clause: Clause) -> tuple[str | None, str | None, bool]:
    """(source, target, both_ways) for one count in its sentence."""
    if _each_side(clause.doc, count, clause.lexicon, clause.sent.end):
        return None, None, True
    if _joint_total(count, clause):
        return None, None, False
    target = (
        count.side
        or _demonym_in_np(count, clause)
        or _nationality(count, clause)
        or _recipient(count, clause)
    )
    agent = _agent(count, clause)
    if agent is not None:
        return agent, target, False
    subject, receives = _subject(count, clause)
    captor = _captor(count, clause)
    if receives or captor or (subject is not None and subject == target):
        return captor, target or subject, False
    return subject, target, False


JOINT_REACH = 4
"""Tokens between a symmetric verb and the count it governs ("traded almost 400 ...")."""


def _joint_total(count: Count, clause: Clause) -> bool:
    """ "Russia and Ukraine traded almost 400 prisoners": both directions together.

    A symmetric verb whose subject is both sides, or any release whose subject is "the
    warring sides", with no "each" or "for N", counts the people of the whole swap;
    neither direction is known from it.
    """
    doc, sent, lexicon = clause.doc, clause.sent, clause.lexicon
    if is_for(doc[count.noun]) or any(is_for(t) for t in doc[count.end : count.noun + 3]):
        return False
    k = count.start - 1
    while (
        k > sent.start
        and count.start - k <= JOINT_REACH
        and doc[k].lower_ in lexicon["approximate"]
    ):
        k -= 1
    releases = {c.start for c in doc.spans[CUES] if c.label_ == "EVENT"}
    symmetric = doc[k].lower_ in lexicon["symmetric_verbs"]
    if not symmetric and k not in releases:
        return False
    opens = max([sent.start] + [t.i + 1 for t in doc[sent.start : k] if t.text in (":", ";")])
    text = " " + doc[opens:k].text.lower() + " "
    if any(f" {phrase} " in text for phrase in lexicon["joint_subjects"]):
        return True
    named = {
        e.kb_id_ for e in clause.entities if opens <= e.start and e.end <= k and e.id_ != DEMONYM
    }
    pair = clause.pair
    return symmetric and len(pair) == 2 and set(pair) <= named and " and " in text


def _demonym_in_np(count: Count, clause: Clause) -> str | None:
    """The people's side named in their noun phrase ("230 Ukrainians", "Russian servicemen, 195
    of them", "five Taliban men")."""
    lo, hi = (
        (count.end, count.noun + 1) if count.noun >= count.start else (count.noun - 3, count.noun)
    )
    for span in clause.entities:
        if not lo <= span.start <= hi:
            continue
        entry = clause.gazetteer.entries.get(span.kb_id_)
        named_party = span.id_ == NAME and entry is not None and entry.is_party
        if span.id_ == DEMONYM or (named_party and span.end <= count.noun):
            return span.kb_id_
    return None


def _nationality(count: Count, clause: Clause) -> str | None:
    """X in "207 citizens of X": the people's own state receives them."""
    doc, k = clause.doc, count.noun
    if doc[k].lower_ not in clause.lexicon["nationality_nouns"] or k + 2 >= len(doc):
        return None
    if doc[k + 1].lower_ != "of":
        return None
    return _entity_side_at(k + 2, clause)


def _agent(count: Count, clause: Clause) -> str | None:
    """X in "... were handed over by X" within the clause after the count.

    Past a comma "by" names someone else ("14 prisoners, ..., after a visit by X").
    """
    doc, sent = clause.doc, clause.sent
    for k in range(count.noun + 1, min(sent.end, count.noun + 12)):
        if doc[k].is_punct:
            return None
        if doc[k].lower_ == "by" and not (k + 1 < sent.end and doc[k + 1].lower_ == "each"):
            return _entity_side_at(k + 1, clause)
    return None


def _recipient(count: Count, clause: Clause) -> str | None:
    """X in "released ten people to X" / "handed back to X", in the clause after the count.

    Further on, past a relative clause ("N people whom ... describes as soldiers were
    returned to X"), only "to" right after the verb counts.
    """
    doc, sent = clause.doc, clause.sent
    for k in range(count.noun + 1, min(sent.end, count.noun + RECIPIENT_CLAUSE)):
        if doc[k].is_punct:
            return None
        near = k < count.noun + RECIPIENT_REACH
        if doc[k].lower_ == "to" and (near or doc[k - 1].pos_ in VERB_ENDS):
            return _entity_side_at(k + 1, clause)
    return None


def _entity_side_at(i: int, clause: Clause) -> str | None:
    for span in clause.entities:
        if i <= span.start <= i + 1:
            return side_of(span.kb_id_, clause.gazetteer)
    return None


OBJECT_PREPOSITIONS = frozenset({"with", "from", "of"})
"""With the venue prepositions: a name after them is no subject ("a plane to Muscat, and
two Swedes ..."); after "for" it may be ("provides for Hamas to free 40")."""


def _subject(count: Count, clause: Clause) -> tuple[str | None, bool]:
    """The nearest side named before the verb that governs the count, and whether it receives."""
    doc, lexicon = clause.doc, clause.lexicon
    objects = frozenset(lexicon["venue_prepositions"]) | OBJECT_PREPOSITIONS
    before = [
        e
        for e in clause.entities
        if e.end <= count.start and e.id_ != DEMONYM and not after_preposition(e, objects)
    ]
    if not before:
        return None, False
    span = _first_conjunct(before, clause.pair, clause.gazetteer)
    between = doc[span.end : count.start].text.lower()
    receives = any(verb in between for verb in lexicon["receive_verbs"]) or _home_after(doc, count)
    return side_of(span.kb_id_, clause.gazetteer), receives


def _first_conjunct(before: list[Span], pair: tuple[str, ...], gazetteer: Gazetteer) -> Span:
    """The head of "X, Y and Z released ...": the first of names joined by commas and "and".

    A main side closes the list: "Israel and Hamas" is two sides, not one group.
    """
    index = len(before) - 1
    while index > 0 and side_of(before[index].kb_id_, gazetteer) not in pair:
        gap = before[index].doc[before[index - 1].end : before[index].start]
        if not all(t.lower_ in CONJUNCTION_GAP for t in gap):
            break
        index -= 1
    return before[index]


def _home_after(doc: Doc, count: Count) -> bool:
    return any(t.lower_ == "home" for t in doc[count.noun : min(len(doc), count.noun + 4)])


def _captor(count: Count, clause: Clause) -> str | None:
    """X in "from X captivity": who held them."""
    doc = clause.doc
    captivity = set(clause.lexicon["captivity"])
    for span in clause.entities:
        k = span.start - 1 - (span.start > 1 and doc[span.start - 1].lower_ == "the")
        after_from = k >= 0 and doc[k].lower_ == "from"
        if span.start > count.start and after_from and _token_in(doc, span.end, captivity):
            return span.kb_id_
    return None


def _token_in(doc: Doc, i: int, words: set[str]) -> bool:
    return i < len(doc) and doc[i].lower_ in words


def categories_near(count: Count, categories: list[Span], end: int) -> tuple[str, ...]:
    """Categories in the counted noun phrase ("the remains of 6,000 ...", "N in need of care")."""
    lo, hi = count.start - 4, min(end, count.noun + 8)
    return tuple(dict.fromkeys(c.kb_id_ for c in categories if lo <= c.start < hi))


def transfers_in(
    sent: Span,
    counts: list[Count],
    pair: tuple[str, ...],
    mentions: dict[str, list[Span]],
    gazetteer: Gazetteer,
    lexicon: dict[str, Any],
    mediators: frozenset[str] = frozenset(),
) -> list[Direction]:
    """One Direction per count (two for "each side"), with the other side filled in.

    A mediator is never an end of a handover: "brokered by X" names no releasing side.
    """
    found: list[Direction] = []
    last: Direction | None = None
    previous: Count | None = None
    clause = Clause(sent, mentions["entities"], gazetteer, lexicon, pair)
    for count in counts:
        source, target, both = direction(count, clause)
        source, target = _not_in(source, mediators), _not_in(target, mediators)
        cats = categories_near(count, mentions["categories"], sent.end)
        if not cats and last is not None and sent.doc[count.noun].lower_ == "own":
            cats = last.categories
        given = _given_in_return(count, clause)
        if not both and last is None and given is not None:
            source, target = given
        if both and len(pair) == 2:
            found.append(Direction(pair[0], pair[1], count.value, cats, count.start))
            found.append(Direction(pair[1], pair[0], count.value, cats, count.start))
        elif not both:
            if source is None and target is None and _coordinated(sent, previous, count, last):
                source, target = last.source, last.target
            source, target = _in_return(count, sent, last) or _fill(source, target, pair, gazetteer)
            if source or target:
                last = Direction(source, target, count.value, cats, count.start, named=count.named)
                found.append(last)
        previous = count
    return found


RECIPROCAL = (("in", "return", "for"), ("in", "exchange", "for"))


def _given_in_return(count: Count, clause: Clause) -> tuple[str, str] | None:
    """ "The Taliban let him go in return for five Afghan detainees": the people counted after
    "in return for" come to the subject, from the other side (whatever their nationality)."""
    sent, pair = clause.sent, clause.pair
    words = tuple(t.lower_ for t in clause.doc[max(sent.start, count.start - 3) : count.start])
    if len(pair) != 2 or words not in RECIPROCAL:
        return None
    subject, _ = _subject(count, clause)
    if subject not in pair:
        return None
    return pair[1 - pair.index(subject)], subject


def _coordinated(sent: Span, previous: Count | None, count: Count, last: Direction | None) -> bool:
    """ "185 Ukrainian soldiers and twenty civilians came home": a count joined by "and" to
    the one before goes where that one goes."""
    if previous is None or last is None or last.start != previous.start:
        return False
    between = sent.doc[previous.noun + 1 : count.start]
    return 0 < len(between) <= 2 and all(t.lower_ in ("and", ",") for t in between)


def _in_return(count: Count, sent: Span, last: Direction | None) -> tuple[str, str] | None:
    """ "5 hostages were swapped for 20 prisoners": the count after "for" goes the other way."""
    after_for = count.start > sent.start and sent.doc[count.start - 1].lower_ == "for"
    if last is None or not after_for or last.source is None or last.target is None:
        return None
    return last.target, last.source


def _not_in(side: str | None, excluded: frozenset[str]) -> str | None:
    return None if side in excluded else side


def _fill(
    source: str | None, target: str | None, pair: tuple[str, ...], gazetteer: Gazetteer
) -> tuple[str | None, str | None]:
    if len(pair) != 2:
        return source, target
    if target is None and source is not None:
        target = _counterpart(source, pair, gazetteer)
    elif source is None and target is not None:
        source = _counterpart(target, pair, gazetteer)
    return source, target


def _counterpart(side: str, pair: tuple[str, ...], gazetteer: Gazetteer) -> str | None:
    """The other end of a handover one of whose ends is known.

    A main side faces the other one. A side outside the pair ("Hamas is to hand back 33
    hostages" where the article counts Israel and "the Palestinian side") faces the pair's
    only state when it is no state itself: armed groups trade with states.
    """
    if side in pair:
        return pair[1 - pair.index(side)]
    entry = gazetteer.entries.get(side)
    states = [p for p in pair if (e := gazetteer.entries.get(p)) and e.kind == "State"]
    if entry is not None and entry.kind != "State" and len(states) == 1:
        return states[0]
    return None
