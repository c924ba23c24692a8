"""kg.nlp.quotes: where quotations open and close, in the characters of a text."""

from kg.nlp.quotes import is_quote, quotations


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotations(text)]


def test_quotations_curly_pair():
    text = "He said “we brought them home today” and left."
    assert _quoted(text) == ["we brought them home today"]


def test_quotations_span_excludes_marks():
    text = "He said “we are home” today."
    assert quotations(text) == [(text.index("“") + 1, text.index("”"))]


def test_quotations_curly_pair_over_sentences():
    text = "“Today we act. We are doing all we can,” he said."
    assert _quoted(text) == ["Today we act. We are doing all we can,"]


def test_quotations_guillemets():
    text = "He said «we will free them all» on Friday."
    assert _quoted(text) == ["we will free them all"]


def test_quotations_low_high_german_pair():
    text = "„Wir sind alle bereit“, sagte er."
    assert _quoted(text) == ["Wir sind alle bereit"]


def test_quotations_two_curly_pairs():
    text = "“They are home,” he said. “All of them.”"
    assert _quoted(text) == ["They are home,", "All of them."]


def test_quotations_straight_pairs():
    text = 'She said "they are all home now" and "the talks go on" today.'
    assert _quoted(text) == ["they are all home now", "the talks go on"]


def test_quotations_straight_marks_pair_within_paragraph_only():
    assert quotations('He said "we are\nready to talk" again.') == []


def test_quotations_straight_odd_mark_mid_paragraph_opens_nothing():
    text = 'He said "we are ready" and then " left.'
    assert _quoted(text) == ["we are ready"]


def test_quotations_curly_closed_by_straight():
    text = 'He said “we are ready to swap" and left.'
    assert _quoted(text) == ["we are ready to swap"]


def test_quotations_unclosed_curly_runs_to_paragraph_end():
    text = "He said “we will bring them all home\nThe talks go on."
    assert _quoted(text) == ["we will bring them all home"]


def test_quotations_unclosed_curly_runs_to_text_end():
    text = "He said “we will bring them all home  "
    assert _quoted(text) == ["we will bring them all home"]


def test_quotations_curly_closer_in_next_paragraph_not_used():
    text = "He said “we will win\nand they said” nothing."
    assert _quoted(text) == ["we will win"]


def test_quotations_apostrophe_is_no_quote():
    assert quotations("Ukraine’s defenders aren’t home yet, the army’s chief said.") == []


def test_quotations_single_curly_pair():
    text = "He called it ‘a day of joy for us’ on Friday."
    assert _quoted(text) == ["a day of joy for us"]


def test_quotations_apostrophe_inside_single_quote_does_not_close_it():
    text = "‘We won’t stop until all are home’, he said."
    assert _quoted(text) == ["We won’t stop until all are home"]


def test_quotations_nested_quote_kept_inside_outer():
    text = '“He told us "go home now" and we did,” she said.'
    assert _quoted(text) == ['He told us "go home now" and we did,']


def test_quotations_in_text_order():
    text = '"First we talk," he said. “Then we swap.”'
    assert _quoted(text) == ["First we talk,", "Then we swap."]


def test_is_quote_three_words():
    text = "“we are ready”"
    assert is_quote(text, 1, len(text) - 1)


def test_is_quote_single_word_names_a_thing():
    text = "called it “terrorism”"
    assert not is_quote(text, text.index("“") + 1, text.index("”"))


def test_is_quote_two_words_name_a_thing():
    text = "the “seriously wounded”"
    assert not is_quote(text, text.index("“") + 1, text.index("”"))
