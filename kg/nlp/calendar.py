"""Date expressions -> ISO values, relative ones against a reference day (never today).

Pure functions on strings so they are easy to test; :mod:`kg.nlp.dates` finds
the expressions in a Doc and calls these.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FUTURE_SLACK = dt.timedelta(days=14)
"""A day-month without a year later than this after the reference is last year's."""
MIN_YEAR, MAX_YEAR = dt.MINYEAR + 1, dt.MAXYEAR - 1
"""Days this module hands out keep a year inside Python's calendar, so the callers' day
arithmetic (ranges, "a day after", "last week") never overflows; a date outside is unknown."""


@dataclass(frozen=True)
class DateValue:
    """``start``/``end`` ISO days or months; ``exact`` is False for a bound ("last week")."""

    start: str
    end: str
    exact: bool = True

    @property
    def is_day(self) -> bool:
        return self.exact and len(self.start) == 10


def shifted(value: DateValue, days: int) -> DateValue:
    """A day value moved by ``days`` ("a day after Sunday" is Monday); months stay put."""
    if not value.is_day or not days:
        return value
    move = dt.timedelta(days=days)
    start = dt.date.fromisoformat(value.start) + move
    end = dt.date.fromisoformat(value.end) + move
    return DateValue(start.isoformat(), end.isoformat(), value.exact)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def with_year(month: int, day: int, year: int | None, ref: dt.date | None) -> dt.date | None:
    """Complete a day-month; without a year, the latest one not far after the reference."""
    if year is None:
        if not _inside(ref):
            return None
        year = ref.year
        if _safe_date(year, month, day) and _safe_date(year, month, day) > ref + FUTURE_SLACK:
            year -= 1
    return _safe_date(year, month, day)


def _inside(day: dt.date | None) -> bool:
    return day is not None and MIN_YEAR <= day.year <= MAX_YEAR


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return found if _inside(found) else None


def day_range(
    month: int, first: int, last: int, year: int | None, ref: dt.date | None
) -> DateValue | None:
    start, end = with_year(month, first, year, ref), with_year(month, last, year, ref)
    if start is None or end is None or end < start:
        return None
    return DateValue(start.isoformat(), end.isoformat())


def month_value(month: int, year: int | None, ref: dt.date | None) -> DateValue | None:
    if year is None:
        if not _inside(ref):
            return None
        year = ref.year if month <= ref.month else ref.year - 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    iso = f"{year:04d}-{month:02d}"
    return DateValue(iso, iso)


def weekday(name: str, ref: dt.date | None, strictly_before: bool = False) -> DateValue | None:
    """The most recent such weekday on (or, for "last X", before) the reference day."""
    if not _inside(ref):
        return None
    back = (ref.weekday() - WEEKDAYS.index(name.lower())) % 7
    if strictly_before and back == 0:
        back = 7
    day = (ref - dt.timedelta(days=back)).isoformat()
    return DateValue(day, day)


def relative(phrase: str, ref: dt.date | None) -> DateValue | None:
    """today, yesterday, last week (a bound), last month / this month (a month)."""
    if not _inside(ref):
        return None
    key = re.sub(r"\s+", " ", phrase.lower())
    if key in ("today", "tonight", "this morning", "earlier today"):
        return DateValue(ref.isoformat(), ref.isoformat())
    if key in ("yesterday", "last night"):
        day = (ref - dt.timedelta(days=1)).isoformat()
        return DateValue(day, day)
    if key == "last week":
        monday = ref - dt.timedelta(days=ref.weekday() + 7)
        return DateValue(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), False)
    if key in ("last month", "earlier this month", "this month"):
        year, month = (ref.year, ref.month) if "this" in key else _previous_month(ref)
        return DateValue(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}")
    return None


def _previous_month(ref: dt.date) -> tuple[int, int]:
    return (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)


def month_bounds(month: str) -> tuple[str, str]:
    """First and last day of a ``YYYY-MM`` month."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{monthrange(year, number)[1]:02d}"


def parse_iso(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
    return day if _inside(day) else None
