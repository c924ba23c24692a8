"""What a speaker said: the quoted words, else the clause the speech verb reports.

A short quotation that only names a category ("seriously wounded and ill") is no quote;
without quotation marks the reported clause is the part of the sentence on the verb's
side that holds what was said ("Russia said it would hand over ...", "..., the
ministry said").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.nlp.categories import SPANS_KEY as CATEGORIES

REPORTING_LEAD = re.compile(r"^(?:(?:[\w’'-]+\s+){0,5}?that|:|,)\s+")
"""What stands between a speech verb and what it reports: "on Saturday that", "that", ":"."""


QUOTE = re.compile(r"[“\"«]([^”\"»]{3,})[”\"»]")


RIGHT_CUES = frozenset({"according to", "as stated by", "as reported by"})


MIN_QUOTE_WORDS = 4


MAX_TERM_WORDS = 6


def quote_of(doc: Doc, sent: Span, anchor: Span) -> tuple[str, bool]:
    """The quoted words; else the clause the speech verb reports."""
    terms = [c.text.lower() for c in doc.spans[CATEGORIES] if sent.start <= c.start < sent.end]
    quotes = [m[1] for m in QUOTE.finditer(sent.text) if not _is_term(m[1], terms)]
    if quotes:
        return max(quotes, key=len).strip().rstrip(",").strip(), True
    middle = sent.start + len(sent) // 2
    if anchor.text.lower() in RIGHT_CUES and anchor.start - sent.start <= 1:
        commas = [t.i for t in doc[anchor.end : sent.end] if t.text == ","]
        clause = doc[commas[0] + 1 : sent.end] if commas else doc[anchor.end : anchor.end]
    elif anchor.text.lower() in RIGHT_CUES or (
        anchor.start >= middle and not _reports_after(doc, anchor, sent)
    ):
        clause = doc[sent.start : anchor.start]
    else:
        clause = doc[anchor.end : sent.end]
    text = REPORTING_LEAD.sub("", clause.text.strip()).strip(" ,.;:—-")
    return (text, False) if len(text.split()) >= 3 else ("", False)


REPORTED_OPENERS = frozenset({"PRON", "DET", "PROPN", "NUM"})
"""How a reported clause after its verb begins: "said it would", "said the swap was" ..."""


def _reports_after(doc: Doc, anchor: Span, sent: Span) -> bool:
    """ "..., and Russia said it would hand over 6,000 bodies": the words reported follow the
    verb, though it stands late in the sentence ("..., officials said on Friday" does not)."""
    words = [t for t in doc[anchor.end : sent.end] if not t.is_punct]
    if anchor.end >= sent.end or len(words) < MIN_QUOTE_WORDS:
        return False
    first = doc[anchor.end]
    return first.lower_ == "that" or first.pos_ in REPORTED_OPENERS


def _is_term(quoted: str, terms: list[str]) -> bool:
    """A short quotation naming a category ("seriously wounded and ill") is not a quote."""
    words = quoted.split()
    short = len(words) <= MAX_TERM_WORDS
    return len(words) < MIN_QUOTE_WORDS or (short and any(t in quoted.lower() for t in terms))


def quoted_chars(sent: Span) -> set[int]:
    """Character offsets inside quotation marks: a "Today" in the quote dates its words'
    subject, not when they were said."""
    return {
        sent.start_char + i for m in QUOTE.finditer(sent.text) for i in range(m.start(), m.end())
    }
