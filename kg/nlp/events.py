"""Handover events read from the parse: who handed how many of whom to whom, when and where.

Each event word (see :mod:`kg.nlp.triggers`) becomes an :class:`EventMention` whose
roles come from its dependents: the subject (active) or the "by" phrase (passive) is
the agent; the object, or the passive subject, are the people; prepositions give the
recipient ("to"), source ("from"), partner ("with"), what went the other way ("in
exchange for"), places ("in", "via", "at") and the agreement ("under"); dates are the
ones in the word's own clause. An event noun is read with the light verb that carries
it ("the exchange took place on Tuesday in Istanbul"); a noun inside a verb event's
clause ("exchanged 84 in a swap brokered by the UAE") is that same event. Results:
``doc._.events`` and ``doc._.stages``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.facts import Entity
from kg.namespaces import ID
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.calendar import shifted
from kg.nlp.clauses import (
    clause_tokens,
    is_passive,
    is_verbal,
    noun_phrase,
    place_phrase,
    prepositions,
    subjects,
)
from kg.nlp.dates import DateMention
from kg.nlp.extensions import text_of
from kg.nlp.index import DocIndex, index_of
from kg.nlp.lexicon import Lexicon
from kg.nlp.mediation import MediationReader
from kg.nlp.mentions import EventMention, People, SentenceNote, StageMention
from kg.nlp.modality import ACTUAL, ASKED, GENERIC, PLANNED, StatusReader
from kg.nlp.people import SUBGROUP, PeopleReader
from kg.nlp.quotes import is_quote, quotations
from kg.nlp.triggers import Trigger, TriggerMatcher

CLIMB = 5
"""Governing words climbed for the day of an undated event."""
GOVERNED = frozenset(
    {"ccomp", "xcomp", "conj", "relcl", "acl", "advcl", "dobj", "nsubjpass", "pobj", "prep"}
)
"""Dependents that take the day of the verb they hang on."""
NOUN_TAGS = ("NOUN", "PROPN")
ABSORBING = frozenset({"in", "during", "as", "through", "via", "with", "under", "amid", "after"})
"""Prepositions by which an event noun joins a verb's event ("freed in a swap")."""
N_FOR_N = re.compile(r"\b([\d,]+|[a-z]+)(?:\s*-\s*|\s+)(?:for|to)(?:\s*-\s*|\s+)([\d,]+|[a-z]+)\b")


@Language.factory(
    "kg_events",
    requires=["token.dep", "token.lemma", "doc._.names", "doc._.dates"],
    assigns=["doc._.events", "doc._.stages", "doc._.notes", "doc._.minted"],
    default_config={"lexicon": {"@misc": "kg.lexicon.v2"}},
)
def make_events(nlp: Language, name: str, lexicon: Lexicon) -> EventReader:
    return EventReader(nlp, lexicon)


