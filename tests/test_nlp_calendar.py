"""kg.nlp.calendar at the edges of Python's calendar: a date there is unknown, never a crash.

Regression for issue 12: ``published: 0001-01-01`` or ``9999-12-31`` raised
OverflowError in the day arithmetic and aborted a whole ingest.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.nlp import calendar

EDGES = [dt.date.min, dt.date(1, 1, 7), dt.date(9999, 12, 25), dt.date.max]


@pytest.mark.parametrize("ref", EDGES)
@pytest.mark.parametrize(
    "phrase", ["today", "yesterday", "last night", "last week", "last month", "this month"]
)
def test_calendar_relative_phrase_at_the_edge_is_unknown(ref, phrase):
    assert calendar.relative(phrase, ref) is None


@pytest.mark.parametrize("ref", EDGES)
@pytest.mark.parametrize("strictly_before", [False, True])
def test_calendar_weekday_at_the_edge_is_unknown(ref, strictly_before):
    assert calendar.weekday("sunday", ref, strictly_before=strictly_before) is None


@pytest.mark.parametrize("ref", EDGES)
def test_calendar_day_month_without_year_at_the_edge_is_unknown(ref):
    assert calendar.with_year(12, 31, None, ref) is None
    assert calendar.day_range(1, 1, 2, None, ref) is None
    assert calendar.month_value(12, None, ref) is None


@pytest.mark.parametrize("year", [1, 9999])
def test_calendar_stated_year_at_the_edge_is_unknown(year):
    assert calendar.with_year(6, 1, year, None) is None
    assert calendar.month_value(6, year, None) is None
    assert calendar.parse_iso(f"{year:04d}-06-01") is None


def test_calendar_month_bounds_of_the_last_month():
    assert calendar.month_bounds("9999-12") == ("9999-12-01", "9999-12-31")


def test_calendar_dates_inside_the_margin_still_resolve():
    ref = dt.date(2, 1, 10)
    assert calendar.relative("yesterday", ref) == calendar.DateValue("0002-01-09", "0002-01-09")
    assert calendar.parse_iso("9998-12-31") == dt.date(9998, 12, 31)
