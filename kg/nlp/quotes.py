"""Quotations in a text: where each one opens and closes, over sentence boundaries.

A quotation may run over several sentences ("Today ... act. We are doing ...," he
said), so quotes are found in the characters, not per sentence. Curly quotes pair up
directly; straight quotes alternate; a typographic apostrophe is no quote.
"""

from __future__ import annotations

import re

PAIRS = {"„": "“", "“": "”", "«": "»"}
"""Openers and closers; „…“ is read first, so that its closing “ opens nothing."""
STRAIGHT = re.compile(r'"')
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘")
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
        close = re.compile(r"’(?![A-Za-z])").search(text, m.end())
        newline = text.find("\n", m.end())
        if close and (newline < 0 or close.start() < newline):
            found.append((m.end(), close.start()))
    return found


def is_quote(text: str, start: int, end: int) -> bool:
    """Whether a quotation is long enough to be something said."""
    return len(text[start:end].split()) >= MIN_WORDS