class EventReader:
    """Finds triggers once per Doc and reads each one's roles from its clause."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.matcher = TriggerMatcher(nlp.vocab, lexicon)
        self.people = PeopleReader(lexicon)
        self.status = StatusReader(lexicon)
        self.mediation = MediationReader(lexicon)
        self.event_nouns = frozenset(
            n for words in lexicon.triggers.by_frame().values() for n in words.nouns
        )

    def __call__(self, doc: Doc) -> Doc:
        index = index_of(doc)
        self.minted: dict[str, Entity] = {}
        text = text_of(doc)
        self.quotes = [q for q in quotations(text) if is_quote(text, *q)]
        triggers = self.matcher(doc)
        absorbed = self._absorbed(doc, triggers)
        notes = [self._note(index, n, sent) for n, sent in enumerate(doc.sents)]
        events = []
        for trigger in sorted(triggers.values(), key=lambda t: t.token):
            if trigger.token in absorbed:
                continue
            event = self._event(index, doc[trigger.token], trigger, triggers, notes)
            if event is not None:
                events.append(event)
        read = {e.trigger for e in events}
        for token, host in sorted(absorbed.items()):
            if host not in read:
                event = self._event(index, doc[token], triggers[token], triggers, notes)
                events += [event] if event is not None else []
        doc._.events = _own_like_the_first(sorted(events, key=lambda e: e.trigger))
        doc._.stages = self._stages(index, triggers, events)
        doc._.minted = list(doc._.minted or ()) + list(self.minted.values())
        doc._.notes = [n for n in notes if n.mediators or n.places or n.categories]
        return doc

    def _note(self, index: DocIndex, number: int, sent: Span) -> SentenceNote:
        return SentenceNote(
            sent=number,
            mediators=tuple(self.mediation.mediators(index, sent)),
            places=tuple(dict.fromkeys(self._whereabouts(index, sent))),
            categories=tuple(self._inclusions(index, sent)),
        )

    def quoted(self, offset: int) -> bool:
        """Inside a quotation: "today" there is the speaker's day, not the article's."""
        k = bisect_right(self.quotes, (offset, float("inf"))) - 1
        return k >= 0 and self.quotes[k][0] <= offset < self.quotes[k][1]

    def opponent(self, index: DocIndex, token: Token, agents: list[str]) -> str:
        """A side for unnamed armed opponents ("rebels", "insurgents"), named after the
        state they fight (the demonym on them, else a state acting beside them), so that
        every report of one conflict's rebels names one side."""
        state = next(
            (n.side for c in token.children if (n := index.name(c)) is not None and n.side),
            None,
        )
        state = state or next((a for a in agents if "/state/" in a), None)
        where = state.rsplit("/", 1)[-1] if state else "unknown"
        word = token.lemma_.lower()
        iri = f"{ID}group/{word}-{where}"
        label = f"{word} ({where.replace('-', ' ').title()})" if state else word
        self.minted.setdefault(iri, Entity(iri, label[0].upper() + label[1:], "ArmedGroup"))
        return iri

    def _absorbed(self, doc: Doc, triggers: dict[int, Trigger]) -> dict[int, int]:
        """Event nouns and participles that belong to a verb event of their clause, with
        that verb; they stand on their own when the verb turns out to tell no handover."""
        found = {}
        for trigger in triggers.values():
            token = doc[trigger.token]
            if trigger.kind == "participle":
                host = token.head.head if token.head != token else None
                if host is not None and host.i in triggers and host.i != token.i:
                    found[token.i] = host.i
            elif trigger.kind == "noun" and token.dep_ == "pobj":
                prep = token.head
                host = prep.head
                if (
                    prep.lower_ in ABSORBING
                    and host.i in triggers
                    and triggers[host.i].kind == "verb"
                ):
                    found[token.i] = host.i
        return found

    def _event(
        self,
        index: DocIndex,
        token: Token,
        trigger: Trigger,
        triggers: dict[int, Trigger],
        notes: list[SentenceNote],
    ) -> EventMention | None:
        reading = _Reading(self, index, token, trigger, triggers)
        if not reading.read():
            return None
        note = notes[index.sentence_number(token.i)]
        return reading.mention(note.sent, list(note.mediators), list(note.places))

    def _whereabouts(self, index: DocIndex, sent: Span) -> list[str]:
        """Where the freed wait or pass: "(they) are now in Belarus", "were flown via Abu
        Dhabi", "Red Cross planes shuttled between Sanaa, Aden and Abha". A place after a
        transit verb whose subject (and object, if any: "took part in the defence of
        Mariupol" moves no one) is people, a carrier, or missing; where they are still
        to go ("scheduled to land in Washington") or what went before ("hours after the
        leader received a delegation in Minsk") is no place of the handover."""
        places = self.lexicon.places
        found = []
        for token in sent:
            if token.lemma_.lower() not in places.transit_verbs or not is_verbal(token):
                continue
            if self.status.status(token) == PLANNED or self.status.after(token):
                continue
            subject = subjects(token)
            if subject and not any(self._travels(index, s) for s in subject):
                continue
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and not any(self.people.is_people(index, o) for o in objects):
                continue
            for role, obj in prepositions(token, self.lexicon.roles.prepositions):
                moving = role == "recipient" and token.lemma_.lower() != "be"
                if role in ("place", "between") or moving:
                    phrase = place_phrase(obj)
                    found += [
                        n.iri for n in index.names_in(phrase) if n.is_place or n.kind == "State"
                    ]
        return found

    def _travels(self, index: DocIndex, subject: Token) -> bool:
        """Who can be where the freed are: a pronoun, people, what carries them, or the
        handover itself ("the transfers passed through Belarus")."""
        if subject.pos_ == "PRON":
            return True
        if subject.lemma_.lower() in self.lexicon.places.carriers | self.event_nouns:
            return True
        return self.people.is_people(index, subject) and index.name(subject) is None

    def _inclusions(self, index: DocIndex, sent: Span) -> list[str]:
        """Kinds of people said to be among those handed over: "the group included
        civilians", "among the freed were 22 women"."""
        found: list[str] = []
        words = self.lexicon.places
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma in words.including_verbs and is_verbal(token):
                if any(self._among_freed(index, s) for s in subjects(token)):
                    found += index.categories_in(
                        {t.i for c in token.children if c.dep_ == "dobj" for t in c.subtree}
                    )
            elif token.lower_ == "among" and token.dep_ == "prep":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if any(self._among_freed(index, o) for o in objects):
                    found += index.categories_in({t.i for t in sent} - {t.i for t in token.subtree})
        return found

    def _among_freed(self, index: DocIndex, token: Token) -> bool:
        """ "the group", "those freed", "the released": people just handed over."""
        if token.lemma_.lower() in self.lexicon.places.released_groups:
            return True
        return any(t.lower_ in self.lexicon.triggers.give.participles for t in token.subtree)

    def _stages(
        self, index: DocIndex, triggers: dict[int, Trigger], events: list[EventMention]
    ) -> list[StageMention]:
        """ "The second stage (of the return of the wounded)", "a third swap": ordinal
        stage nouns, and ordinal event nouns (stages only of an agreement)."""
        found = []
        ordinals = self.lexicon.numbers.ordinals
        stages = self.lexicon.stages
        by_trigger = {e.trigger: e for e in events}
        for token in index.doc:
            lemma = token.lemma_.lower()
            if lemma not in stages.nouns | stages.event_nouns or token.pos_ not in NOUN_TAGS:
                continue
            ordinal = next(
                (ordinals[c.lower_] for c in token.children if c.lower_ in ordinals), None
            )
            if ordinal is None or self._about_talks(token):
                continue
            if lemma not in stages.nouns and any(
                c.dep_ == "prep" and c.lower_ in ("since", "in", "for") for c in token.children
            ):
                continue
            scope = {t.i for t in token.subtree}
            event = next((i for i in sorted(scope) if i in by_trigger), None)
            host = _light_host(token, self.lexicon.narrative.light_verbs)
            clause = clause_tokens(host) if host is not None else scope
            refers = _refers(index, token)
            if event is None and not refers:
                event = next((i for i in sorted(clause) if i in by_trigger), None)
            found.append(
                StageMention(
                    noun=token.i,
                    ordinal=ordinal,
                    sent=index.sentence_number(token.i),
                    event=event,
                    categories=tuple(index.categories_in(scope)),
                    dates=tuple(d for d in index.dates_in(clause) if not d.dateline),
                    planned=self.status.status(token) not in (ACTUAL, ASKED),
                    of_deal=lemma not in stages.nouns,
                    refers=refers,
                )
            )
        return found

    def _about_talks(self, token: Token) -> bool:
        """ "the second round of talks" is a round of the agreement, not a stage."""
        talks = self.lexicon.agreements.talks
        return any(t.lemma_.lower() in talks for t in token.subtree if t.i != token.i) and not any(
            t.lemma_.lower() in self.lexicon.stages.event_nouns for t in token.subtree
        )


