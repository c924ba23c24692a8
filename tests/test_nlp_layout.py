"""kg.nlp.layout: wire datelines and line starts, from the characters alone."""

from kg.nlp.layout import datelines, line_starts


def _dateline(text: str) -> str:
    """The one dateline of ``text``, as written (with its dash and the space after it)."""
    (span,) = datelines(text)
    return text[span[0] : span[1]]


def test_datelines_place_day_agency_hyphen():
    text = "KYIV, July 17 (Agency) - Russia and Ukraine swapped 95 prisoners each."
    assert _dateline(text) == "KYIV, July 17 (Agency) - "


def test_datelines_span_ends_where_story_starts():
    text = "KYIV, July 17 (Agency) - Russia and Ukraine swapped 95 prisoners each."
    assert datelines(text) == [(0, text.index("Russia"))]


def test_datelines_several_places_with_en_dash():
    text = "DUBAI/MOSCOW/KYIV, Aug 24 (Agency) – Russia and Ukraine each freed 146."
    assert _dateline(text) == "DUBAI/MOSCOW/KYIV, Aug 24 (Agency) – "


def test_datelines_agency_between_slashes():
    text = "MOSCOW, Dec 29. /TASS/. Russia has returned 150 servicemen."
    assert _dateline(text) == "MOSCOW, Dec 29. /TASS/. "


def test_datelines_place_and_agency_with_em_dash():
    text = "YEREVAN (RFE/RL) — Armenia and Azerbaijan exchanged prisoners."
    assert _dateline(text) == "YEREVAN (RFE/RL) — "


def test_datelines_place_and_country_without_day():
    text = "ABU DHABI, United Arab Emirates - The two sides met on Friday."
    assert _dateline(text) == "ABU DHABI, United Arab Emirates - "


def test_datelines_title_case_place_with_agency():
    text = "Kyiv, July 17 (Reuters) - Ukraine said 95 soldiers came home."
    assert _dateline(text) == "Kyiv, July 17 (Reuters) - "


def test_datelines_headline_with_dash_is_none():
    assert datelines("Russia - Ukraine swap brings 90 soldiers home") == []


def test_datelines_mid_line_is_none():
    assert datelines("He wrote from KYIV, July 17 (Agency) - a long report.") == []


def test_datelines_found_on_a_later_line():
    text = "Soldiers come home\nKYIV, July 17 (Agency) - Ukraine said 95 came home."
    assert datelines(text) == [(text.index("KYIV"), text.index("Ukraine"))]


def test_datelines_dash_must_be_followed_by_text():
    assert datelines("KYIV, July 17 (Agency) -") == []


def test_line_starts_every_line():
    text = "Headline\nFirst paragraph.\nSecond paragraph."
    assert line_starts(text) == [0, text.index("First"), text.index("Second")]


def test_line_starts_skip_blank_lines():
    text = "Headline\n\n   \nBody."
    assert line_starts(text) == [0, text.index("Body")]


def test_line_starts_at_first_non_blank_character():
    text = "Headline\n   Indented body."
    assert line_starts(text) == [0, text.index("Indented")]
