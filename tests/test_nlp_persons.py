"""kg_persons: the model's NER, run only on the sentences where someone speaks."""

import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
SWAP = "Russia and Ukraine swapped 84 soldiers on Friday."


def _doc(extractor, text):  # noqa: F811
    return extractor.nlp(extractor._doc(article(text)))


def test_persons_found_in_a_speech_sentence(extractor):  # noqa: F811
    doc = _doc(extractor, f"{SWAP} “They are home,” said Margaret Okonkwo, a Red Cross nurse.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Margaret Okonkwo", "PERSON")]
    assert doc.ents[0].sent.text.startswith("“They are home,”")


def test_persons_not_looked_for_inside_the_quotation(extractor):  # noqa: F811
    text = f"{SWAP} “Margaret Okonkwo met them at the border,” said Yusuf Demir, a driver."
    assert [e.text for e in _doc(extractor, text).ents] == ["Yusuf Demir"]


def test_persons_not_looked_for_where_nobody_speaks(extractor):  # noqa: F811
    doc = _doc(extractor, f"{SWAP} Margaret Okonkwo met the soldiers at the border.")
    assert doc.ents == ()


def test_persons_unknown_to_the_gazetteer_become_speakers(extractor):  # noqa: F811
    facts = extractor.extract(
        article(f"{SWAP} “They are home,” said Margaret Okonkwo, a Red Cross nurse.")
    )
    assert [s.speaker for s in facts.statements] == [
        "https://w3id.org/powkg/id/person/margaret-okonkwo"
    ]


def test_persons_component_borrows_the_disabled_ner(extractor):  # noqa: F811
    nlp = extractor.nlp
    assert "ner" in nlp.disabled and "kg_persons" in nlp.pipe_names


def test_persons_channel_and_pronoun_are_no_name(extractor):  # noqa: F811
    text = (
        "Sweden and Iran swapped prisoners on Saturday. “Two families can breathe again,” "
        "Ulf Kristersson said in a video he posted on X. He added that it was over."
    )
    speakers = {s.speaker.rsplit("/", 1)[-1] for s in extractor.extract(article(text)).statements}
    assert speakers == {"ulf-kristersson"}
