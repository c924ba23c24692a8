"""Whether an event word reports something that happened, from its place in the parse.

"Russia will release", "agreed to free", "talks on a swap", "the exchange was
postponed", "did not return", "any future swaps", "if Hamas releases": none is a
handover that happened. "managed to bring back" and "helped free" are. Status words
are the lexicon's; which word governs which is the parser's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.nlp.clauses import is_verbal
from kg.nlp.lexicon import Lexicon

ACTUAL, PLANNED, STOPPED, NEGATED, GENERIC = "actual", "planned", "stopped", "negated", "generic"
ASKED = "asked"
COMPLEMENTS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl"})
OBJECTS = frozenset({"dobj", "pobj", "nsubjpass", "nsubj", "attr", "conj", "appos", "oprd"})
MAX_CHAIN = 4
"""Governors followed upward: "said it had agreed to start preparing to release"."""


@dataclass(frozen=True)
class StatusReader:
    lexicon: Lexicon

    def status(self, token: Token) -> str:
        """``actual``, ``planned``, ``stopped``, ``negated``, ``generic`` or ``asked`` (in a
        question) for an event word."""
        own = self._own(token)
        if own != ACTUAL or _as_clause(token):
            return own
        if _asked(token):
            return ASKED
        current = token
        for _ in range(MAX_CHAIN):
            head = _head(current)
            if head is None:
                return ACTUAL
            verdict = self._governed(current, head)
            if verdict is not None:
                return verdict
            if current.dep_ in ("acl", "relcl"):
                return ACTUAL
            if current.dep_ not in COMPLEMENTS and current.dep_ not in ("conj", "prep", "pobj"):
                return ACTUAL
            current = head
        return ACTUAL

    def _own(self, token: Token) -> str:
        m = self.lexicon.modality
        children = list(token.children)
        if any(
            c.dep_ == "neg" or (c.lower_ in m.negations and c.dep_ in ("advmod", "det", "neg"))
            for c in children
        ):
            return NEGATED
        if token.pos_ in ("NOUN", "PROPN"):
            return self._noun(token, children)
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in m.modals for a in auxes):
            return PLANNED
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
            return PLANNED
        if any(a.lower_ == "to" for a in auxes) and not self._achieved(token):
            return PLANNED
        return ACTUAL

    def _noun(self, token: Token, children: list[Token]) -> str:
        m = self.lexicon.modality
        if any(c.dep_ == "relcl" and c.lemma_.lower() in m.planning for c in children):
            return PLANNED
        dets = [c.lower_ for c in children if c.dep_ in ("det", "amod", "predet")]
        if any(d in m.generic_determiners for d in dets):
            return GENERIC
        if any(
            d in ("next", "upcoming", "planned", "proposed", "expected", "possible") for d in dets
        ):
            return PLANNED
        if (
            m.generic_plurals
            and token.tag_ == "NNS"
            and not any(c.dep_ in ("det", "nummod", "poss") for c in children)
        ):
            return GENERIC
        return ACTUAL

    def _governed(self, token: Token, head: Token) -> str | None:
        """What the governing word says of the event: planned, stopped, achieved, or nothing."""
        m = self.lexicon.modality
        lemma = head.lemma_.lower()
        if token.dep_ not in COMPLEMENTS and token.dep_ not in OBJECTS and token.dep_ != "prep":
            return None
        if lemma in m.negations and head.pos_ == "ADP":
            return NEGATED
        if lemma in m.stopped:
            return STOPPED
        if lemma in m.achieved:
            return self._own(head) if is_verbal(head) else ACTUAL
        if lemma in m.achieved_when_past and head.tag_ in ("VBD", "VBN"):
            return self._own(head)
        if lemma in m.planning:
            return PLANNED
        if token.dep_ == "prep" and token.lower_ == "for" and lemma in m.calling_for:
            return PLANNED
        if token.dep_ == "prep" and token.lower_ in ("to", "for") and _prospect(head, m):
            return PLANNED
        if self._talks_on(token, head) or self._provided(token, head):
            return PLANNED
        if self._agreed_on(token, head):
            return PLANNED
        if head.pos_ in ("NOUN", "PROPN") and lemma in self.lexicon.agreements.nouns:
            return PLANNED
        if is_verbal(head) and token.dep_ in COMPLEMENTS:
            own = self._own(head)
            return own if own in (NEGATED, PLANNED) and token.dep_ in ("xcomp", "ccomp") else None
        return None

    def _talks_on(self, token: Token, head: Token) -> bool:
        """ "talks on a swap", "negotiations about the release": what talks are about."""
        return (
            token.dep_ == "prep"
            and token.lower_ in ("on", "about", "over", "for", "regarding")
            and head.lemma_.lower() in self.lexicon.agreements.talks
        )

    def _agreed_on(self, token: Token, head: Token) -> bool:
        """ "agreed on the release of 40", "an agreement was reached on the release of 32":
        what a deal is about is what it plans, not a handover that day."""
        words = self.lexicon.agreements
        if token.dep_ != "prep" or token.lower_ not in ("on", "about", "over", "regarding"):
            return False
        if not is_verbal(head):
            return False
        return head.lemma_.lower() in words.verbs or (
            head.lemma_.lower() in words.reach_verbs
            and any(
                c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in words.nouns
                for c in head.children
            )
        )

    def _provided(self, token: Token, head: Token) -> bool:
        """ "the deal provides for the release of 33", "envisages the exchange"."""
        provide = self.lexicon.agreements.provide_verbs
        if head.lemma_.lower() not in provide:
            return False
        return token.dep_ == "dobj" or (token.dep_ == "prep" and token.lower_ == "for")

    def _achieved(self, token: Token) -> bool:
        head = _head(token)
        return head is not None and head.lemma_.lower() in self.lexicon.modality.achieved

    def earlier(self, token: Token) -> bool:
        """Told as an earlier event: past perfect, "the previous swap", "already freed".
        (An "after" clause is another matter: see :meth:`after`.)"""
        n = self.lexicon.narrative
        children = list(token.children)
        if any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in children):
            return not self._backshifted(token)
        if any(c.lower_ in n.background_adverbs and c.dep_ == "advmod" for c in children):
            return True
        return token.pos_ == "NOUN" and any(
            c.lower_ in n.earlier and c.dep_ in ("amod", "det") for c in children
        )

    def _backshifted(self, token: Token) -> bool:
        """ "said it had received", "said in a statement that 95 had been returned": a past
        perfect reported by a past verb (or in what a statement says, as the parser may
        hang it) is the report's tense, not an earlier event."""
        current = token
        while current.dep_ == "conj" and current.head != current:
            current = current.head
        head = _head(current)
        if head is None:
            return False
        if current.dep_ == "acl" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in current.children
        ):
            return head.lemma_.lower() in self.lexicon.speech.nouns
        reporting = self.lexicon.narrative.report_verbs
        return current.dep_ == "ccomp" and head.lemma_.lower() in reporting

    def after(self, token: Token) -> bool:
        """In a clause opened by "after" ("the handover took place after an initial swap was
        conducted on Monday"): earlier than the event its sentence tells beside it."""
        marks = self.lexicon.narrative.before_marks
        current = token
        for _ in range(MAX_CHAIN):
            if any(c.dep_ == "mark" and c.lower_ in marks for c in current.children):
                return True
            head = _head(current)
            if head is None:
                return False
            if current.dep_ in ("pobj", "pcomp") and head.lower_ in marks:
                return True
            if current.dep_ not in ("pobj", "pcomp", "nsubj", "nsubjpass", "dobj", "prep"):
                return False
            current = head
        return False


def _prospect(head: Token, m) -> bool:
    """ "the way to", "opened the way to" (the parser hangs "to" on either)."""
    return head.lemma_.lower() in m.prospect_nouns or any(
        c.dep_ == "dobj" and c.lemma_.lower() in m.prospect_nouns for c in head.children
    )


def _asked(token: Token) -> bool:
    """ "Did they agree on anything?": a question asserts nothing."""
    return token.sent.text.rstrip(" \n\"'”’").endswith("?")


def _as_clause(token: Token) -> bool:
    """ "as agreed in Istanbul", "as promised": a manner clause tells what was so,
    whatever the verb it hangs on plans."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children
    )


def _head(token: Token) -> Token | None:
    head = token.head
    if head == token:
        return None
    return head
