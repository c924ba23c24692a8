"""What the parse says about a word's clause: its subject, its prepositions, its extent.

Small questions asked of spaCy's dependency tree by the event, agreement and speech
readers. A clause is a verb's subtree without the clauses embedded in it (relative,
complement and adverbial clauses, coordinated verbs), so that "released on Tuesday
the men who were captured in May" dates the release by Tuesday, not by May.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Token

EMBEDDED = frozenset({"relcl", "ccomp", "advcl", "csubj", "parataxis", "acl", "xcomp", "pcomp"})
"""Dependents that head clauses of their own."""
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "conj",
        "cc",
        "appos",
        "det",
        "nmod",
        "case",
        "punct",
        "nummod",
        "quantmod",
        "npadvmod",
    }
)
"""Dependents that stay inside a noun phrase (no prepositions or clauses)."""
PHRASE_NOUNS = frozenset(
    {
        "exchange",
        "return",
        "part",
        "line",
        "accordance",
        "result",
        "terms",
        "framework",
        "trade",
        "swap",
        "border",
        "behalf",
        "course",
    }
)
"""Nouns inside multiword prepositions: "in exchange for", "as part of", "on the border with"."""


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def clause_tokens(head: Token) -> set[int]:
    """``head``'s subtree without embedded clauses (those of other verbs, not its own nouns)."""
    found: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        found.add(token.i)
        for child in token.children:
            if child.dep_ in EMBEDDED and is_verbal(child) and not _comment(child):
                continue
            if child.dep_ == "conj" and is_verbal(child) and is_verbal(token):
                continue
            stack.append(child)
    return found


def _comment(clause: Token) -> bool:
    """ "As reported, on December 7 an agreement was reached": a subjectless "as" participle
    comments on the sentence, and the parser may hang the sentence's date on it."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBN"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def noun_phrase(token: Token) -> set[int]:
    """A noun phrase's own tokens: modifiers, possessors, conjuncts, appositions."""
    found = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in NP_DEPS and child.i not in found:
                found.add(child.i)
                stack.append(child)
    return found


def subjects(verb: Token) -> list[Token]:
    """The subject of a verb, borrowed from the verb it is coordinated with or depends on.

    "Russia released 20 and received 30": both verbs have Russia; "Ukraine agreed to
    free 40": free has Ukraine; "..., releasing 20" and "after having been handed over":
    the main clause's subject.
    """
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 4:
        own = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return own
        if current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head != current:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
        else:
            return []
        seen += 1
    return []


def is_passive(verb: Token) -> bool:
    """ "were released", "released by Russia" (a reduced relative), "got freed"; a verb
    with an object of its own is active, however the parser hung it."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")) or any(
        c.dep_ == "agent" for c in verb.children
    )


def governor(token: Token) -> Token | None:
    """The word a clause or noun depends on (its verb, or the noun a preposition hangs on)."""
    head = token.head
    if head == token:
        return None
    if head.dep_ == "prep" and head.head != head:
        return head.head
    return head


def prepositions(head: Token, table: Mapping[str, str]) -> Iterator[tuple[str, Token]]:
    """(role, object) for each prepositional dependent of ``head`` the table names.

    Multiword prepositions are read through their nouns ("in exchange for X": "in" ->
    "exchange" -> "for" -> X); the longest phrase the table knows wins. "by" in the
    passive is the parser's ``agent``; an indirect object ("handed Ukraine the bodies")
    is a recipient.
    """
    for child in head.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            yield table.get("to", "recipient"), child
            continue
        if child.dep_ not in ("prep", "agent", "dative"):
            continue
        phrase, obj = _phrase(child, table)
        role = table.get(phrase)
        if role is not None and obj is not None:
            yield role, obj


def _phrase(prep: Token, table: Mapping[str, str]) -> tuple[str, Token | None]:
    words = [prep.lower_]
    obj = _object(prep)
    best = (" ".join(words), obj)
    while obj is not None and obj.lemma_.lower() in PHRASE_NOUNS:
        inner = next((c for c in obj.children if c.dep_ == "prep"), None)
        if inner is None:
            break
        det = [c.lower_ for c in obj.children if c.dep_ == "det"]
        words = [*words, *det, obj.lower_, inner.lower_]
        obj = _object(inner)
        candidate = " ".join(words)
        if candidate in table:
            best = (candidate, obj)
    return best


def _object(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def place_phrase(obj: Token) -> set[int]:
    """A place phrase with the places inside it: "the capital Sanaa, the port of Aden and
    Abha", "Shifa Hospital in Gaza City"."""
    phrase = noun_phrase(obj)
    phrase |= {t for i in phrase for t in of_phrase(obj.doc[i])}
    return phrase | {
        t
        for i in list(phrase)
        for child in obj.doc[i].children
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near")
        for inner in child.children
        if inner.dep_ == "pobj"
        for t in noun_phrase(inner)
    }


def of_phrase(noun: Token) -> set[int]:
    """ "near the town of Al-Bab", "on the border of X": the place in a place word's "of"."""
    return {
        t
        for child in noun.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for obj in child.children
        if obj.dep_ == "pobj"
        for t in noun_phrase(obj)
    }
