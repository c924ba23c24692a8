"""kg.nlp.lexicon: the word lists as checked, typed data."""

import copy
import json

import pytest

from kg.nlp import lexicon
from kg.nlp.lexicon import Lexicon, LexiconError


@pytest.fixture
def data():
    """The shipped lexicon's JSON, decoded afresh for each test to mutate."""
    with open(lexicon.PATH, encoding="utf-8") as handle:
        return json.load(handle)


def test_lexicon_load_reads_shipped_file():
    assert isinstance(lexicon.load(), Lexicon)


def test_lexicon_load_is_cached():
    assert lexicon.load() is lexicon.load()


def test_lexicon_load_reads_given_path(tmp_path, data):
    data["modality"]["modals"] = ["shall"]
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert lexicon.load(str(path)).modality.modals == frozenset({"shall"})


def test_lexicon_load_rejects_bad_file(tmp_path, data):
    data["speech"]["gossip"] = ["rumour"]
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"unknown key speech\.gossip"):
        lexicon.load(str(path))


def test_lexicon_parse_word_list_is_frozenset(data):
    data["modality"]["modals"] = ["will", "would"]
    assert lexicon.parse(data).modality.modals == frozenset({"will", "would"})


def test_lexicon_parse_lowercases_words(data):
    data["modality"]["modals"] = ["Will", "WOULD"]
    assert lexicon.parse(data).modality.modals == frozenset({"will", "would"})


def test_lexicon_parse_tuple_keeps_order_without_repeats(data):
    data["triggers"]["give"]["verbs"] = ["hand over", "release", "hand over"]
    assert lexicon.parse(data).triggers.give.verbs == ("hand over", "release")


def test_lexicon_parse_mapping_keys_lowercased(data):
    data["roles"]["prepositions"] = {"In Exchange For": "counter"}
    assert lexicon.parse(data).roles.prepositions == {"in exchange for": "counter"}


def test_lexicon_parse_ignores_top_level_comment(data):
    data["_note"] = "anything at all"
    assert lexicon.parse(data) == lexicon.parse({k: v for k, v in data.items() if k != "_note"})


def test_lexicon_parse_ignores_section_comment(data):
    data["modality"]["_comment"] = ["not", "a", "field"]
    assert isinstance(lexicon.parse(data), Lexicon)


def test_lexicon_parse_ignores_comment_in_mapping(data):
    data["roles"]["prepositions"] = {"_comment": "why", "to": "recipient"}
    assert lexicon.parse(data).roles.prepositions == {"to": "recipient"}


def test_lexicon_parse_unknown_top_level_key_raises(data):
    data["slang"] = {}
    with pytest.raises(LexiconError, match="unknown key slang"):
        lexicon.parse(data)


def test_lexicon_parse_unknown_nested_key_raises(data):
    data["triggers"]["give"]["adverbs"] = ["freely"]
    with pytest.raises(LexiconError, match=r"unknown key triggers\.give\.adverbs"):
        lexicon.parse(data)


def test_lexicon_parse_missing_key_raises(data):
    del data["modality"]["modals"]
    with pytest.raises(LexiconError, match=r"missing key modality\.modals"):
        lexicon.parse(data)


def test_lexicon_parse_string_for_word_list_raises(data):
    data["modality"]["modals"] = "will"
    with pytest.raises(LexiconError, match=r"modality\.modals must be a list of words"):
        lexicon.parse(data)


def test_lexicon_parse_non_string_in_word_list_raises(data):
    data["modality"]["modals"] = ["will", 7]
    with pytest.raises(LexiconError, match=r"modality\.modals must be a list of words"):
        lexicon.parse(data)


def test_lexicon_parse_list_for_mapping_raises(data):
    data["roles"]["prepositions"] = ["to", "from"]
    with pytest.raises(LexiconError, match=r"roles\.prepositions must be an object"):
        lexicon.parse(data)


def test_lexicon_parse_wrong_value_in_mapping_raises(data):
    data["numbers"]["words"] = {"one": "1"}
    with pytest.raises(LexiconError, match=r"numbers\.words\.one must be int"):
        lexicon.parse(data)


def test_lexicon_parse_bool_for_int_raises(data):
    data["numbers"]["words"] = {"one": True}
    with pytest.raises(LexiconError, match=r"numbers\.words\.one must be int"):
        lexicon.parse(data)


def test_lexicon_parse_string_for_bool_raises(data):
    data["modality"]["generic_plurals"] = "yes"
    with pytest.raises(LexiconError, match=r"modality\.generic_plurals must be bool"):
        lexicon.parse(data)


def test_lexicon_parse_list_for_section_raises(data):
    data["stages"] = ["stage", "phase"]
    with pytest.raises(LexiconError, match="stages must be an object"):
        lexicon.parse(data)


def test_lexicon_parse_non_object_file_raises():
    with pytest.raises(LexiconError, match="the file must be an object"):
        lexicon.parse(["not", "a", "lexicon"])


def test_lexicon_error_is_kg_error():
    from kg.errors import KGError

    assert issubclass(LexiconError, KGError)


def test_lexicon_parse_leaves_input_untouched(data):
    before = copy.deepcopy(data)
    lexicon.parse(data)
    assert data == before


def test_lexicon_triggers_by_frame_covers_every_frame(data):
    frames = lexicon.parse(data).triggers.by_frame()
    assert tuple(frames) == lexicon.FRAMES
    assert "hand over" in frames["give"].verbs
