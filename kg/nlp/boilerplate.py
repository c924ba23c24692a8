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
    r"\((?:[A-Z][a-z]+\.? \d{1,2}|\d{1,2} [A-Z][a-z]+\.?|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:, \d{4})?\)\s*$"
)
"""A headline ending in its date in brackets and no full stop: "... 250 soldiers (September 5)"."""


BULLETS = ("-", "•", "*", "–")


def blank(text: str, prefixes: Iterable[str]) -> str:
    """``text`` with each furniture line replaced by spaces (newlines kept).

    The bulleted lines right under a furniture line ("Read more:" and its list of links)
    are furniture too.
    """
    starts = tuple(p.lower() for p in prefixes)
    out, listing = [], False
    for line in text.split("\n"):
        furniture = _furniture(line, starts) or (listing and line.strip().startswith(BULLETS))
        if furniture or line.strip():
            listing = furniture
        out.append(" " * len(line) if furniture else line)
    return "\n".join(out)


def _furniture(line: str, starts: tuple[str, ...]) -> bool:
    stripped = line.strip().lstrip("[(-• ").strip()
    return stripped.lower().startswith(starts) or bool(LINKED_HEADLINE.search(stripped))
