"""Names of parties, people, organisations and places, each resolved to one IRI.

The gazetteer knows the usual actors and their spellings; the model's NER finds the
rest (a spokeswoman of an international body, a presidential representative), which
get a deterministic IRI from their name. Whose side a name is on comes from the parse:
"Ukraine's ombudsman Dmytro Lubinets", "Lubinets, Ukraine's human rights
commissioner", "the defence ministry in Moscow". Names inside a dateline are dropped:
where a story was filed is no fact about the story. Results: ``doc._.names`` (sorted by
position) and ``doc._.minted`` (the things the graph must describe itself).
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.facts import Entity
from kg.gazetteer import DEMONYM, GENERIC, METONYM, Form, Gazetteer
from kg.namespaces import ID
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import Name

MINTED = {"PERSON": ("Person", "person/"), "ORG": ("Organisation", "org/")}
PLACES = frozenset({"GPE", "LOC", "FAC"})
TITLED = frozenset({"ORG", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT"})
"""Entities whose names may hold a place name: newspapers, buildings, events."""
NEAR_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos", "npadvmod"})
"""Dependents that tell whose a name is ("Ukrainian", "Russia's", an apposition)."""
OF_PREPOSITIONS = frozenset({"of", "in", "from", "at"})
VENUE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
SIDE_REACH = 12
"""Tokens of a name's phrase searched for its side: an apposition, not the whole clause."""


@Language.factory(
    "kg_names",
    requires=["doc.ents", "token.dep", "doc._.datelines"],
    assigns=["doc._.names", "doc._.minted"],
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "lexicon": {"@misc": "kg.lexicon.v2"},
    },
)
def make_names(nlp: Language, name: str, gazetteer: Gazetteer, lexicon: Lexicon) -> NameFinder:
    return NameFinder(nlp, gazetteer, lexicon)


def _key(text: str) -> str:
    """All-caps forms (US, UAE, MIT) match case-sensitively, the rest case-folded."""
    return text if text.isupper() else text.lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


