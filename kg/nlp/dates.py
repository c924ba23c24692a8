"""Date mentions: absolute, ranges, month-only and relative to the article's date.

Relative dates ("on Tuesday", "last week") resolve against ``doc._.published``,
else against a dateline in the text ("Posted on July 22, 2025"); failing both
they stay unresolved and the article gets a warning. Results: ``doc._.dates``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import calendar
from kg.nlp.calendar import DateValue
from kg.nlp.extensions import register, text_of

MONTH = (
    "("
    + "|".join(sorted((m.capitalize() for m in calendar.MONTHS), key=len, reverse=True))
    + r")\b\.?"
)
DAY = r"(?<![:.\d])(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s+(\d{4}))?"
DASH = r"(?:\s*[–—-]\s*|\s+(?:to|through|until|till)\s+)"
"""What joins the two days of a range: "May 23–25", "from May 23 to 25"."""
WEEKDAY = "(" + "|".join(d.capitalize() for d in calendar.WEEKDAYS) + ")"
DATELINE_WINDOW = 1500


@dataclass(frozen=True)
class DateMention:
    """A date expression at character offsets; ``value`` is None when it cannot be resolved."""

    start: int
    end: int
    text: str
    value: DateValue | None
    relative: bool = False
    since: bool = False
    dateline: bool = False
    """In a wire dateline ("DOHA, Sept 19 (Agency) -"): when the story was filed, not the event."""
    anaphor: bool = False
    """ "that day", "Then,": the time of a sentence told before, not one of its own."""


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _range_md(m: re.Match, ref: dt.date | None) -> DateValue | None:
    month = calendar.month_number(m[1])
    return calendar.day_range(month, int(m[2]), int(m[3]), _int(m[4]), ref) if month else None


def _range_dm(m: re.Match, ref: dt.date | None) -> DateValue | None:
    month = calendar.month_number(m[3])
    return calendar.day_range(month, int(m[1]), int(m[2]), _int(m[4]), ref) if month else None


def _md(m: re.Match, ref: dt.date | None) -> DateValue | None:
    month = calendar.month_number(m[1])
    return calendar.day_range(month, int(m[2]), int(m[2]), _int(m[3]), ref) if month else None


def _dm(m: re.Match, ref: dt.date | None) -> DateValue | None:
    month = calendar.month_number(m[2])
    return calendar.day_range(month, int(m[1]), int(m[1]), _int(m[3]), ref) if month else None


def _iso(m: re.Match, ref: dt.date | None) -> DateValue | None:
    day = calendar.parse_iso(m[0])
    return DateValue(day.isoformat(), day.isoformat()) if day else None


YEAR_WORDS = {"last": -1, "this": 0, "next": 1}
"""'October last year': the month of the year before the reference."""


def _dotted(m: re.Match, ref: dt.date | None) -> DateValue | None:
    """ "14.08.2025": day, month, year, as European pages write them."""
    return calendar.day_range(int(m[2]), int(m[1]), int(m[1]), int(m[3]), ref)


def _month(m: re.Match, ref: dt.date | None) -> DateValue | None:
    month = calendar.month_number(m[2])
    year = _int(m[3])
    if year is None and m[4] and ref is not None:
        year = ref.year + YEAR_WORDS[m[4]]
    return calendar.month_value(month, year, ref) if month else None


def _weekday(m: re.Match, ref: dt.date | None) -> DateValue | None:
    which = (m[1] or "").strip().lower()
    if which == "next":
        return None
    return calendar.weekday(m[2], ref, strictly_before=which == "last")


def _relative(m: re.Match, ref: dt.date | None) -> DateValue | None:
    return calendar.relative(m[0], ref)


Parser = Callable[[re.Match, "dt.date | None"], "DateValue | None"]
RANGES = (_range_md, _range_dm)
"""A range has its own end: "from May 23 to 25" is when it happened, not a starting point."""

# Most specific first: an earlier pattern wins where two overlap.
PATTERNS: tuple[tuple[re.Pattern, Parser, bool], ...] = (
    (re.compile(rf"\b{MONTH}\s+{DAY}{DASH}{DAY}\b{YEAR}"), _range_md, False),
    (re.compile(rf"\b{DAY}{DASH}{DAY}\s+{MONTH}{YEAR}"), _range_dm, False),
    (re.compile(rf"\bbetween\s+{MONTH}\s+{DAY}\s+and\s+{DAY}\b{YEAR}"), _range_md, False),
    (re.compile(rf"\bbetween\s+{DAY}\s+and\s+{DAY}\s+{MONTH}{YEAR}"), _range_dm, False),
    (re.compile(rf"\b{MONTH}\s+{DAY}\b(?!:){YEAR}"), _md, False),
    (re.compile(rf"\b{DAY}\s+{MONTH}{YEAR}"), _dm, False),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso, False),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), _dotted, False),
    (
        re.compile(
            rf"\b((?i:in|since|during|of|early|late|mid|until|from|by|last))[\s-]+{MONTH}{YEAR}"
            r"(?:\s+(last|this|next)\s+year)?\b"
        ),
        _month,
        False,
    ),
    (re.compile(rf"\b((?i:last|next|this|on)\s+)?{WEEKDAY}\b"), _weekday, True),
    (
        re.compile(
            r"\b(today|tonight|yesterday|last night|this morning|earlier today|last week|"
            r"last month|earlier this month|this month)\b",
            re.IGNORECASE,
        ),
        _relative,
        True,
    ),
)
STAMP = re.compile(
    r"^[ \t]*\d{1,2}[:.]\d{2}\b(?:\s*(?:GMT|UTC|BST|CET|EET|local))?(?:\s*[—–-]\s*|\s+)(?=\S)",
    re.MULTILINE,
)
"""A live-blog entry's time stamp at the start of a line ("10:42 —", "16:05 GMT ...")."""
HEADER_LENGTH = 60
"""A line at most this long that holds a day is a live blog's day header."""
SINCE = re.compile(
    r"\b(?:(?:since|from)\s+(?:the\s+)?|since\s+(?:[\w'’-]+\s+){1,5}(?:in|of)\s+)$",
    re.IGNORECASE,
)
"""Words before a date that make it a starting point: "since May", "since the invasion in May"."""
SINCE_REACH = 50
UNTIL = re.compile(r"\s*(?:to|until|till|through|[–—-])\s+\w", re.IGNORECASE)
""" "from June 2 to June 4": a starting day with its end told next is a range, not "since"."""
PLACE_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}"
DATELINE_BEFORE = re.compile(rf"(?:^|\n)[ \t]*{PLACE_NAME}(?:,[ \t]*{PLACE_NAME})?,[ \t]*$")
"""A dateline's place at the start of a line ("DOHA, ", "KYIV, Ukraine, ")."""
DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[—–-]")
"""What closes a dateline after its date: an optional agency in brackets, then a dash."""


