"""kg.nlp.sentences: the kg_sentences component on a blank pipeline (tokenizer only)."""

import pytest
import spacy
from spacy.tokens import Doc

import kg.nlp.sentences  # noqa: F401 - registers kg_sentences
from kg.nlp.extensions import DOC_ATTRIBUTES, register


def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    return nlp


def _run(text: str) -> Doc:
    register()
    return _nlp()(text)


def _starts(doc: Doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start]


@pytest.fixture
def unregistered():
    """No Doc extension declared, as in a fresh process; restored afterwards."""
    for name in DOC_ATTRIBUTES:
        if Doc.has_extension(name):
            Doc.remove_extension(name)
    yield
    register()


def test_sentences_component_registers_extensions(unregistered):
    doc = _nlp()("KYIV, July 17 (Agency) - Ukraine said 95 soldiers came home.")
    assert doc._.datelines == [(0, doc.text.index("Ukraine"))]


def test_sentences_first_token_starts_sentence():
    assert _starts(_run("Russia freed 90 soldiers."))[0] == "Russia"


def test_sentences_every_line_starts_sentence():
    doc = _run("Prisoners freed\nRussia handed over 90\nUkraine got them back")
    assert _starts(doc) == ["Prisoners", "Russia", "Ukraine"]


def test_sentences_indented_line_starts_at_its_word():
    doc = _run("Prisoners freed\n   Russia handed over 90")
    assert _starts(doc) == ["Prisoners", "Russia"]


def test_sentences_blank_line_starts_nothing():
    doc = _run("Prisoners freed\n\nRussia handed over 90")
    assert _starts(doc) == ["Prisoners", "Russia"]


def test_sentences_word_after_dateline_starts_sentence():
    doc = _run("KYIV, July 17 (Agency) - Ukraine said 95 soldiers came home.")
    assert _starts(doc) == ["KYIV", "Ukraine"]


def test_sentences_word_after_slash_agency_starts_sentence():
    doc = _run("MOSCOW, Dec 29. /TASS/. Russia has returned 150 servicemen.")
    assert _starts(doc)[-1] == "Russia"


def test_sentences_datelines_recorded_on_doc():
    text = "Soldiers home\nYEREVAN (RFE/RL) — Armenia freed four men."
    doc = _run(text)
    assert doc._.datelines == [(text.index("YEREVAN"), text.index("Armenia"))]


def test_sentences_no_dateline_records_empty_list():
    assert _run("Russia freed 90 soldiers.")._.datelines == []


def test_sentences_inside_a_line_left_unset():
    doc = _run("Russia freed 90 soldiers. Ukraine freed 90.")
    (ukraine,) = [t for t in doc if t.text == "Ukraine"]
    assert ukraine.is_sent_start is None


def test_sentences_sents_follow_line_starts():
    doc = _run("Prisoners freed\nRussia handed over 90")
    assert [s.text.strip() for s in doc.sents] == ["Prisoners freed", "Russia handed over 90"]


def test_sentences_empty_text():
    doc = _run("")
    assert (len(doc), doc._.datelines) == (0, [])
