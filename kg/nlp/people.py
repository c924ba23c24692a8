"""Reading a noun phrase of people: how many, whose, of which kind, named how.

"32 Armenian soldiers and civilians", "the bodies of 909 fallen soldiers", "95 of
them", "27 of its own", "Ukrainians held in Russian captivity", "Johan Floderus, a
Swedish diplomat": the count is the number that modifies the people word (or the word
whose "of" names them), the side is the demonym, possessor or "of" country in the
phrase, the captor the one whose captivity held them. Sub-groups ("including two
Americans") describe the people, they are not more people.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.nlp.index import DocIndex
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import People
from kg.nlp.numbers import parse_number

MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "nummod", "quantmod", "det", "appos"})
SUBGROUP = frozenset({"including", "among", "like", "such", "excluding", "except"})
SINGULAR_ONE = frozenset({"a", "an", "one"})
COUNTER = frozenset({"for"})
HELD_IN = frozenset({"in", "at", "inside"})
"""Prepositions of where people were held ("political prisoners in Nicaragua")."""
"""Prepositions inside a people phrase that name other people ("X for Y")."""
PHRASE_REACH = 20
"""Tokens either side of a people word that its phrase may span (categories, names)."""
LOOK_BACK = 50
"""Names looked back through for the body "the ministry" means (a recent one, and a
bounded look whatever the article's length)."""
TELLER_REACH = 6
"""Heads climbed from "its own" people to the clause a speaker reports."""


@dataclass(frozen=True)
class PeopleReader:
    """Reads people phrases with the lexicon's word lists."""

    lexicon: Lexicon

    def read(self, index: DocIndex, token: Token) -> list[People]:
        """The people of the phrase headed by ``token`` and its conjuncts ("A and B")."""
        found: list[People] = []
        for head in [token, *self._listed(token), *self.companions(token)]:
            people = self.one(index, head)
            if people is None:
                continue
            if found and people.count is None and not people.names and found[-1].count:
                found[-1] = _merged(found[-1], people)
            elif found and people.side is None and found[0].side is not None:
                found.append(replace(people, side=found[0].side))
            else:
                found.append(people)
        return _without_breakdown(self.besides_the_named(index, found))

    def companions(self, token: Token) -> list[Token]:
        """ "X, along with 13 other detainees", "freed X together with two others",
        "alongside three Poles": people who go with the phrase's (or a verb's) own."""
        words = self.lexicon.people.companions
        found: list[Token] = []
        for prep in token.children:
            if prep.dep_ != "prep":
                continue
            if prep.lower_ == "with" and any(c.lower_ in words for c in prep.children):
                found += [c for c in prep.children if c.dep_ == "pobj"]
            elif prep.lower_ in words:
                inner = [w for w in prep.children if w.lower_ == "with"] or [prep]
                found += [c for w in inner for c in w.children if c.dep_ == "pobj"]
        return found

    def besides_the_named(self, index: DocIndex, found: list[People]) -> list[People]:
        """ "Tsikhanouski and 13 other detainees": fourteen people, the one named among
        them."""
        named = [p for p in found if p.names and (p.count is None or p.named)]
        others = self.lexicon.people.others
        counted = [
            p
            for p in found
            if p.count and any(c.lower_ in others for c in index.doc[p.head].children)
        ]
        if not named or len(counted) != 1:
            return found
        group = counted[0]
        names = tuple(dict.fromkeys(n for p in named for n in p.names))
        whole = replace(
            group,
            count=(group.count or 0) + len(names),
            names=names + group.names,
            side=group.side or named[0].side,
            start=min(p.start for p in (*named, group)),
        )
        return [whole, *(p for p in found if p is not group and p not in named)]

    def _listed(self, token: Token) -> list[Token]:
        """The conjuncts of a people word, up to a sub-group ("9 detainees, among them a
        nurse": the nurse is one of the nine)."""
        listed = []
        for conj in token.conjuncts:
            between = token.doc[min(token.i, conj.i) : max(token.i, conj.i)]
            if any(t.lower_ in SUBGROUP for t in between):
                break
            listed.append(conj)
        return listed

    def is_people(self, index: DocIndex, token: Token) -> bool:
        """Whether ``token`` heads a phrase of people (or of their remains)."""
        if self._people_word(token) or token.lemma_.lower() in self.lexicon.people.remains:
            return True
        if token.pos_ == "PRON":
            return token.lower_ in self.lexicon.people.pronouns
        name = index.name(token)
        if name is not None:
            return name.kind == "Person" or (name.how == "demonym" and _plural(token))
        if token.lower_ in self.lexicon.people.vague_quantities and token.dep_ == "nsubj":
            return token.tag_ == "NNS" and not self._of_object(token)
        if token.like_num or token.lower_ in self.lexicon.numbers.words:
            return self._partitive(token) is not None or token.dep_ in (
                "dobj",
                "nsubjpass",
                "nsubj",
            )
        return token.i in index.categories or self._someone(index, token)

    def _someone(self, index: DocIndex, token: Token) -> bool:
        """A noun the lexicon does not list that still counts people: "a U.S. civil
        engineer", "an Afghan drug lord", "14 foreigners" (a nationality or a count, and
        no unit or thing)."""
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma in self.lexicon.people.units:
            return False
        if lemma in self.lexicon.triggers.things or token.i in index.dates:
            return False
        for child in token.children:
            name = index.name(child)
            if (
                child.dep_ in ("amod", "compound", "poss", "nmod")
                and name is not None
                and name.side
            ):
                return name.kind != "Location" or name.how == "demonym"
            if child.dep_ == "nummod" and child.i not in index.dates:
                return True
        return False

    def one(self, index: DocIndex, token: Token) -> People | None:
        """One people phrase, or None when ``token`` does not head one."""
        vague = self.lexicon.people.vague_quantities
        if token.lemma_.lower() in vague or token.lower_ in vague:
            inner = self._of_object(token)
            if inner is not None and self.is_people(index, inner):
                same = any(c.lower_ in self.lexicon.people.same_words for c in token.children)
                return replace(self._plain(index, inner), start=token.left_edge.i, same=same)
            if inner is None and self.is_people(index, token):
                return People(head=token.i, start=token.left_edge.i)
            return None
        if not self.is_people(index, token):
            return None
        if token.pos_ == "PRON":
            return self._pronoun(index, token)
        if token.lemma_.lower() in self.lexicon.people.remains or token.lower_ in (
            self.lexicon.people.remains
        ):
            inner = self._of_object(token)
            base = self.one(index, inner) if inner is not None else None
            own = self._plain(index, token)
            if base is None:
                return replace(own, remains=True)
            names = tuple(n for b in self.read(index, inner) for n in b.names)
            return People(
                head=token.i,
                count=own.count or (len(names) if base.named and names else base.count),
                side=own.side or base.side,
                categories=tuple(index.categories_in({token.i} | {t.i for t in token.lefts})),
                names=names or base.names,
                each=own.each or base.each,
                remains=True,
                start=min(own.start, base.start),
                own=own.own or base.own,
                captor=own.captor or base.captor,
            )
        return self._plain(index, token)

    def _pronoun(self, index: DocIndex, token: Token) -> People:
        """ "the Taliban let him go": one person, the one named last before; "freed them":
        as many as were counted before (the story's count, not this word's)."""
        count = self.lexicon.people.pronouns[token.lower_] or None
        names: tuple[str, ...] = ()
        if count == 1:
            person = index.person_before(token.i)
            names = (person.iri,) if person is not None else ()
        return People(head=token.i, count=count, names=names, start=token.i, named=bool(names))

    def _plain(self, index: DocIndex, token: Token) -> People:
        phrase = _phrase(token)
        count, start = self._count(index, token)
        names = tuple(dict.fromkeys(n.iri for n in index.names_in(phrase) if n.kind == "Person"))
        named = count is None and bool(names) and token.i in index.names
        if named:
            count = 1
        side, own = self._side(index, token, phrase)
        return People(
            head=token.i,
            count=count,
            side=side,
            categories=tuple(index.categories_in(phrase)),
            names=names,
            each=self._each(token),
            start=start if start is not None else token.left_edge.i,
            own=own,
            captor=self._captor(index, token),
            named=named,
        )

    def _people_word(self, token: Token) -> bool:
        nouns = self.lexicon.people.nouns
        return token.pos_ in ("NOUN", "PROPN", "ADJ") and (
            token.lemma_.lower() in nouns or token.lower_ in nouns
        )

    def _count(self, index: DocIndex, token: Token) -> tuple[int | None, int | None]:
        """The number that counts the phrase's people, and where it starts."""
        if token.like_num or token.lower_ in self.lexicon.numbers.words:
            return self._number_at(index, token)
        for child in token.children:
            if child.dep_ in ("nummod", "quantmod") or (child.dep_ == "amod" and child.like_num):
                value = self._number_at(index, child)
                if value[0] is not None:
                    return value
        partitive = self._of_number(token)
        if partitive is not None:
            return self._number_at(index, partitive)
        loose = self._loose_number(index, token)
        if loose is not None:
            return self._number_at(index, loose)
        det = [c for c in token.children if c.dep_ == "det"]
        if det and det[0].lower_ in SINGULAR_ONE and token.tag_ in ("NN", "NNP"):
            return 1, det[0].i
        return None, None

    def _loose_number(self, index: DocIndex, token: Token) -> Token | None:
        """A number the parser hung elsewhere: inside the phrase's left modifiers ("Three
        Azerbaijani soldiers" with "Three" on "Azerbaijani"), or right before the phrase
        ("On Friday 40 Israelis" with "40" on "Friday", "9 seriously wounded Ukrainian
        soldiers" with "9" on "wounded" taken for a verb)."""
        words = self.lexicon.numbers.words
        for left in token.lefts:
            for t in left.subtree:
                if (t.like_num or t.lower_ in words) and self._countable(index, t):
                    return t
        before = token.left_edge.i - 1
        while before >= 0 and _describes(index, token.doc[before]):
            before -= 1
        if before >= 0:
            t = token.doc[before]
            if t.like_num and self._countable(index, t) and not _year(t):
                return t
        return None

    def _countable(self, index: DocIndex, t: Token) -> bool:
        """A number that may count people: not a date, a kind, "a", a unit's number, or the
        "both" of "both soldiers and civilians"."""
        return (
            t.dep_ != "preconj"
            and t.i not in index.dates
            and t.i not in index.categories
            and t.lower_ not in ("a", "an", "one")
            and t.head.lemma_.lower() not in self.lexicon.people.units
        )

    def _number_at(self, index: DocIndex, token: Token) -> tuple[int | None, int | None]:
        """The value of the number phrase ``token`` heads ("two hundred", "over 1,000")."""
        numeric = [
            t
            for t in token.subtree
            if (t.like_num or t.lower_ in self.lexicon.numbers.words)
            and t.i not in index.dates
            and t.i not in index.categories
        ]
        if not numeric:
            return None, None
        first = min(t.i for t in numeric)
        parsed = parse_number(
            token.doc, first, self.lexicon.numbers.words, self.lexicon.numbers.multipliers
        )
        if parsed is None:
            return None, None
        return parsed[0], first

    def _partitive(self, token: Token) -> Token | None:
        """ "95 of them", "27 of its own": the "of" object after a number."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def _of_number(self, token: Token) -> Token | None:
        """ "prisoners, 195 of them" is set apart; "of whom 20" counts the phrase's people."""
        for child in token.children:
            if child.dep_ == "appos" and child.like_num and self._partitive(child) is not None:
                return child
        return None

    def _of_object(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def _each(self, token: Token) -> bool:
        words = self.lexicon.roles.each_words
        near = [*token.children, *token.head.children] if token.dep_ != "ROOT" else []
        return any(
            c.lower_ in words and c.dep_ in ("advmod", "det", "npadvmod", "appos") for c in near
        )

    def _side(self, index: DocIndex, token: Token, phrase: set[int]) -> tuple[str | None, bool]:
        """Whose people: a demonym, possessor or "of" country of the phrase; or "its own"."""
        own = any(
            t.lower_ in self.lexicon.people.own_words and t.dep_ in ("poss", "amod", "pobj")
            for t in token.subtree
            if t.i in phrase and t.pos_ in ("PRON", "ADJ", "DET")
        )
        name = index.name(token)
        if name is not None and name.side:
            return name.side, own
        captivity = self.lexicon.roles.captivity
        for child in sorted(token.children, key=lambda c: c.i):
            if child.dep_ == "prep" and any(t.lemma_.lower() in captivity for t in child.subtree):
                continue
            if child.dep_ in MODIFIERS or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
                side = self._side_in(index, child)
                if side is not None:
                    return side, own
        return (self._teller(index, token) if own else None), own

    def _teller(self, index: DocIndex, token: Token) -> str | None:
        """ "Russia's defence ministry said 63 of its servicemen had been freed": "its" is
        the side of whoever tells the clause."""
        current = token
        for _ in range(TELLER_REACH):
            if current.dep_ == "ccomp" and current.head != current:
                tellers = [c for c in current.head.children if c.dep_ == "nsubj"]
                sides = (self._side_in(index, t) or _named_before(index, t) for t in tellers)
                return next((s for s in sides if s), None)
            if current.head == current:
                return None
            current = current.head
        return None

    def _side_in(self, index: DocIndex, token: Token) -> str | None:
        """The side a phrase names; "prisoners in Nicaragua" are held there, not its own."""
        held_in = {
            s.i
            for t in token.subtree
            if t.dep_ == "prep" and t.lower_ in HELD_IN
            for s in t.subtree
        }
        for t in token.subtree:
            if t.dep_ == "prep" and t.lower_ in SUBGROUP:
                return None
            if t.i in held_in:
                continue
            name = index.name(t)
            if name is not None and name.side and name.kind != "Location":
                return name.side
            if name is not None and name.kind == "Location" and name.side:
                return name.side
        return None

    def _captor(self, index: DocIndex, token: Token) -> str | None:
        """ "held in Russian captivity", "captured by Hamas", "in Israeli prisons", "held in
        Iran"."""
        for t in token.subtree:
            if t.i == token.i or abs(t.i - token.i) > PHRASE_REACH:
                continue
            for m in self._holders(t, token):
                name = index.name(m)
                if name is not None and name.side and name.kind != "Location":
                    return name.side
        return None

    def _holders(self, t: Token, people: Token) -> list[Token]:
        """Words under ``t`` that may name who held the people."""
        roles = self.lexicon.roles
        if t.lemma_.lower() in roles.captivity:
            return list(t.children)
        if t.dep_ == "agent" and t.head.tag_ == "VBN" and t.head.i != people.i:
            return list(t.children)
        if t.dep_ == "prep" and t.lower_ == "in" and t.head.dep_ == "acl":
            return list(t.children) if t.head.lemma_.lower() in roles.holding_verbs else []
        return []


def _named_before(index: DocIndex, token: Token) -> str | None:
    """ "The ministry said it had secured the return of 90 of its servicemen": the side of
    the body named last before with that word ("Russia's defence ministry")."""
    if token.pos_ != "NOUN":
        return None
    word = token.lemma_.lower()
    names = index.doc._.names or []
    k = bisect_left(names, token.i, key=lambda n: n.start)
    for name in reversed(names[max(0, k - LOOK_BACK) : k]):
        words = index.doc[name.start : name.end]
        if name.side and any(t.lemma_.lower() == word for t in words):
            return name.side
    return None


def _phrase(token: Token) -> set[int]:
    """The phrase's tokens near its head, without sub-groups ("including ...")."""
    skip: set[int] = set()
    for t in token.subtree:
        if (t.dep_ == "prep" and t.lower_ in SUBGROUP | COUNTER) or (
            t.dep_ == "conj" and t.head == token
        ):
            skip.update(s.i for s in t.subtree)
    return {t.i for t in token.subtree if t.i not in skip and abs(t.i - token.i) <= PHRASE_REACH}


def _without_breakdown(found: list[People]) -> list[People]:
    """ "30 Palestinian detainees, 10 women and 20 minors": parts that add up to the count
    before them describe it, they are not more people."""
    if len(found) < 3 or found[0].count is None:
        return found
    parts = found[1:]
    if all(p.count for p in parts) and sum(p.count or 0 for p in parts) == found[0].count:
        categories = tuple(dict.fromkeys(c for p in found for c in p.categories))
        return [replace(found[0], categories=categories)]
    return found


def _describes(index: DocIndex, token: Token) -> bool:
    """A word of a category or a description between a number and its people."""
    return token.i in index.categories or token.pos_ in ("ADV", "ADJ")


def _year(token: Token) -> bool:
    return len(token.text) == 4 and token.text.isdigit() and token.text[:2] in ("19", "20")


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or token.lower_.endswith("s")


def _merged(first: People, second: People) -> People:
    """ "32 soldiers and civilians": the second word adds a kind, not people."""
    return People(
        head=first.head,
        count=first.count,
        side=first.side or second.side,
        categories=tuple(dict.fromkeys(first.categories + second.categories)),
        names=first.names,
        each=first.each or second.each,
        total=first.total,
        remains=first.remains or second.remains,
        start=first.start,
        own=first.own or second.own,
        captor=first.captor or second.captor,
    )
