"""Where a news text's lines and datelines are, from the characters alone.

A wire dateline ("KYIV, July 17 (Agency) -", "ABU DHABI, United Arab Emirates -") says
where the story was filed: its place is neither a side nor where anything happened, and
the words after its dash start the story's first sentence. Pure functions over strings.
"""

from __future__ import annotations

import re

CAPS = r"[A-Z][A-Z.'’-]+(?:(?:[ \t]+|/)[A-Z][A-Z.'’-]+){0,5}"
"""An all-caps place, or several filed from at once ("DUBAI/MOSCOW/KYIV")."""
TITLE = r"[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|of|al|el|de))*"
DAY = (
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?"
    r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?|\d{4}-\d{2}-\d{2})"
)
AGENCY = r"\([^)\n]{1,40}\)"
END = r"(?:[ \t]*(?:[—–]|--?)[ \t]*|\.?[ \t]*/[A-Za-z -]{2,20}/\.?[ \t]*)"
"""A dash, or an agency between slashes ("MOSCOW, December 29. /TASS/.")."""
STAMP = r"(?:date|published|updated|posted)[: \t]+\d{4}-\d{2}-\d{2}(?:[T ][\d:]+)?[ \t]+"
"""A page's date stamp before the story ("date 2025-10-13 Hamas released ...")."""
DATELINE = re.compile(
    rf"^[ \t]*(?:(?i:{STAMP})"
    rf"|(?:{CAPS}(?:,[ \t]*{TITLE})?(?:,?[ \t]*{DAY})?(?:[ \t]*{AGENCY})?"
    rf"|{TITLE}(?:,[ \t]*{TITLE})?(?:,?[ \t]*{DAY})?[ \t]*{AGENCY}"
    rf"|{TITLE}(?:,[ \t]*{TITLE})?,[ \t]*{DAY}){END})(?=\S)",
    re.MULTILINE,
)


def datelines(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines at the start of lines, dash included."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)]


def line_starts(text: str) -> list[int]:
    """Offsets of the first non-blank character of every line."""
    return [m.end() - 1 for m in re.finditer(r"(?m)^[ \t]*\S", text)]