def find_dates(text: str, ref: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, without overlaps."""
    taken: list[DateMention] = []
    for mention in sorted(_candidates(text, ref), key=lambda d: (d.start, -(d.end - d.start))):
        if not taken or mention.start >= taken[-1].end:
            taken.append(mention)
    return _resolve_anaphora(text, _apposed(text, taken))


APPOSITION = re.compile(r"^,?\s*(?:on\s+|the\s+)?$", re.IGNORECASE)
"""What joins a relative day to the date that spells it out: "Today, on 14 August 2025"."""


def _apposed(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A relative day followed by the day it means takes that day ("Yesterday, 31 January")."""
    out = list(mentions)
    for i, (first, second) in enumerate(itertools.pairwise(mentions)):
        spelled = second.value is not None and second.value.is_day and not second.relative
        if first.relative and spelled and APPOSITION.match(text[first.end : second.start]):
            out[i] = replace(first, value=second.value)
    return out


POINTING_BACK = re.compile(
    r"\b(?:on\s+)?(?:that|the\s+same|that\s+same)\s+"
    r"(?:(?P<day>day|evening|night|morning|afternoon)|(?P<month>month))\b"
    r"|(?:^|(?<=[.!?]\s))(?P<then>Then|At\s+the\s+time|At\s+that\s+time),",
    re.IGNORECASE | re.MULTILINE,
)
"""A time named by the one told before it: "That day Israel released 477 prisoners", "That
same month", and, right after a dated sentence, "Then, Moscow received 101 servicemen"."""
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


def _resolve_anaphora(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Add "that day", "the same day" with the day last given before them (not a dateline, a
    starting point or a day inside a quotation). One pass over both, in text order."""
    found = []
    ordered = sorted(mentions, key=lambda d: d.start)
    k, last = 0, None
    for m in POINTING_BACK.finditer(text):
        while k < len(ordered) and ordered[k].start < m.start():
            d = ordered[k]
            if d.end <= m.start() and _a_day_to_point_at(text, d):
                last = d
            k += 1
        taken = k < len(ordered) and ordered[k].start < m.end()
        overlapping = k and ordered[k - 1].end > m.start()
        value = _pointed_at(text, m, last) if not taken and not overlapping else None
        if value is not None:
            found.append(DateMention(m.start(), m.end(), m[0], value, True, anaphor=True))
    return sorted(mentions + found, key=lambda d: d.start)


def _pointed_at(text: str, anaphor: re.Match[str], last: DateMention | None) -> DateValue | None:
    """The time an anaphor means: the day told last, its month, or for "Then," the day of the
    sentence just before (a "then" further off is a sequence, not a time)."""
    if last is None or last.value is None:
        return None
    if anaphor["month"]:
        month = last.value.start[:7]
        return DateValue(month, month)
    if anaphor["then"]:
        between = text[last.end : anaphor.start()].rstrip()[:-1]
        return None if "\n" in between or SENTENCE_END.search(between) else last.value
    return last.value


def _a_day_to_point_at(text: str, d: DateMention) -> bool:
    return (
        d.value is not None
        and d.value.is_day
        and not (d.dateline or d.since or _quoted(text, d.start))
    )


def _quoted(text: str, at: int) -> bool:
    """Whether a quotation opened on this line is still open at ``at``."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return line.count("“") > line.count("”") or line.count('"') % 2 == 1


def _candidates(text: str, ref: dt.date | None) -> Iterator[DateMention]:
    for pattern, parse, is_relative in PATTERNS:
        for m in pattern.finditer(text):
            start = m.start(2) if parse is _month else m.start()
            since = bool(SINCE.search(text[max(0, start - SINCE_REACH) : start])) or m[
                0
            ].lower().startswith("since")
            since = since and parse not in RANGES and not UNTIL.match(text, m.end())
            value = parse(m, ref)
            filed = _in_dateline(text, start, m.end())
            yield DateMention(
                start, m.end(), text[start : m.end()], value, is_relative, since, filed
            )


AGENCY_AFTER = re.compile(r"[ \t]*\([^)\n]{1,40}\)[ \t]*[—–-]")
"""A dateline without a place, the date opening its line: "July 8 (Agency) - ..."."""


def _in_dateline(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 80) : start]
    if DATELINE_BEFORE.search(before) and DATELINE_AFTER.match(text, end):
        return True
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and bool(AGENCY_AFTER.match(text, end))


def dateline(text: str) -> dt.date | None:
    """The first full date (with a year) near the top of the text: a dateline or 'Posted on'."""
    body = text.lstrip()
    offset = len(text) - len(body)
    for mention in find_dates(text[offset : offset + DATELINE_WINDOW], None):
        if mention.value is not None and mention.value.is_day:
            return calendar.parse_iso(mention.value.start)
    return None


def stamps(text: str, mentions: list[DateMention], ref: dt.date | None) -> list[tuple[int, str]]:
    """(offset, day) for each time-stamped entry: the day of the last header line, else ``ref``.

    A time of day is no date; the entry it heads happened on the blog's day. One pass over
    the stamps and the dates together, both in text order.
    """
    found: list[tuple[int, str]] = []
    day = ref.isoformat() if ref else None
    ordered = iter(sorted(mentions, key=lambda d: d.start))
    pending = next(ordered, None)
    for m in STAMP.finditer(text):
        while pending is not None and pending.start < m.start():
            day = _header_day(text, pending) or day
            pending = next(ordered, None)
        if day is not None:
            found.append((m.start(), day))
    return found


def _header_day(text: str, mention: DateMention) -> str | None:
    """The day a live blog's header line gives ("Tuesday 6 May"), if the line is one."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    value = mention.value
    header = len(line.strip()) <= HEADER_LENGTH and not STAMP.match(line)
    if header and value is not None and value.is_day and not mention.relative:
        return value.start
    return None


@Language.component(
    "kg_dates",
    requires=["doc._.datelines"],
    assigns=["doc._.anchor", "doc._.dates", "doc._.stamps"],
)
def find_doc_dates(doc: Doc) -> Doc:
    """Set ``doc._.anchor`` and ``doc._.dates``; warn when relative dates cannot be anchored.

    The anchor is the published day, else the story's own dateline, else a full date the
    page's furniture gives (a caption's "released February 4, 2023", a "Posted" stamp).
    """
    register()
    ref = (
        calendar.parse_iso(doc._.published)
        or dateline(text_of(doc))
        or calendar.parse_iso(doc._.filed)
    )
    doc._.anchor = ref.isoformat() if ref else None
    lines = doc._.datelines or []
    doc._.dates = [
        replace(d, dateline=True) if any(a <= d.start < b for a, b in lines) else d
        for d in find_dates(text_of(doc), ref)
    ]
    doc._.stamps = stamps(text_of(doc), doc._.dates, ref)
    doc._.warnings = list(doc._.warnings or [])
    unresolved = [d for d in doc._.dates if d.relative and d.value is None]
    if ref is None and unresolved:
        doc._.warnings.append(
            f"no published date or dateline: {len(unresolved)} relative date(s) left unresolved"
        )
    return doc
