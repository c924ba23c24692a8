"""Evidence spans: a sentence's character offsets, trimmed, so text == article.text[start:end]."""

from spacy.tokens import Span

from kg.facts import Evidence
from kg.nlp.extensions import text_of


def evidence(span: Span) -> Evidence:
    """The span's text without surrounding whitespace, with offsets adjusted to match."""
    text = text_of(span.doc)
    start, end = span.start_char, span.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start, end, text[start:end])


def evidences(spans: list[Span]) -> tuple[Evidence, ...]:
    """One Evidence per distinct sentence, in text order."""
    unique = {s.start_char: s for s in spans}
    return tuple(evidence(unique[k]) for k in sorted(unique))
