"""Quotations in a text: where each one opens and closes, over sentence boundaries.

A quotation may run over several sentences ("Today ... act. We are doing ...," he
said), so quotes are found in the characters, not per sentence. Curly quotes pair up
directly; straight quotes alternate; a typographic apostrophe is no quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

PAIRS = {"„": "“", "“": "”", "«": "»"}
"""Openers and closers; „…“ is read first, so that its closing “ opens nothing."""
STRAIGHT = re.compile(r'"')
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘")
SINGLE_CLOSE = re.compile(r"’(?![A-Za-z])")
MIN_WORDS = 3
"""A shorter quotation names a thing ("terrorism", "seriously wounded"); it is no quote."""


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words (the marks excluded), in text order."""
    found = _curly(text) + _straight(text) + _single(text)
    found.sort()
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _curly(text: str) -> list[tuple[int, int]]:
    """Curly pairs; a curly opener closed by a straight quote in its paragraph (pages mix
    them), or never closed: then it runs to the end of its paragraph (a quotation cut off
    where a page's excerpt ends)."""
    found: list[tuple[int, int]] = []
    closed: set[int] = set()
    for opener, closer in PAIRS.items():
        pos = 0
        while (start := text.find(opener, pos)) >= 0:
            pos = start + 1
            if start in closed:
                continue
            limit = _paragraph_end(text, start)
            end = text.find(closer, start + 1, limit)
            if end < 0:
                end = text.find('"', start + 1, limit)
            if end < 0:
                end = limit
            found.append((start + 1, end))
            closed.add(end)
            pos = end + 1
    return found


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text.rstrip()) if end < 0 else end


def _straight(text: str) -> list[tuple[int, int]]:
    """Straight quotes alternate within a paragraph; an odd one out opens a quotation only
    at the paragraph's start (a quotation continued over paragraphs, or cut off)."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        marks = [m.start() + paragraph.start() for m in STRAIGHT.finditer(paragraph[0])]
        found.extend((marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2))
        if len(marks) % 2 and marks[-1] == paragraph.start() + len(paragraph[0]) - len(
            paragraph[0].lstrip()
        ):
            found.append((marks[-1] + 1, paragraph.end()))
    return found


def _single(text: str) -> list[tuple[int, int]]:
    """‘…’ quotes: the closing mark is a ’ not followed by a letter (not an apostrophe)."""
    found = []
    for m in SINGLE_OPEN.finditer(text):
        newline = text.find("\n", m.end())
        close = SINGLE_CLOSE.search(text, m.end(), len(text) if newline < 0 else newline)
        if close:
            found.append((m.end(), close.start()))
    return found


def is_quote(text: str, start: int, end: int) -> bool:
    """Whether a quotation is long enough to be something said."""
    return len(text[start:end].split()) >= MIN_WORDS


class Spans:
    """Ordered, non-overlapping character spans (quotations), looked up by bisection so
    that asking about every speech verb of a long text costs no scan of all of them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def holding(self, offset: int) -> bool:
        """Whether a span holds ``offset``."""
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]

    def meeting(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that reach into ``[start, end]``."""
        return self.spans[bisect_left(self.ends, start) : bisect_right(self.starts, end)]
