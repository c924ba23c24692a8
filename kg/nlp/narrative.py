"""How an article tells its exchanges: which event mentions are one exchange, and its main one.

Mentions dated to one day (or to a range holding that day) are one exchange. An undated
mention is the exchange dated in its own sentence, else the one the paragraph is telling
("On 18 October Hamas handed him over. He was flown home."), else the article's main
exchange: the one its opening tells, or told most. Mentions told as earlier events
(past perfect, "the previous swap") never join the main exchange; without a date of
their own they are background and dropped. An article that dates no exchange dates its
main one by the day it reports it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kg.nlp.calendar import DateValue
from kg.nlp.dates import DateMention
from kg.nlp.mentions import EventMention

CONTINUES = 2
"""Sentences after a dated mention within which an undated one goes on telling it."""
SPAN_DAYS = 7
"""Two days in one clause further apart than this are not one event's first and last."""


@dataclass
class Story:
    """One exchange as the article tells it: its days and its mentions."""

    start: str
    end: str
    events: list[EventMention] = field(default_factory=list)

    @property
    def is_day(self) -> bool:
        return len(self.start) == 10

    def add(self, event: EventMention, value: DateValue | None = None) -> None:
        self.events.append(event)
        if value is not None:
            self.start = min(self.start, value.start)
            self.end = max(self.end, value.end)

    def sentences(self) -> set[int]:
        return {e.sent for e in self.events}


def event_date(event: EventMention) -> DateValue | None:
    """The event's days from its clause: a day, a range, two days close together, a month;
    one day and a duration ("over three days starting May 23") make a range."""
    values = [d.value for d in event.dates if d.value is not None and d.value.exact]
    days = [v for v in values if v.is_day]
    if days:
        first, last = min(v.start for v in days), max(v.end for v in days)
        if _days_between(first, last) > SPAN_DAYS:
            first, last = days[0].start, days[0].end
        if first == last and event.days:
            return _lasting(first, event.days, event.ends)
        return DateValue(first, last)
    return values[0] if values else None


def _lasting(day: str, days: int, ends: bool) -> DateValue:
    known = dt.date.fromisoformat(day)
    other = known + dt.timedelta(days=(1 - days) if ends else (days - 1))
    first, last = sorted((known, other))
    return DateValue(first.isoformat(), last.isoformat())


def _days_between(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def stamped(event_offset: int, stamps: list[tuple[int, str]]) -> str | None:
    """The day of the live-blog entry that holds a character offset."""
    day = None
    for offset, value in stamps:
        if offset > event_offset:
            break
        day = value
    return day


def tell(
    events: list[EventMention],
    offsets: dict[int, int],
    stamps: list[tuple[int, str]],
    reports: dict[int, DateMention],
    anchor: str | None,
    inherited: dict[int, DateValue] | None = None,
) -> tuple[list[Story], Story | None]:
    """The article's exchanges in time order, and its main one.

    ``offsets`` maps triggers to character offsets (for live-blog stamps: the day of an
    undated mention whose sentence dates nothing else), ``reports`` an
    event's sentence to the date of a speech verb that reports it, ``inherited`` a
    sentence to the day its paragraph's sentence before gives with no event of its own
    ("On Monday a pilot flew west and a teacher flew east. It was a swap.").
    """
    actual = [e for e in events if e.status == "actual" and not _only_totals(e)]
    told = {e.sent for e in actual if event_date(e) is not None}
    stories: dict[str, Story] = {}
    undated: list[EventMention] = []
    for event in actual:
        value = event_date(event)
        stamp = value is None and event.sent not in told
        day = stamped(offsets[event.trigger], stamps) if stamp else None
        if day is not None:
            value = DateValue(day, day)
        if value is None and not event.earlier:
            value = (inherited or {}).get(event.sent)
        if value is None:
            undated.append(event)
            continue
        story = stories.setdefault(value.start, Story(value.start, value.end))
        story.add(event, value)
    merged = _merge_ranges(stories)
    main = _main(merged, actual)
    told = _Told(merged)
    for event in undated:
        home = told.home(event, main)
        if home is not None:
            home.add(event)
            told.add(home, event)
        elif not event.earlier and main is None:
            main = _dated_by_report(event, reports, anchor, merged) or main
            if main is not None:
                told.add(main, event)
    return sorted(merged, key=lambda s: s.start), main


def _only_totals(event: EventMention) -> bool:
    """ "Ukraine has brought home 900 soldiers since 2023": a running total, no handover."""
    return bool(event.people) and all(p.total for p in event.people)


def _merge_ranges(stories: dict[str, Story]) -> list[Story]:
    """A day inside a multi-day exchange ("January 19-20", later "on the 20th") is that one."""
    ordered = sorted(stories.values(), key=lambda s: (s.start, s.end))
    kept: list[Story] = []
    for story in ordered:
        host = next(
            (k for k in kept if k.is_day and story.is_day and k.start <= story.start <= k.end),
            None,
        )
        if host is None:
            kept.append(story)
        else:
            host.events.extend(story.events)
            host.end = max(host.end, story.end)
    return kept


def _main(stories: list[Story], actual: list[EventMention]) -> Story | None:
    """The exchange the article is about: the day its first mention not told as an earlier
    event tells; never one first told as an earlier event ("the previous swap took place
    on February 8")."""
    by_trigger = {e.trigger: s for s in stories for e in s.events}
    for event in actual:
        story = by_trigger.get(event.trigger)
        if story is not None and not event.earlier and story.is_day and not _told_earlier(story):
            return story
    return None


def _told_earlier(story: Story) -> bool:
    """ "The last swap took place on February 16. Then, Moscow received 101": a day only an
    earlier event names stays background, whatever the sentences pointing back at it say."""
    return any(e.earlier for e in story.events) and not any(
        not e.earlier and any(not d.anaphor for d in e.dates if d.value is not None)
        for e in story.events
    )


class _Told:
    """Which stories each sentence tells, kept up to date as undated mentions join them, so
    that placing a mention looks at its sentence and the few before, not at every story."""

    def __init__(self, stories: list[Story]) -> None:
        self.rank = {id(s): n for n, s in enumerate(stories)}
        self.at: dict[int, list[tuple[Story, bool]]] = {}
        for story in stories:
            for event in story.events:
                self.add(story, event)

    def add(self, story: Story, event: EventMention) -> None:
        self.rank.setdefault(id(story), len(self.rank))
        self.at.setdefault(event.sent, []).append((story, event.earlier))

    def home(self, event: EventMention, main: Story | None) -> Story | None:
        """The story an undated mention tells: the one its sentence dates (even an earlier
        one: "The previous swap, on 19 April, saw 246 go each way; in addition Russia
        handed back 31 wounded"), else the one told in the sentences just before, else the
        main one."""
        here = self.at.get(event.sent, [])
        same = [s for s, earlier in here if not earlier] or [s for s, _ in here]
        if same:
            return min(same, key=lambda s: self.rank[id(s)])
        if event.earlier:
            return None
        for back in range(1, CONTINUES + 1):
            told = [s for s, earlier in self.at.get(event.sent - back, []) if not earlier]
            if told:
                return min(told, key=lambda s: self.rank[id(s)])
        return main


def _dated_by_report(
    event: EventMention,
    reports: dict[int, DateMention],
    anchor: str | None,
    stories: list[Story],
) -> Story | None:
    """An article that dates no exchange: the day its report gives, else the article's day."""
    mention = reports.get(event.sent)
    day = mention.value.start if mention and mention.value and mention.value.is_day else anchor
    if day is None:
        return None
    story = Story(day, day, [event])
    stories.append(story)
    return story
