import pytest
import spacy

from kg.nlp.lexicon import load
from kg.nlp.numbers import parse_number

NUMBERS = load().numbers
NLP = spacy.blank("en")


def _parse(text):
    return parse_number(NLP(text), 0, NUMBERS.words, NUMBERS.multipliers)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three hundred and fifty-two detainees", 352),
        ("Sixty-eight sailors", 68),
        ("four thousand two hundred captives", 4200),
        ("one hundred twelve men", 112),
        ("2,480 prisoners", 2480),
        ("7 thousand bodies", 7000),
        ("a hundred civilians", 100),
    ],
)
def test_numbers_compound_words_are_one_value(text, value):
    assert _parse(text)[0] == value


def test_numbers_parse_ends_after_the_last_number_word():
    assert _parse("three hundred and fifty-two detainees") == (352, 6)


def test_numbers_indefinite_article_alone_is_no_number():
    assert _parse("a soldier") is None


def test_numbers_billion_is_a_multiplier():
    assert _parse("nine billion euros")[0] == 9_000_000_000


def test_numbers_dozen_multiplies():
    assert [_parse("two dozen hostages")[0], _parse("a dozen sailors")[0]] == [24, 12]


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("6 000 bodies", 6000, 2),
        ("1\u202f003 bodies", 1003, 3),
        ("1 200 000 people", 1200000, 3),
        ("2022 100 prisoners", 2022, 1),
        ("12 1000 prisoners", 12, 1),
    ],
)
def test_numbers_thousands_split_by_a_space_are_one_number(text, value, end):
    assert _parse(text) == (value, end)
