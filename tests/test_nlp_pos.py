import pytest
import spacy

from kg.namespaces import default_model
from tests.nlp_fixtures import extractor  # noqa: F401

pytestmark = pytest.mark.slow
TEXT = (
    "Russia and Ukraine were said to have swapped 90 soldiers each on Friday; nobody "
    "knew whether it was over, and the men who had been held there are home now."
)


def test_pos_table_gives_the_model_ruler_s_parts_of_speech(extractor):  # noqa: F811
    stock = spacy.load(default_model(), exclude=["parser", "lemmatizer", "senter", "ner"])
    expected = [(t.text, t.pos_) for t in stock(TEXT)]
    ours = extractor.nlp.make_doc(TEXT)
    for name in ("tok2vec", "tagger", "kg_pos"):
        ours = extractor.nlp.get_pipe(name)(ours)
    assert [(t.text, t.pos_) for t in ours] == expected


def test_pos_replaces_the_attribute_ruler(extractor):  # noqa: F811
    assert "attribute_ruler" not in extractor.nlp.pipe_names
    assert extractor.nlp.pipe_names.index("kg_pos") == extractor.nlp.pipe_names.index("tagger") + 1
