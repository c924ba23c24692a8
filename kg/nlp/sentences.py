"""Sentence starts the parser must keep: every line, and the story after a dateline.

Headlines, captions and list items end without a full stop; joined to the next line
by the parser they would lend it their subject. The parser still splits inside a line.
Starts are written in one array pass: setting ``Token.is_sent_start`` token by token
costs a rescan of the document each time, quadratic in its length.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.extensions import register, text_of
from kg.nlp.layout import datelines, line_starts

NOT_A_START = numpy.iinfo(numpy.uint64).max
"""``-1`` as the array stores it: the parser may not start a sentence at the second word
of a line or of the story after a dateline ("YEREVAN/BAKU - Azerbaijan | released")."""


@Language.component("kg_sentences", assigns=["token.is_sent_start", "doc._.datelines"])
def set_sentences(doc: Doc) -> Doc:
    """Mark line starts and dateline ends as sentence starts; record the datelines."""
    register()
    text = text_of(doc)
    lines = datelines(text)
    doc._.datelines = lines
    starts = set(line_starts(text)) | {end for _, end in lines}
    flags = numpy.zeros((len(doc), 1), dtype="uint64")
    offsets = [t.idx for t in doc]
    for char in starts:
        i = bisect.bisect_left(offsets, char)
        if i < len(doc) and not doc[i].is_space:
            flags[i, 0] = 1
            if i + 1 < len(doc) and not doc[i + 1].is_space:
                flags[i + 1, 0] = NOT_A_START
    if len(doc):
        flags[0, 0] = 1
    doc.from_array([SENT_START], flags)
    return doc
