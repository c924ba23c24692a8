import pytest

from kg.nlp.boilerplate import blank
from tests.nlp_fixtures import article, extractor  # noqa: F401

PREFIXES = ("read also", "photo:")


def test_boilerplate_link_line_is_blanked_in_place():
    text = "Ukraine freed 20 soldiers.\nRead also: Swap of 115 prisoners\nMore text."
    out = blank(text, PREFIXES)
    assert out == "Ukraine freed 20 soldiers.\n" + " " * 32 + "\nMore text."


def test_boilerplate_dated_headline_without_full_stop_is_blanked():
    text = "Ukraine returns bodies of 250 soldiers (September 5)\nThe swap was on Friday."
    assert blank(text, PREFIXES).split("\n") == [" " * 52, "The swap was on Friday."]


def test_boilerplate_story_sentence_is_kept():
    text = "Photos of the handover (below) were published.\nRussia said so (on May 3)."
    assert blank(text, PREFIXES) == text


@pytest.mark.slow
def test_boilerplate_linked_story_adds_no_event(extractor):  # noqa: F811
    text = (
        "Ukraine and Russia swapped 90 soldiers each on Friday.\n"
        "Read also: Russia and Ukraine swap 115 prisoners in UAE-brokered deal (May 24)\n"
    )
    facts = extractor.extract(article(text))
    assert ([e.start for e in facts.exchanges], facts.agreements) == (["2025-06-06"], ())


def test_boilerplate_bulleted_links_under_read_more_are_blanked():
    text = (
        "Ukraine freed 20 soldiers.\nRead more:\n- Who are the five sent to Doha?\n- Timeline\nEnd."
    )
    lines = blank(text, (*PREFIXES, "read more")).split("\n")
    assert [bool(line.strip()) for line in lines] == [True, False, False, False, True]


def test_boilerplate_bullets_of_the_story_are_kept():
    text = "Key points:\n- Ukraine freed 20 soldiers\n- Russia freed 20"
    assert blank(text, PREFIXES) == text
