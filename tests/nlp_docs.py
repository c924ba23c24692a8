"""Hand-made parsed spaCy Docs for the extractor's unit tests: no model is ever loaded.

A test writes out the parse it reasons about as a table, one token a row::

    word  lemma  POS  TAG  dep  head

``head`` is the index of the head token (a root heads itself) and a lemma of ``-`` is
the word in lower case. Every Doc shares one blank English vocab, so a matcher built on
:data:`VOCAB` can run over any of them. A table with several roots is several sentences.

What the components before a reader would have found (names, dates, categories) is
given by hand too: :func:`named` and :func:`category` make the mentions,
:func:`indexed` the lookups a reader asks, :func:`prepared` the Doc attributes a
component reads, and :func:`pipeline` a blank pipeline of powkg components.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.gazetteer import PARTY_KINDS
from kg.nlp import calendar
from kg.nlp.categories import SPANS_KEY
from kg.nlp.dates import find_dates
from kg.nlp.extensions import register
from kg.nlp.index import DocIndex
from kg.nlp.mentions import Name

VOCAB = spacy.blank("en").vocab
PUBLISHED = "2025-06-10"
"""The day hand-made articles are published (a Tuesday): relative dates resolve against it."""


def parsed(table: str, text: str | None = None) -> Doc:
    """A Doc with the words, lemmas, tags and dependency tree the table gives.

    ``text``, when given, is the text as printed: it decides which words a space
    follows ('said.' rather than 'said .'); without it every word is followed by one.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    for row in rows:
        if len(row) != 6:
            raise ValueError(f"a row needs word lemma POS TAG dep head: {row}")
    words = [r[0] for r in rows]
    return Doc(
        VOCAB,
        words=words,
        spaces=_spaces(words, text) if text is not None else None,
        lemmas=[r[0].lower() if r[1] == "-" else r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
    )


def _spaces(words: list[str], text: str) -> list[bool]:
    spaces, at = [], 0
    for w in words:
        start = text.find(w, at)
        if start < 0 or text[at:start].strip():
            raise ValueError(f"word {w!r} is not next in {text!r}")
        at = start + len(w)
        spaces.append(text[at : at + 1] == " ")
    if text[at:].strip():
        raise ValueError(f"text {text[at:]!r} has no row")
    return spaces


def word(doc: Doc, text: str) -> Token:
    """The one token spelt ``text`` (a test that names an ambiguous word is wrong)."""
    found = [t for t in doc if t.text == text]
    if len(found) != 1:
        raise ValueError(f"{len(found)} tokens spelt {text!r} in {doc.text!r}")
    return found[0]


def words_at(doc: Doc, text: str) -> tuple[int, int]:
    """Start and end token of the one run of words spelt ``text`` ("Johan Floderus")."""
    wanted = text.split()
    found = [i for i in range(len(doc)) if [t.text for t in doc[i : i + len(wanted)]] == wanted]
    if len(found) != 1:
        raise ValueError(f"{len(found)} runs of {text!r} in {doc.text!r}")
    return found[0], found[0] + len(wanted)


def named(
    doc: Doc,
    text: str,
    iri: str,
    kind: str = "State",
    how: str = "name",
    side: str | None = None,
    label: str | None = None,
) -> Name:
    """The name mention of ``text``; a party (or its demonym) is its own side."""
    start, end = words_at(doc, text)
    if side is None and kind in PARTY_KINDS:
        side = iri
    return Name(start, end, iri, kind, how, side, label)


def category(doc: Doc, text: str, concept: str) -> Span:
    """A category mention of ``text`` with the concept IRI as its ``kb_id_``."""
    start, end = words_at(doc, text)
    return Span(doc, start, end, label="category", kb_id=concept)


def indexed(
    doc: Doc,
    names: Iterable[Name] = (),
    categories: Iterable[Span] = (),
    published: str | None = PUBLISHED,
) -> DocIndex:
    """The lookups over ``doc``, filled by hand: the names and categories given, the dates
    in its text, the sentences of its parse."""
    index = DocIndex(doc)
    for name in names:
        index.names.update(dict.fromkeys(range(name.start, name.end), name))
    for mention in find_dates(doc.text, calendar.parse_iso(published)):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        index.dates.update(dict.fromkeys(range(span.start, span.end), mention))
    for span in categories:
        index.categories.update(dict.fromkeys(range(span.start, span.end), span))
    for number, sent in enumerate(doc.sents):
        index.sent_starts.append(sent.start)
        index.sent_of.extend([number] * len(sent))
    return index


def prepared(
    doc: Doc,
    names: Iterable[Name] = (),
    categories: Iterable[Span] = (),
    published: str | None = PUBLISHED,
) -> Doc:
    """``doc`` with what the name, date and category components would have left on it."""
    register()
    ref = calendar.parse_iso(published)
    doc._.published = published
    doc._.anchor = ref.isoformat() if ref else None
    doc._.names = sorted(names, key=lambda n: n.start)
    doc._.dates = find_dates(doc.text, ref)
    doc._.stamps = []
    doc._.datelines = doc._.datelines or []
    doc.spans[SPANS_KEY] = sorted(categories, key=lambda s: s.start)
    return doc


def pipeline(*components: str) -> Language:
    """A blank English pipeline over :data:`VOCAB` with the named powkg components."""
    from kg.nlp import pipeline as _  # noqa: F401 - importing registers the factories

    register()
    nlp = spacy.blank("en", vocab=VOCAB)
    for name in components:
        nlp.add_pipe(name)
    return nlp


def run(nlp: Language, doc: Doc) -> Doc:
    """The pipeline's components applied to a Doc that is already parsed."""
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
