import spacy

import kg.nlp.sentences  # noqa: F401


def _sents(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_sentences_split_on_full_stop():
    assert _sents("The talks ended. Both sides left.") == ["The talks ended.", "Both sides left."]


def test_sentences_keep_quotation_whole():
    text = "“We got them back. They are home,” the minister said. Nothing else."
    assert _sents(text)[0] == "“We got them back. They are home,” the minister said."


def test_sentences_split_on_line_break():
    assert _sents("A headline\nThe body starts here.") == ["A headline", "The body starts here."]


def test_sentences_abbreviation_does_not_split():
    assert len(_sents("U.S. officials met on Friday.")) == 1
