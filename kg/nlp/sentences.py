"""Sentence boundaries without the parser: punctuation, line breaks, and quotations kept whole.

The parser is the slowest part of the stock pipeline and we only need sentences;
a quotation that runs over several sentences ("Today ... act," he said) must stay
in one sentence so that the quote and its speaker meet.
"""

from spacy.language import Language
from spacy.tokens import Doc, Token

ENDERS = frozenset({".", "!", "?", "…"})
OPENERS = frozenset({"“", "«", "„"})
CLOSERS = frozenset({"”", "»"})
TRAILERS = frozenset({"”", "»", '"', "’", ")", "]"})


def quote_open_after(token: Token, inside: bool) -> bool:
    """Whether a quotation is open after this token."""
    if token.text in OPENERS:
        return True
    if token.text in CLOSERS:
        return False
    if token.text == '"':
        return not inside
    return inside


def _ends_sentence(token: Token, inside: bool) -> bool:
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if inside:
        return False
    if token.text in ENDERS:
        return nxt is None or nxt.text not in TRAILERS or bool(token.whitespace_)
    return token.text in TRAILERS and token.i > 0 and doc[token.i - 1].text in ENDERS


@Language.component("kg_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Mark sentence starts in one pass over the tokens."""
    inside, pending = False, True
    for token in doc:
        token.is_sent_start = pending
        pending = pending and token.is_space
        inside = quote_open_after(token, inside)
        if "\n" in token.text_with_ws:
            inside, pending = False, True
        elif _ends_sentence(token, inside):
            pending = True
    return doc
