"""Page furniture that is not the story: "Read also: ..." links, photo captions, share bars.

Scraped articles carry headlines of other stories ("Read also: Russia and Ukraine swap
115 prisoners (August 24)"); read as text they would add events the article does not
report. Such lines are blanked before tokenizing, character for character, so that
every offset into the article stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LINKED_HEADLINE = re.compile(
    r"\((?:[A-Z][a-z]+\.? \d{1,2}|\d{1,2} [A-Z][a-z]+\.?)(?:, \d{4})?\)\s*$"
)
"""A headline ending in its date in brackets and no full stop: "... 250 soldiers (September 5)"."""


def blank(text: str, prefixes: Iterable[str]) -> str:
    """``text`` with each furniture line replaced by spaces (newlines kept)."""
    starts = tuple(p.lower() for p in prefixes)
    lines = text.split("\n")
    return "\n".join(" " * len(line) if _furniture(line, starts) else line for line in lines)


def _furniture(line: str, starts: tuple[str, ...]) -> bool:
    stripped = line.strip()
    return stripped.lower().startswith(starts) or bool(LINKED_HEADLINE.search(stripped))
