"""kg.nlp.narrative: which event mentions are one exchange, and the article's main one."""

from kg.nlp.calendar import DateValue
from kg.nlp.dates import DateMention
from kg.nlp.mentions import EventMention
from kg.nlp.narrative import Story, event_date, stamped, tell


def on(*days: str) -> tuple[DateMention, ...]:
    return tuple(DateMention(0, 0, day, DateValue(day, day)) for day in days)


def event(trigger: int, sent: int, *days: str, **fields) -> EventMention:
    return EventMention(trigger, "swap", sent, dates=on(*days), **fields)


def _tell(events, stamps=(), reports=None, anchor=None):
    offsets = {e.trigger: 10 * e.trigger for e in events}
    return tell(events, offsets, list(stamps), reports or {}, anchor)


def _triggers(story: Story | None) -> list[int]:
    return sorted(e.trigger for e in story.events) if story else []


def test_event_date_one_day():
    assert event_date(event(1, 0, "2025-05-23")) == DateValue("2025-05-23", "2025-05-23")


def test_event_date_undated_is_none():
    assert event_date(event(1, 0)) is None


def test_event_date_two_close_days_are_a_range():
    found = event_date(event(1, 0, "2025-05-25", "2025-05-23"))
    assert found == DateValue("2025-05-23", "2025-05-25")


def test_event_date_two_far_days_keep_the_first_given():
    found = event_date(event(1, 0, "2025-05-20", "2025-05-01"))
    assert found == DateValue("2025-05-20", "2025-05-20")


def test_event_date_duration_from_start_day():
    # "over three days starting May 23"
    found = event_date(event(1, 0, "2025-05-23", days=3))
    assert found == DateValue("2025-05-23", "2025-05-25")


def test_event_date_duration_back_from_end_day():
    # "completed on Sunday (May 25) after three days"
    found = event_date(event(1, 0, "2025-05-25", days=3, ends=True))
    assert found == DateValue("2025-05-23", "2025-05-25")


def test_event_date_month():
    month = DateMention(0, 0, "in May", DateValue("2025-05", "2025-05"))
    assert event_date(EventMention(1, "swap", 0, dates=(month,))) == DateValue("2025-05", "2025-05")


def test_event_date_ignores_inexact_bound():
    week = DateMention(0, 0, "last week", DateValue("2025-06-02", "2025-06-08", exact=False))
    assert event_date(EventMention(1, "swap", 0, dates=(week,))) is None


def test_stamped_takes_last_stamp_before_offset():
    stamps = [(0, "2025-05-23"), (100, "2025-05-24"), (200, "2025-05-25")]
    assert stamped(150, stamps) == "2025-05-24"


def test_stamped_before_first_stamp_is_none():
    assert stamped(5, [(10, "2025-05-23")]) is None


def test_tell_same_day_is_one_exchange():
    stories, _ = _tell([event(1, 0, "2025-05-23"), event(2, 4, "2025-05-23")])
    assert [_triggers(s) for s in stories] == [[1, 2]]


def test_tell_stories_in_time_order():
    stories, _ = _tell([event(1, 0, "2025-05-23"), event(2, 4, "2025-02-08")])
    assert [s.start for s in stories] == ["2025-02-08", "2025-05-23"]


def test_tell_main_is_the_one_the_opening_tells():
    events = [event(1, 0, "2025-05-23"), event(2, 3, "2025-02-08"), event(3, 5, "2025-02-08")]
    _, main = _tell(events)
    assert main.start == "2025-05-23"


def test_tell_main_is_never_an_earlier_event():
    # "The previous swap took place on February 8. ... On May 23 they swapped 90."
    events = [event(1, 0, "2025-02-08", earlier=True), event(2, 3, "2025-05-23")]
    _, main = _tell(events)
    assert main.start == "2025-05-23"


def test_tell_day_inside_range_is_that_exchange():
    # "January 19-20" ... later "on the 20th"
    events = [event(1, 0, "2025-01-19", "2025-01-20"), event(2, 4, "2025-01-20")]
    stories, _ = _tell(events)
    assert [(s.start, s.end, _triggers(s)) for s in stories] == [
        ("2025-01-19", "2025-01-20", [1, 2])
    ]


def test_tell_undated_joins_the_dated_mention_of_its_sentence():
    events = [event(1, 0, "2025-05-23"), event(2, 6, "2025-02-08"), event(3, 6)]
    stories, _ = _tell(events)
    assert [_triggers(s) for s in stories] == [[2, 3], [1]]


def test_tell_undated_continues_the_paragraph():
    # "On 18 October Hamas handed him over. He was flown home."
    events = [event(1, 0, "2025-05-23"), event(2, 6, "2025-02-08"), event(3, 8)]
    stories, _ = _tell(events)
    assert [_triggers(s) for s in stories] == [[2, 3], [1]]


def test_tell_undated_far_from_any_date_joins_main():
    events = [event(1, 0, "2025-05-23"), event(2, 6, "2025-02-08"), event(3, 20)]
    _, main = _tell(events)
    assert _triggers(main) == [1, 3]


def test_tell_undated_earlier_mention_is_dropped():
    events = [event(1, 0, "2025-05-23"), event(2, 20, earlier=True)]
    stories, _ = _tell(events)
    assert [_triggers(s) for s in stories] == [[1]]


def test_tell_undated_earlier_mention_does_not_continue_paragraph():
    events = [event(1, 0, "2025-05-23"), event(2, 1, earlier=True)]
    stories, _ = _tell(events)
    assert [_triggers(s) for s in stories] == [[1]]


def test_tell_ignores_mentions_that_did_not_happen():
    events = [event(1, 0, "2025-05-23"), event(2, 4, "2025-06-01", status="planned")]
    stories, _ = _tell(events)
    assert [s.start for s in stories] == ["2025-05-23"]


def test_tell_live_blog_stamp_dates_undated_mention():
    stories, _ = _tell([event(3, 0)], stamps=[(0, "2025-05-23"), (100, "2025-05-24")])
    assert [(s.start, _triggers(s)) for s in stories] == [("2025-05-23", [3])]


def test_tell_no_dated_exchange_takes_report_day():
    report = DateMention(0, 0, "on Friday", DateValue("2025-06-06", "2025-06-06"))
    _, main = _tell([event(1, 2)], reports={2: report}, anchor="2025-06-10")
    assert (main.start, _triggers(main)) == ("2025-06-06", [1])


def test_tell_no_dated_exchange_takes_article_day():
    stories, main = _tell([event(1, 2), event(2, 9)], anchor="2025-06-10")
    assert (main.start, _triggers(main), len(stories)) == ("2025-06-10", [1, 2], 1)


def test_tell_no_date_and_no_anchor_has_no_main():
    stories, main = _tell([event(1, 2)])
    assert (stories, main) == ([], None)


def test_tell_only_earlier_undated_mentions_have_no_main():
    _, main = _tell([event(1, 2, earlier=True)], anchor="2025-06-10")
    assert main is None
