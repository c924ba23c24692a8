"""kg.nlp.triggers: event words found through a hand-made parse."""

import pytest

from kg.nlp import lexicon
from kg.nlp.triggers import Trigger, TriggerMatcher, patterns
from tests.nlp_docs import VOCAB, parsed, word


@pytest.fixture(scope="module")
def matcher():
    return TriggerMatcher(VOCAB, lexicon.load())


def test_triggers_particle_after_object_matches_multiword_verb(matcher):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj 1
        handed  hand  VERB  VBD ROOT  1
        the     -     DET   DT  det   3
        bodies  body  NOUN  NNS dobj  1
        over    -     ADP   RP  prt   1
    """)
    assert matcher(doc) == {1: Trigger(1, "give", "verb", ("hand", "over"))}


def test_triggers_particle_before_object_matches_multiword_verb(matcher):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj 1
        handed  hand  VERB  VBD ROOT  1
        over    -     ADP   RP  prt   1
        the     -     DET   DT  det   4
        bodies  body  NOUN  NNS dobj  1
    """)
    assert matcher(doc)[1].words == 2


def test_triggers_bare_verb_without_particle(matcher):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj 1
        handed  hand  VERB  VBD ROOT  1
        them    they  PRON  PRP dobj  1
        letters letter NOUN NNS dobj  1
    """)
    assert matcher(doc) == {1: Trigger(1, "give", "verb", ("hand",))}


def test_triggers_longer_entry_wins_across_frames(matcher):
    doc = parsed("""
        They      they    PRON PRP nsubj  1
        returned  return  VERB VBD ROOT   1
        home      -       ADV  RB  advmod 1
    """)
    assert matcher(doc) == {1: Trigger(1, "arrive", "verb", ("return", "home"))}


def test_triggers_noun(matcher):
    doc = parsed("""
        the    -     DET  DT  det   1
        swap   -     NOUN NN  nsubj 2
        took   take  VERB VBD ROOT  2
        place  -     NOUN NN  dobj  2
    """)
    assert matcher(doc) == {1: Trigger(1, "swap", "noun", ("swap",))}


def test_triggers_noun_reading_of_verb_word(matcher):
    doc = parsed("""
        the      -       DET  DT  det  1
        release  -       NOUN NN  ROOT 1
        of       -       ADP  IN  prep 1
        20       -       NUM  CD  pobj 2
    """)
    assert matcher(doc) == {1: Trigger(1, "give", "noun", ("release",))}


def test_triggers_participle_adjective_modifier(matcher):
    doc = parsed("""
        the       -        DET  DT  det  2
        freed     -        ADJ  JJ  amod 2
        soldiers  soldier  NOUN NNS ROOT 2
    """)
    assert matcher(doc) == {1: Trigger(1, "give", "participle", ("freed",))}


def test_triggers_participle_verb_modifier_is_participle_not_verb(matcher):
    doc = parsed("""
        the       -        DET  DT  det  2
        freed     free     VERB VBN amod 2
        soldiers  soldier  NOUN NNS ROOT 2
    """)
    assert matcher(doc) == {1: Trigger(1, "give", "participle", ("freed",))}


def test_triggers_participle_needs_modifier_dependency(matcher):
    doc = parsed("""
        the       -        DET  DT  det   1
        soldiers  soldier  NOUN NNS nsubj 2
        were      be       AUX  VBD ROOT  2
        freed     -        ADJ  JJ  acomp 2
    """)
    assert matcher(doc) == {}


def test_triggers_other_words_match_nothing(matcher):
    doc = parsed("""
        Ukraine  -    PROPN NNP nsubj 1
        said     say  VERB  VBD ROOT  1
        nothing  -    PRON  NN  dobj  1
    """)
    assert matcher(doc) == {}


def test_triggers_one_per_token(matcher):
    doc = parsed("""
        Russia    -         PROPN NNP nsubj 1
        released  release   VERB  VBD ROOT  1
        and       -         CCONJ CC  cc    1
        exchanged exchange  VERB  VBD conj  1
        them      they      PRON  PRP dobj  3
    """)
    found = matcher(doc)
    assert (found[1].frame, found[3].frame) == ("give", "swap")


def test_triggers_trigger_token_is_the_head_word(matcher):
    doc = parsed("""
        They  they  PRON PRP nsubj 1
        set   -     VERB VBD ROOT  1
        them  they  PRON PRP dobj  1
        free  -     ADJ  JJ  oprd  1
    """)
    assert matcher(doc) == {word(doc, "set").i: Trigger(1, "give", "verb", ("set", "free"))}


def test_patterns_label_carries_frame_kind_and_entry():
    labels = {label for label, _ in patterns(lexicon.load())}
    assert {
        "give|verb|hand+over",
        "swap|noun|swap",
        "give|participle|freed",
        "arrive|verb|return+home",
    } <= labels


def test_patterns_multiword_verb_needs_particle_as_dependent():
    hand_over = [
        {"RIGHT_ID": "w0", "RIGHT_ATTRS": {"LEMMA": "hand", "POS": {"IN": ["VERB", "AUX"]}}},
        {"LEFT_ID": "w0", "REL_OP": ">", "RIGHT_ID": "w1", "RIGHT_ATTRS": {"LOWER": "over"}},
    ]
    assert ("give|verb|hand+over", hand_over) in patterns(lexicon.load())
