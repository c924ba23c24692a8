"""Who brokered a handover or a deal, read from the words of mediation and their parse.

"mediated by the UAE", "Qatar brokered", "thanks to Emirati mediation", "with the help
of Türkiye", "a UAE-brokered swap", "the UAE acted as mediator", "thanked Saudi Arabia
for its efforts", "expressed gratitude to the UAE": the mediator is the agent of a
mediation verb, the owner of a mediation noun (or, when the owner is "its", whoever
the clause is about), the subject a mediator noun describes, or whom thanks go to. A
person mediates for the state they act for.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.nlp.clauses import noun_phrase, subjects
from kg.nlp.index import DocIndex
from kg.nlp.lexicon import Lexicon

OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
HYPHENS = frozenset({"-", "‐", "–"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
CLIMB = 3
"""Heads climbed from a mediation noun to the verb whose subject it describes."""


@dataclass(frozen=True)
class MediationReader:
    lexicon: Lexicon

    def mediators(self, index: DocIndex, sent: Span) -> list[str]:
        """The parties a sentence names as mediators, in text order, once each."""
        found: list[str] = []
        for token in sent:
            if index.name(token) is not None:
                continue
            for name_token in self._named_by(token):
                found.extend(self._parties(index, name_token))
        return list(dict.fromkeys(found))

    def _named_by(self, token: Token) -> list[Token]:
        m = self.lexicon.mediation
        lemma = token.lemma_.lower()
        if (
            token.lower_ in m.compound_suffixes
            and token.i >= 2
            and token.doc[token.i - 1].text in HYPHENS
        ):
            return [token.doc[token.i - 2]]
        if token.pos_ == "VERB" and lemma in m.verbs:
            return [] if any(c.dep_ == "neg" for c in token.children) else self._verb_agents(token)
        nominal = token.pos_ in ("NOUN", "PROPN") and {lemma, token.lower_} & m.nouns
        if nominal or _hyphenated(token) in m.nouns:
            return self._noun_owners(token)
        if lemma in m.thanks:
            return self._thanked(token)
        return []

    def _verb_agents(self, verb: Token) -> list[Token]:
        """ "brokered by Qatar" (passive), "Qatar mediated" (active), "the ICRC chaired the
        talks jointly with the UN envoy" (both)."""
        agents = [c for child in verb.children if child.dep_ == "agent" for c in child.children]
        if agents:
            return agents
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return []
        if verb.dep_ in ("amod", "acl") and verb.tag_ == "VBN":
            return []
        partners = [
            o
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        return subjects(verb) + partners

    def _noun_owners(self, noun: Token) -> list[Token]:
        """ "Qatar's mediation", "Emirati mediation", "the mediation of the UAE"; for "its
        mediation" or "acted as mediator", whom the clause is about."""
        word = {noun.i - 2, noun.i - 1} if _hyphenated(noun) else set()
        owners = [
            c
            for c in noun.children
            if c.dep_ in OWNER_DEPS and c.lower_ not in POSSESSIVE_PRONOUNS and c.i not in word
        ]
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "by", "from"):
                owners += [c for c in child.children if c.dep_ == "pobj"]
        if owners:
            return owners
        return self._described(noun)

    def _described(self, noun: Token) -> list[Token]:
        """The subject of the verb a mediation noun hangs on ("the UAE acted as mediator",
        "the UAE has provided mediation"), or the one thanked for it ("thanked the UAE for
        its mediation")."""
        current = noun
        for _ in range(CLIMB):
            head = current.head
            if head == current:
                return []
            if head.lemma_.lower() in self.lexicon.mediation.thanks:
                return self._thanked(head)
            if head.pos_ in ("VERB", "AUX"):
                said_of = [_antecedent(s) for s in subjects(head)]
                return self._appointed(head) or [s for s in said_of if s.pos_ != "PRON"]
            current = head
        return []

    def _appointed(self, verb: Token) -> list[Token]:
        """ "an official, named as facilitator by the UN Secretary-General": who appoints a
        mediator mediates through them, and so does the one appointed."""
        agents = [c for child in verb.children if child.dep_ == "agent" for c in child.children]
        if not agents:
            return []
        return agents + ([verb.head] if verb.dep_ == "acl" else [])

    def _thanked(self, token: Token) -> list[Token]:
        """ "thanked the UAE", "gratitude to the UAE", "thanks to Qatar's efforts"."""
        found = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                found += [c for c in child.children if c.dep_ == "pobj"]
        if token.dep_ == "dobj" and token.lemma_.lower() in ("gratitude", "thanks", "appreciation"):
            for child in token.head.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    found += [c for c in child.children if c.dep_ == "pobj"]
        return found

    def _parties(self, index: DocIndex, token: Token) -> list[str]:
        """States, groups and bodies as themselves; a person for the side they act for.

        "Officials from Norway" and "Norway's envoys" act for Norway; "its envoys", in
        "Norway said its envoys had mediated", for the subject of the verb that tells it.
        """
        phrase = noun_phrase(token) | _from_phrase(token)
        found = []
        for name in index.names_in(phrase):
            if name.kind == "Location":
                continue
            acting = name.how == "demonym" or name.kind == "Person"
            found.append(name.side if acting and name.side else name.iri)
        if not found and _owned_by_pronoun(token):
            teller = _telling_subject(token)
            if teller is not None:
                return self._parties(index, teller)
        return found


def _hyphenated(token: Token) -> str:
    """ "go-between", which the tokenizer splits in three."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text in HYPHENS:
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return ""


def _from_phrase(token: Token) -> set[int]:
    return {
        t
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in ("from", "of")
        for obj in child.children
        if obj.dep_ == "pobj"
        for t in noun_phrase(obj)
    }


def _owned_by_pronoun(token: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in token.children)


def _antecedent(subject: Token) -> Token:
    """ "Qatar, which acted as a mediator": a relative pronoun stands for the noun its clause
    describes."""
    clause = subject.head
    if subject.tag_ in ("WDT", "WP") and clause.dep_ == "relcl":
        return clause.head
    return subject


def _telling_subject(token: Token) -> Token | None:
    """The subject of the verb whose clause holds ``token`` ("Norway said [its envoys had
    mediated]": Norway)."""
    current = token.head
    for _ in range(CLIMB + 1):
        if current.dep_ in ("ccomp", "xcomp", "advcl", "conj") and current.head != current:
            told = [s for s in subjects(current.head) if s.pos_ != "PRON"]
            if told:
                return told[0]
        if current.head == current:
            return None
        current = current.head
    return None
