"""How an article tells its exchanges: which mentions are one exchange, and its main one.

Articles date an exchange once and go on telling it ("On 18 October Hamas handed him
over. He was flown home."), spread it over days ("January 19-20", "welcomed the
release on Sunday"), stamp it (live blogs), or date only its report. These rules
turn the dated and undated event frames of a Doc into one draft per exchange.
"""

from __future__ import annotations

import datetime as dt

from kg.nlp.calendar import DateValue
from kg.nlp.drafts import ExchangeDraft
from kg.nlp.extensions import text_of
from kg.nlp.frames import Frame


def stamped(frame: Frame) -> DateValue | None:
    """The day of the live-blog entry the frame's sentence stands in, if it is one."""
    if frame.background:
        return None
    doc, start = frame.sent.doc, frame.sent.start_char
    for offset, day in reversed(doc._.stamps or ()):
        if offset <= start:
            return None if text_of(doc).find("\n", offset, start) >= 0 else DateValue(day, day)
    return None


def main_exchange(drafts: dict[str, ExchangeDraft]) -> str | None:
    """The exchange the article is about: dated to the day (a month-only one is background),
    then the one told most."""
    if not drafts:
        return None
    return max(drafts.values(), key=lambda d: (len(d.start) == 10, len(d.frames), d.start)).start


def merge_spans(drafts: dict[str, ExchangeDraft]) -> dict[str, ExchangeDraft]:
    """A day inside a multi-day exchange ("January 19-20", later "on the 20th") is that exchange."""
    ranges = [d for d in drafts.values() if d.end > d.start]
    for start in list(drafts):
        host = next((r for r in ranges if r.start < start <= r.end), None)
        if host is not None:
            host.frames.extend(drafts.pop(start).frames)
    return drafts


def fold_next_days(drafts: dict[str, ExchangeDraft], primary: str | None) -> str | None:
    """ "Iran released four Americans on Saturday ... Obama welcomed the release on Sunday":
    the day after an exchange, a mention of an exchange by its noun that hands over no one
    of its own is that exchange, told again."""
    for start in sorted(drafts):
        draft, before = drafts.get(start), _day_before(start)
        host = drafts.get(before) if before else None
        if draft is None or host is None or draft.transfers or not host.transfers:
            continue
        if not all(a.root.tag_.startswith("NN") for f in draft.frames for a in f.anchors):
            continue
        if set(draft.parties) != set(host.parties):
            continue
        host.end = max(host.end, draft.end)
        host.frames.extend(draft.frames)
        host.locations.extend(draft.locations)
        host.mediators.extend(m for m in draft.mediators if m not in host.mediators)
        del drafts[start]
        primary = before if primary == start else primary
    return primary


def _day_before(day: str) -> str | None:
    if len(day) != 10:
        return None
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def goes_on(dated: Frame, frame: Frame) -> bool:
    """ "On 18 October Hamas handed Shalit over. Egypt passed him on, and he was flown home.":
    an undated event right after a dated one, in its paragraph, goes on telling it."""
    doc = frame.sent.doc
    if frame.sent.start == dated.sent.start:
        return True
    between = doc[dated.sent.end : frame.sent.start]
    gap = text_of(doc)[dated.sent.end_char : frame.sent.start_char]
    return all(t.is_space for t in between) and "\n\n" not in gap


def dated_by_report(frames: list[Frame], undated: list[Frame]) -> dict[str, ExchangeDraft]:
    """ "Ukraine has received the bodies of 6,057 people, ..., the headquarters said on
    Friday": an article that dates no exchange dates it by the report of its first one."""
    for event in undated:
        for frame in frames:
            if frame.kind != "speech" or frame.sent.start != event.sent.start:
                continue
            days = [m.value for _, m in frame.dates if m.value is not None and m.value.is_day]
            if days and not any(m.since for _, m in frame.dates):
                return {days[0].start: ExchangeDraft(days[0].start, days[0].end)}
    return {}


def members(frames: list[Frame], drafts: dict[str, ExchangeDraft], primary: str) -> None:
    """ "Officials said the group included civilians": categories of the exchange told last."""
    owner = {id(f): d for d in drafts.values() for f in d.frames}
    last = drafts[primary]
    for frame in frames:
        last = owner.get(id(frame), last)
        if frame.kind == "member" and not frame.background:
            last.categories.extend(c.kb_id_ for c in frame.categories)
