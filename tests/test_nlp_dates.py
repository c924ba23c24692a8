import datetime as dt

import spacy

from kg.nlp import calendar
from kg.nlp.dates import dateline, find_dates
from kg.nlp.extensions import register

REF = dt.date(2025, 6, 10)  # a Tuesday


def _values(text, ref=REF):
    return [(m.value.start, m.value.end) if m.value else None for m in find_dates(text, ref)]


def test_dates_month_day_takes_reference_year():
    assert _values("It happened on June 2.") == [("2025-06-02", "2025-06-02")]


def test_dates_day_month_order():
    assert _values("It happened on 4 June.") == [("2025-06-04", "2025-06-04")]


def test_dates_range_with_en_dash():
    assert _values("between May 23–25") == [("2025-05-23", "2025-05-25")]


def test_dates_weekday_is_latest_on_or_before_reference():
    assert _values("on Tuesday") == [("2025-06-10", "2025-06-10")]
    assert _values("on Monday") == [("2025-06-09", "2025-06-09")]


def test_dates_last_month_is_year_month():
    assert _values("last month") == [("2025-05", "2025-05")]


def test_dates_last_week_is_a_bound():
    mention = find_dates("last week", REF)[0]
    assert (mention.value.start, mention.value.end, mention.value.exact) == (
        "2025-06-02",
        "2025-06-08",
        False,
    )


def test_dates_since_is_flagged():
    assert find_dates("since March 2022", REF)[0].since


def test_dates_since_an_event_in_a_month_is_flagged():
    assert find_dates("the largest since the blockade of the port in April", REF)[0].since


def test_dates_relative_without_reference_is_unresolved():
    assert _values("on Tuesday", ref=None) == [None]


def test_dates_future_day_month_is_last_year():
    assert calendar.with_year(12, 30, None, dt.date(2025, 1, 3)) == dt.date(2024, 12, 30)


def test_dates_dateline_found_near_top():
    assert dateline("Posted on July 22, 2025\nText.") == dt.date(2025, 7, 22)


def test_dates_component_warns_without_anchor():
    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_dates")
    doc = nlp.make_doc("They met on Tuesday.")
    doc._.published = None
    assert nlp(doc)._.warnings


def test_dates_clock_time_is_no_day():
    assert _values("09:05 Separately, talks resumed.") == []


def test_dates_live_blog_stamps_take_the_header_day():
    from kg.nlp.dates import stamps

    text = "Monday 9 June 2025\n\n10:42 — A convoy left.\n16:05 GMT Talks went on."
    found = stamps(text, find_dates(text, REF), REF)
    assert [day for _, day in found] == ["2025-06-09", "2025-06-09"]


def test_dates_wire_dateline_is_flagged():
    mentions = find_dates("MUSCAT, Oct 3 (Gulf Desk) - Two sailors were freed on Monday.", REF)
    assert [(m.text, m.dateline) for m in mentions] == [("Oct 3", True), ("on Monday", False)]


def test_dates_date_after_a_phrase_and_dash_is_no_dateline():
    mentions = find_dates("The last swap, May 4 - not the first - was small.", REF)
    assert [m.dateline for m in mentions] == [False]


def test_dates_range_with_to_or_between():
    assert _values("from April 7 to 9 and between 3 and 4 March") == [
        ("2025-04-07", "2025-04-09"),
        ("2025-03-03", "2025-03-04"),
    ]


def test_dates_range_after_from_is_no_starting_point():
    assert [m.since for m in find_dates("a swap held from April 7 to 9", REF)] == [False]


def test_dates_dateline_without_a_place_is_flagged():
    mentions = find_dates("July 8 (Wire) - The swap took place on Friday.", dt.date(2017, 7, 8))
    assert [(m.text, m.dateline) for m in mentions] == [("July 8", True), ("on Friday", False)]


def test_dates_month_opening_a_sentence_is_read():
    mentions = find_dates("In February a teacher was flown home.", dt.date(2025, 4, 12))
    assert [(m.text, m.value.start) for m in mentions] == [("February", "2025-02")]


def test_dates_month_of_last_year():
    mentions = find_dates("In October last year seven were freed.", dt.date(2023, 12, 22))
    assert [(m.text, m.value.start) for m in mentions] == [("October last year", "2022-10")]


def test_dates_that_day_is_the_day_told_before():
    text = "On 18 October Hamas freed a soldier. That day Israel released 477 prisoners."
    mentions = find_dates(text, dt.date(2011, 12, 19))
    assert [(m.text, m.value.start) for m in mentions] == [
        ("18 October", "2011-10-18"),
        ("That day", "2011-10-18"),
    ]


def test_dates_that_day_skips_a_day_inside_a_quote():
    text = 'On 18 October he was freed. "Today we are happy," a minister said that evening.'
    mentions = find_dates(text, dt.date(2011, 12, 19))
    assert [m.value.start for m in mentions if m.text == "that evening"] == ["2011-10-18"]


def test_dates_dotted_day_month_year():
    mentions = find_dates("14.08.2025 18:05 - the exchange", None)
    assert [(m.text, m.value.start) for m in mentions] == [("14.08.2025", "2025-08-14")]


def test_dates_dotted_at_the_edge_of_the_calendar_is_unknown():
    """A dotted date at the calendar's ends is unknown, as in kg.nlp.calendar: built as is,
    01.01.0001 overflowed later in the day arithmetic ("a three-day exchange ended on ...")."""
    mentions = find_dates("01.01.0001, 31.12.9999 and 31.12.9998", None)
    assert [(m.text, m.value and m.value.start) for m in mentions] == [
        ("01.01.0001", None),
        ("31.12.9999", None),
        ("31.12.9998", "9998-12-31"),
    ]


def test_dates_relative_day_spelled_out_takes_the_spelled_day():
    mentions = find_dates("Today, on 14 August 2025, the exchange took place.", dt.date(2025, 9, 1))
    assert [m.value.start for m in mentions] == ["2025-08-14", "2025-08-14"]


def test_dates_then_takes_the_day_of_the_sentence_just_before():
    text = "The last swap took place on February 16. Then, Moscow received 101 soldiers."
    assert _values(text)[-1] == ("2025-02-16", "2025-02-16")
    assert find_dates(text, REF)[-1].anaphor


def test_dates_then_after_an_undated_sentence_is_a_sequence_not_a_day():
    text = "They met on February 16. The talks went well. Then, Moscow freed 20 soldiers."
    assert _values(text) == [("2025-02-16", "2025-02-16")]


def test_dates_that_same_month_is_the_month_of_the_day_before():
    text = "The last swap took place on February 16. That same month Russia freed 63."
    assert _values(text)[-1] == ("2025-02", "2025-02")
