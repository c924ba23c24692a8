"""Agreements read from the parse: when and where a deal was reached, by whom, and what for.

"an agreement reached at peace talks last week in Turkey", "Russia and Ukraine agreed on
June 2 to exchange ...", "the Doha deal announced on 15 January", "talks that concluded
in Istanbul, where the parties finalised the plan": the deal word's clause (or that of
the verb that reached it) gives its date and place; the round comes from an ordinal on
a talks word ("the second round of talks"); the handovers it provides are the planned
events of its sentence. Results: ``doc._.deals``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.clauses import (
    clause_tokens,
    is_verbal,
    noun_phrase,
    place_phrase,
    prepositions,
    subjects,
)
from kg.nlp.index import DocIndex, index_of
from kg.nlp.lexicon import Lexicon
from kg.nlp.mediation import MediationReader
from kg.nlp.mentions import DealMention
from kg.nlp.modality import ACTUAL, GENERIC, NEGATED, STOPPED, StatusReader

PLACE_ROLES = frozenset({"place"})


@Language.factory(
    "kg_agreements",
    requires=["token.dep", "token.lemma", "doc._.names", "doc._.dates", "doc._.events"],
    assigns=["doc._.deals"],
    default_config={"lexicon": {"@misc": "kg.lexicon.v2"}},
)
def make_agreements(nlp: Language, name: str, lexicon: Lexicon) -> DealReader:
    return DealReader(lexicon)


class DealReader:
    """One DealMention per agreement word (noun) or agreeing verb."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.status = StatusReader(lexicon)
        self.mediation = MediationReader(lexicon)
        self.event_nouns = frozenset(
            n for words in lexicon.triggers.by_frame().values() for n in words.nouns
        )

    def __call__(self, doc: Doc) -> Doc:
        index = index_of(doc)
        planned: dict[int, list[int]] = {}
        for event in doc._.events or ():
            if event.status == "planned":
                planned.setdefault(event.sent, []).append(event.trigger)
        deals = []
        for token in doc:
            host = self._host(token)
            if host is not None:
                deals.append(self._deal(index, token, host, planned))
        meetings = self._meetings(index)
        doc._.deals = [self._at_the_talks(index, d, meetings) for d in deals]
        return doc

    def _meetings(self, index: DocIndex) -> list[tuple[int, list[Token]]]:
        """(sentence, verbs) of each dated sentence that tells talks being held: "envoys
        met in Geneva on Tuesday", "negotiators sat down in Istanbul on Wednesday for their
        third round of talks", "held talks on Monday"."""
        found = []
        for number, start in enumerate(index.sent_starts):
            sent = index.sent(start)
            verbs = [t for t in sent if t.pos_ == "VERB" and self._meeting(t)]
            scope = {i for v in verbs for i in clause_tokens(v)}
            if verbs and any(not d.dateline for d in index.dates_in(scope)):
                found.append((number, verbs))
        return found

    def _meeting(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        if lemma in ("meet", "convene", "gather"):
            return True
        talks = self.lexicon.agreements.talks
        return lemma in self.lexicon.agreements.meet_verbs and any(
            t.lemma_.lower() in talks for t in verb.subtree if t.i != verb.i
        )

    def _at_the_talks(
        self, index: DocIndex, deal: DealMention, meetings: list[tuple[int, list[Token]]]
    ) -> DealMention:
        """ "Envoys met in Geneva on Tuesday for a second round of talks. The envoys agreed
        to ...": an undated deal was reached at the talks told last before it, and "It was
        the third round of talks" after a deal numbers it."""
        if deal.round is None and deal.sent + 1 < len(index.sent_starts):
            after = index.sent(index.sent_starts[deal.sent + 1])
            if _is_it(after.root):
                deal = replace(deal, round=self._round(index, set(range(after.start, after.end))))
        told = [verbs for number, verbs in meetings if number <= deal.sent]
        if deal.dates or not told:
            return deal
        scope = {i for m in told[-1] for i in clause_tokens(m)}
        dates = tuple(d for d in index.dates_in(scope) if not d.dateline and not d.since)
        return replace(
            deal,
            dates=dates,
            places=deal.places or tuple(self._places(index, told[-1])),
            round=deal.round or self._round(index, scope),
        )

    def _host(self, token: Token) -> Token | None:
        """The word whose clause tells about the deal: the deal verb, or the verb that
        reached the deal noun ("reached an agreement", "the agreement reached on ...")."""
        words = self.lexicon.agreements
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in words.verbs:
            return token if not self._agreed_thing(token) else None
        if lemma not in words.nouns or not _nominal(token):
            return None
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in words.reach_verbs:
                return child
        head = token.head
        if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in words.reach_verbs:
            return head
        return token

    def _agreed_thing(self, verb: Token) -> bool:
        """ "the lists are agreed out of public view": what is habitually agreed is no deal
        between the sides, unless it is a deal or a handover ("a truce is agreed"); "the
        lists were agreed on 27 September" is one."""
        words = self.lexicon.agreements
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agreed = words.nouns | words.references | self.event_nouns
        habitual = any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
        return habitual and not any(s.lemma_.lower() in agreed for s in passive)

    def _deal(self, index: DocIndex, token: Token, host: Token, planned: dict) -> DealMention:
        announced = self._announcement(host) + _where(host)
        clause = clause_tokens(host) | noun_phrase(token)
        clause |= {i for verb in announced for i in clause_tokens(verb)}
        talks = self._talks(index, clause)
        held = [c for talk in talks for c in talk.children if c.dep_ in ("acl", "relcl")]
        scope = clause | {t for talk in talks for t in noun_phrase(talk)}
        scope |= {t for verb in held for t in clause_tokens(verb)}
        scope |= _participles(token.doc, clause)
        in_force = any(
            " ".join(t.lemma_.lower() for t in _words(host)).startswith(phrase)
            for phrase in self.lexicon.agreements.in_force
        )
        sent = index.sentence_number(token.i)
        return DealMention(
            head=token.i,
            sent=sent,
            dates=tuple(d for d in index.dates_in(scope) if not d.dateline and not d.since),
            places=tuple(self._places(index, [host, token, *talks, *held, *announced])),
            parties=tuple(self._parties(index, host, token)),
            mediators=tuple(self.mediation.mediators(index, index.sent(token.i))),
            round=self._round(
                index, set(range(index.sent(token.i).start, index.sent(token.i).end))
            ),
            reached=self._reached(token, host),
            provides=tuple(self._provides(index, token, planned)),
            in_force=in_force,
        )

    def _announcement(self, host: Token) -> list[Token]:
        """ "on 11 October both sides announced that they had agreed": the announcing verb
        (and the verbs told with it) date and place a deal it reports."""
        reporting = self.lexicon.narrative.report_verbs
        if host.dep_ != "ccomp" or host.head.lemma_.lower() not in reporting:
            return []
        verb = host.head
        return [verb, *verb.conjuncts]

    def _talks(self, index: DocIndex, clause: set[int]) -> list[Token]:
        """The talks named in the deal's clause ("at peace talks in Istanbul")."""
        talks = self.lexicon.agreements.talks
        return [index.doc[i] for i in sorted(clause) if index.doc[i].lemma_.lower() in talks]

    def _places(self, index: DocIndex, heads: list[Token]) -> list[str]:
        found = []
        for head in heads:
            for role, obj in prepositions(head, self.lexicon.roles.prepositions):
                if role not in PLACE_ROLES or obj.lemma_.lower() in self.event_nouns:
                    continue
                for name in index.names_in(place_phrase(obj)):
                    if name.is_place or name.kind == "State":
                        found.append(name.iri)
        return list(dict.fromkeys(found))

    def _parties(self, index: DocIndex, host: Token, token: Token) -> list[str]:
        tokens = [*subjects(host)] if is_verbal(host) else []
        tokens += [c for c in token.children if c.dep_ in ("poss", "compound", "amod")]
        found = []
        for t in tokens:
            for name in index.names_in(noun_phrase(t)):
                if name.side and name.kind != "Location":
                    found.append(name.side)
        return list(dict.fromkeys(found))

    def _round(self, index: DocIndex, scope: set[int]) -> int | None:
        """ "the second round of talks", "the second direct peace dialogue", "round two of
        the talks": an ordinal on a talks word of the deal's sentence, or a number after
        "round". "The second round of releases" numbers no talks."""
        numbers = self.lexicon.numbers
        doc = index.doc
        for i in sorted(scope):
            token = doc[i]
            if token.lemma_.lower() not in self.lexicon.agreements.talks or self._of_other(token):
                continue
            for child in token.children:
                if child.lower_ in numbers.ordinals:
                    return numbers.ordinals[child.lower_]
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if token.lower_ == "round" and after is not None and after.like_num:
                value = numbers.words.get(after.lower_) or _digits(after.text)
                if value:
                    return value
        return None

    def _of_other(self, token: Token) -> bool:
        """ "round of releases": a round of something other than talks."""
        talks = self.lexicon.agreements.talks
        return any(
            obj.lemma_.lower() not in talks
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for obj in child.children
            if obj.dep_ == "pobj"
        )

    def _reached(self, token: Token, host: Token) -> bool:
        """A deal that exists: not hoped for, planned, negated or still being discussed.

        "the agreement reached on June 2" is as real as its noun's clause says; "reached
        an agreement" as real as the verb.
        """
        if host.head == token:
            return self.status.status(token) in (ACTUAL, GENERIC)
        return self.status.status(host) in (ACTUAL, GENERIC) and self.status.status(token) not in (
            NEGATED,
            STOPPED,
        )

    def _provides(self, index: DocIndex, token: Token, planned: dict[int, list[int]]) -> list[int]:
        """The planned handovers of the deal's sentence (``planned``: by sentence)."""
        return planned.get(index.sentence_number(token.i), [])


def _where(host: Token) -> list[Token]:
    """ "talks concluded on 20 March in Bern, where the parties finalized the plan": the
    verb of the place a "where" clause hangs on dates and places the deal (the parser may
    hang the place on the date: "concluded on 20 March in Bern")."""
    if host.dep_ != "relcl" or not any(c.lower_ == "where" for c in host.children):
        return []
    place = host.head
    while place.dep_ in ("appos", "conj") and place.head != place:
        place = place.head
    prep = place.head
    if place.dep_ != "pobj" or prep.dep_ != "prep":
        return []
    verb = prep.head
    if verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        verb = verb.head.head
    return [verb] if is_verbal(verb) else []


def _participles(doc: Doc, clause: set[int]) -> set[int]:
    """ "agreed in a joint statement issued on December 7": a participle on a noun of the
    deal's clause tells when the deal was made public."""
    return {
        t
        for i in clause
        if doc[i].pos_ in ("NOUN", "PROPN")
        for c in doc[i].children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for t in clause_tokens(c)
    }


def _is_it(root: Token) -> bool:
    """ "It was the third round of talks": a copula whose subject points back."""
    return root.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in root.children
    )


def _digits(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 3 else None


def _nominal(token: Token) -> bool:
    """A noun, or a word the tagger took for a verb inside a noun phrase ("the ceasefire
    deal in Doha": "deal" after a noun is the noun)."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    previous = token.doc[token.i - 1] if token.i else None
    return previous is not None and previous.pos_ in ("NOUN", "PROPN", "ADJ", "DET")


def _words(host: Token) -> list[Token]:
    return [host, *[c for c in host.children if c.dep_ in ("prt", "dobj", "prep")]]
