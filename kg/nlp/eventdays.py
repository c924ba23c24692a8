"""The days an event took, when its sentence gives more than one day.

"began on Friday and ended on Sunday", "completed on Sunday ... over three days", "a day
after the Taliban let him go": a range or a shifted day read from the frame's own
dates and the words around them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span

from kg.nlp.calendar import DateValue

if TYPE_CHECKING:
    from kg.nlp.frames import Frame


SPAN_GLUE = frozenset({"on", "in", "at", "the", "of"})
"""Words between a start/end word and its date ("began on Friday", "ended in the spring")."""


@dataclass(frozen=True)
class SpanWords:
    """Words that make a date the start ("began", "from") or end ("ended", "to") of an event,
    and the number words a duration may use ("over three days")."""

    start: frozenset[str] = frozenset()
    end: frozenset[str] = frozenset()
    numbers: dict[str, int] = field(default_factory=dict)


def _role(span: Span, words: SpanWords) -> str | None:
    """ "start" or "end" when a start/end word stands just before the date mention."""
    doc, k = span.doc, span.start - 1
    while k >= span.sent.start and doc[k].lower_ in SPAN_GLUE and span.start - k < 3:
        k -= 1
    if k < span.sent.start:
        return None
    if doc[k].lower_ in words.start:
        return "start"
    if doc[k].lower_ in words.end:
        return "end"
    return None


def _span(frame: Frame, words: SpanWords) -> DateValue | None:
    """One event's start and end from two day mentions marked as its start and end.

    A day marked as the start and a later one not marked at all ("landed on Sunday,
    ending an operation that began on Friday") also make the range.
    """
    days = [
        (s, m.value)
        for s, m in frame.dates
        if m.value is not None and m.value.is_day and not m.dateline
    ]
    roles = [(_role(s, words), v) for s, v in days]
    starts = [v.start for role, v in roles if role == "start"]
    ends = [v.end for role, v in roles if role == "end"]
    if starts and not ends:
        ends = [v.end for role, v in roles if role is None and v.end > min(starts)]
    if not starts or not ends or min(starts) > max(ends):
        return None
    return DateValue(min(starts), max(ends))


RANGE_WORDS = frozenset({"from", "to", "until", "till", "through"})
"""Start/end words that join two dates; alone they say nothing of a duration's day."""


DURATION = re.compile(
    r"\b(?:over|across|during|in)\s+(\w+)\s+days\b"
    r"|\b(\w+)-day\s+(?:prisoner\s+)?(?:exchange|swap|handover|release|operation)",
    re.IGNORECASE,
)
"""How long an event lasted: "over three days", "a two-day operation" (not "a four-day
truce", which is how long the truce lasted)."""


def _lasting(frame: Frame, words: SpanWords) -> DateValue | None:
    """ "completed the swap on Sunday ... over three days": Friday to Sunday.

    The day is the last when the sentence says the event ended, the first when it began;
    a duration alone says neither.
    """
    days = [m.value for _, m in frame.dates if m.value is not None and m.value.is_day]
    found = DURATION.search(frame.sent.text)
    if len(days) != 1 or found is None:
        return None
    length = _small_number(found[1] or found[2], words.numbers)
    if not length or length < 2:
        return None
    said = {t.lower_ for t in frame.sent} - RANGE_WORDS
    day = dt.date.fromisoformat(days[0].start)
    if said & words.end:
        return DateValue((day - dt.timedelta(days=length - 1)).isoformat(), day.isoformat())
    if said & words.start:
        return DateValue(day.isoformat(), (day + dt.timedelta(days=length - 1)).isoformat())
    return None


DAYS_APART = re.compile(r"\b(a|the|one|two|three|four|five|\d)\s+days?\s+(after|before)\b", re.I)
"""Words just before an event that set it days from the day told ("a day after the Taliban
let him go")."""


def _shifted(frame: Frame, words: SpanWords) -> DateValue | None:
    """ "was in hospital on Sunday, a day after the Taliban let him go": Saturday."""
    days = [m.value for _, m in frame.dates if m.value is not None and m.value.is_day]
    if len(days) < 1:
        return None
    doc, anchor = frame.sent.doc, frame.anchors[0]
    lead = doc[max(frame.sent.start, anchor.start - 6) : anchor.start].text + " "
    found = DAYS_APART.search(lead)
    if found is None:
        return None
    gap = 1 if found[1].lower() in ("a", "the") else _small_number(found[1], words.numbers) or 0
    day = dt.date.fromisoformat(days[0].start)
    sign = -1 if found[2].lower() == "after" else 1
    shifted = (day + dt.timedelta(days=sign * gap)).isoformat()
    return DateValue(shifted, shifted)


def _small_number(word: str, numbers: dict[str, int]) -> int | None:
    return int(word) if word.isdigit() else numbers.get(word.lower())


def days_of(frame: Frame, words: SpanWords) -> DateValue | None:
    """The frame's range or shifted day, if its words give one."""
    return _span(frame, words) or _lasting(frame, words) or _shifted(frame, words)


NO_WORDS = SpanWords()
"""No start, end or number words: a frame's days are its single dates."""