class NameFinder:
    """Two PhraseMatchers over the gazetteer's forms, then the model's entities."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.titles = lexicon.speech.titles
        self.channels = frozenset(lexicon.channels)
        self.gatherings = lexicon.agreements.talks | lexicon.agreements.nouns
        self.carriers = lexicon.places.carriers
        self.venue_nouns = lexicon.places.venue_nouns
        self.forms: dict[str, list[Form]] = defaultdict(list)
        for form in gazetteer.forms:
            self.forms[_key(form.text)].append(form)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key in self.forms:
            matcher = self.exact if key.isupper() else self.folded
            matcher.add(key, [nlp.make_doc(key)])

    def __call__(self, doc: Doc) -> Doc:
        lines = doc._.datelines or []
        titled = {
            t: ent for ent in doc.ents if ent.label_ in TITLED for t in range(ent.start, ent.end)
        }
        known = [
            s
            for s in filter_spans(
                [Span(doc, s, e, label=m) for m, s, e in self.exact(doc) + self.folded(doc)]
            )
            if not _in_dateline(s, lines) and not self._inside_a_title(s, titled)
        ]
        by_token: dict[int, Name] = {}
        at = {i: s for s in known for i in range(s.start, s.end)}
        names = [n for n in (self._known(doc, s, at) for s in known) if n is not None]
        for name in names:
            by_token.update(dict.fromkeys(range(name.start, name.end), name))
        minted = self._minted(doc, _claimed(known, names), lines)
        names += [self._with_side(doc, n, by_token) for n in minted]
        doc._.names = sorted(names, key=lambda n: n.start)
        doc._.minted = _entities(doc._.names)
        return doc

    def _inside_a_title(self, span: Span, titled: dict[int, Span]) -> bool:
        """ "the Washington Post", "Kyiv Independent": a capital or demonym inside a longer
        name the model finds is part of that name, not the state. ``titled`` maps tokens
        to the entity that may hold a place name."""
        if self.forms[span.label_][0].how not in ("metonym", "demonym"):
            return False
        ent = titled.get(span.start)
        if ent is None or span.end > ent.end:
            return False
        return len(ent) > len(span) and ent[-1].is_title and ent[-1].i >= span.end

    def _known(self, doc: Doc, span: Span, at: dict[int, Span]) -> Name | None:
        forms = self.forms[span.label_]
        if forms[0].how == GENERIC:
            side = self._side_beside(span, at)
            forms = [f for f in forms if side is not None and self._side(f.iri) == side]
            if len(forms) != 1:
                return None
        form = forms[0]
        if form.how == METONYM and self._venue(span):
            label = " ".join(span.text.split())
            return Name(
                span.start, span.end, ID + "place/" + slug(label), "Location", "ner", None, label
            )
        entry = self.gazetteer.entries[form.iri]
        return Name(span.start, span.end, form.iri, entry.kind, form.how, self._side(form.iri))

    def _venue(self, span: Span) -> bool:
        """ "talks in Minsk", "signed in Moscow", "agreed on 9 December in Paris" (the
        parser hangs "in" on the date), "a plane to Muscat": a capital where something
        happened, or where a carrier goes, is the city; "officials in Kyiv" speak for the
        state, and "handed to Moscow" names a recipient. "Kabul's airport" and "Kabul
        airport" are the city's."""
        prep = span.root.head
        if span.root.dep_ in ("poss", "compound"):
            return prep.ent_type_ == "FAC" or prep.lemma_.lower() in self.venue_nouns
        if span.root.dep_ != "pobj":
            return False
        host = prep.head
        if prep.lower_ in ("to", "for", "from"):
            return host.lemma_.lower() in self.carriers
        if prep.lower_ not in VENUE_PREPOSITIONS:
            return False
        if host.dep_ == "pobj" and host.head.dep_ == "prep" and host.ent_type_ in ("DATE", "TIME"):
            host = host.head.head
        return host.pos_ in ("VERB", "AUX") or host.lemma_.lower() in self.gatherings

    def _side(self, iri: str) -> str | None:
        entry = self.gazetteer.entries[iri]
        return entry.side or (iri if entry.is_party else None)

    def _side_beside(self, span: Span, at: dict[int, Span]) -> str | None:
        """The side named in a generic form's own phrase ("Russia's defence ministry");
        ``at`` maps tokens to the gazetteer's spans."""
        near = {at[i] for i in _phrase_tokens(span) if i in at} - {span}
        for other in sorted(near, key=lambda o: o.start):
            form = self.forms[other.label_][0]
            if form.how != GENERIC:
                return self._side(form.iri)
        return None

    def _minted(self, doc: Doc, known: list[Span], lines: list[tuple[int, int]]) -> list[Name]:
        """Names the model finds and the gazetteer lacks; a surname alone is the full name."""
        taken = {i for s in known for i in range(s.start, s.end)}
        surnames: dict[str, Name] = {}
        found = []
        for ent in doc.ents:
            span = self._trimmed(ent)
            if span is None or taken & set(range(span.start, span.end)):
                continue
            if _in_dateline(span, lines) or not _looks_like_a_name(span, self.channels):
                continue
            name = self._mint(span, surnames)
            if name is not None:
                found.append(name)
                if name.kind == "Person":
                    surnames.setdefault(span[-1].text.lower(), name)
        return found

    def _trimmed(self, ent: Span) -> Span | None:
        """The entity without leading titles ("President") or a possessive ending."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].lower_ in self.titles or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        return Span(doc, start, end, label=ent.label_) if end > start else None

    def _mint(self, span: Span, surnames: dict[str, Name]) -> Name | None:
        label = " ".join(span.text.split())
        if len(span) == 1 and span.text.lower() in surnames:
            first = surnames[span.text.lower()]
            return Name(span.start, span.end, first.iri, "Person", "ner", None, first.label)
        if span.label_ in MINTED:
            kind, path = MINTED[span.label_]
            return Name(span.start, span.end, ID + path + slug(label), kind, "ner", None, label)
        if span.label_ in PLACES:
            return Name(
                span.start, span.end, ID + "place/" + slug(label), "Location", "ner", None, label
            )
        return None

    def _with_side(self, doc: Doc, name: Name, by_token: dict[int, Name]) -> Name:
        """A person or organisation the model found takes the side named in its phrase."""
        if name.kind == "Location":
            return name
        span = doc[name.start : name.end]
        for i in sorted(_phrase_tokens(span)):
            other = by_token.get(i)
            if other is not None and other.side is not None and other.kind != "Person":
                return Name(
                    name.start, name.end, name.iri, name.kind, name.how, other.side, name.label
                )
        return name


def _phrase_tokens(span: Span) -> set[int]:
    """Tokens of the phrase around a name that can say whose it is.

    Its own modifiers ("Russia's", "Ukrainian"), the noun it is apposed or compounded
    to, with that noun's modifiers ("Ukraine's human rights commissioner, X"), and the
    object of an "of"/"for"/"in" after either ("the ministry of defence of Armenia").
    """
    root = span.root
    heads = [root]
    if root.dep_ in ("appos", "compound", "nmod") or (
        root.head.dep_ == "appos" and root.head.head is not root
    ):
        heads.append(root.head)
    heads += [t for t in root.children if t.dep_ == "appos"]
    found: set[int] = set(range(span.start, span.end))
    for head in heads:
        found.add(head.i)
        for child in head.children:
            if child.dep_ in NEAR_DEPS or (
                child.dep_ == "prep" and child.lower_ in OF_PREPOSITIONS
            ):
                found.update(_bounded(child, head))
    return found


def _bounded(token: Token, anchor: Token) -> set[int]:
    return {t.i for t in token.subtree if abs(t.i - anchor.i) <= SIDE_REACH}


def _in_dateline(span: Span, lines: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char < end for start, end in lines)


def _looks_like_a_name(span: Span, channels: frozenset[str]) -> bool:
    """Capitalised words, not a channel ("Telegram"), not a pronoun or a lone initial."""
    words = [t for t in span if t.is_alpha]
    if not words or span.text.lower() in channels:
        return False
    if any(t.pos_ == "PRON" for t in span):
        return False
    return all(t.is_title or t.is_upper or not t.is_alpha or t.is_stop for t in span) and any(
        len(t) > 1 for t in words
    )


def _claimed(known: list[Span], names: list[Name]) -> list[Span]:
    """The gazetteer's spans that keep the model's entities out: those that named something,
    and those that did not but are all of the entity ("the defence ministry" with no side
    named); "the Afghan Foreign Ministry", which the gazetteer cannot place, stays the
    model's."""
    named = {(n.start, n.end) for n in names}
    doc = known[0].doc if known else None
    ent_at = {i: e for e in (doc.ents if doc is not None else ()) for i in range(e.start, e.end)}
    kept = []
    for span in known:
        ent = ent_at.get(span.start)
        ent = ent if ent is not None and span.end <= ent.end else None
        extra = [] if ent is None else [t for t in ent if t.i not in range(span.start, span.end)]
        if (span.start, span.end) in named or not any(t.is_title and not t.is_stop for t in extra):
            kept.append(span)
    return kept


def _entities(names: list[Name]) -> list[Entity]:
    """The things found by the model, once each, for the graph to describe."""
    seen: dict[str, Entity] = {}
    for name in names:
        if name.how == "ner" and name.label and name.iri not in seen:
            seen[name.iri] = Entity(name.iri, name.label, name.kind, name.side)
    return list(seen.values())


__all__ = ["DEMONYM", "NameFinder", "slug"]