def _without_echoes(people: list[People]) -> list[People]:
    """ "sent back 12 seriously wounded soldiers" parsed as two objects, "12" and
    "soldiers": the bare number is the count of the people after it, not more people."""
    counted_from = {p.start for p in people if p.head != p.start}
    return [p for p in people if not (p.head == p.start and p.head in counted_from and p.count)]


def _own_like_the_first(events: list[EventMention]) -> list[EventMention]:
    """ "Ukraine received the bodies of 900 soldiers, and Russia got back 20 of its own":
    "its own" are people of the kind the sentence counted first."""
    found = []
    firsts: dict[int, EventMention] = {}
    for event in events:
        first = firsts.get(event.sent)
        if first is not None and any(p.own and not p.categories for p in event.people):
            model = first.people[0]
            people = tuple(
                replace(p, categories=model.categories, remains=model.remains)
                if p.own and not p.categories
                else p
                for p in event.people
            )
            event = replace(event, people=people, categories=event.categories or model.categories)
        if event.people:
            firsts.setdefault(event.sent, event)
        found.append(event)
    return found


def _before_a_subgroup(objects: list[Token]) -> list[Token]:
    """ "pardoned 9 detainees, among them a nurse": objects after "among them" or
    "including" describe the first, they are not more people."""
    if len(objects) < 2:
        return objects
    doc = objects[0].doc
    kept = [objects[0]]
    for obj in objects[1:]:
        between = doc[kept[-1].i : obj.i]
        if any(t.lower_ in SUBGROUP for t in between):
            break
        kept.append(obj)
    return kept


def _when(clause: Token) -> bool:
    return any(c.lower_ == "when" for c in clause.children if c.dep_ in ("advmod", "mark"))


def _refers(index: DocIndex, noun: Token) -> int:
    """ "It was the third stage": the exchange told the sentence before (-1); a heading
    line ending in a question mark or colon ("What happened in the first stage?"): the one
    told next (1)."""
    head = noun.head
    if noun.dep_ == "attr" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in head.children
    ):
        return -1
    sent = index.sent(noun.i)
    return 1 if sent.text.rstrip().endswith(("?", ":")) else 0


def _light_host(token: Token, light: frozenset[str]) -> Token | None:
    """The light verb that carries an event noun ("the exchange took place", "carried out
    a 95-for-95 exchange", and "carried out a 95 for [95 prisoner exchange]" as the parser
    may hang it)."""
    head = token.head
    if head == token:
        return None
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head != head:
        head = head.head
        if head.dep_ in ("acl", "relcl", "amod"):
            return None
    elif token.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
        return None
    return head if head.lemma_.lower() in light and is_verbal(head) else None


