"""Hand-made parsed spaCy Docs for the extractor's unit tests: no model is ever loaded.

A test writes out the parse it reasons about as a table, one token a row::

    word  lemma  POS  TAG  dep  head

``head`` is the index of the head token (a root heads itself) and a lemma of ``-`` is
the word in lower case. Every Doc shares one blank English vocab, so a matcher built on
:data:`VOCAB` can run over any of them.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Token

VOCAB = spacy.blank("en").vocab


def parsed(table: str) -> Doc:
    """A Doc with the words, lemmas, tags and dependency tree the table gives."""
    rows = [line.split() for line in table.strip().splitlines()]
    for row in rows:
        if len(row) != 6:
            raise ValueError(f"a row needs word lemma POS TAG dep head: {row}")
    return Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[0].lower() if r[1] == "-" else r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
    )


def word(doc: Doc, text: str) -> Token:
    """The one token spelt ``text`` (a test that names an ambiguous word is wrong)."""
    found = [t for t in doc if t.text == text]
    if len(found) != 1:
        raise ValueError(f"{len(found)} tokens spelt {text!r} in {doc.text!r}")
    return found[0]