class _Reading:
    """The roles of one event word, read from its clause (one use per trigger)."""

    def __init__(
        self,
        reader: EventReader,
        index: DocIndex,
        token: Token,
        trigger: Trigger,
        triggers: dict[int, Trigger],
    ) -> None:
        self.reader = reader
        self.triggers = triggers
        self.lexicon = reader.lexicon
        self.index = index
        self.token = token
        self.trigger = trigger
        self.frame = trigger.frame
        self.agents: list[str] = []
        self.people: list[People] = []
        self.counter: list[People] = []
        self.roles: dict[str, list[str]] = {
            "recipient": [],
            "source": [],
            "partner": [],
            "place": [],
            "agent": [],
        }
        self.deal: int | None = None
        self.under_deal = False
        """Told as a deal's term ("under it, Moscow is to release 40")."""
        self.host = token
        self.joint = False
        self.extra: set[int] = set()
        self.opponents: list[Token] = []
        """Unnamed armed opponents among the subjects ("the government and rebels")."""
        """Tokens the parser hung elsewhere that belong to this clause."""

    def read(self) -> bool:
        """Fill in the roles; False when the word is no handover of people."""
        kind = self.trigger.kind
        if kind == "verb":
            ok = self._verb()
        elif kind == "noun":
            ok = self._noun()
        else:
            ok = self._participle()
        if not ok:
            return False
        entry = self.trigger.entry
        moving = len(entry) == 1 and entry[0] in self.lexicon.triggers.held_only
        self._prepositions(self.token, carried=moving)
        for word in self._completing_words():
            self._prepositions(word)
        if self.host != self.token:
            self._prepositions(self.host, carried=True)
        for noun in self._absorbed_nouns():
            self._prepositions(noun)
        self._governing_agreement()
        self._nested_places()
        self.agents += self.roles["agent"]
        self.agents += [self.reader.opponent(self.index, t, self.agents) for t in self.opponents]
        return True

    def _verb(self) -> bool:
        token, triggers = self.token, self.lexicon.triggers
        passive = is_passive(token)
        objects = _before_a_subgroup([c for c in token.children if c.dep_ in ("dobj", "oprd")])
        objects = objects or self._complement_subjects()
        if any(o.lemma_.lower() in triggers.things for o in objects):
            return False
        lemma = token.lemma_.lower()
        subjects_ = subjects(token)
        if not passive and not objects and self._people_subject(subjects_):
            passive = self.frame != "arrive" and token.tag_ in ("VBN", "VBD")
        if not passive and not objects and lemma in triggers.intransitive:
            self.frame = triggers.intransitive[lemma]
        if passive:
            themes = subjects_ or ([token.head] if token.dep_ in ("acl", "amod") else objects)
            themes = self._root_people(themes)
        elif self.frame == "arrive":
            themes = subjects_
        else:
            themes = objects
            self._agents_from(subjects_)
        for theme in themes:
            self.people += self.reader.people.read(self.index, theme)
        for companion in self.reader.people.companions(token):
            self.people += self.reader.people.read(self.index, companion)
            self.people = self.reader.people.besides_the_named(self.index, self.people)
        self.people = _without_echoes(self.people)
        if not passive and self.frame != "arrive":
            extra = [
                p
                for t in self._misparsed_objects(token)
                for p in self.reader.people.read(self.index, t)
            ]
            if not any(p.count for p in self.people):
                self.people += extra
        if not self.people and self.frame != "swap":
            return False
        bare = self.trigger.entry == (lemma,)
        if bare and lemma in triggers.held_only and not self._moves_captives(token, lemma):
            return False
        if lemma in triggers.carrier_verbs:
            self._ride(token)
        return bool(self.people) or bool(self.agents)

    def _ride(self, token: Token) -> None:
        """ "A flight carrying 120 detainees left Saudi Arabia on Saturday bound for Sanaa":
        the carrier's own verb tells when, from where and where to."""
        if token.dep_ in ("acl", "relcl"):
            carrier, verb = token.head, token.head.head
            if carrier.dep_ not in ("nsubj", "nsubjpass"):
                return
        else:
            verb = token.head
        if verb == token or not is_verbal(verb):
            return
        self.host = verb
        if verb.lemma_.lower() in self.lexicon.triggers.departing:
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                self._name_role("source", obj)

    def _moves_captives(self, token: Token, lemma: str) -> bool:
        """ "Five Americans held in Iran were flown to Qatar", "a flight carrying 120
        detainees left Abha": people said to be held, moved by a carrier where the verb
        needs one."""
        triggers = self.lexicon.triggers
        if lemma in triggers.carrier_verbs:
            carriers = self.lexicon.places.carriers
            movers = [token.head] if token.dep_ in ("acl", "relcl") else subjects(token)
            if not any(m.lemma_.lower() in carriers for m in movers):
                return False
        doc = self.index.doc
        return any(
            p.captor or doc[p.head].lemma_.lower() in triggers.captive_nouns for p in self.people
        )

    def _root_people(self, themes: list[Token]) -> list[Token]:
        """ "On Friday the remains of 300 people whom ... were handed over to Armenia": when
        the parser makes the sentence a noun phrase with the verb inside it, the people are
        that noun phrase."""
        root = self.index.sent(self.token.i).root
        people = self.reader.people
        if is_verbal(root) or root == self.token or not people.is_people(self.index, root):
            return themes
        read = [people.one(self.index, t) for t in themes]
        if any(r is not None and r.count for r in read):
            return themes
        return [root]

    def _completing_words(self) -> list[Token]:
        """ "let him go in return for five detainees": the word that completes the verb
        carries phrases of the event too."""
        words = set(self.trigger.entry[1:])
        return [
            c
            for c in self.token.children
            if c.dep_ in ("ccomp", "xcomp", "advcl", "oprd") and c.lower_ in words
        ]

    def _complement_subjects(self) -> list[Token]:
        """ "let 18 people go", "set them free": the people are the subject of the word
        that completes the verb."""
        return [
            s
            for c in self._completing_words()
            for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass")
        ]

    def _misparsed_objects(self, token: Token) -> list[Token]:
        """ "exchanged sick and wounded prisoners": the parser may take an adjective for a
        verb of its own ("wounded") and hang the object, and the date, there."""
        found = []
        for child in token.children:
            if (
                child.dep_ == "conj"
                and is_verbal(child)
                and child.i not in self.triggers
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            ):
                objects = [c for c in child.children if c.dep_ == "dobj"]
                if objects:
                    self.extra.add(child.i)
                    found += objects
        return found

    def _people_subject(self, tokens: list[Token]) -> bool:
        """ "the Russians freed in the handover were ...": a people subject of a release
        verb with no object is what was released (a reduced relative the parser missed)."""
        return any(
            _unofficial(self.index.name(t)) and self.reader.people.is_people(self.index, t)
            for t in tokens
        )

    def _noun(self) -> bool:
        token = self.token
        if _preposition_word(token):
            return False
        of = [
            c
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for c in child.children
            if c.dep_ == "pobj"
        ]
        things = self.lexicon.triggers.things
        if any(o.lemma_.lower() in things for o in of):
            return False
        self.people += [p for o in of for p in self.reader.people.read(self.index, o)]
        for obj in of:
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ == "for":
                    for target in child.children:
                        if target.dep_ == "pobj":
                            self.counter += self.reader.people.read(self.index, target)
        apposed = [c for c in token.children if c.dep_ == "appos"]
        self.people += [p for a in apposed for p in self.reader.people.read(self.index, a)]
        owners = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        for owner in owners:
            for name in self.index.names_in(noun_phrase(owner)):
                if name.how != "demonym" and name.kind != "Location" and name.side:
                    self.agents.append(name.side)
                elif name.how == "demonym" and self.frame == "swap":
                    self.agents.append(name.side or name.iri)
        host = _light_host(token, self.lexicon.narrative.light_verbs)
        if host is not None:
            self.host = host
            if token.dep_ in ("dobj", "pobj"):
                self._agents_from(subjects(host))
        elif (
            token.dep_ == "dobj"
            and token.head.lemma_.lower() in self.lexicon.triggers.needs_release_object
        ):
            self.frame = "get" if self.frame == "give" else self.frame
            self.host = token.head
            self._agents_from(subjects(token.head))
        return True

    def _participle(self) -> bool:
        head = self.token.head
        self.people += self.reader.people.read(self.index, head)
        if not self.people:
            return False
        if head.head != head and is_verbal(head.head):
            self.host = head.head
        return True

    def _agents_from(self, tokens: list[Token]) -> None:
        joint = self.lexicon.roles.joint_subjects
        for subject in tokens:
            if subject.pos_ == "PRON":
                self._pronoun_agent(subject)
                continue
            phrase = noun_phrase(subject)
            names = [n for n in self.index.names_in(phrase) if n.kind != "Location" or n.side]
            if subject.lemma_.lower() in joint and (not names or subject.tag_ == "NNS"):
                self.joint = True
                if names:
                    continue
            self.opponents += [
                t
                for t in (subject, *subject.conjuncts)
                if t.lemma_.lower() in self.lexicon.roles.opponents and self.index.name(t) is None
            ]
            for name in names:
                side = name.side or name.iri
                if name.how == "demonym" and subject.lemma_.lower() in self.lexicon.people.nouns:
                    continue
                self.agents.append(side)

    def _pronoun_agent(self, pronoun: Token) -> None:
        """ "Russia and Ukraine said they exchanged": a pronoun subject of a reported clause
        is the reporting verb's subject."""
        clause = pronoun.head
        if clause.dep_ != "ccomp" or clause.head == clause:
            return
        for subject in subjects(clause.head):
            if subject.pos_ != "PRON":
                self._agents_from([subject])

    def _prepositions(self, head: Token, carried: bool = False) -> None:
        """Roles from prepositions; on a verb that only carries the event ("were taken
        to Belarus", "took place in Abu Dhabi"), "to" names a place, not a recipient."""
        table = self.lexicon.roles.prepositions
        for role, obj in prepositions(head, table):
            if carried and role in ("recipient", "source"):
                role = "place"
            if role == "place" and not self._venue(obj):
                continue
            if role == "counter":
                if obj.i not in self.triggers:
                    self.counter += self.reader.people.read(self.index, obj)
                continue
            if role == "agreement":
                self._agreement(obj)
                continue
            if obj.lemma_.lower() in self.lexicon.roles.captivity:
                role = "source" if role in ("source", "place") else role
            self._name_role(role, obj)

    def _agreement(self, obj: Token) -> None:
        deals = self.lexicon.agreements
        if obj.lemma_.lower() in deals.nouns:
            self.deal = obj.i
        self.under_deal = self.under_deal or obj.lemma_.lower() in deals.nouns | deals.references

    def _governing_agreement(self) -> None:
        """ "Under it, Moscow is to release 40", "At those talks Kyiv said it would return
        70": the deal, or the talks that made it, named by the verbs governing this one."""
        current, table = self.token, self.lexicon.roles.prepositions
        talks = self.lexicon.agreements.talks
        while current.dep_ in ("xcomp", "ccomp", "conj") and current.head != current:
            current = current.head
            for role, obj in prepositions(current, table):
                if role == "agreement":
                    self._agreement(obj)
                elif obj.lemma_.lower() in talks and self.reader.status.status(obj) == ACTUAL:
                    self.under_deal = True

    def _absorbed_nouns(self) -> list[Token]:
        """ "released in a prisoner exchange with the Kremlin": the event noun that joins
        this verb's event brings its own roles."""
        found = []
        for child in self.token.children:
            if child.dep_ == "prep" and child.lower_ in ABSORBING:
                found += [
                    c
                    for c in child.children
                    if c.dep_ == "pobj"
                    and c.i in self.triggers
                    and self.triggers[c.i].kind == "noun"
                    and not _preposition_word(c)
                ]
        return found

    def _nested_places(self) -> None:
        """ "transferred to the IDF by the ICRC in the Gaza Strip": a place phrase the parser
        hung on a noun of the clause (an agent, a recipient) is still where it happened."""
        table = self.lexicon.roles.prepositions
        for head in {self.token, self.host}:
            for child in head.children:
                if child.dep_ not in ("agent", "prep", "dative", "dobj"):
                    continue
                nouns = [c for c in child.children if c.dep_ == "pobj"] or [child]
                for noun in nouns:
                    for role, obj in prepositions(noun, table):
                        if role == "place" and self._venue(obj):
                            self._name_role("place", obj)

    def _venue(self, obj: Token) -> bool:
        """ "on Ukraine's Independence Day" is a time; "on" names a place only before a
        place word ("on the border") or a place's own name."""
        prep = obj.head
        if prep.lower_ != "on":
            return True
        name = self.index.name(obj)
        return obj.lemma_.lower() in self.lexicon.places.venue_nouns or (
            name is not None and name.kind == "Location"
        )

    def _name_role(self, role: str, obj: Token) -> None:
        phrase = place_phrase(obj) if role == "place" else noun_phrase(obj)
        names = self.index.names_in(phrase)
        for name in names:
            if name.kind == "Location" or (role == "place" and name.kind == "State"):
                if role in ("place", "recipient") or name.how == "name":
                    if role == "recipient" and name.kind == "State":
                        self.roles["recipient"].append(name.iri)
                    elif role != "source":
                        self.roles["place"].append(name.iri)
                continue
            side = name.side or name.iri
            if role == "between":
                self.agents.append(side)
            elif role in self.roles and role != "place":
                self.roles[role].append(side)

    def mention(self, sent: int, mediators: list[str], whereabouts: list[str]) -> EventMention:
        index, token = self.index, self.token
        status = self._status()
        clause = clause_tokens(self.host) | clause_tokens(token)
        if self.trigger.kind == "noun":
            self.extra |= self._light_clauses(token)
        self.extra |= self._span_clauses(clause)
        for extra in self.extra:
            clause |= clause_tokens(index.doc[extra])
        quoted = self.reader.quoted(token.idx)
        dates = [
            d for d in index.dates_in(clause) if not d.dateline and not (quoted and d.relative)
        ]
        if not dates:
            dates = self._reported_dates()
        people = self._each(self.people, clause)
        dated = any(d.value is not None and d.value.is_day and not d.since for d in dates)
        running = any(d.since for d in index.dates_in(clause - self._descriptions(clause)))
        if running or self._totals(dated):
            people = [_total(p) for p in people]
        if status == ACTUAL and self.trigger.kind == "noun" and self._plural_unspecific():
            status = GENERIC
        return EventMention(
            trigger=token.i,
            frame=self.frame,
            sent=sent,
            lemma=token.lemma_.lower(),
            noun=self.trigger.kind != "verb",
            status=status,
            agents=tuple(dict.fromkeys(self.agents)),
            people=tuple(people),
            recipients=tuple(dict.fromkeys(self.roles["recipient"])),
            sources=tuple(dict.fromkeys(self.roles["source"])),
            partners=tuple(dict.fromkeys(self.roles["partner"])),
            counter=tuple(self.counter),
            places=tuple(dict.fromkeys(self.roles["place"] + whereabouts)),
            mediators=tuple(mediators),
            dates=tuple(d for d in dates if not d.since),
            earlier=self._earlier(),
            stage=self._ordinal(),
            deal=self.deal,
            joint=self.joint,
            pledged=status == PLANNED and (self.under_deal or self._pledged()),
            days=self._duration(clause),
            categories=self._categories(clause),
            additional=self._additional(clause),
            ends=self.host.lemma_.lower() in self.lexicon.narrative.end_verbs
            or token.lemma_.lower() in self.lexicon.narrative.end_verbs,
        )

    def _descriptions(self, clause: set[int]) -> set[int]:
        """ "freed 19 people held hostage since January": a clause of holding says how long
        they were held, not since when a running total counts (the parser may make it the
        people's relative clause or a verb joined to the release)."""
        doc = self.index.doc
        holding = self.lexicon.roles.holding_verbs
        return {
            t.i
            for i in clause
            if doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in holding and i != self.token.i
            for t in doc[i].subtree
        }

    def _categories(self, clause: set[int]) -> tuple[str, ...]:
        """Kinds of people named in the clause outside its subject ("exchanged ... under
        25", "a swap of prisoners under the age of 25")."""
        doc = self.index.doc
        skip = {
            t.i
            for i in clause
            for c in doc[i].children
            if c.dep_ in ("nsubj", "agent") and self.trigger.kind == "verb"
            for t in c.subtree
        }
        return tuple(self.index.categories_in(clause - skip))

    def _additional(self, clause: set[int]) -> bool:
        """ "In addition, 9 wounded were handed over", "Russia also freed ...": a further
        batch, not another figure for the same people. The sentence's opening counts
        however the parser hung it."""
        sent = self.index.sent(self.token.i)
        opening = {t.i for t in sent[:3]}
        words = " " + " ".join(self.index.doc[i].lower_ for i in sorted(clause | opening)) + " "
        return any(f" {w} " in words for w in self.lexicon.narrative.additive)

    def _duration(self, clause: set[int]) -> int | None:
        """ "completed on Sunday ... over three days", "a three-day period starting May 23":
        how long, when the sentence says the date is a start or an end. A truce's length
        ("the start of a four-day truce") is the truce's."""
        doc = self.index.doc
        sent = self.index.sent(self.token.i)
        narrative = self.lexicon.narrative
        bounded = any(
            t.lemma_.lower() in narrative.start_verbs | narrative.end_verbs
            and t.pos_ in ("VERB", "AUX")
            for t in (doc[i] for i in clause)
        )
        if not bounded:
            return None
        deals = self.lexicon.agreements.nouns
        for token in sent:
            if token.lemma_.lower() != "day" or token.head.lemma_.lower() in deals:
                continue
            number = next(
                (c for c in token.children if c.dep_ in ("nummod", "amod", "compound")), None
            )
            if number is None and token.i >= 2 and doc[token.i - 1].text in ("-", "‐"):
                number = doc[token.i - 2]
            if number is None:
                continue
            value = _value(number.lower_, self.lexicon)
            if value is not None and 2 <= value <= 10:
                return value
        return None

    def _earlier(self) -> bool:
        """Past perfect, "the previous swap"; or an "after" clause beside another event of
        its sentence (a caption's "after the exchange, February 8" tells this one)."""
        status = self.reader.status
        if status.earlier(self.token) or status.earlier(self.host) or self._told_of_earlier():
            return True
        if not (status.after(self.token) or status.after(self.host)):
            return False
        sent = self.index.sent(self.token.i)
        return any(t.i in self.triggers and t.i != self.token.i for t in sent)

    def _told_of_earlier(self) -> bool:
        """ "The last exchange took place on August 24, when both sides returned 146 each":
        a "when" clause tells more of the earlier event whose clause it hangs on."""
        host = self.host
        if host.dep_ not in ("advcl", "relcl") or not _when(host):
            return False
        head = host.head
        while not is_verbal(head) and head.head != head:
            head = head.head
        status = self.reader.status
        return status.earlier(head) or any(status.earlier(s) for s in subjects(head))

    def _pledged(self) -> bool:
        commits = self.lexicon.speech.commit_verbs
        current = self.host
        for _ in range(3):
            if current.lemma_.lower() in commits:
                return True
            if current.head == current:
                return False
            current = current.head
        return False

    def _light_clauses(self, noun: Token) -> set[int]:
        """ "the swap, conducted between May 23-25", "the exchange, which took place on
        Friday": a light verb's clause on the noun tells the event's days and places."""
        light = self.lexicon.narrative.light_verbs
        moving = self.lexicon.triggers.held_only
        return {
            t.i
            for t in noun.subtree
            if t.dep_ in ("acl", "relcl")
            and t.lemma_.lower() in light
            and t.head.pos_ in ("NOUN", "PROPN")
            and (t.i not in self.triggers or t.lemma_.lower() in moving)
        }

    def _span_clauses(self, clause: set[int]) -> set[int]:
        """ "over a three-day period starting May 23": a participle of starting or ending
        inside the clause dates the event, and so does the end of "began on June 2 and
        ended on June 4" and the start of "ended yesterday after starting on Friday"."""
        span = self.lexicon.narrative.span_verbs
        doc = self.index.doc
        found = {
            c.i
            for i in clause
            for c in doc[i].children
            if c.dep_ in ("acl", "advcl", "relcl")
            and c.lemma_.lower() in span
            and c.i not in clause
        }
        if self.host.lemma_.lower() in span:
            found |= {c.i for c in self.host.conjuncts if c.lemma_.lower() in span}
        found |= {
            t.i
            for i in found
            for t in doc[i].subtree
            if t.i != i and is_verbal(t) and t.lemma_.lower() in span
        }
        return found

    def _status(self) -> str:
        """The word's own status; an event noun also takes its light verb's ("has yet to
        take place", "was postponed"), and a light verb in the past tells that even "the
        next exchange" happened ("the next exchange of prisoners took place")."""
        status = self.reader.status.status(self.token)
        if self.host == self.token or self.trigger.kind != "noun":
            return status
        carried = self.reader.status.status(self.host)
        if status == PLANNED and carried == ACTUAL and self.host.tag_ == "VBD":
            return ACTUAL
        return carried if status == ACTUAL else status

    def _totals(self, dated: bool) -> bool:
        """A running total: "so far", "to date", "over the past two weeks", "through 48 swaps",
        a summary sentence ("Tally: ..."); "in total" and "a total of" only when the clause
        has no day of its own ("in total 183 were released today" counts one day's
        handover)."""
        words = self.lexicon.narrative
        sent = self.index.sent(self.token.i)
        opening = " ".join(t.lower_ for t in sent[:6] if t.is_alpha)
        if any(opening.startswith(lead) for lead in words.summary_leads):
            return True
        for head in {self.token, self.host}:
            for child in head.children:
                counted = child.dep_ in ("nsubj", "nsubjpass", "dobj")
                if counted and not dated and child.lemma_.lower() in words.totals:
                    return True
                if child.dep_ == "prep" and self._over_many(child):
                    return True
                if child.dep_ not in ("advmod", "prep", "npadvmod", "advcl"):
                    continue
                text = f" {' '.join(t.lower_ for t in child.subtree)} "
                if any(f" {w} " in text for w in words.running):
                    return True
                if not dated and any(f" {w} " in text for w in words.totals):
                    return True
        return False

    def _over_many(self, prep: Token) -> bool:
        """ "freed 2,598 through 48 swaps", "in 58 exchanges": handovers counted over many."""
        return any(
            o.dep_ == "pobj"
            and o.tag_ == "NNS"
            and o.lemma_.lower() in self.reader.event_nouns
            and any(c.dep_ == "nummod" for c in o.children)
            for o in prep.children
        )

    def _reported_dates(self) -> list[DateMention]:
        """An undated event takes the days of the clauses that govern it: a report ("announced
        on Tuesday the release"), a verb whose object it is ("the ICRC on Monday facilitated
        the release"), a clause it completes ("an operation that began on Friday and saw the
        Houthis let 18 people go", which goes on to the day the operation ended). A report
        is as far as it goes ("In announcing the exchange, the ministry said on Friday" does
        not date the exchange); a reaction or a cause dates only itself ("welcomed the
        release on Sunday", "the round on 16 May led to the exchange"). An "after" clause
        is earlier by what it says ("a day after the Taliban let him go")."""
        current, found, shift = self.host, [], 0
        for _ in range(CLIMB):
            head = current.head
            if head == current:
                break
            if current.dep_ in ("advcl", "relcl", "acl") and self._marked(current):
                step = self._offset(current)
                if step is None:
                    break
                shift += step
            narrative = self.lexicon.narrative
            if head.lemma_.lower() in narrative.reaction_verbs | narrative.result_verbs:
                break
            if current.dep_ == "relcl" and head.i in self.index.dates and not _when(current):
                break
            if is_verbal(head) and current.dep_ in GOVERNED:
                dates = [d for d in self.index.dates_in(clause_tokens(head)) if not d.dateline]
                found += [_moved(d, shift) for d in dates if not d.since]
                if head.lemma_.lower() in narrative.report_verbs:
                    break
                if dates and head.lemma_.lower() not in narrative.start_verbs:
                    break
            current = head
        return found

    def _marked(self, clause: Token) -> bool:
        narrative = self.lexicon.narrative
        marks = narrative.before_marks | narrative.later_marks
        return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)

    def _offset(self, clause: Token) -> int | None:
        """Days from the governing clause's day to this one's: -1 for "a day after", +14
        for "two weeks before", 0 for "hours after"; None when the clause gives no amount."""
        narrative = self.lexicon.narrative
        mark = next(c for c in clause.children if c.dep_ == "mark")
        sign = -1 if mark.lower_ in narrative.before_marks else 1
        for child in clause.children:
            unit = narrative.time_units.get(child.lemma_.lower())
            if child.dep_ == "npadvmod" and unit is not None:
                amount = next((c for c in child.children if c.dep_ in ("nummod", "det")), None)
                count = 1 if amount is None or amount.lower_ in ("a", "an", "one") else None
                count = count or _value(amount.lower_, self.lexicon) or 0
                return sign * unit * count
        return None

    def _each(self, people: list[People], clause: set[int]) -> list[People]:
        """ "95 each", "each side freed 90", "1,000 for 1,000": the count holds both ways."""
        doc = self.index.doc
        tokens = [doc[i] for i in sorted(clause)]
        words = " ".join(t.lower_ for t in tokens)
        each = any(
            t.lower_ in self.lexicon.roles.each_words
            and not any(c.lower_ in ("of", "other") for c in t.children)
            and t.head.lower_ != "other"
            for t in tokens
        ) or any(f" {p} " in f" {words} " for p in self.lexicon.roles.each_phrases)
        if self.frame == "swap":
            sent = self.index.sent(self.token.i)
            words += " " + " ".join(t.lower_ for t in sent)
        for match in N_FOR_N.finditer(words):
            first = _value(match[1], self.lexicon)
            if first is not None and first == _value(match[2], self.lexicon):
                each = True
                if not people:
                    people = [People(head=self.token.i, count=first, each=True)]
        if not each:
            return people
        return [replace(p, each=True) for p in people]

    def _plural_unspecific(self) -> bool:
        """ "prisoner exchanges have been the only result": no one handover."""
        token = self.token
        return token.tag_ == "NNS" and not any(
            c.dep_ in ("det", "nummod", "poss") for c in token.children
        )

    def _ordinal(self) -> int | None:
        if self.trigger.kind != "noun":
            return None
        ordinals = self.lexicon.numbers.ordinals
        return next(
            (
                ordinals[c.lower_]
                for c in self.token.children
                if c.lower_ in ordinals and c.dep_ == "amod"
            ),
            None,
        )


def _preposition_word(token: Token) -> bool:
    """ "in exchange for", "in return for": the noun is part of a preposition."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in token.children)
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    )


def _moved(mention: DateMention, days: int) -> DateMention:
    if not days or mention.value is None:
        return mention
    return replace(mention, value=shifted(mention.value, days))


def _unofficial(name) -> bool:
    """Not a known actor: no name, a demonym, or a person the gazetteer does not list (the
    gazetteer's people are officials who release, not the released)."""
    return name is None or name.how in ("demonym", "ner")


def _value(word: str, lexicon: Lexicon) -> int | None:
    text = word.replace(",", "")
    if text.isdigit():
        return int(text)
    return lexicon.numbers.words.get(text)


def _total(people: People) -> People:
    return replace(people, total=True)
